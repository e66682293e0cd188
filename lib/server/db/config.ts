import path from "node:path";

export type DatabaseConfig =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir: string };

/** Default embedded data folder, relative to the project root (git-ignored). */
export const DEFAULT_PGLITE_DIR = ".data/pglite";

/**
 * Where the lineage store lives: the Postgres server named by DATABASE_URL, otherwise an
 * embedded PGlite database in ROOTLINE_DATA_DIR (default `.data/pglite`); `memory://`
 * keeps it in memory (tests).
 */
export function resolveDatabaseConfig(env: Readonly<Record<string, string | undefined>> = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL (got "${url.slice(0, 40)}")`);
    }
    return { kind: "postgres", url };
  }
  const dir = env.ROOTLINE_DATA_DIR?.trim() || DEFAULT_PGLITE_DIR;
  return { kind: "pglite", dataDir: dir === "memory://" ? dir : path.resolve(dir) };
}

export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === "pglite") return `embedded PGlite (${config.dataDir})`;
  const u = new URL(config.url);
  return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
}
