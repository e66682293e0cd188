/**
 * Lineage similarity: how much two datasets draw on the same sources.
 *
 * Three measures over the datasets' upstream sets: Jaccard of their roots (the sources with no
 * upstream of their own), Jaccard of all their ancestors, and an IDF-weighted root Jaccard in
 * which a shared rare source counts for more than a shared source nearly everything uses.
 * Root and ancestor sets are exact (one BFS per dataset); for nearest neighbours on a large
 * graph the MinHash signatures from `computeReach` shortlist candidates first.
 */
import { ancestorsOf, isDataset, type AnalysisGraph } from "./graph";
import { signatureJaccard, type Reach } from "./reach";
import { normalizeKey } from "@/lib/keys";

export type SimilarityResult = {
  datasets: string[];
  rootJaccard: number[][];
  ancestorJaccard: number[][];
  weighted: number[][];
  /** Roots every given dataset reaches, in key order. */
  sharedRoots: string[];
  /** Per dataset (graph casing): its roots no other given dataset reaches, in key order. */
  uniqueRoots: Record<string, string[]>;
};

export type SimilarDataset = { dataset: string; weighted: number; rootJaccard: number; ancestorJaccard: number; sharedRoots: number };

export const SIMILARITY_DEFINITIONS = {
  rootJaccard: "Shared roots (upstream sources with no upstream of their own) over the roots either dataset reaches: |R(a) ∩ R(b)| / |R(a) ∪ R(b)|.",
  ancestorJaccard: "Shared ancestors over the ancestors either dataset reaches (every node upstream, roots and intermediate datasets alike): |A(a) ∩ A(b)| / |A(a) ∪ A(b)|.",
  weighted:
    "IDF-weighted root Jaccard: Σ w(r) over shared roots / Σ w(r) over the roots either reaches, w(r) = ln(1 + N / reach(r)), N = nodes with an upstream, reach(r) = nodes reaching r; sharing a rare source counts more than sharing one almost everything uses.",
} as const;

/** Above this many derived datasets, `mostSimilar` shortlists by MinHash instead of scanning every overlap. */
export const EXACT_SCAN_LIMIT = 5_000;
/** How many MinHash neighbours `mostSimilar` re-scores exactly on a large graph. */
export const SHORTLIST_SIZE = 200;

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function byKey(g: AnalysisGraph) {
  return (a: number, b: number) => {
    const x = normalizeKey(g.keys[a]!);
    const y = normalizeKey(g.keys[b]!);
    return x < y ? -1 : x > y ? 1 : a - b;
  };
}

/** A derived dataset: one people train on that is built from something in the store. */
export function isDerivedDataset(g: AnalysisGraph, v: number): boolean {
  return isDataset(g, v) && g.inStart[v + 1]! > g.inStart[v]!;
}

/** Exact ancestor and root sets of v (not v itself). */
export function upstreamSets(g: AnalysisGraph, v: number): { ancestors: Set<number>; roots: Set<number> } {
  const ancestors = new Set(ancestorsOf(g, v).order);
  const roots = new Set<number>();
  for (const u of ancestors) if (g.inStart[u + 1] === g.inStart[u]) roots.add(u);
  return { ancestors, roots };
}

function jaccard(a: Set<number>, b: Set<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  const union = a.size + b.size - shared;
  return union ? shared / union : 0;
}

/**
 * Root weights w(r) = ln(1 + N / reach(r)), computed on demand. N counts nodes with an
 * upstream: exactly the nodes that can reach a root, so a root everything reaches weighs ln 2.
 */
function rootWeights(g: AnalysisGraph, reach: Reach): (r: number) => number {
  let derived = 0;
  for (let v = 0; v < g.n; v++) if (!reach.isRoot[v]) derived++;
  const cache = new Map<number, number>();
  return (r) => {
    let w = cache.get(r);
    if (w === undefined) {
      w = Math.log(1 + derived / Math.max(1, reach.rootReach[r]!));
      cache.set(r, w);
    }
    return w;
  };
}

function weightedJaccard(a: Set<number>, b: Set<number>, weight: (r: number) => number): number {
  let shared = 0;
  let union = 0;
  for (const r of a) {
    const w = weight(r);
    union += w;
    if (b.has(r)) shared += w;
  }
  for (const r of b) if (!a.has(r)) union += weight(r);
  return union > 0 ? shared / union : 0;
}

function matrix(sets: Set<number>[], measure: (a: Set<number>, b: Set<number>) => number): number[][] {
  return sets.map((a, i) => sets.map((b, j) => (i === j ? 1 : round4(measure(a, b)))));
}

