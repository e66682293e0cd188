import type { Db } from "@/lib/server/db/client";

/**
 * A fingerprint of every stored row, to show that a refused request or import changed
 * nothing: md5 of each table's rows (as text, sorted), all tables in one query.
 * `_prisma_migrations` is the schema, `audit_event` gains a row on refusals by design, and
 * `web_rate_limit` counts every attempt (refused ones too) on PostgreSQL.
 */
export const UNCHECKED_TABLES: readonly string[] = ["_prisma_migrations", "audit_event", "web_rate_limit"];

export type StoreChecksum = Record<string, string>;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function storeTables(db: Db): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  return rows.map((r) => r.name).filter((name) => !UNCHECKED_TABLES.includes(name));
}

/** One query: per table, its row count and the md5 of its sorted rows. */
export function checksummer(db: Db, tables: readonly string[]): () => Promise<StoreChecksum> {
  const sql = `SELECT ${tables
    .map((t, i) => `(SELECT count(*)::text || ':' || coalesce(md5(string_agg(r::text, ',' ORDER BY r::text)), '-') FROM ${quote(t)} r) AS c${i}`)
    .join(", ")}`;
  return async () => {
    const [row] = await db.$queryRawUnsafe<Record<string, string>[]>(sql);
    return Object.fromEntries(tables.map((t, i) => [t, row![`c${i}`]!]));
  };
}

/** Tables whose fingerprint differs (empty when nothing changed). */
export function changedTables(before: StoreChecksum, after: StoreChecksum): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}
