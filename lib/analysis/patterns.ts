/**
 * Structural patterns per domain: how derived datasets are built, in the paper's two
 * directions. Vertical refinement makes long chains (a dataset filtered, rewritten or
 * distilled from one that was itself derived); horizontal aggregation makes wide mixtures
 * (many sources side by side). Per domain we summarise depth, fan-in and root counts,
 * the relation types on the edges into the domain's datasets, and name the deepest and
 * the widest datasets as exemplars.
 *
 * Pure and client-safe: reads an AnalysisGraph and its Reach, touches no store, so pages
 * can run it on whatever graph they hold. Every figure comes from the live edges the graph
 * keeps (rejected claims never count).
 */
import { normalizeKey } from "@/lib/keys";
import { DOMAINS, RELATIONS, type Domain, type Relation } from "@/lib/lineage/types";
import type { AnalysisGraph } from "./graph";
import type { Reach } from "./reach";

/** What the figures mean, one line each, for pages to show beside them. */
export const DEFINITIONS = {
  depth: "Depth: the longest upstream path, in edges, from a dataset to a root.",
  fanIn: "Fan-in: the number of direct upstreams of a dataset.",
  roots: "Roots: the dataset's ancestors that have no upstream in the store.",
  ancestors: "Ancestors: every node reachable upstream of a dataset.",
  derived: "Derived datasets: datasets and benchmarks (not external sources) with at least one live upstream.",
  median: "Median: the middle value (the mean of the two middle values for an even count).",
  p90: "P90: the nearest-rank 90th percentile, the value at rank ⌈0.9·n⌉ in ascending order.",
  relations: "Relations: the share of each relation type among the live edges into the group's derived datasets.",
  verticality:
    "Verticality: median depth ÷ median fan-in; above 1 a domain grows by deep refinement, below 1 by wide mixtures.",
} as const;

export type Stat = { median: number; p90: number; max: number };
export type Exemplar = { key: string; depth: number; fanIn: number; roots: number };
export type PatternGroup = {
  /** Derived datasets in the group. */
  datasets: number;
  depth: Stat;
  fanIn: Stat;
  roots: Stat;
  /** Share (0–1) of each relation type among the live edges into the group's datasets. */
  relations: Record<Relation, number>;
  /** How many live edges those shares are of. */
  edges: number;
  /** Deepest datasets first. */
  vertical: Exemplar[];
  /** Widest fan-in first. */
  horizontal: Exemplar[];
};
export type Patterns = {
  /** Domains with at least one derived dataset, most datasets first, then by name. */
  domains: (PatternGroup & { domain: Domain })[];
  /** Every derived dataset, with or without a domain. */
  overall: PatternGroup;
  /** Number of derived datasets. */
  derived: number;
  /** Live edges into any derived dataset. */
  edgesUsed: number;
};

const DEFAULT_EXEMPLARS = 5;

const round = (x: number, places: number) => {
  const f = 10 ** places;
  return Math.round(x * f) / f;
};

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Keys compare as the graph orders them: case-insensitively, then exactly (for a stable tie-break). */
function keyCmp(a: string, b: string): number {
  return cmp(normalizeKey(a), normalizeKey(b)) || cmp(a, b);
}

/** Median, nearest-rank p90 and max of a list; zeros for an empty one. */
export function stat(values: ArrayLike<number>): Stat {
  const n = values.length;
  if (!n) return { median: 0, p90: 0, max: 0 };
  const sorted = Float64Array.from(values).sort();
  const mid = n >> 1;
  const median = n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median: round(median, 2), p90: sorted[Math.ceil(0.9 * n) - 1]!, max: sorted[n - 1]! };
}

/** Whether v counts as derived: a dataset or benchmark that draws on something in the store. */
function isDerived(g: AnalysisGraph, reach: Reach, v: number): boolean {
  return g.nodes[v]!.kind !== "EXTERNAL" && reach.fanIn[v]! > 0;
}

