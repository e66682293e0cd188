/**
 * Contamination benchmark: the pure rules (lib/contamination/compute.ts) on the seeded
 * reference graph (~780 nodes, the shipped benchmark registry) and on a 100k-node synthetic
 * lineage graph with 25 evaluation sets, at the reference graph's density and at a stress density
 * where benchmarks reach a third of the graph. Per graph: every flag without paths (the overview), and
 * flags with up to 3 paths for 100 flagged datasets (dataset pages); medians of 3 runs.
 *
 *   npm run bench -- contamination
 */
import fs from "node:fs";
import path from "node:path";
import { computeContamination } from "@/lib/contamination/compute";
import { syntheticLineageGraph } from "@/lib/contamination/synthetic-graph";
import { SEVERITIES, type ComputeOptions, type ContaminationFlag, type ContaminationInput, type Severity } from "@/lib/contamination/types";
import { parseSeedFile } from "@/lib/lineage-io/seed-file";
import { createdMonth } from "@/lib/contamination/dates";
import { DECONTAMINATIONS, EVAL_SETS, HOLDINGS } from "@/prisma/seed/benchmarks";
import { median, round, table } from "./lib/stats";

export const description = "contamination rules: seeded graph and a 100k-node synthetic graph";

const REPEATS = Math.max(3, Number(process.env.BENCH_REPEATS) || 3);
const SAMPLE = 100;
const ROOT_DIR = path.resolve(import.meta.dirname, "..");

function seededInput(): ContaminationInput {
  const seed = parseSeedFile(fs.readFileSync(path.join(ROOT_DIR, "prisma", "seed", "oda-graph.json"), "utf8"));
  return {
    // The seed carries evidence locations, not quotes; the rules only pass evidence through.
    edges: seed.edges.map((e) => ({ ...e, status: "ACCEPTED" as const, evidence: e.evidence.map((x) => ({ source: x.source, url: x.url, quote: null, locator: x.locator })) })),
    evalSets: EVAL_SETS.map((s) => ({ ...s })),
    holdings: HOLDINGS.map((h) => ({ ...h })),
    nodes: seed.nodes.map((n) => ({ key: n.key, kind: n.kind ?? undefined, created: createdMonth({ releaseMonth: n.releaseMonth ?? null, paperUrl: n.paperUrl ?? null }) })),
    decontaminations: DECONTAMINATIONS.map((d) => ({ dataset: d.dataset, benchmark: d.target, evidence: [{ source: d.source, url: d.url, quote: null, locator: null }] })),
  };
}

function timed(input: ContaminationInput, options: ComputeOptions): { ms: number; flags: ContaminationFlag[] } {
  const runs: number[] = [];
  let flags: ContaminationFlag[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    flags = computeContamination(input, options);
    runs.push(performance.now() - started);
  }
  return { ms: round(median(runs)), flags };
}

/** Flagged datasets spread evenly over the key order, so the sample is not one corner of the graph. */
function sampleDatasets(flags: ContaminationFlag[], count: number): string[] {
  const distinct = [...new Set(flags.filter((f) => f.severity === "CONTAMINATED" || f.severity === "POSSIBLE").map((f) => f.dataset))];
  const step = Math.max(1, distinct.length / count);
  return Array.from({ length: Math.min(count, distinct.length) }, (_, i) => distinct[Math.floor(i * step)]!);
}

function measure(name: string, input: ContaminationInput, withAllPaths: boolean) {
  const nodes = new Set(input.edges.flatMap((e) => [e.upstream.toLowerCase(), e.downstream.toLowerCase()])).size;
  const overview = timed(input, { maxPaths: 0 });
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of overview.flags) bySeverity[f.severity]++;
  const sample = sampleDatasets(overview.flags, SAMPLE);
  const sampled = timed(input, { datasets: sample, maxPaths: 3 });
  const paths = sampled.flags.reduce((sum, f) => sum + f.paths.length, 0);
  const all = withAllPaths ? timed(input, {}) : null;
  return {
    graph: name,
    nodes,
    edges: input.edges.length,
    evalSets: input.evalSets.length,
    decontaminations: input.decontaminations.length,
    flags: overview.flags.length,
    bySeverity,
    allFlagsMs: overview.ms,
    sampleDatasets: sample.length,
    sampleFlags: sampled.flags.length,
    samplePaths: paths,
    samplePathsMs: sampled.ms,
    allPathsMs: all?.ms ?? null,
    heapMb: round(process.memoryUsage().heapUsed / 1e6),
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const results = [measure("seeded", seededInput(), true)];
  const generated = performance.now();
  const synthetic = syntheticLineageGraph({ nodes: 100_000, benchmarks: 25, seed: 5 });
  console.log(`synthetic graph generated in ${round(performance.now() - generated)} ms`);
  results.push(measure("synthetic-100k", synthetic, false));
  // The stress case: most datasets draw on other datasets, so each benchmark reaches a third of the graph.
  const dense = syntheticLineageGraph({ nodes: 100_000, benchmarks: 25, seed: 5, datasetShare: 0.7 });
  results.push(measure("synthetic-100k-dense", dense, false));

  console.log(
    table([
      ["graph", "nodes", "edges", "flags", "contam.", "possible", "mitigated", "train", "all flags ms", "100 datasets+paths ms", "all paths ms"],
      ...results.map((r) => [
        r.graph,
        r.nodes,
        r.edges,
        r.flags,
        r.bySeverity.CONTAMINATED,
        r.bySeverity.POSSIBLE,
        r.bySeverity.MITIGATED,
        r.bySeverity.TRAIN_LINEAGE,
        r.allFlagsMs,
        r.samplePathsMs,
        r.allPathsMs ?? "-",
      ]),
    ]),
  );
  return { repeats: REPEATS, results };
}
