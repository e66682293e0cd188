/**
 * The contracts between the four agents (sourcing → extraction → tracing → aggregation) and
 * the ports they reach the world through. The agents never import the database or the Hub
 * client: server code hands them a HubPort and a LineageStore, tests hand them fakes.
 */
import type { ExtractedEdge, ExtractionSource } from "@/agents/extraction/rules";
import type { Domain, Relation, Split, TerminalReason } from "@/lib/lineage/types";

export type AgentName = "sourcing" | "extraction" | "tracing" | "aggregation";

/** One thing an agent did, or ("run") what happened to the run as a whole. */
export type StepEvent = { agent: AgentName | "run"; key: string; message: string; at: string; durationMs?: number };

/** A text the extraction agent reads: the card, an arXiv abstract, a GitHub README. */
export type SourceDoc = { source: ExtractionSource; url: string; text: string };

export type HubFacts = {
  id: string;
  sha: string;
  license: string | null;
  tags: string[];
  createdAt: string | null;
  downloads: number;
  likes: number;
  paperUrl: string | null;
  homepageUrl: string | null;
  domains: Domain[];
};

export type SourcingResult =
  | { found: true; facts: HubFacts; docs: SourceDoc[]; skipped: { url: string; reason: string }[] }
  | { found: false; reason: string };

/** An extracted edge with the document it came from (its quote occurs in that document). */
export type Candidate = ExtractedEdge & { url: string };

export type ResolvedEdge = {
  upstream: string;
  upstreamName: string | null;
  relation: Relation;
  confidence: number;
  split: Split;
  evidence: { source: ExtractionSource; url: string; quote: string }[];
  /** How the name became a key (for the run log). */
  via: "hub_id" | "alias" | "hub_search" | "external";
};

export type UpstreamFacts = { key: string; onHub: boolean | null; createdAt: string | null; name: string | null };

/**
 * A name a text gives as an upstream that could not become one: a Hub id the Hub answers 404
 * for (a typo, a renamed or deleted repo, an invented id). It is kept with its quote so a
 * person can fix it; it is never a node or an edge.
 */
export type UnresolvedMention = { mention: string; reason: "not_on_hub"; relation: Relation; source: ExtractionSource; url: string; quote: string };

export type TraceDrop = { candidate: string; reason: string; mention?: UnresolvedMention };

/** A verified statement in a text that the dataset was decontaminated against (or had removed) `key`. */
export type Cleaning = { key: string; kind: "decontaminated" | "removed"; source: ExtractionSource; url: string; quote: string };

/** What aggregation writes for one traced dataset, in one transaction. */
export type AggregateInput = {
  runId: string | null;
  key: string;
  facts: HubFacts | null;
  notOnHub: boolean;
  edges: ResolvedEdge[];
  upstreams: UpstreamFacts[];
  cleanings: Cleaning[];
  /** Upstream names the Hub does not have, with their quotes (stored for people, never as edges). */
  mentions: UnresolvedMention[];
  terminal: { reason: TerminalReason; detail: string } | null;
};

export type AggregateResult = {
  edgesCreated: number;
  edgesUpdated: number;
  evidenceAdded: number;
  nodesCreated: number;
  cleaningsAdded: number;
  /** Unresolved mentions stored that this dataset did not have before. */
  mentionsAdded?: number;
  skipped: { upstream: string; reason: string }[];
  /** Hub upstreams not yet traced: the next level of the crawl. */
  next: string[];
};

export type CachedText = { status: number; text: string | null };

export interface LineageStore {
  /** Known names (lowercase) → key, from the alias table and unambiguous Hub names. */
  aliasMap(): Promise<Map<string, string>>;
  cachedText(url: string, revision: string, maxAgeMs: number | null): Promise<CachedText | null>;
  cacheText(entry: { url: string; revision: string; kind: string; status: number; text: string | null }): Promise<void>;
  /** Crawl state of a dataset, null when the store has never seen it; `upstreams` (its Hub sources) only once it is TRACED or TERMINAL. */
  crawlState(key: string): Promise<{ state: string; upstreams: string[] } | null>;
  aggregate(input: AggregateInput): Promise<AggregateResult>;
  /** A dataset whose trace failed is marked so, with why; nothing else about it changes. */
  markFailed(key: string, message: string): Promise<void>;
}

export type HubDatasetInfo = { facts: HubFacts; cardData: Record<string, unknown> | null };

export interface HubPort {
  /** Facts at the current revision; null when the Hub has no such dataset. */
  datasetInfo(id: string): Promise<HubDatasetInfo | null>;
  /** The README card at a revision; null when the repo has none. */
  card(id: string, revision: string): Promise<string | null>;
  search(query: string): Promise<{ id: string; downloads: number }[]>;
  /** A linked text (arXiv abstract, GitHub README) through the allowlisted fetch. */
  fetchText(url: string): Promise<{ status: number; text: string | null }>;
}

/** Where linked texts are fetched from (overridable so tests and mirrors can stand in). */
export type LinkedEndpoints = { arxiv: string; githubRaw: string };
