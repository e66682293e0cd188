import "server-only";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

/**
 * A count of the writes this process has made through its Prisma client, bumped when a
 * statement that changes data runs and again when a transaction commits (so a reader that
 * started inside the window sees the change at commit). Caches keyed on the store's contents
 * use it to know, without scanning the tables, that nothing changed since they were filled.
 * Writes from other processes are not seen here; callers bound how long they trust it.
 */
const state = globalThis as unknown as { __rootlineWrites?: { n: number } };
const counter = () => (state.__rootlineWrites ??= { n: 0 });

export function writeGeneration(): number {
  return counter().n;
}

export function noteWrite(): void {
  counter().n += 1;
}

/** Whether a statement can change rows (a SELECT cannot; a WITH may wrap an INSERT). */
export function changesData(sql: string): boolean {
  const head = sql.trimStart().slice(0, 6).toUpperCase();
  if (head === "SELECT" || head.startsWith("SHOW") || head.startsWith("EXPLAI")) return false;
  if (head.startsWith("WITH")) return /\b(?:INSERT|UPDATE|DELETE|MERGE)\b/i.test(sql);
  return true;
}

function watchQueryable<Q extends Pick<SqlDriverAdapter, "queryRaw" | "executeRaw">>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  const executeRaw = queryable.executeRaw.bind(queryable);
  queryable.queryRaw = async (query: SqlQuery) => {
    if (changesData(query.sql)) noteWrite();
    return queryRaw(query);
  };
  queryable.executeRaw = async (query: SqlQuery) => {
    if (changesData(query.sql)) noteWrite();
    return executeRaw(query);
  };
  return queryable;
}

function watchTransaction(tx: Transaction): Transaction {
  watchQueryable(tx);
  const commit = tx.commit.bind(tx);
  tx.commit = async () => {
    await commit();
    noteWrite();
  };
  return tx;
}

/** The factory, with every connection it opens counting the writes made through it. */
export function watchWrites<F extends SqlDriverAdapterFactory>(factory: F): F {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = watchQueryable(await connect());
    const executeScript = adapter.executeScript.bind(adapter);
    adapter.executeScript = async (script: string) => {
      noteWrite();
      await executeScript(script);
    };
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args: Parameters<SqlDriverAdapter["startTransaction"]>) => watchTransaction(await startTransaction(...args));
    return adapter;
  };
  return factory;
}
