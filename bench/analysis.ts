/**
 * Lineage analyses benchmark: each analysis on the seeded graph through the server (a fresh
 * in-memory store: the first call builds the cached graph, later calls reuse it), and the pure
 * computations on the seeded graph and on a 100k-node synthetic lineage graph. Medians of 3.
 *
 *   npm run bench -- analysis
 */
import fs from "node:fs";
import path from "node:path";
import { buildAnalysisGraph, type AnalysisGraph, type AnalysisInput } from "@/lib/analysis/graph";
import { structuralPatterns } from "@/lib/analysis/patterns";
import { computeReach, type Reach } from "@/lib/analysis/reach";
import { datasetRedundancy, redundancyRanking } from "@/lib/analysis/redundancy";
import { samplingPlan } from "@/lib/analysis/sampling";
import { lineageSimilarity, mostSimilar } from "@/lib/analysis/similarity";
import { syntheticLineageGraph } from "@/lib/contamination/synthetic-graph";
import { parseSeedFile } from "@/lib/lineage-io/seed-file";
import { DOMAINS } from "@/lib/lineage/types";
import { prng } from "@/lib/random";
import { median, round, table } from "./lib/stats";

export const description = "lineage analyses: seeded graph (server and pure) and a 100k-node synthetic graph";

const REPEATS = Math.max(3, Number(process.env.BENCH_REPEATS) || 3);
const ROOT_DIR = path.resolve(import.meta.dirname, "..");

function timed<T>(fn: () => T): { ms: number; value: T } {
  const runs: number[] = [];
  let value!: T;
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    value = fn();
    runs.push(performance.now() - started);
  }
  return { ms: round(median(runs)), value };
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const runs: number[] = [];
  let value!: T;
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    value = await fn();
    runs.push(performance.now() - started);
  }
  return { ms: round(median(runs)), value };
}

function seededInput(): AnalysisInput {
  const seed = parseSeedFile(fs.readFileSync(path.join(ROOT_DIR, "prisma", "seed", "oda-graph.json"), "utf8"));
  return { nodes: seed.nodes.map((n) => ({ key: n.key, kind: n.kind ?? "DATASET", domains: n.domains ?? [], hubDownloads: n.hubDownloads ?? null })), edges: seed.edges };
}

function syntheticInput(): AnalysisInput {
  const synthetic = syntheticLineageGraph({ nodes: 100_000, benchmarks: 25, seed: 5 });
  const random = prng(11);
  return {
    nodes: (synthetic.nodes ?? []).map((n) => ({ key: n.key, kind: n.kind ?? "DATASET", domains: n.kind === "DATASET" ? [DOMAINS[Math.floor(random() * 4)]!] : [] })),
    edges: synthetic.edges,
  };
}

/** Derived datasets spread over the key order. */
function sample(g: AnalysisGraph, reach: Reach, count: number): string[] {
  const derived = Array.from({ length: g.n }, (_, v) => v).filter((v) => g.nodes[v]!.kind === "DATASET" && reach.fanIn[v]! > 0);
  const step = Math.max(1, derived.length / count);
  return Array.from({ length: Math.min(count, derived.length) }, (_, i) => g.keys[derived[Math.floor(i * step)]!]!);
}

function pure(name: string, input: AnalysisInput) {
  const graph = timed(() => buildAnalysisGraph(input));
  const g = graph.value;
  const reach = timed(() => computeReach(g));
  const r = reach.value;
  const keys = sample(g, r, 20);
  const patterns = timed(() => structuralPatterns(g, r));
  const ranking = timed(() => redundancyRanking(g, r, { limit: 20 }));
  const redundancy = timed(() => keys.map((k) => datasetRedundancy(g, k)));
  const similarity = timed(() => lineageSimilarity(g, r, keys));
  const similar = timed(() => keys.slice(0, 5).map((k) => mostSimilar(g, r, k, { limit: 10 })));
  const context = { contaminated: new Set<string>(), evalHosts: new Map<string, string>(), holders: new Map<string, string>() };
  const plan = timed(() => samplingPlan(g, { domain: "MATH", budget: 10_000, strategy: "equal" }, context));
  return {
    graph: name,
    nodes: g.n,
    edges: g.up.length,
    buildMs: graph.ms,
    reachMs: reach.ms,
    patternsMs: patterns.ms,
    redundancyRankingMs: ranking.ms,
    redundancy20DatasetsMs: redundancy.ms,
    similarity20Ms: similarity.ms,
    mostSimilar5DatasetsMs: similar.ms,
    samplingPlanMs: plan.ms,
    samplingRoots: plan.value.allocations.length,
    samplingUniformOverRepresented: plan.value.avoidedDuplication.uniformOverRepresented,
    heapMb: round(process.memoryUsage().heapUsed / 1e6),
  };
}

/** The routes' work on the seeded store: the first call builds the cached graph, then each analysis. */
async function server() {
  process.env.DATABASE_URL = "";
  process.env.ROOTLINE_DATA_DIR = "memory://";
  const { applyMigrations } = await import("@/lib/server/db/migrate");
  const { resolveDatabaseConfig } = await import("@/lib/server/db/config");
  const { seedDatabase } = await import("@/lib/server/seed/seed");
  const analysis = await import("@/lib/server/analysis/analysis");
  await applyMigrations(resolveDatabaseConfig());
  await seedDatabase();
  const first = await timedAsync(async () => {
    (await import("@/lib/server/db/versioned-cache")).clearVersionedCaches();
    return analysis.getPatterns();
  });
  const keys = ["meta-math/MetaMathQA", "TIGER-Lab/MathInstruct", "allenai/tulu-3-sft-mixture", "teknium/OpenHermes-2.5"];
  const calls = {
    patternsColdMs: first.ms,
    patternsMs: (await timedAsync(() => analysis.getPatterns())).ms,
    datasetMeasuresMs: (await timedAsync(() => analysis.getDatasetMeasures({ key: keys[2]! }))).ms,
    redundancyMs: (await timedAsync(() => analysis.getDatasetRedundancy({ key: "OpenDataArena/ODA-scored-data-2603" }))).ms,
    redundancyRankingMs: (await timedAsync(() => analysis.getRedundancyRanking({ limit: 20 }))).ms,
    similarityMs: (await timedAsync(() => analysis.getSimilarity({ keys }))).ms,
    mostSimilarMs: (await timedAsync(() => analysis.getMostSimilar({ key: keys[0]!, limit: 10 }))).ms,
    samplingPlanMs: (await timedAsync(() => analysis.getSamplingPlan({ domain: "MATH", budget: 10_000, strategy: "equal" }))).ms,
  };
  const { disconnectDb } = await import("@/lib/server/db/client");
  await disconnectDb();
  return calls;
}

export async function run(): Promise<Record<string, unknown>> {
  const seeded = pure("seeded", seededInput());
  const synthetic = pure("synthetic-100k", syntheticInput());
  const routes = await server();
  console.log(
    table([
      ["graph", "nodes", "edges", "build", "reach", "patterns", "ranking", "redund.×20", "similarity 20", "similar ×5", "sampling"],
      ...[seeded, synthetic].map((r) => [r.graph, r.nodes, r.edges, r.buildMs, r.reachMs, r.patternsMs, r.redundancyRankingMs, r.redundancy20DatasetsMs, r.similarity20Ms, r.mostSimilar5DatasetsMs, r.samplingPlanMs]),
    ]),
  );
  console.log("\nseeded store, through the server (ms; cold = first call, building the cached graph):");
  console.log(table([Object.keys(routes), Object.values(routes)]));
  return { repeats: REPEATS, pure: [seeded, synthetic], seededServer: routes };
}
