import "server-only";
import path from "node:path";
import { AppError, isAppError } from "@/lib/errors";
import { getDb, type Db } from "@/lib/server/db/client";
import { appliedMigrations, readCatalog, type ColumnInfo, type TableInfo } from "./catalog";
import { SECRET_TABLES, TEXT_SETTINGS, ident, isSecretColumn, type BackupTableReport, type ImportBackupReport, type Sql } from "./format";
import { rowBatches, scanBackup, type ScannedBackup, type ScannedTable } from "./reader";

/** Rows per INSERT, and the most text one INSERT carries. */
const BATCH_ROWS = 5000;
const BATCH_CHARS = 8 << 20;
const TRANSACTION_MS = 60 * 60_000;

type TablePlan = { table: TableInfo; scanned: ScannedTable; columns: ColumnInfo[]; nulled: ColumnInfo[] };

function badFile(file: string, line: number | undefined, message: string): AppError {
  return new AppError("bad_request:import", line ? `${file}:${line}: ${message}` : `${file}: ${message}`, { file, line });
}

/** The store's migrations must be the backup's, or its tables and columns would not match. */
function checkMigrations(file: string, backup: string[], store: string[]): void {
  const onlyBackup = backup.filter((m) => !store.includes(m));
  const onlyStore = store.filter((m) => !backup.includes(m));
  if (!onlyBackup.length && !onlyStore.length) return;
  const parts = [
    onlyBackup.length ? `applied in the backup's store but not in this one: ${onlyBackup.join(", ")}` : "",
    onlyStore.length ? `applied in this store but not in the backup's: ${onlyStore.join(", ")}` : "",
  ].filter(Boolean);
  throw new AppError(
    "conflict:migrations",
    `${file} comes from a store with other migrations (${parts.join("; ")}). Restore it with the Rootline version that made it, into a store migrated to the same point.`,
    { file, onlyBackup, onlyStore },
  );
}

/**
 * Match the file's tables and columns with the store's, in the store's foreign-key order.
 * Every table of the store but the secret ones must be in the file with every column but
 * generated and secret ones; secret columns come back as NULL.
 */
function plan(file: string, backup: ScannedBackup, catalog: TableInfo[]): TablePlan[] {
  const byName = new Map(catalog.map((t) => [t.name, t]));
  for (const scanned of backup.tables) {
    if (!byName.has(scanned.name)) throw badFile(file, scanned.line, `table ${scanned.name} is not in this store.`);
  }
  const plans: TablePlan[] = [];
  for (const table of catalog) {
    const scanned = backup.tables.find((t) => t.name === table.name);
    if (!scanned) {
      if (SECRET_TABLES.includes(table.name)) continue;
      throw badFile(file, undefined, `the backup has no table ${table.name}, which this store has.`);
    }
    const columns = new Map(table.columns.map((c) => [c.name, c]));
    for (const column of scanned.columns) {
      const mine = columns.get(column.name);
      if (!mine) throw badFile(file, scanned.line, `column ${scanned.name}.${column.name} is not in this store.`);
      if (mine.generated) throw badFile(file, scanned.line, `column ${scanned.name}.${column.name} is computed by the database and cannot be restored.`);
      if (mine.type !== column.type) throw badFile(file, scanned.line, `column ${scanned.name}.${column.name} is ${column.type} in the backup but ${mine.type} in this store.`);
    }
    const inFile = new Set(scanned.columns.map((c) => c.name));
    const missing = table.columns.filter((c) => !c.generated && !inFile.has(c.name));
    const lacking = missing.filter((c) => !isSecretColumn(table.name, c.name));
    if (lacking.length) throw badFile(file, scanned.line, `table ${table.name} lacks column${lacking.length === 1 ? "" : "s"} ${lacking.map((c) => c.name).join(", ")}.`);
    const required = missing.filter((c) => c.notNull);
    if (required.length && scanned.rowCount) {
      throw badFile(
        file,
        scanned.line,
        `secret column${required.length === 1 ? "" : "s"} ${required.map((c) => `${table.name}.${c.name}`).join(", ")} ${required.length === 1 ? "is" : "are"} never backed up, but this store requires a value (NOT NULL); its ${scanned.rowCount} rows cannot come back.`,
      );
    }
    plans.push({ table, scanned, columns: scanned.columns.map((c) => columns.get(c.name)!), nulled: missing });
  }
  return plans;
}

/** The database's own words from a failed statement, without Prisma's wrapping. */
function databaseMessage(error: unknown): string {
  const text = (error as Error).message ?? String(error);
  const quoted = /Message: `([\s\S]*?)`\s*$/.exec(text);
  return (quoted?.[1] ?? text.trim().split("\n").filter(Boolean).at(-1) ?? text).trim();
}

