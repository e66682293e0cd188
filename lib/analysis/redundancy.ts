/**
 * Structural redundancy: the implicit intersections of a dataset's sources. A mixture that
 * takes two components which both contain OpenHermes, or takes OpenHermes directly and again
 * inside another mixture, holds that ancestor's data more than once (or has had to
 * deduplicate it). The lineage alone shows where that can happen, before anyone looks at
 * samples.
 *
 * For a dataset D with direct upstreams U1..Uk, A(Ui) = {Ui} ∪ ancestors(Ui). An ancestor a
 * of D is shared when it lies in two or more A(Ui); k_a counts them. The score is the share
 * of D's upstream reaches that repeat one made through another source (see SCORE_DEFINITION).
 *
 * `datasetRedundancy` explains one dataset (the shared ancestors with a path through each
 * source); `redundancyRanking` scores every dataset from the reach counts alone, with no
 * search per dataset, so it runs on a 100k-node graph. On an acyclic graph (the store is
 * one) both give the same scores. Pure and client-safe.
 */
import { normalizeKey } from "@/lib/keys";
import { ancestorsOf, isDataset, nodeIndex, pathDown, upstreamsOf, type AnalysisGraph } from "./graph";
import type { Reach } from "./reach";

export const SCORE_DEFINITION =
  "Redundancy: Σ(k_a − 1) / Σ k_a over a dataset's ancestors a, where k_a is how many of its direct sources reach a (a source reaches itself) = 1 − |ancestors| / Σ|reach of each source|: the share of its upstream reaches that repeat one already made through another source; 0 when nothing is reached twice.";

export type SharedAncestor = {
  ancestor: string;
  /** The direct upstreams it is reached through, in key order. */
  via: string[];
  /** One per via: [ancestor, …, via, dataset], a shortest path through that via. */
  paths: string[][];
};
export type Redundancy = {
  dataset: string;
  score: number;
  /** Distinct ancestors of the dataset. */
  ancestors: number;
  /** Most vias first, then by key; at most maxShared. */
  shared: SharedAncestor[];
  /** Shared ancestors before truncation. */
  sharedTotal: number;
};
export type RedundancyRank = {
  dataset: string;
  score: number;
  /** Σ(k_a − 1): reaches that repeat an ancestor reached through another source. */
  duplicateReaches: number;
  fanIn: number;
  ancestors: number;
};

const DEFAULT_MAX_SHARED = 100;
const DEFAULT_LIMIT = 20;

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Keys compare as the graph orders them: case-insensitively, then exactly. */
function keyCmp(a: string, b: string): number {
  return cmp(normalizeKey(a), normalizeKey(b)) || cmp(a, b);
}

/** The score from its two sums, rounded the same way wherever it is computed. */
function score(duplicateReaches: number, totalReaches: number): number {
  return totalReaches ? Math.round((duplicateReaches / totalReaches) * 10_000) / 10_000 : 0;
}

export function datasetRedundancy(g: AnalysisGraph, key: string, options?: { maxShared?: number }): Redundancy | null {
  const d = nodeIndex(g, key);
  if (d === undefined) return null;
  const maxShared = Math.max(0, options?.maxShared ?? DEFAULT_MAX_SHARED);
  const ups = upstreamsOf(g, d);
  // One search per source, kept for its parents: the paths come from them.
  const searches = ups.map((u) => ancestorsOf(g, u));
  // For each ancestor, which sources (positions in `ups`) reach it.
  const reachedBy = new Map<number, number[]>();
  let totalReaches = 0;
  ups.forEach((u, i) => {
    for (const a of [u, ...searches[i]!.order]) {
      // On a cycle a source can reach D itself, which is no ancestor of D.
      if (a === d) continue;
      const list = reachedBy.get(a);
      if (list) list.push(i);
      else reachedBy.set(a, [i]);
      totalReaches++;
    }
  });
  const ancestors = reachedBy.size;
  const shared = [...reachedBy].filter(([, vias]) => vias.length > 1);
  shared.sort(([a, va], [b, vb]) => vb.length - va.length || keyCmp(g.keys[a]!, g.keys[b]!));
  return {
    dataset: g.keys[d]!,
    score: score(totalReaches - ancestors, totalReaches),
    ancestors,
    // Paths only for what is kept: a hub with thousands of shared ancestors stays cheap.
    shared: shared.slice(0, maxShared).map(([a, vias]) => ({
      ancestor: g.keys[a]!,
      via: vias.map((i) => g.keys[ups[i]!]!),
      paths: vias.map((i) => [...pathDown(g, searches[i]!.parent, a, ups[i]!), g.keys[d]!]),
    })),
    sharedTotal: shared.length,
  };
}

/**
 * Every derived dataset with a score above 0, most redundant first (then most duplicate
 * reaches, then key), at most `limit`. From reach counts: |A(Ui)| = ancestors(Ui) + 1 and
 * the union of the A(Ui) is D's ancestor set, so no search per dataset is needed.
 */
export function redundancyRanking(g: AnalysisGraph, reach: Reach, options?: { limit?: number }): RedundancyRank[] {
  const limit = Math.max(0, options?.limit ?? DEFAULT_LIMIT);
  const ranks: RedundancyRank[] = [];
  for (let v = 0; v < g.n; v++) {
    // Fan-in 1 reaches each ancestor once: nothing to repeat.
    if (!isDataset(g, v) || reach.fanIn[v]! < 2) continue;
    let totalReaches = 0;
    for (let k = g.inStart[v]!; k < g.inStart[v + 1]!; k++) totalReaches += reach.ancestors[g.up[g.inEdge[k]!]!]! + 1;
    const duplicateReaches = totalReaches - reach.ancestors[v]!;
    const s = score(duplicateReaches, totalReaches);
    // On the rounded score, so a listed dataset never shows 0.
    if (s <= 0) continue;
    ranks.push({ dataset: g.keys[v]!, score: s, duplicateReaches, fanIn: reach.fanIn[v]!, ancestors: reach.ancestors[v]! });
  }
  ranks.sort((a, b) => b.score - a.score || b.duplicateReaches - a.duplicateReaches || keyCmp(a.dataset, b.dataset));
  return ranks.slice(0, limit);
}
