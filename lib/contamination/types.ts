/**
 * Benchmark contamination along lineage paths: the shapes the rules (compute.ts), the API
 * and the UI share. Plain JSON, client-safe.
 *
 * A benchmark is a FAMILY (AIME, MATH, GSM8K, LiveCodeBench …) with EVALUATION SETS (AIME 2024,
 * MATH test, MATH-500, a LiveCodeBench release window …): each a host node, the host's splits
 * that are evaluation data, and the window of months its items come from. Other nodes can
 * HOLD a family's items over a window (the AIME competition corpus, a Hub set of every AIME
 * problem 1983–2024); a holder whose window meets an evaluation set's carries that set.
 *
 * For an evaluation set E, data enters the lineage only through an edge out of a node that
 * carries E's items (E's host, or a holder), and never passes through a dataset created
 * before E's items existed. Severity of a path, by its first edge:
 *   CONTAMINATED   the edge used an evaluation split of a node whose family items all lie in
 *                  E's window (E itself, a copy of it, a subset of it)
 *   POSSIBLE       the split is not stated or is "all"; or the node holds more of the family
 *                  than E (a 1983–2024 problem set), so the dataset may have taken other items
 *   TRAIN_LINEAGE  the edge used a non-evaluation split (shown, not flagged)
 *   MITIGATED      a dataset on the path states it was decontaminated against E's family
 * A dataset that itself holds E's items by its declared window is CONTAMINATED at distance 0.
 * Measured overlap (measured.ts) confirms, contradicts or, alone, raises a flag.
 */
import type { LineageEvidence, NodeKind, Relation, ReviewStatus, Split } from "@/lib/lineage/types";
import type { ItemWindow, Month } from "./dates";

export type { ItemWindow, Month } from "./dates";

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

/** An evaluation set: what people report scores on. */
export type EvalSet = {
  /** Stable slug, e.g. "aime-2024", "math-test", "livecodebench-v5". */
  id: string;
  /** "AIME 2024". */
  name: string;
  /** "AIME". */
  family: string;
  /** The node whose data it is. */
  key: string;
  /** The host's splits that are evaluation data; ALL when every split is. */
  evalSplits: Split[];
  /** Months its items come from (release month for static benchmarks); open when unknown. */
  window: ItemWindow;
};

/** "AIME 2024 (AIME)": the one way a benchmark is named everywhere. */
export function evalSetLabel(set: { name: string; family: string }): string {
  return set.name.toLowerCase() === set.family.toLowerCase() ? set.name : `${set.name} (${set.family})`;
}

/** A node that holds a family's items over a window (a competition corpus, an all-years problem set). */
export type ItemHolding = {
  key: string;
  family: string;
  window: ItemWindow;
  /** Which of its splits hold those items (default ALL). */
  evalSplits?: Split[];
};

/** What the rules need to know of a node beyond its edges. */
export type ContaminationNode = { key: string; kind?: NodeKind; created?: Month | null };

/** A dataset's statement that it was decontaminated against (or had removed) a benchmark. */
export type Decontamination = { dataset: string; benchmark: string; evidence: LineageEvidence[] };

/** A measured overlap of a dataset with an evaluation set's split (an n-gram or embedding match). */
export type Measurement = {
  dataset: string;
  /** Evaluation set id. */
  evalSet: string;
  split: Split;
  /** Fraction 0–1 of the dataset's samples matching the split. */
  overlap: number;
  method: string;
  url: string | null;
};

export type ContaminationInput = {
  edges: ContaminationEdge[];
  evalSets: EvalSet[];
  holdings?: ItemHolding[];
  nodes?: ContaminationNode[];
  decontaminations: Decontamination[];
};

export type PathStep = ContaminationEdge & {
  /** When the step's downstream came to exist (null when unknown). */
  created: Month | null;
};

/** Where E's items entered the lineage on a path. */
export type PathEntry = {
  key: string;
  /** host: E's own node; holder: a node holding the family's items over `window`. */
  role: "host" | "holder";
  window: ItemWindow;
  created: Month | null;
};

export type ContaminationPath = {
  /** Node keys in order, from the node that carried E's items to the flagged dataset. */
  keys: string[];
  steps: PathStep[];
  severity: Severity;
  entry: PathEntry;
  /** The dataset on the path that was decontaminated against the benchmark, for MITIGATED paths. */
  mitigation: { dataset: string; evidence: LineageEvidence[] } | null;
};

