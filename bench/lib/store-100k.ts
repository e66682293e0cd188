/**
 * A loaded synthetic lineage store for benches (`npm run lineage -- generate`'s graph), made
 * once and kept: a PostgreSQL database named after the spec
 * (postgres://…/rootline_bench_100k_300k_s1) or a PGlite folder under .bench-data/. The store
 * records its spec (app_meta `synthetic_store`); a later call with the same spec finds it
 * and returns at once, a different or missing one is (re)generated.
 *
 *   const store = await ensureGeneratedStore({ kind: "postgres", nodes: 100_000, edges: 300_000, seed: 1 });
 *   // store.url → DATABASE_URL; or spawn a server with { ...process.env, ...store.env }
 *
 * A PGlite store is closed again before this returns, so a child process may open it (one
 * process at a time). PostgreSQL: TEST_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test)
 * is the admin connection that creates the database.
 */
import path from "node:path";
import pg from "pg";
import { closePglite } from "@/lib/server/db/adapter";
import { createPrismaClient } from "@/lib/server/db/client";
import type { DatabaseConfig } from "@/lib/server/db/config";
import { acquireEmbeddedLock } from "@/lib/server/db/embedded-lock";
import { applyMigrations } from "@/lib/server/db/migrate";
import { loadGeneratedStore, readStoreMarker } from "@/lib/server/generate/load-store";
import { GENERATOR_VERSION, specLabel, specProblem, type StoreSpec } from "@/lib/synthetic/store-spec";

export type StoreKind = "postgres" | "pglite";

export type GeneratedStoreHandle = {
  kind: StoreKind;
  spec: StoreSpec;
  label: string;
  /** PostgreSQL: the database URL. */
  url?: string;
  /** PGlite: the data folder (absolute). */
  dataDir?: string;
  config: DatabaseConfig;
  /**
   * Environment for a process that should use this store (a server, a CLI). ROOTLINE_SKIP_SEED
   * keeps a starting server from loading the bundled seed on top of the synthetic graph.
   */
  env: Record<string, string>;
  /** Whether this call generated it (false: it was already there). */
  generated: boolean;
  /** Load time when generated. */
  loadMs?: number;
};

const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const BENCH_DATA_DIR = path.join(ROOT, ".bench-data");
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

/** 100000 → "100k", 3000000 → "3m", 1500 → "1500". */
function short(n: number): string {
  if (n % 1_000_000 === 0) return `${n / 1_000_000}m`;
  if (n % 1_000 === 0) return `${n / 1_000}k`;
  return String(n);
}

/**
 * The synthetic store the scale benches share: 100k nodes / 300k edges, seed 1, unless
 * ROOTLINE_BENCH_NODES (and ROOTLINE_BENCH_EDGES, else 3 × nodes) ask for another size.
 */
export function benchStoreSpec(env: Readonly<Record<string, string | undefined>> = process.env): StoreSpec {
  const nodes = Number(env.ROOTLINE_BENCH_NODES) || 100_000;
  return { nodes, edges: Number(env.ROOTLINE_BENCH_EDGES) || nodes * 3, seed: 1 };
}

export function storeName(spec: StoreSpec): string {
  return `${short(spec.nodes)}_${short(spec.edges)}_s${spec.seed}`;
}

export async function ensureGeneratedStore(options: { kind: StoreKind; log?: (message: string) => void } & StoreSpec): Promise<GeneratedStoreHandle> {
  const spec: StoreSpec = { nodes: options.nodes, edges: options.edges, seed: options.seed };
  const problem = specProblem(spec);
  if (problem) throw new Error(problem);
  const log = options.log ?? ((message: string) => console.error(`[store ${storeName(spec)}] ${message}`));
  return options.kind === "postgres" ? ensurePostgres(spec, log) : ensurePglite(spec, log);
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function ensurePostgres(spec: StoreSpec, log: (message: string) => void): Promise<GeneratedStoreHandle> {
  const name = `rootline_bench_${storeName(spec)}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const config: DatabaseConfig = { kind: "postgres", url: url.toString() };
  await withClient(ADMIN_URL, async (admin) => {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
      // Another bench created it in the meantime.
      if (error.code !== "42P04") throw error;
    });
  });
  // Two benches starting at once: the second waits for the first's load instead of redoing it.
  const result = await withClient(config.url, async (lock) => {
    await lock.query("SELECT pg_advisory_lock(hashtext($1))", [name]);
    try {
      return await ensureLoaded(config, spec, log);
    } finally {
      await lock.query("SELECT pg_advisory_unlock(hashtext($1))", [name]);
    }
  });
  return { kind: "postgres", spec, label: specLabel(spec), url: config.url, config, env: { DATABASE_URL: config.url, ROOTLINE_SKIP_SEED: "1" }, ...result };
}

async function ensurePglite(spec: StoreSpec, log: (message: string) => void): Promise<GeneratedStoreHandle> {
  const dataDir = path.join(BENCH_DATA_DIR, `pglite-${storeName(spec)}`);
  const config: DatabaseConfig = { kind: "pglite", dataDir };
  const release = acquireEmbeddedLock(dataDir);
  try {
    const result = await ensureLoaded(config, spec, log);
    return { kind: "pglite", spec, label: specLabel(spec), dataDir, config, env: { ROOTLINE_DATA_DIR: dataDir, DATABASE_URL: "", ROOTLINE_SKIP_SEED: "1" }, ...result };
  } finally {
    await closePglite(dataDir);
    release();
  }
}

async function ensureLoaded(config: DatabaseConfig, spec: StoreSpec, log: (message: string) => void): Promise<{ generated: boolean; loadMs?: number }> {
  await applyMigrations(config);
  const db = createPrismaClient(config);
  try {
    const marker = await readStoreMarker(db);
    const [row] = await db.$queryRawUnsafe<{ n: number }[]>("SELECT count(*)::int AS n FROM dataset");
    const same = marker && marker.generator === GENERATOR_VERSION && marker.nodes === spec.nodes && marker.edges === spec.edges && marker.seed === spec.seed;
    // A server seeded on top adds nodes; fewer than generated means someone deleted some.
    if (same && (row?.n ?? 0) >= spec.nodes) return { generated: false };
    log(marker ? `holds ${marker.label}, not ${specLabel(spec)}: generating` : "generating");
    const report = await loadGeneratedStore({ spec, replace: true, db, log });
    log(`loaded ${report.nodes} nodes and ${report.edges} edges in ${(report.loadMs / 1000).toFixed(1)} s`);
    return { generated: true, loadMs: report.loadMs };
  } finally {
    await db.$disconnect();
  }
}