/** Pairwise similarity of 2–20 datasets (keys already known to exist). */
export function lineageSimilarity(g: AnalysisGraph, reach: Reach, keys: string[]): SimilarityResult {
  const indices = keys.map((key) => {
    const v = g.index.get(normalizeKey(key));
    if (v === undefined) throw new Error(`Unknown dataset ${key}`);
    return v;
  });
  const sets = indices.map((v) => upstreamSets(g, v));
  const roots = sets.map((s) => s.roots);
  const weight = rootWeights(g, reach);
  const order = byKey(g);
  const names = (xs: Iterable<number>) => [...xs].sort(order).map((r) => g.keys[r]!);

  const shared = [...roots[0]!].filter((r) => roots.every((s) => s.has(r)));
  const uniqueRoots: Record<string, string[]> = {};
  indices.forEach((v, i) => {
    const others = roots.filter((_, j) => j !== i && indices[j] !== v);
    uniqueRoots[g.keys[v]!] = names([...roots[i]!].filter((r) => !others.some((s) => s.has(r))));
  });
  return {
    datasets: indices.map((v) => g.keys[v]!),
    rootJaccard: matrix(roots, jaccard),
    ancestorJaccard: matrix(
      sets.map((s) => s.ancestors),
      jaccard,
    ),
    weighted: matrix(roots, (a, b) => weightedJaccard(a, b, weight)),
    sharedRoots: names(shared),
    uniqueRoots,
  };
}

/** Derived datasets (other than v) that reach at least one of `roots`: everything below them. */
function sharingCandidates(g: AnalysisGraph, roots: Set<number>, v: number): number[] {
  const seen = new Uint8Array(g.n);
  const queue = [...roots];
  for (const r of queue) seen[r] = 1;
  const out: number[] = [];
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    for (let k = g.outStart[u]!; k < g.outStart[u + 1]!; k++) {
      const w = g.down[g.outEdge[k]!]!;
      if (seen[w]) continue;
      seen[w] = 1;
      queue.push(w);
      if (w !== v && isDerivedDataset(g, w)) out.push(w);
    }
  }
  return out;
}

/** The SHORTLIST_SIZE derived datasets whose signatures are closest to v's (estimate above 0). */
function shortlist(g: AnalysisGraph, reach: Reach, v: number): number[] {
  const scored: { c: number; s: number }[] = [];
  for (let c = 0; c < g.n; c++) {
    if (c === v || !isDerivedDataset(g, c)) continue;
    const s = signatureJaccard(reach, v, c);
    if (s > 0) scored.push({ c, s });
  }
  const order = byKey(g);
  scored.sort((a, b) => b.s - a.s || order(a.c, b.c));
  return scored.slice(0, SHORTLIST_SIZE).map((x) => x.c);
}

/**
 * The derived datasets most similar to `key` by the weighted measure (ties: root Jaccard,
 * then ancestor Jaccard, then key). Ancestors and descendants of `key` are kept (a derivative is a legitimate
 * neighbour); candidates sharing no root are not. Exact on graphs with up to
 * EXACT_SCAN_LIMIT derived datasets; beyond that the SHORTLIST_SIZE best MinHash estimates are
 * re-scored exactly, so a neighbour the signatures miss entirely can be missed.
 */
export function mostSimilar(g: AnalysisGraph, reach: Reach, key: string, options: { limit?: number } = {}): SimilarDataset[] {
  const limit = options.limit ?? 10;
  const v = g.index.get(normalizeKey(key));
  if (v === undefined) throw new Error(`Unknown dataset ${key}`);
  const own = upstreamSets(g, v);
  const roots = own.roots;
  if (!roots.size || limit <= 0) return [];
  let derived = 0;
  for (let c = 0; c < g.n; c++) if (isDerivedDataset(g, c)) derived++;
  const candidates = derived <= EXACT_SCAN_LIMIT ? sharingCandidates(g, roots, v) : shortlist(g, reach, v);
  const weight = rootWeights(g, reach);
  const results: SimilarDataset[] = [];
  for (const c of candidates) {
    const sets = upstreamSets(g, c);
    const other = sets.roots;
    let shared = 0;
    for (const r of other) if (roots.has(r)) shared++;
    if (!shared) continue;
    results.push({
      dataset: g.keys[c]!,
      weighted: round4(weightedJaccard(roots, other, weight)),
      rootJaccard: round4(jaccard(roots, other)),
      ancestorJaccard: round4(jaccard(own.ancestors, sets.ancestors)),
      sharedRoots: shared,
    });
  }
  const keyOrder = (a: string, b: string) => {
    const x = normalizeKey(a);
    const y = normalizeKey(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  // Many datasets can share exactly the same roots (everything built from GSM8K and MATH);
  // among those, the one that also shares its intermediate datasets is the closer relative.
  results.sort((a, b) => b.weighted - a.weighted || b.rootJaccard - a.rootJaccard || b.ancestorJaccard - a.ancestorJaccard || keyOrder(a.dataset, b.dataset));
  return results.slice(0, limit);
}