/** Why a flag has its severity (its worst path's first step, or the dataset's own window). */
export type FlagReason =
  /** First edge used an evaluation split of E or a copy of E. */
  | "eval_split"
  /** First edge's split is unknown or "all". */
  | "unknown_split"
  /** First edge left a node that holds more of the family than E. */
  | "wider_holder"
  /** The dataset holds E's items itself (declared window). */
  | "holds_items"
  | "train_split"
  | "decontaminated"
  /** Only a measured overlap says so. */
  | "measured";

export type MeasuredOverlap = { overlap: number; split: Split; method: string; url: string | null; evalSet: string };

export type ContaminationFlag = {
  dataset: string;
  /** Evaluation set id. */
  benchmark: string;
  /** Evaluation set name ("AIME 2024"). */
  name: string;
  family: string;
  /** The evaluation set's host node. */
  host: string;
  /** The worst severity over all paths (and measurements, see measured.ts). */
  severity: Severity;
  /** The worst severity the lineage alone gives (null: measured only). */
  lineageSeverity: Severity | null;
  reason: FlagReason;
  /** Edges on the shortest path of that severity (0 when the dataset holds the items itself). */
  distance: number;
  /**
   * The first node after the entry on that shortest path: the downstream family the dataset
   * belongs to (the overview groups by it without computing paths).
   */
  via?: string;
  /** Up to maxPaths paths, worst severity first, then shortest. */
  paths: ContaminationPath[];
  /** How many lineage paths there are in all (paths lists the first of them). */
  pathCount: number;
  /** Measured overlaps of the dataset with this family's evaluation sets. */
  measured: MeasuredOverlap[];
  /** Raised by a measurement alone: no lineage path leads from E to the dataset. */
  measuredOnly: boolean;
  /** A measurement on an evaluation split found (next to) no overlap: evidence against a POSSIBLE flag. */
  measuredAgainst: boolean;
};

export type ComputeOptions = {
  /** Paths kept per flag (default 3). */
  maxPaths?: number;
  /** Only flags of these datasets (the search still walks the whole graph). */
  datasets?: readonly string[];
  /** Only these evaluation sets (ids). */
  benchmarks?: readonly string[];
};

export type SeverityCounts = Record<Severity, number>;

export type BenchmarkReach = {
  /** Evaluation set id. */
  benchmark: string;
  name: string;
  family: string;
  host: string;
  window: ItemWindow;
  counts: SeverityCounts;
  /** Datasets flagged CONTAMINATED or POSSIBLE. */
  flagged: number;
  /** Flags that rest on a measurement (confirmed or measured only). */
  measured: number;
};

/** Per family: each dataset once, at its worst severity over the family's evaluation sets. */
export type FamilyReach = { family: string; evalSets: string[]; counts: SeverityCounts; flagged: number };

export type OverviewRow = {
  dataset: string;
  datasetName: string;
  benchmark: string;
  name: string;
  family: string;
  severity: Severity;
  distance: number;
  measuredOnly: boolean;
  /** Highest measured overlap on an evaluation split, when there is one. */
  overlap: number | null;
};

/** What /contamination and GET /api/contamination show. */
export type ContaminationOverview = {
  computedAt: string;
  computeMs: number;
  /** The overlap (fraction) at or above which a measurement counts as contamination. */
  threshold: number;
  benchmarks: BenchmarkReach[];
  families: FamilyReach[];
  /** Every flag, without paths (open a dataset for those). */
  rows: OverviewRow[];
  /** The largest downstream families: flagged datasets grouped by the first dataset after the entry. */
  downstream: { benchmark: string; via: string; viaName: string; datasets: number }[];
};

/** One flag as GET /api/lineage/{key}/contamination gives it. */
export type DatasetFlag = Omit<ContaminationFlag, "paths"> & {
  /** Node keys of each listed path, entry first. */
  paths: string[][];
  /** Each listed path's edges with their evidence and dates, where the items entered, and the mitigation. */
  details: ContaminationPath[];
  /** Every edge on the listed paths, once, with its evidence. */
  evidence: { upstream: string; downstream: string; relation: string; split: string; confidence: number; evidence: LineageEvidence[] }[];
};

/** GET /api/lineage/{key}/contamination. */
export type DatasetContamination = {
  dataset: string;
  /** Overlap at or above which a measurement counts as contamination. */
  threshold: number;
  flags: DatasetFlag[];
  /** Every measurement of this dataset, flagged or not. */
  measurements: (MeasuredOverlap & { name: string; family: string })[];
  /** Name, kind and creation month of every node on a listed path. */
  nodes: Record<string, { name: string; created: Month | null; kind: NodeKind | undefined }>;
};

/** A registered evaluation set as pickers and filters need it (with the nodes its items enter through). */
export type EvalSetInfo = { id: string; name: string; family: string; host: string; window: ItemWindow; entries: string[] };
