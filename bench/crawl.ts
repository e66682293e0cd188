/**
 * A crawl spread over worker processes: the synthetic fake Hub of CRAWL_COUNT generated cards
 * in its own process, answering every request after CRAWL_LATENCY_MS (80 ms: network-bound like
 * the real Hub), crawled upstream from every dataset nothing is built from, into a fresh
 * PostgreSQL database, by 1 and then by 4 `npm run worker` processes of CRAWL_SLOTS (2) datasets
 * at once each. The crawl is handed to the workers with `npm run lineage -- crawl --workers`
 * (one queue job per dataset). The shared Hub rate limit is on, set far above what the crawl
 * asks. Figures: the crawl's time with 1 worker, the speed-up with 4, datasets traced twice
 * (must be 0), Hub requests, datasets done and failed, and the CPU the workers and the
 * PostgreSQL server spent per dataset (from /proc; "n/a" elsewhere).
 *
 *   npm run bench -- crawl                    500 cards: 1 worker 83 s, 4 workers 30 s (2.8×), ~2.2 min in all
 *   CRAWL_COUNT=5000 npm run bench -- crawl   the size: 1 worker 855 s, 4 workers 266 s (3.2×), ~19 min
 *
 * Why not 5,000 by default: on 2 cores a dataset costs 40–52 ms of worker CPU and ~20 ms of
 * PostgreSQL, so 4 workers need ≥ 5000 × ~70 ms / 2 cores ≈ 175 s (266 s measured), and one
 * worker, to be 3× slower, must wait on the Hub most of its time: 855 s. The crawl alone is
 * over the 15 minutes the whole benchmark run has.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { numberSetting } from "./lib/settings";
import { round, table } from "./lib/stats";
import { runScript, startCrawlHub, startWorkerProcess, type HubProcess } from "./lib/crawl-workers";
import { postgresCpuSeconds, procAvailable, treeCpuSeconds } from "./lib/process-cpu";

export const description = "a crawl of a generated fake Hub by 1 and 4 worker processes on PostgreSQL";

/** The settings, checked when the benchmark runs (a bad one stops it before anything starts). */
function settings() {
  return {
    count: numberSetting("CRAWL_COUNT", 500, { min: 1, integer: true }),
    /** Per request, as a distant Hub answers: what makes a crawl wait on the network rather than on this machine. */
    latencyMs: numberSetting("CRAWL_LATENCY_MS", 80, { min: 0 }),
    /** Datasets each worker traces at once (ROOTLINE_CRAWL_CONCURRENCY with one run slot). */
    slotsPerWorker: numberSetting("CRAWL_SLOTS", 2, { min: 1, integer: true }),
  };
}
/** Copied to the top level of bench/results.json by bench/run.ts; the crawl's size is in the names. */
const sized = Number(process.env.CRAWL_COUNT) || 500;
export const headline = [`crawl_${sized}_s_1_worker`, `crawl_${sized}_s_4_workers`, "crawl_speedup_4_workers"];
/** High enough never to be what limits the crawl; every request still takes a token from the shared bucket. */
const HUB_RATE_PER_SECOND = 5000;
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const DATABASE = "rootline_bench_crawl";

type Figures = {
  workers: number;
  crawlS: number;
  perMinute: number;
  done: number;
  failed: number;
  traced: number;
  hubRequests: number;
  tracedTwice: number;
  state: string;
  /** CPU the workers and the PostgreSQL server spent per dataset traced (null where /proc cannot be read). */
  workerCpuMs: number | null;
  postgresCpuMs: number | null;
};

