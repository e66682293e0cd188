/**
 * Read throughput of the HTTP API under load: autocannon on loopback against the production
 * server (`npm start`) on PostgreSQL, 200 connections for 20 s, on a mix of lineage, view and
 * dataset URLs. The store is the synthetic 100k-node graph (bench/lib/store-100k.ts) when that
 * module exists, otherwise the seeded graph (with a warning: the figures are then not the
 * issue's). Runs with the default number of web processes and, for comparison, with one.
 *
 *   npm run bench -- api
 *   ROOTLINE_BENCH_NODES=1000000 npm run bench -- api     the same on the 1M / 3M store (made once, ~6 min)
 *
 * Figures (median over REPEATS runs, with min and max): api_p50_ms_200_clients,
 * api_p99_ms_200_clients, api_rps_200_clients, api_non2xx_200_clients, api_errors_200_clients;
 * api_completed_200_clients; the same with a `_1_process` suffix when BENCH_API_COMPARE=1.
 * BENCH_API_SECONDS and BENCH_API_REPEATS change the run length and count.
 *
 * Reads while the graph changes: then one more run with a writer that changes the store every
 * BENCH_API_WRITE_EVERY_MS (250: a crawl's pace; 0 skips it) — an edge's review status flips, as a
 * review or a crawl's new edge would, which retires every cached answer and every store-wide
 * snapshot in every process — read by BENCH_API_WRITE_CONNECTIONS (20) clients: api_p50_ms_20_clients_during_writes,
 * api_p99_ms_20_clients_during_writes, api_rps_20_clients_during_writes, …, and the writes made.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { startServer, type RunningServer } from "./lib/server";
import { numberSetting } from "./lib/settings";
import { median, round, table } from "./lib/stats";

export const description = "API p50/p99 and requests per second at 200 concurrent clients";
/** Copied to the top level of bench/results.json by bench/run.ts. */
export const headline = ["api_p50_ms_200_clients", "api_p99_ms_200_clients", "api_rps_200_clients", "api_p99_ms_20_clients_during_writes", "api_rps_20_clients_during_writes"];

const PORT = 3219;
const CONNECTIONS = 200;
const DURATION_S = Number(process.env.BENCH_API_SECONDS ?? 20);
const REPEATS = Number(process.env.BENCH_API_REPEATS ?? 2);
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const SEEDED_DB = "rootline_bench_api_seeded";

type Store = { url: string; label: string; env: Record<string, string> };

/**
 * The 100k store (helper module bench/lib/store-100k.ts), else a PostgreSQL database the server
 * seeds on start. BENCH_API_STORE=seeded measures on the seeded one regardless.
 */
