import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { applyMigrations } from "@/lib/server/db/migrate";
import { resolveDatabaseConfig } from "@/lib/server/db/config";
import { closePglite } from "@/lib/server/db/adapter";
import { disconnectDb } from "@/lib/server/db/client";

// Runs before every `*.db.test.ts` file: points the data layer at a database of its own
// (in-memory PGlite, or a new database on the Postgres server), migrated with the real
// migrations, and removes it afterwards.

const target = process.env.ROOTLINE_TEST_DB;
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
let databaseName: string | undefined;

if (target === "postgres") {
  databaseName = `rootline_t_${process.pid}_${randomBytes(4).toString("hex")}`;
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  process.env.DATABASE_URL = url.toString();
} else {
  delete process.env.DATABASE_URL;
  process.env.ROOTLINE_DATA_DIR = "memory://";
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot reach PostgreSQL at ${adminUrl} for the "postgres" test project (${(error as Error).message}). ` +
        `Start it (see README) or set TEST_DATABASE_URL.`,
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (databaseName) await admin((c) => c.query(`CREATE DATABASE "${databaseName}"`));
  await applyMigrations(resolveDatabaseConfig());
});

afterAll(async () => {
  await disconnectDb();
  const config = resolveDatabaseConfig();
  if (config.kind === "pglite") await closePglite(config.dataDir);
  if (databaseName) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
});