async function insertTable(tx: Sql, file: string, plan: TablePlan, batchRows: number): Promise<number> {
  const names = [...plan.columns, ...plan.nulled].map((c) => ident(c.name)).join(", ");
  const values = [...plan.columns.map((c, i) => `(r->>${i})::${c.type}`), ...plan.nulled.map((c) => `NULL::${c.type}`)].join(", ");
  const sql = `INSERT INTO ${ident(plan.table.name)} (${names}) OVERRIDING SYSTEM VALUE SELECT ${values} FROM json_array_elements($1::json) AS r`;
  let inserted = 0;
  for await (const batch of rowBatches({ file, table: plan.scanned, maxRows: batchRows, maxChars: BATCH_CHARS })) {
    try {
      inserted += await tx.$executeRawUnsafe(sql, batch.json);
    } catch (error) {
      throw new AppError(
        "bad_request:import",
        `${file}: restoring table ${plan.table.name} failed on a row of lines ${batch.firstLine}–${batch.lastLine}: ${databaseMessage(error)}. Nothing was imported; the store is as it was.`,
        { file, table: plan.table.name, lines: [batch.firstLine, batch.lastLine] },
      );
    }
  }
  return inserted;
}

/** Every serial / identity sequence of the restored tables continues after the largest value. */
async function resetSequences(tx: Sql, plans: TablePlan[]): Promise<number> {
  let reset = 0;
  for (const { table } of plans) {
    for (const column of table.columns.filter((c) => c.sequence)) {
      const max = `(SELECT max(${ident(column.name)})::bigint FROM ${ident(table.name)})`;
      await tx.$queryRawUnsafe(
        `SELECT setval($1::regclass, coalesce(${max}, (SELECT seqstart FROM pg_sequence WHERE seqrelid = $1::regclass)), ${max} IS NOT NULL)::text AS v`,
        column.sequence,
      );
      reset += 1;
    }
  }
  return reset;
}

/**
 * Restore a backup written by exportBackup into a store migrated to the same point. Refused
 * (and the store untouched) when the file is not a backup, is damaged, or does not fit the
 * store, and when the store holds rows, unless `replace` (then its tables are emptied
 * first). One transaction: if any row fails, nothing is restored.
 */
export async function importBackup({
  file,
  replace = false,
  db = getDb(),
  batchRows = BATCH_ROWS,
}: {
  file: string;
  replace?: boolean;
  db?: Db;
  /** Rows per INSERT (tests make it small to cross batch boundaries). */
  batchRows?: number;
}): Promise<ImportBackupReport> {
  const started = Date.now();
  const source = path.resolve(file);
  const backup = await scanBackup({ file: source });
  checkMigrations(source, backup.header.migrations, await appliedMigrations({ db }));
  const plans = plan(source, backup, await readCatalog({ db }));

  const result = await db.$transaction(
    async (tx) => {
      for (const setting of TEXT_SETTINGS) await tx.$executeRawUnsafe(setting);
      const tables = plans.map((p) => p.table.name);
      const holding = await tx.$queryRawUnsafe<Record<string, boolean>[]>(
        `SELECT ${tables.map((t, i) => `EXISTS (SELECT 1 FROM ${ident(t)}) AS e${i}`).join(", ") || "false AS e0"}`,
      );
      const nonEmpty = tables.filter((_, i) => holding[0]![`e${i}`]);
      if (nonEmpty.length && !replace) {
        throw new AppError(
          "conflict:not_empty",
          `This store is not empty (${nonEmpty.join(", ")} hold rows). Restore into an empty store, or add --replace to empty it first.`,
          { tables: nonEmpty },
        );
      }
      // CASCADE: rows of tables outside the backup that refer to these (sessions) go too.
      if (nonEmpty.length) await tx.$executeRawUnsafe(`TRUNCATE ${tables.map(ident).join(", ")} CASCADE`);
      const counts: BackupTableReport[] = [];
      for (const p of plans) {
        const rows = await insertTable(tx, source, p, batchRows);
        if (rows !== p.scanned.rowCount) throw badFile(source, p.scanned.line, `table ${p.table.name}: ${rows} rows restored of ${p.scanned.rowCount}.`);
        counts.push({ name: p.table.name, rows });
      }
      return { counts, replaced: nonEmpty.length > 0, sequencesReset: await resetSequences(tx, plans) };
    },
    { timeout: TRANSACTION_MS, maxWait: 60_000 },
  ).catch((error: unknown) => {
    if (isAppError(error)) throw error;
    throw new AppError("internal", `Restoring ${source} failed: ${databaseMessage(error)}. Nothing was imported; the store is as it was.`);
  });

  const nulled = Object.fromEntries(plans.filter((p) => p.nulled.length).map((p) => [p.table.name, p.nulled.map((c) => c.name)]));
  return {
    file: source,
    ...backup.header,
    tables: result.counts,
    rows: result.counts.reduce((sum, t) => sum + t.rows, 0),
    ms: Date.now() - started,
    replaced: result.replaced,
    nulled,
    sequencesReset: result.sequencesReset,
  };
}
