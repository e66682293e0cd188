/**
 * Deterministic synthetic lineage graphs for measuring the contamination rules at scale.
 *
 * Shaped like the reference graph, only bigger: benchmarks and external sources (corpora,
 * papers, sites) are roots; datasets arrive in release order and each draws on 1–4 earlier
 * nodes, mostly external sources and popular datasets (preferential attachment), sometimes a
 * benchmark, with the split mix cards actually state. So it is a DAG by construction, the
 * reach of a benchmark is heavy-tailed, and a few registered benchmarks are built from
 * others (as MATH-500 is from MATH's test split).
 */
import type { LineageEvidence, Relation, ReviewStatus, Split } from "@/lib/lineage/types";
import { RELATIONS } from "@/lib/lineage/types";
import { monthOf } from "./dates";
import type { ContaminationEdge, ContaminationInput, ContaminationNode, Decontamination, EvalSet, ItemHolding } from "./types";
import { prng } from "@/lib/random";

export type SyntheticLineageSpec = {
  /** Every node: benchmarks, external sources and datasets. */
  nodes: number;
  benchmarks: number;
  seed: number;
  /**
   * Share of a dataset's upstream picks that are other datasets rather than external sources
   * (default 0.4). Around 0.4 a benchmark reaches hundreds to thousands of datasets, like the
   * reference graph scaled up; from about 0.6 reach becomes most of the graph (a stress case).
   */
  datasetShare?: number;
};


/** Share of non-benchmark nodes that are external roots (no upstream of their own). */
const EXTERNAL_SHARE = 0.25;
/** Of a dataset's upstream picks: a benchmark; then external sources or datasets (see datasetShare). */
const P_BENCHMARK = 0.012;
/** Of dataset picks: among the recent window (what was new when it was built); else preferential. */
const P_RECENT = 0.5;
const RECENT_WINDOW = 2_000;
/** Statements: by a dataset about a benchmark it draws on directly; by any dataset about any benchmark. */
const P_DECONTAMINATED_DIRECT = 0.3;
const P_DECONTAMINATED = 0.02;

const BENCHMARK_SPLITS: [Split, number][] = [
  ["TEST", 0.25],
  ["TRAIN", 0.35],
  ["UNKNOWN", 0.3],
  ["ALL", 0.1],
];
const DATASET_SPLITS: [Split, number][] = [
  ["UNKNOWN", 0.8],
  ["TRAIN", 0.17],
  ["ALL", 0.03],
];
const STATUSES: [ReviewStatus, number][] = [
  ["ACCEPTED", 0.85],
  ["PROPOSED", 0.12],
  ["REJECTED", 0.03],
];
/** Share of external roots that hold a family's items; share of datasets with no known date. */
const P_HOLDER = 0.01;
const P_UNDATED = 0.2;
const START_MONTH = 2018 * 12;
const SPAN_MONTHS = 96;
const EVAL_SPLITS: Split[][] = [["TEST"], ["TEST"], ["TEST", "VALIDATION"], ["ALL"]];
/** One evidence list shared by every edge: the rules never read it, and 250k copies would only cost memory. */
const EVIDENCE: LineageEvidence[] = [{ source: "CARD", url: null, quote: null, locator: "synthetic" }];

