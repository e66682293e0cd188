/**
 * Benchmark contamination along lineage paths: the shapes the rules (compute.ts), the API
 * and the UI share. Plain JSON, client-safe.
 *
 * A dataset is CONTAMINATED by benchmark B when a lineage path leads from B to it and the
 * first edge out of B used an evaluation split of B (the registry's evalSplits; ALL means
 * any use). POSSIBLE when that first edge's split is unknown or "all". TRAIN_LINEAGE when the
 * path starts with B's training split (legitimate, shown, not flagged). MITIGATED when the
 * path passes through a dataset that states it was decontaminated against B: that dataset
 * and what is built from it through it.
 */
import type { LineageEvidence, Relation, ReviewStatus, Split } from "@/lib/lineage/types";

/** Worst first. */
export const SEVERITIES = ["CONTAMINATED", "POSSIBLE", "MITIGATED", "TRAIN_LINEAGE"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Record<Severity, string> = {
  CONTAMINATED: "Contaminated",
  POSSIBLE: "Possibly contaminated",
  MITIGATED: "Mitigated (decontaminated)",
  TRAIN_LINEAGE: "Training-split lineage",
};

export type ContaminationEdge = {
  upstream: string;
  downstream: string;
  relation: Relation;
  confidence: number;
  split: Split;
  status: ReviewStatus;
  evidence: LineageEvidence[];
};

export type ContaminationBenchmark = { key: string; family: string; evalSplits: Split[] };

/** A dataset's statement that it was decontaminated against (or had removed) a benchmark. */
export type Decontamination = { dataset: string; benchmark: string; evidence: LineageEvidence[] };

export type ContaminationInput = {
  edges: ContaminationEdge[];
  benchmarks: ContaminationBenchmark[];
  decontaminations: Decontamination[];
};

export type PathStep = Omit<ContaminationEdge, "status"> & { status: ReviewStatus };

export type ContaminationPath = {
  /** Node keys in order, from the benchmark to the flagged dataset. */
  keys: string[];
  steps: PathStep[];
  severity: Severity;
  /** The dataset on the path that was decontaminated against the benchmark, for MITIGATED paths. */
  mitigation: { dataset: string; evidence: LineageEvidence[] } | null;
};

export type ContaminationFlag = {
  dataset: string;
  benchmark: string;
  family: string;
  /** The worst severity over all paths from the benchmark. */
  severity: Severity;
  /** Edges on the shortest path of that severity. */
  distance: number;
  /**
   * The first node after the benchmark on that shortest path: the downstream family the
   * dataset belongs to (the overview groups by it without computing paths).
   */
  via?: string;
  /** A few shortest paths, worst severity first. */
  paths: ContaminationPath[];
};

export type ComputeOptions = {
  /** Paths kept per flag (default 3). */
  maxPaths?: number;
  /** Only flags of these datasets (the search still walks the whole graph). */
  datasets?: readonly string[];
  /** Only these benchmarks. */
  benchmarks?: readonly string[];
};

export type BenchmarkReach = {
  benchmark: string;
  family: string;
  counts: Record<Severity, number>;
  /** Datasets flagged CONTAMINATED or POSSIBLE. */
  flagged: number;
};

/** What /contamination and GET /api/contamination show. */
export type ContaminationOverview = {
  computedAt: string;
  computeMs: number;
  benchmarks: BenchmarkReach[];
  /** Every flag, without paths (open a dataset for those). */
  rows: { dataset: string; datasetName: string; benchmark: string; family: string; severity: Severity; distance: number }[];
  /** The largest downstream families: flagged datasets grouped by the first dataset after the benchmark. */
  families: { benchmark: string; via: string; viaName: string; datasets: number }[];
};
