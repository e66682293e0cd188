import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { closePglite } from "@/lib/server/db/adapter";
import { createPrismaClient, type Db } from "@/lib/server/db/client";
import { resolveDatabaseConfig, type DatabaseConfig } from "@/lib/server/db/config";
import { applyMigrations } from "@/lib/server/db/migrate";

/**
 * A second, migrated, empty store beside the test file's own (db-setup.ts), of the same
 * kind: a new database on the same PostgreSQL server, or a PGlite database in a temporary
 * folder. `drop()` disconnects and removes it.
 */
export async function openSecondStore(): Promise<{ db: Db; config: DatabaseConfig; drop: () => Promise<void> }> {
  const main = resolveDatabaseConfig();
  if (main.kind === "postgres") {
    const url = new URL(main.url);
    const name = `${url.pathname.slice(1)}_b`;
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: main.url });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await admin(`CREATE DATABASE "${name}"`);
    url.pathname = `/${name}`;
    const config: DatabaseConfig = { kind: "postgres", url: url.toString() };
    await applyMigrations(config);
    const db = createPrismaClient(config);
    return {
      db,
      config,
      drop: async () => {
        await db.$disconnect();
        await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      },
    };
  }
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "rootline-second-store-"));
  const config: DatabaseConfig = { kind: "pglite", dataDir };
  await applyMigrations(config);
  const db = createPrismaClient(config);
  return {
    db,
    config,
    drop: async () => {
      await db.$disconnect();
      await closePglite(dataDir);
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