async function store(): Promise<Store> {
  const generator = path.join(import.meta.dirname, "lib", "store-100k.ts");
  if (process.env.BENCH_API_STORE !== "seeded" && fs.existsSync(generator)) {
    const { ensureGeneratedStore, benchStoreSpec } = (await import(pathToFileURL(generator).href)) as {
      ensureGeneratedStore: (o: { kind: "postgres"; nodes: number; edges: number; seed: number }) => Promise<{ url?: string; env: Record<string, string> }>;
      // The store closure.ts measures too: ROOTLINE_BENCH_NODES=1000000 for the once-off 1M / 3M run.
      benchStoreSpec: () => { nodes: number; edges: number; seed: number };
    };
    const size = benchStoreSpec();
    const handle = await ensureGeneratedStore({ kind: "postgres", ...size });
    return { url: handle.url!, env: handle.env, label: `synthetic ${size.nodes} nodes / ${size.edges} edges (PostgreSQL)` };
  }
  if (process.env.BENCH_API_STORE !== "seeded") console.warn(`WARNING: bench/lib/store-100k.ts is not there yet: measuring on the seeded store (~4.8k nodes), not the 100k one.`);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [SEEDED_DB]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE ${SEEDED_DB}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${SEEDED_DB}`;
  return { url: url.toString(), env: {}, label: "seeded (~4.8k nodes, PostgreSQL)" };
}

/**
 * Keys to ask about: what a search for "math" finds (the seeded store's MetaMathQA, GSM8K, …),
 * or the most connected datasets when it finds too little (a synthetic store's names).
 */
async function pickKeys(base: string): Promise<string[]> {
  const search = async (query: string) => {
    const response = await fetch(`${base}/api/datasets?${query}`);
    const body = (await response.json()) as { results: { key: string }[] };
    return body.results.map((r) => r.key).filter((k) => !k.includes(":"));
  };
  let keys = await search("q=math&limit=8");
  if (keys.length < 4) keys = await search("limit=8");
  if (!keys.length) throw new Error("the store has no Hub datasets to ask about");
  return keys;
}

function requestsFor(keys: string[]): { method: "GET"; path: string }[] {
  const paths: string[] = [];
  for (const key of keys) {
    paths.push(`/api/lineage/${key}?up=3`, `/api/view/${key}`, `/api/datasets/${key}`);
  }
  paths.push("/api/datasets?q=math&limit=10");
  return paths.map((p) => ({ method: "GET", path: p }));
}

function getOnNewConnection(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (response) => response.resume().on("end", resolve).on("error", reject)).on("error", reject);
  });
}

/**
 * The reads-while-writing run's settings, checked when the benchmark starts (a bad one stops it
 * with its name, before a server is built). `connections`: people reading while a crawl fills the
 * store, fewer than the 200 that measure throughput, so the figure is latency, not a queue.
 */
type WriteSettings = { everyMs: number; connections: number };
function writeSettings(): WriteSettings {
  return {
    everyMs: numberSetting("BENCH_API_WRITE_EVERY_MS", 250, { min: 0 }),
    connections: numberSetting("BENCH_API_WRITE_CONNECTIONS", 20, { min: 1, integer: true }),
  };
}

type Figures = { p50: number; p99: number; rps: number; non2xx: number; errors: number; completed: number };

async function load(base: string, requests: ReturnType<typeof requestsFor>, seconds: number, connections = CONNECTIONS): Promise<Figures> {
  const result = await autocannon({ url: base, connections, duration: seconds, requests, timeout: 30 });
  // autocannon drops requests still unanswered when the time is up (neither errors nor
  // timeouts): when nothing completes, its latencies read 0. Count completions so that shows.
  const completed = result.requests.total;
  if (!completed) console.warn(`WARNING: no request completed within ${seconds} s: latencies unknown (over ${seconds * 1000} ms)`);
  return { p50: completed ? result.latency.p50 : Number.NaN, p99: completed ? result.latency.p99 : Number.NaN, rps: result.requests.average, non2xx: result.non2xx, errors: result.errors + result.timeouts, completed };
}

async function measure(label: string, db: Store, processes: string | undefined, writes?: WriteSettings): Promise<Record<string, number>> {
  const env: Record<string, string> = { ...db.env, DATABASE_URL: db.url, ROOTLINE_WORKER: "0" };
  if (processes) env.ROOTLINE_WEB_PROCESSES = processes;
  let server: RunningServer | undefined;
  const kill = () => server?.kill();
  process.once("exit", kill);
  try {
    const started = performance.now();
    server = await startServer({ port: PORT, env, readyPath: "/api/datasets?limit=1", timeoutMs: 600_000 });
    console.log(`server answering after ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const keys = await pickKeys(server.url);
    const requests = requestsFor(keys);
    console.log(`${processes ?? "default"} process(es); keys: ${keys.join(", ")}`);
    const warming = performance.now();
    // Warm-up, so the runs measure steady state: every URL on every web process (each keeps its
    // own cache; fresh connections are dealt round-robin between them), then a short burst.
    await Promise.all(requests.map((r) => Promise.all(Array.from({ length: 4 }, () => getOnNewConnection(server!.url + r.path)))));
    await load(server.url, requests, 3);
    console.log(`warmed up in ${((performance.now() - warming) / 1000).toFixed(1)} s`);
    const runs: Figures[] = [];
    for (let i = 0; i < REPEATS; i++) runs.push(await load(server.url, requests, DURATION_S));
    const figures = summarize(runs, label ? `_${label}` : "");
    if (writes && writes.everyMs > 0) {
      const writer = startWriter(db.url, writes.everyMs);
      try {
        Object.assign(figures, summarize([await load(server.url, requests, DURATION_S, writes.connections)], "_during_writes", writes.connections));
      } finally {
        figures.api_writes_during_writes = await writer.stop();
      }
    }
    return figures;
  } finally {
    await server?.stop();
    process.off("exit", kill);
  }
}

