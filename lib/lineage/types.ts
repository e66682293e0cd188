/**
 * The lineage graph as the API and the UI see it. Plain JSON: no Prisma types, so client
 * components and exports can use these too.
 */

export const RELATIONS = [
  "DIRECT_INCLUSION",
  "STRUCTURED_FUSION",
  "SYNTHETIC_GENERATION",
  "SEMANTIC_EVOLUTION",
  "COT_DISTILLATION",
] as const;
export type Relation = (typeof RELATIONS)[number];

/** The paper's names for the relation types (also the ODA file format's values). */
export const RELATION_LABELS: Record<Relation, string> = {
  DIRECT_INCLUSION: "Direct Inclusion/Subset",
  STRUCTURED_FUSION: "Structured Fusion",
  SYNTHETIC_GENERATION: "Synthetic Generation",
  SEMANTIC_EVOLUTION: "Semantic Evolution",
  COT_DISTILLATION: "CoT Distillation",
};

export const SPLITS = ["TRAIN", "TEST", "VALIDATION", "ALL", "UNKNOWN"] as const;
export type Split = (typeof SPLITS)[number];

export const REVIEW_STATUSES = ["PROPOSED", "ACCEPTED", "REJECTED"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const EDGE_ORIGINS = ["SEED", "IMPORT", "AGENT", "PERSON", "DPI"] as const;
export type EdgeOrigin = (typeof EDGE_ORIGINS)[number];

export const EVIDENCE_SOURCES = ["CARD", "PAPER", "GITHUB", "BLOG", "WEBSITE", "IMPORT"] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];
/** Where a piece of evidence was found, as a sentence reads it ("From the dataset card"). */
export const EVIDENCE_SOURCE_PHRASES: Record<EvidenceSource, string> = { CARD: "dataset card", PAPER: "paper", GITHUB: "GitHub", BLOG: "blog", WEBSITE: "website", IMPORT: "import" };

export const NODE_KINDS = ["DATASET", "BENCHMARK", "EXTERNAL"] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const DOMAINS = ["MATH", "CODE", "SCIENCE", "GENERAL", "MEDICAL", "MULTILINGUAL"] as const;
export type Domain = (typeof DOMAINS)[number];

/** How the domains read to people (also the ODA format's category names). */
export const DOMAIN_LABELS: Record<Domain, string> = {
  MATH: "Math",
  CODE: "Code",
  SCIENCE: "Science",
  GENERAL: "General",
  MEDICAL: "Medical",
  MULTILINGUAL: "Multilingual",
};

export const CRAWL_STATES = ["UNTRACED", "QUEUED", "RUNNING", "TRACED", "TERMINAL", "FAILED"] as const;
export type CrawlState = (typeof CRAWL_STATES)[number];

export const TERMINAL_REASONS = ["NO_SOURCES_FOUND", "SOURCES_NOT_ON_HUB", "CREATED_BEFORE_CUTOFF", "NOT_ON_HUB", "PRIMARY_SOURCE", "DEPTH_LIMIT", "OTHER"] as const;
export type TerminalReason = (typeof TERMINAL_REASONS)[number];

export type KeyScheme = "HUB" | "GITHUB" | "ARXIV" | "WEB" | "CORPUS";

export type BenchmarkInfo = { family: string; evalSplits: Split[] };

export type LineageNode = {
  /** The key in comparison form (lib/lineage/ids.ts): what maps and drawn elements are keyed on. */
  id: string;
  key: string;
  displayName: string;
  scheme: KeyScheme;
  kind: NodeKind;
  domains: Domain[];
  /** Link to the node's home (Hub page, GitHub repo, paper, site); null for named corpora. */
  url: string | null;
  hubPresence: "UNKNOWN" | "EXISTS" | "MISSING";
  hubDownloads: number | null;
  hubLikes: number | null;
  /** ISO timestamp. */
  hubCreatedAt: string | null;
  releaseMonth: string | null;
  license: string | null;
  sizeCategory: string | null;
  tags: string[];
  paperUrl: string | null;
  crawlState: CrawlState;
  terminalReason: string | null;
  terminalDetail: string | null;
  benchmark: BenchmarkInfo | null;
  /** All upstream / downstream edges of the node in the store (after the request's filters). */
  upstreamCount: number;
  downstreamCount: number;
  /** Of those, how many lead to nodes not included in this response. */
  hiddenUpstream: number;
  hiddenDownstream: number;
};

export type LineageEvidence = {
  source: EvidenceSource;
  url: string | null;
  quote: string | null;
  locator: string | null;
};

export type LineageEdge = {
  /** From the ends' ids (lib/lineage/ids.ts). */
  id: string;
  upstreamId: string;
  downstreamId: string;
  upstream: string;
  downstream: string;
  relation: Relation;
  confidence: number;
  split: Split;
  status: ReviewStatus;
  origin: EdgeOrigin;
  evidence: LineageEvidence[];
};

export type LineageGraph = {
  root: string;
  nodes: LineageNode[];
  edges: LineageEdge[];
  /** True when the depth or node limit cut the graph short. */
  truncated: boolean;
};

/** One dataset in a search result or a ranked list. */
export type DatasetSummary = {
  key: string;
  displayName: string;
  kind: NodeKind;
  domains: Domain[];
  hubDownloads: number | null;
  upstreamCount: number;
  downstreamCount: number;
  /** Set when the dataset was found through one of its aliases rather than its key or name. */
  matchedAlias?: string;
};