async function freshDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE}`;
  return url.toString();
}

async function crawlWith(workers: number, slotsPerWorker: number, hub: HubProcess, seedsFile: string): Promise<Figures> {
  const databaseUrl = await freshDatabase();
  const env = {
    DATABASE_URL: databaseUrl,
    HF_ENDPOINT: hub.url,
    ARXIV_ENDPOINT: hub.url,
    GITHUB_RAW_ENDPOINT: hub.url,
    ROOTLINE_ALLOWED_HOSTS: new URL(hub.url).host,
    LINEAGE_MODEL: "",
    REDIS_URL: "",
    ROOTLINE_HUB_RATE_PER_SECOND: String(HUB_RATE_PER_SECOND),
    ROOTLINE_RUN_TIME_BUDGET_SECONDS: "3600",
    ROOTLINE_WORKER_CONCURRENCY: "1",
    ROOTLINE_CRAWL_CONCURRENCY: String(slotsPerWorker),
    ROOTLINE_PROGRESS_EVERY_MS: "10000",
  };
  // The database is migrated once, before the workers start (each would otherwise race to).
  const migrated = await runScript("db", ["migrate"], env);
  if (migrated.code !== 0) throw new Error(`could not prepare the database: ${migrated.stderr.slice(-1000)}`);
  const processes = Array.from({ length: workers }, () => startWorkerProcess(env));
  try {
    await Promise.all(processes.map((p) => p.ready));
    await hub.reset();
    const workerCpu = () => (procAvailable() ? processes.reduce((sum, p) => sum + treeCpuSeconds(p.child.pid!), 0) : null);
    const [workerCpuBefore, postgresCpuBefore] = [workerCpu(), postgresCpuSeconds()];
    const result = await runScript("lineage", ["crawl", "--seeds", seedsFile, "--depth", "10", "--budget", "1000000", "--workers", "--json"], env, (line) => {
      if (line.startsWith("progress:")) console.log(`  [${workers} worker${workers === 1 ? "" : "s"}] ${line}`);
    });
    if (result.code !== 0 && !result.stdout.trim().startsWith("{")) throw new Error(`the crawl failed: ${result.stderr.slice(-2000)}`);
    const [workerCpuAfter, postgresCpuAfter] = [workerCpu(), postgresCpuSeconds()];
    const run = JSON.parse(result.stdout) as { state: string; counts: Record<string, number>; progress: { done: number; failed: number; perMinute: number } };
    const perDataset = (before: number | null, after: number | null) => (before === null || after === null || !run.counts.traced ? null : round(((after - before) * 1000) / run.counts.traced!));
    const stats = await hub.stats();
    // A trace reads a card the same number of times (a probe and the text): more than that is a dataset traced twice.
    const reads = Object.values(stats.cardReads);
    const perTrace = Math.min(...reads);
    return {
      workers,
      crawlS: round(run.counts.durationMs! / 1000),
      perMinute: round(run.progress.perMinute),
      done: run.progress.done,
      failed: run.progress.failed,
      traced: run.counts.traced!,
      hubRequests: stats.requests,
      tracedTwice: reads.filter((n) => n > perTrace).length,
      state: run.state,
      workerCpuMs: perDataset(workerCpuBefore, workerCpuAfter),
      postgresCpuMs: perDataset(postgresCpuBefore, postgresCpuAfter),
    };
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
  }
}

export async function run() {
  const { count, latencyMs, slotsPerWorker } = settings();
  const seedsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rootline-crawl-")), "seeds.txt");
  const hub = await startCrawlHub(count, latencyMs, seedsFile);
  try {
    const one = await crawlWith(1, slotsPerWorker, hub, seedsFile);
    const four = await crawlWith(4, slotsPerWorker, hub, seedsFile);
    console.log(
      table([
        ["workers", "crawl s", "datasets/min", "done", "failed", "traced", "Hub requests", "traced twice", "worker CPU ms/dataset", "PostgreSQL CPU ms/dataset"],
        ...[one, four].map((f) => [f.workers, f.crawlS, f.perMinute, f.done, f.failed, f.traced, f.hubRequests, f.tracedTwice, f.workerCpuMs ?? "n/a", f.postgresCpuMs ?? "n/a"]),
      ]),
    );
    const datasets = count;
    return {
      datasets,
      latency_ms: latencyMs,
      slots_per_worker: slotsPerWorker,
      hub_rate_per_second: HUB_RATE_PER_SECOND,
      [`crawl_${datasets}_s_1_worker`]: one.crawlS,
      [`crawl_${datasets}_s_4_workers`]: four.crawlS,
      crawl_speedup_4_workers: round(one.crawlS / four.crawlS, 2),
      datasets_per_min_1_worker: one.perMinute,
      datasets_per_min_4_workers: four.perMinute,
      datasets_done: [one.done, four.done],
      datasets_failed: [one.failed, four.failed],
      duplicates: one.tracedTwice + four.tracedTwice,
      hub_requests_1_worker: one.hubRequests,
      hub_requests_4_workers: four.hubRequests,
      run_states: [one.state, four.state],
      // What one dataset costs the machine: with 1 worker, what it costs alone; with 4, what sharing the cores adds.
      worker_cpu_ms_per_dataset: [one.workerCpuMs, four.workerCpuMs],
      postgres_cpu_ms_per_dataset: [one.postgresCpuMs, four.postgresCpuMs],
    };
  } finally {
    hub.stop();
  }
}
