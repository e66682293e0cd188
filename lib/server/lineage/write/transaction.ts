import "server-only";
import { AppError } from "@/lib/errors";
import { displayNameFor, normalizeKey, parseKey, type KeyScheme } from "@/lib/keys";
import { getDb } from "@/lib/server/db/client";
import { Prisma } from "@/lib/server/generated/prisma/client";

/**
 * The transaction every writer runs in, and the lock and key checks all of them share.
 * All writers serialise on one advisory lock: the cycle check reads the whole edge set, and
 * two concurrent batches could otherwise each close half of a cycle.
 */

export type Tx = Prisma.TransactionClient;

/** Interactive transaction with limits that suit a batch of thousands of rows on PGlite. */
export function writeTransaction<T>(fn: (tx: Tx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  return getDb().$transaction(fn, { timeout: options.timeoutMs ?? 10 * 60_000, maxWait: 60_000 });
}

const GRAPH_WRITE_LOCK = 0x526f6f74; // "Root"

/** Transactions that hold the lock: it is held to their end, so asking again would be a wasted round trip. */
const locked = new WeakSet<Tx>();

export async function lockGraph(tx: Tx): Promise<void> {
  if (locked.has(tx)) return;
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${GRAPH_WRITE_LOCK}::bigint)::text AS locked`;
  locked.add(tx);
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function checkedKey(key: string): { key: string; keyNorm: string; scheme: KeyScheme; defaultName: string } {
  const parsed = typeof key === "string" ? parseKey(key) : null;
  if (!parsed) throw new AppError("bad_request:key", `Not a valid node key: ${JSON.stringify(key)}`);
  return { key, keyNorm: normalizeKey(key), scheme: parsed.scheme, defaultName: displayNameFor(parsed) };
}


/** Field equality for "did this write change anything": dates by time, arrays by items. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}