function summarize(runs: Figures[], suffix: string, clients = CONNECTIONS): Record<string, number> {
  const pick = (f: keyof Figures) => runs.map((r) => r[f]);
  const figures: Record<string, number> = {};
  for (const [name, field] of [["p50_ms", "p50"], ["p99_ms", "p99"], ["rps", "rps"]] as const) {
    figures[`api_${name}_${clients}_clients${suffix}`] = round(median(pick(field)));
    figures[`api_${name}_${clients}_clients${suffix}_min`] = round(Math.min(...pick(field)));
    figures[`api_${name}_${clients}_clients${suffix}_max`] = round(Math.max(...pick(field)));
  }
  figures[`api_non2xx_${clients}_clients${suffix}`] = pick("non2xx").reduce((a, b) => a + b, 0);
  figures[`api_errors_${clients}_clients${suffix}`] = pick("errors").reduce((a, b) => a + b, 0);
  figures[`api_completed_${clients}_clients${suffix}`] = pick("completed").reduce((a, b) => a + b, 0);
  return figures;
}

/**
 * Flips one live edge between PROPOSED and ACCEPTED every `everyMs` (each flip is a committed
 * write the statement trigger announces to every process), and flips it back at the end if
 * need be, so the shared store is left as it was found. Resolves with the number of writes.
 */
function startWriter(url: string, everyMs: number): { stop(): Promise<number> } {
  const client = new pg.Client({ connectionString: url, application_name: "rootline bench writer" });
  let writes = 0;
  let stopped = false;
  const flip = (id: number) =>
    client.query(`UPDATE edge SET status = CASE status WHEN 'PROPOSED' THEN 'ACCEPTED'::review_status ELSE 'PROPOSED'::review_status END WHERE id = $1`, [id]);
  const loop = (async () => {
    await client.connect();
    const { rows } = await client.query<{ id: number }>(`SELECT id FROM edge WHERE status IN ('PROPOSED', 'ACCEPTED') ORDER BY id LIMIT 1`);
    const id = rows[0]?.id;
    if (id === undefined) return;
    while (!stopped) {
      await flip(id);
      writes += 1;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
    if (writes % 2 === 1) await flip(id);
  })();
  return {
    async stop() {
      stopped = true;
      try {
        await loop;
      } finally {
        await client.end().catch(() => {});
      }
      return writes;
    },
  };
}

export async function run() {
  const writes = writeSettings();
  const db = await store();
  console.log(`store: ${db.label}; ${CONNECTIONS} connections, ${DURATION_S} s × ${REPEATS}; ${os.cpus().length} cores`);
  const many = await measure("", db, undefined, writes);
  // The one-process comparison doubles the bench's time (each process computes its cold cache:
  // ~4 min on the 100k store here), so it runs only when asked for (BENCH_API_COMPARE=1).
  const one = process.env.BENCH_API_COMPARE === "1" ? await measure("1_process", db, "1") : {};
  const rows: (string | number)[][] = [["processes", "p50 ms", "p99 ms", "req/s", "non-2xx", "errors", "completed"]];
  rows.push(["default", many.api_p50_ms_200_clients!, many.api_p99_ms_200_clients!, many.api_rps_200_clients!, many.api_non2xx_200_clients!, many.api_errors_200_clients!, many.api_completed_200_clients!]);
  const w = `${writes.connections}_clients_during_writes`;
  if (many[`api_rps_${w}`] !== undefined) rows.push([`default, ${writes.connections} clients, a write every ${writes.everyMs} ms (${many.api_writes_during_writes} writes)`, many[`api_p50_ms_${w}`]!, many[`api_p99_ms_${w}`]!, many[`api_rps_${w}`]!, many[`api_non2xx_${w}`]!, many[`api_errors_${w}`]!, many[`api_completed_${w}`]!]);
  if (one.api_rps_200_clients_1_process !== undefined) rows.push(["1", one.api_p50_ms_200_clients_1_process!, one.api_p99_ms_200_clients_1_process!, one.api_rps_200_clients_1_process!, one.api_non2xx_200_clients_1_process!, one.api_errors_200_clients_1_process!, one.api_completed_200_clients_1_process!]);
  console.log(table(rows));
  return { store: db.label, connections: CONNECTIONS, seconds: DURATION_S, repeats: REPEATS, ...many, ...one };
}