export function syntheticLineageGraph(spec: SyntheticLineageSpec): ContaminationInput {
  const random = prng(spec.seed);
  const pExternal = 1 - P_BENCHMARK - (spec.datasetShare ?? 0.4);
  const pick = <T>(weighted: [T, number][]): T => {
    let r = random();
    for (const [value, weight] of weighted) if ((r -= weight) < 0) return value;
    return weighted[weighted.length - 1]![0];
  };
  const int = (n: number) => Math.floor(random() * n);
  const pad = (n: number) => String(n).padStart(6, "0");

  const nb = Math.min(spec.benchmarks, spec.nodes);
  // Nodes come to exist in generation order over eight years, so the date rule has work to do.
  const created = (v: number) => monthOf(START_MONTH + Math.floor((v / spec.nodes) * SPAN_MONTHS));
  const benchmarks: EvalSet[] = Array.from({ length: nb }, (_, i) => ({
    id: `synth-${String(i).padStart(2, "0")}`,
    name: `Synthetic ${i}`,
    key: `synth-bench/b${String(i).padStart(2, "0")}`,
    // Pairs of sets are one family's two dated editions (AIME 2024 and 2025, say): their windows do not meet.
    family: `family-${Math.floor(i / 2)}`,
    evalSplits: EVAL_SPLITS[i % EVAL_SPLITS.length]!,
    window: { from: created(i * Math.floor(spec.nodes / Math.max(1, nb))), to: created(i * Math.floor(spec.nodes / Math.max(1, nb))) },
  }));
  const keys: string[] = benchmarks.map((b) => b.key);
  const nodeInfo: ContaminationNode[] = benchmarks.map((b) => ({ key: b.key, kind: "BENCHMARK", created: b.window.from }));
  const holdings: ItemHolding[] = [];
  const externals: number[] = [];
  const datasets: number[] = [];
  const edges: ContaminationEdge[] = [];
  const claim = (u: number, v: number, split: Split): ContaminationEdge => ({
    upstream: keys[u]!,
    downstream: keys[v]!,
    relation: RELATIONS[int(RELATIONS.length)] as Relation,
    confidence: Math.round((0.5 + random() * 0.5) * 100) / 100,
    split,
    status: pick(STATUSES),
    evidence: EVIDENCE,
  });

  // Every fifth benchmark (after the first) is built from the previous one's evaluation split.
  for (let i = 5; i < nb; i += 5) edges.push({ ...claim(i - 1, i, "TEST"), status: "ACCEPTED" });

  // Upstream ends of dataset→dataset edges so far: drawing from it is preferential attachment.
  const popular: number[] = [];
  const decontaminations: Decontamination[] = [];
  for (let v = nb; v < spec.nodes; v++) {
    if (v < nb + 10 || random() < EXTERNAL_SHARE) {
      keys.push(`corpus:synth-${pad(v)}`);
      externals.push(v);
      nodeInfo.push({ key: keys[v]!, kind: "EXTERNAL", created: null });
      // Some corpora hold every edition of a family (a competition's archive), as corpus:aime does.
      if (nb && random() < P_HOLDER) holdings.push({ key: keys[v]!, family: benchmarks[int(nb)]!.family, window: { from: null, to: null } });
      continue;
    }
    keys.push(`synth/d${pad(v)}`);
    nodeInfo.push({ key: keys[v]!, kind: "DATASET", created: random() < P_UNDATED ? null : created(v) });
    const upstreams = new Set<number>();
    const count = 2 + int(3);
    for (let k = 0; k < count; k++) {
      const r = random();
      if (r < P_BENCHMARK && nb) upstreams.add(int(nb));
      else if (r < P_BENCHMARK + pExternal || !datasets.length) upstreams.add(externals[int(externals.length)]!);
      else if (random() < P_RECENT || !popular.length) upstreams.add(datasets[Math.max(0, datasets.length - 1 - int(RECENT_WINDOW))]!);
      else upstreams.add(popular[int(popular.length)]!);
    }
    for (const u of upstreams) {
      const isBenchmark = u < nb;
      const edge = claim(u, v, pick(isBenchmark ? BENCHMARK_SPLITS : DATASET_SPLITS));
      edges.push(edge);
      if (!isBenchmark && !keys[u]!.startsWith("corpus:")) popular.push(u);
      // Builders who use an evaluation set knowingly often say they decontaminated against it.
      if (isBenchmark && edge.split !== "TRAIN" && random() < P_DECONTAMINATED_DIRECT) decontaminations.push({ dataset: keys[v]!, benchmark: keys[u]!, evidence: EVIDENCE });
    }
    datasets.push(v);
    if (nb && random() < P_DECONTAMINATED) decontaminations.push({ dataset: keys[v]!, benchmark: benchmarks[int(nb)]!.key, evidence: EVIDENCE });
  }
  return { edges, evalSets: benchmarks, holdings, nodes: nodeInfo, decontaminations };
}
