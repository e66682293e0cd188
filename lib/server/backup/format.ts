import "server-only";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";

/**
 * The whole-store backup file (`npm run lineage -- export --format json FILE`): one JSON
 * document, written one row per line so that both ends stream it:
 *
 *   {"format":"rootline-backup","version":1,"createdAt":…,"migrations":[…],"omitted":{…},"tables":[
 *   {"name":"dataset","columns":[{"name":"id","type":"integer"},…],"rows":[
 *   ["1","meta-math/MetaMathQA",…]
 *   ,["2",…]
 *   ],"rowCount":2}
 *   ,{"name":"edge",…,"rows":[
 *   ],"rowCount":0}
 *   ]}
 *
 * Every value is PostgreSQL's own text form of the column (`col::text`) or null, and the
 * column's type is recorded, so timestamps, json, arrays, enums, floats and bigints come
 * back exactly by casting the text to the type again.
 */
export const BACKUP_FORMAT = "rootline-backup";
export const BACKUP_VERSION = 1;

/**
 * Secrets never leave the store. Whole tables not backed up (sessions are short-lived and
 * are bearer credentials), and columns left out of the rows of a table (password hashes,
 * OAuth tokens); they come back as NULL on import. Names that a store does not have are
 * ignored.
 */
export const SECRET_TABLES: readonly string[] = ["session", "verification"];
export const SECRET_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  account: ["password", "access_token", "refresh_token", "id_token"],
};

/** Tables the backup never holds: Prisma's migration log is the store's schema, not its data. */
export const SYSTEM_TABLES: readonly string[] = ["_prisma_migrations"];

export function isSecretColumn(table: string, column: string): boolean {
  return SECRET_COLUMNS[table]?.includes(column) ?? false;
}

export type BackupColumn = { name: string; type: string };

export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** Names of the migrations applied to the store it came from, sorted. */
  migrations: string[];
  /** What the secret policy left out of this file (tables, and columns per table). */
  omitted: { tables: string[]; columns: Record<string, string[]> };
};

export type BackupTableReport = { name: string; rows: number };

export type BackupReport = {
  file: string;
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  migrations: string[];
  omitted: BackupHeader["omitted"];
  tables: BackupTableReport[];
  rows: number;
  ms: number;
};

export type ImportBackupReport = BackupReport & {
  /** The store held rows that --replace removed first. */
  replaced: boolean;
  /** Secret columns that came back as NULL, per table. */
  nulled: Record<string, string[]>;
  /** Sequences set to their column's max after the load. */
  sequencesReset: number;
};

/** The raw SQL this module needs; a Prisma client or an interactive transaction. */
export type Sql = Pick<PrismaClient, "$queryRawUnsafe" | "$executeRawUnsafe">;

/** A double-quoted SQL identifier (names come from the catalog, but quote them all the same). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Session settings that make text forms unambiguous and exact on export and on import. */
export const TEXT_SETTINGS = [
  "SET LOCAL DateStyle = 'ISO, YMD'",
  "SET LOCAL IntervalStyle = 'postgres'",
  "SET LOCAL extra_float_digits = 3",
  "SET LOCAL bytea_output = 'hex'",
];