/** Downloads as a tie-break: unknown counts as none. */
const downloads = (g: AnalysisGraph, v: number) => g.nodes[v]!.hubDownloads ?? 0;

function exemplars(g: AnalysisGraph, reach: Reach, members: number[], limit: number) {
  const toExemplar = (v: number): Exemplar => ({ key: g.keys[v]!, depth: reach.depth[v]!, fanIn: reach.fanIn[v]!, roots: reach.roots[v]! });
  const byKey = (a: number, b: number) => keyCmp(g.keys[a]!, g.keys[b]!);
  const byDownloads = (a: number, b: number) => downloads(g, b) - downloads(g, a);
  // Vertical: deepest first; among equals the narrower one is the purer chain.
  const vertical = [...members]
    .sort((a, b) => reach.depth[b]! - reach.depth[a]! || reach.fanIn[a]! - reach.fanIn[b]! || byDownloads(a, b) || byKey(a, b))
    .slice(0, limit)
    .map(toExemplar);
  // Horizontal: widest first; among equals the shallower one is the purer mixture.
  const horizontal = [...members]
    .sort((a, b) => reach.fanIn[b]! - reach.fanIn[a]! || reach.depth[a]! - reach.depth[b]! || byDownloads(a, b) || byKey(a, b))
    .slice(0, limit)
    .map(toExemplar);
  return { vertical, horizontal };
}

function relationShares(g: AnalysisGraph, members: number[]): { relations: Record<Relation, number>; edges: number } {
  const counts = Object.fromEntries(RELATIONS.map((r) => [r, 0])) as Record<Relation, number>;
  let edges = 0;
  for (const v of members) {
    for (let k = g.inStart[v]!; k < g.inStart[v + 1]!; k++) {
      counts[g.relation[g.inEdge[k]!]!]++;
      edges++;
    }
  }
  const relations = Object.fromEntries(RELATIONS.map((r) => [r, edges ? round(counts[r] / edges, 4) : 0])) as Record<Relation, number>;
  return { relations, edges };
}

function group(g: AnalysisGraph, reach: Reach, members: number[], limit: number): PatternGroup {
  const pick = (a: Int32Array) => members.map((v) => a[v]!);
  return {
    datasets: members.length,
    depth: stat(pick(reach.depth)),
    fanIn: stat(pick(reach.fanIn)),
    roots: stat(pick(reach.roots)),
    ...relationShares(g, members),
    ...exemplars(g, reach, members, limit),
  };
}

export function structuralPatterns(g: AnalysisGraph, reach: Reach, options?: { exemplars?: number }): Patterns {
  const limit = Math.max(0, options?.exemplars ?? DEFAULT_EXEMPLARS);
  const derived: number[] = [];
  const byDomain = new Map<Domain, number[]>(DOMAINS.map((d) => [d, []]));
  for (let v = 0; v < g.n; v++) {
    if (!isDerived(g, reach, v)) continue;
    derived.push(v);
    // A node may list a domain twice (hand-made input); count it once per domain.
    for (const d of new Set(g.nodes[v]!.domains)) byDomain.get(d)?.push(v);
  }
  const domains = [...byDomain]
    .filter(([, members]) => members.length > 0)
    .sort(([da, a], [db, b]) => b.length - a.length || cmp(da, db))
    .map(([domain, members]) => ({ domain, ...group(g, reach, members, limit) }));
  const overall = group(g, reach, derived, limit);
  return { domains, overall, derived: derived.length, edgesUsed: overall.edges };
}

/**
 * Median depth ÷ median fan-in of a group (0 when the fan-in median is 0, i.e. an empty
 * group). Above 1 the group grows by deep refinement (chains of derivations); below 1 by
 * wide mixtures (many sources combined once). Unrounded: pages format it.
 */
export function verticalityIndex(group: Pick<PatternGroup, "depth" | "fanIn">): number {
  return group.fanIn.median === 0 ? 0 : group.depth.median / group.fanIn.median;
}
