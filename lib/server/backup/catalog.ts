import "server-only";
import { SYSTEM_TABLES, ident, type Sql } from "./format";

/** A column as the store has it. `type` is format_type(): what its text is cast back to. */
export type ColumnInfo = {
  name: string;
  type: string;
  notNull: boolean;
  /** GENERATED ALWAYS AS (…) STORED: computed by the database, never written. */
  generated: boolean;
  /** The serial / identity sequence behind it, if any. */
  sequence: string | null;
};

export type TableInfo = {
  name: string;
  /** In column order, generated columns included. */
  columns: ColumnInfo[];
  /** Primary key columns in key order (empty: no primary key). */
  primaryKey: string[];
  /** Other tables of the schema it has foreign keys to. */
  references: string[];
};

/** One catalog query whose rows come back as JSON text (no driver type mapping involved). */
async function json<T>(db: Sql, query: string): Promise<T[]> {
  const rows = await db.$queryRawUnsafe<{ j: string }[]>(`SELECT coalesce(json_agg(x), '[]')::text AS j FROM (${query}) x`);
  return JSON.parse(rows[0]!.j) as T[];
}

const IN_PUBLIC = `n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`;

/**
 * Every table of the `public` schema (but Prisma's migration log), in foreign-key order:
 * a table comes after the tables it references. Found in pg_catalog at run time, so tables
 * that later migrations add are included without a change here.
 */
export async function readCatalog({ db }: { db: Sql }): Promise<TableInfo[]> {
  const columns = await json<ColumnInfo & { table: string }>(
    db,
    `SELECT c.relname AS "table", a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS "notNull", a.attgenerated <> '' AS generated,
            pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) AS sequence
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE ${IN_PUBLIC} AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY c.relname, a.attnum`,
  );
  const keys = await json<{ table: string; columns: string[] }>(
    db,
    `SELECT c.relname AS "table", array_agg(a.attname::text ORDER BY k.ord) AS columns
     FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
     WHERE con.contype = 'p' AND ${IN_PUBLIC}
     GROUP BY c.relname`,
  );
  const foreign = await json<{ table: string; references: string }>(
    db,
    `SELECT DISTINCT c.relname AS "table", r.relname AS "references"
     FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_class r ON r.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = r.relnamespace
     WHERE con.contype = 'f' AND rn.nspname = 'public' AND ${IN_PUBLIC}`,
  );
  const tables = new Map<string, TableInfo>();
  for (const { table, ...column } of columns) {
    if (SYSTEM_TABLES.includes(table)) continue;
    const info = tables.get(table) ?? { name: table, columns: [], primaryKey: [], references: [] };
    info.columns.push(column);
    tables.set(table, info);
  }
  for (const key of keys) if (tables.has(key.table)) tables.get(key.table)!.primaryKey = key.columns;
  for (const fk of foreign) {
    const info = tables.get(fk.table);
    if (info && fk.references !== fk.table && tables.has(fk.references)) info.references.push(fk.references);
  }
  return dependencyOrder([...tables.values()]);
}

/**
 * Tables ordered so each follows the tables it references (Kahn's algorithm, ties by name,
 * so the order is the same on every store with the same schema). Self-references do not
 * order; tables on a reference cycle keep name order at the end.
 */
export function dependencyOrder<T extends { name: string; references: string[] }>(tables: T[]): T[] {
  const pending = new Map([...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: T[] = [];
  for (;;) {
    const ready = [...pending.values()].find((t) => t.references.every((r) => r === t.name || done.has(r) || !pending.has(r)));
    if (!ready) break;
    out.push(ready);
    done.add(ready.name);
    pending.delete(ready.name);
  }
  return [...out, ...pending.values()];
}

/** Names of the migrations applied to the store (finished, not rolled back), sorted. */
export async function appliedMigrations({ db }: { db: Sql }): Promise<string[]> {
  const exists = await db.$queryRawUnsafe<{ ok: boolean }[]>(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok`);
  if (!exists[0]?.ok) return [];
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT DISTINCT migration_name AS name FROM ${ident("_prisma_migrations")}
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY 1`,
  );
  return rows.map((r) => r.name).sort();
}
