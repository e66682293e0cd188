/**
 * The whole-graph analyses on the 100k-node synthetic store (bench/lib/store-100k.ts), through
 * the same server functions the API routes call: structural patterns (/api/analysis/patterns),
 * the redundancy top list (/api/analysis/redundancy) and the contamination overview
 * (/api/contamination). Cold = the first call on a new graph version (reads the store and
 * builds the cached graph, then computes); warm = later calls on the cached graph. Medians of
 * REPEATS, with min and max.
 *
 *   npm run bench -- analyses-100k                       PostgreSQL
 *   ROOTLINE_BENCH_KINDS=postgres,pglite npm run bench -- analyses-100k
 */
import { benchStoreSpec, ensureGeneratedStore, type StoreKind } from "./lib/store-100k";
import { median, round, table } from "./lib/stats";

export const description = "patterns, redundancy ranking and contamination overview on the 100k-node synthetic store (cold and warm)";
/** Copied to the top level of bench/results.json by bench/run.ts. */
export const headline = ["analyses_100k_ms"];

const { nodes: NODES, edges: EDGES } = benchStoreSpec();
const REPEATS = Math.max(3, Number(process.env.BENCH_REPEATS) || 3);
const KINDS = (process.env.ROOTLINE_BENCH_KINDS?.split(",") as StoreKind[] | undefined) ?? ["postgres"];

type Spread = { median: number; min: number; max: number };

async function timed(fn: () => Promise<unknown>, before?: () => Promise<void>): Promise<Spread> {
  const runs: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    await before?.();
    const started = performance.now();
    await fn();
    runs.push(performance.now() - started);
  }
  return { median: round(median(runs)), min: round(Math.min(...runs)), max: round(Math.max(...runs)) };
}

/** Forget the cached graphs, as a new graph version would (analysis, contamination and licence snapshots). */
async function dropCaches(): Promise<void> {
  const { clearVersionedCaches } = await import("@/lib/server/db/versioned-cache");
  clearVersionedCaches();
}

async function measure(kind: StoreKind) {
  const store = await ensureGeneratedStore({ kind, nodes: NODES, edges: EDGES, seed: 1 });
  const { disconnectDb } = await import("@/lib/server/db/client");
  const { closePglite } = await import("@/lib/server/db/adapter");
  await disconnectDb();
  for (const [name, value] of Object.entries(store.env)) process.env[name] = value;
  const analysis = await import("@/lib/server/analysis/analysis");
  const contamination = await import("@/lib/server/contamination/contamination");
  try {
    const figures = {
      patternsColdMs: await timed(() => analysis.getPatterns(), dropCaches),
      patternsWarmMs: await timed(() => analysis.getPatterns()),
      redundancyTop20ColdMs: await timed(() => analysis.getRedundancyRanking({ limit: 20 }), dropCaches),
      redundancyTop20WarmMs: await timed(() => analysis.getRedundancyRanking({ limit: 20 })),
      contaminationOverviewColdMs: await timed(() => contamination.getContaminationOverview(), dropCaches),
      contaminationOverviewWarmMs: await timed(() => contamination.getContaminationOverview()),
    };
    const overview = await contamination.getContaminationOverview();
    const patterns = await analysis.getPatterns();
    return { kind, ...figures, flags: overview.rows.length, evalSets: overview.benchmarks.length, edgesUsed: patterns.edges.used };
  } finally {
    await disconnectDb();
    if (store.kind === "pglite") await closePglite(store.dataDir!);
    await dropCaches();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const results = [];
  for (const kind of KINDS) results.push(await measure(kind));
  console.log(`${NODES} nodes, ${EDGES} edges (seed 1); ms, median of ${REPEATS} (cold: graph read and cached graph built first)`);
  console.log(
    table([
      ["store", "patterns cold", "warm", "redundancy top 20 cold", "warm", "contamination overview cold", "warm", "flags"],
      ...results.map((r) => [r.kind, r.patternsColdMs.median, r.patternsWarmMs.median, r.redundancyTop20ColdMs.median, r.redundancyTop20WarmMs.median, r.contaminationOverviewColdMs.median, r.contaminationOverviewWarmMs.median, r.flags]),
    ]),
  );
  const main = results.find((r) => r.kind === "postgres") ?? results[0]!;
  return {
    nodes: NODES,
    edges: EDGES,
    repeats: REPEATS,
    // The cold cost of the three together: what a first visit after a change waits for.
    analyses_100k_ms: round(main.patternsColdMs.median + main.redundancyTop20ColdMs.median + main.contaminationOverviewColdMs.median),
    results,
  };
}
