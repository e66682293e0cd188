/**
 * One crawl of the synthetic fake Hub through the real pipeline (requestTrace + executeRun)
 * into a fresh in-memory database, scored against the Hub's ground truth. Run as its own
 * process by bench/agents.ts, so every configuration starts from an empty store:
 *
 *   tsx --conditions=react-server bench/agents-crawl.ts --latency 50 --concurrency 8 [--count 400] [--seed 1]
 *
 * Prints one line `AGENTS_CRAWL_RESULT {json}` on stdout. Importing this file (bench/run.ts
 * imports every top-level bench file) does nothing.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startFakeHub } from "@/test-support/fake-hub/fake-hub";
import { syntheticHub } from "@/test-support/fake-hub/synthetic";

export const RESULT_PREFIX = "AGENTS_CRAWL_RESULT ";

export type CrawlArgs = { latencyMs: number; concurrency: number; count: number; seed: number };

export type CrawlResult = CrawlArgs & {
  datasets: number;
  seeds: number;
  state: string;
  error: string | null;
  migrateMs: number;
  /** requestTrace through executeRun, as seen by this process. */
  wallMs: number;
  /** The run's own duration (counts.durationMs). */
  runMs: number;
  traced: number;
  failed: number;
  edgesCreated: number;
  hubRequests: number;
  truthEdges: number;
  /** Non-rejected edges in the store. */
  storedEdges: number;
  rejectedEdges: number;
  matched: number;
  /** Matched edges whose relation is the ground truth's. */
  relationAgrees: number;
  /** A few stored edges the ground truth lacks, and truth edges the store lacks ("up -> down"). */
  extraExamples: string[];
  missedExamples: string[];
};

function numberArg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a non-negative number (got "${args[i + 1]}")`);
  return value;
}

export function parseCrawlArgs(args: string[]): CrawlArgs {
  return {
    latencyMs: numberArg(args, "latency", 0),
    concurrency: Math.max(1, numberArg(args, "concurrency", 8)),
    count: numberArg(args, "count", 400),
    seed: numberArg(args, "seed", 1),
  };
}

const EXAMPLES = 5;

const pairKey = (upstream: string, downstream: string) => `${upstream.toLowerCase()}\u0000${downstream.toLowerCase()}`;

async function crawlOnce(args: CrawlArgs): Promise<CrawlResult> {
  const world = syntheticHub({ count: args.count, seed: args.seed });
  const hub = await startFakeHub({ datasets: world.datasets, latencyMs: args.latencyMs });
  // Server modules read their configuration when first used, so the environment must point
  // at the fake Hub and an in-memory store before they are imported.
  process.env.ROOTLINE_DATA_DIR = "memory://";
  delete process.env.DATABASE_URL;
  delete process.env.LINEAGE_MODEL;
  process.env.HF_ENDPOINT = hub.url;
  process.env.ROOTLINE_ALLOWED_HOSTS = new URL(hub.url).host;
  process.env.ARXIV_ENDPOINT = hub.url;
  process.env.GITHUB_RAW_ENDPOINT = hub.url;

  const { applyMigrations } = await import("@/lib/server/db/migrate");
  const { resolveDatabaseConfig } = await import("@/lib/server/db/config");
  const { getDb, disconnectDb } = await import("@/lib/server/db/client");
  const { closePglite } = await import("@/lib/server/db/adapter");
  const { requestTrace, executeRun } = await import("@/lib/server/runs/runs");

  try {
    const migrateStarted = performance.now();
    await applyMigrations(resolveDatabaseConfig());
    const migrateMs = performance.now() - migrateStarted;
    const requestsBefore = hub.requests.length;

    const started = performance.now();
    const { run } = await requestTrace({ key: world.seeds[0]!, moreSeeds: world.seeds.slice(1), depth: 10, nodeBudget: 10_000 });
    const finished = await executeRun(run.id, { concurrency: args.concurrency });
    const wallMs = performance.now() - started;

    const edges = await getDb().edge.findMany({ include: { upstream: { select: { key: true } }, downstream: { select: { key: true } } } });
    const truth = new Map(world.edges.map((e) => [pairKey(e.upstream, e.downstream), e.relation]));
    const live = edges.filter((e) => e.status !== "REJECTED");
    let matched = 0;
    let relationAgrees = 0;
    const extra: string[] = [];
    const stored = new Set<string>();
    for (const edge of live) {
      stored.add(pairKey(edge.upstream.key, edge.downstream.key));
      const expected = truth.get(pairKey(edge.upstream.key, edge.downstream.key));
      if (!expected) {
        extra.push(`${edge.upstream.key} -> ${edge.downstream.key}`);
        continue;
      }
      matched++;
      if (edge.relation === expected) relationAgrees++;
    }
    const counts = finished.counts;
    return {
      ...args,
      datasets: Object.keys(world.datasets).length,
      seeds: world.seeds.length,
      state: finished.state,
      error: finished.error,
      migrateMs,
      wallMs,
      runMs: counts.durationMs ?? Number.NaN,
      traced: counts.traced ?? 0,
      failed: counts.failed ?? 0,
      edgesCreated: counts.edgesCreated ?? 0,
      hubRequests: hub.requests.length - requestsBefore,
      truthEdges: truth.size,
      storedEdges: live.length,
      rejectedEdges: edges.length - live.length,
      matched,
      relationAgrees,
      extraExamples: extra.slice(0, EXAMPLES),
      missedExamples: world.edges.filter((e) => !stored.has(pairKey(e.upstream, e.downstream))).slice(0, EXAMPLES).map((e) => `${e.upstream} -> ${e.downstream}`),
    };
  } finally {
    await disconnectDb().catch(() => {});
    await closePglite("memory://").catch(() => {});
    await hub.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  try {
    const result = await crawlOnce(parseCrawlArgs(process.argv.slice(2)));
    console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
    process.exit(0);
  } catch (error) {
    console.error(`[agents-crawl] ${(error as Error).stack ?? error}`);
    process.exit(1);
  }
}
