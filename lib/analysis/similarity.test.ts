/**
 * Lineage similarity on hand-made graphs (every figure worked out below) and the MinHash
 * shortlist path on a synthetic graph too big to scan exactly.
 */
import { describe, expect, it } from "vitest";
import { syntheticLineageGraph } from "@/lib/contamination/synthetic-graph";
import { buildAnalysisGraph, type AnalysisEdge, type AnalysisNode } from "./graph";
import { computeReach } from "./reach";
import { EXACT_SCAN_LIMIT, isDerivedDataset, lineageSimilarity, mostSimilar, SIMILARITY_DEFINITIONS } from "./similarity";

const edge = (upstream: string, downstream: string): AnalysisEdge => ({ upstream, downstream, relation: "DIRECT_INCLUSION" });
const ln = Math.log;

// Graph 1: a and b share one of three roots, through the intermediate dataset m.
//
//   corpus:r1 ──► x/A ◄── x/m ◄── corpus:r2
//                         x/m ──► x/b ◄── corpus:r3
//
// R(a) = {r1, r2}   R(b) = {r2, r3}   R(m) = {r2}
// A(a) = {r1, m, r2}   A(b) = {m, r2, r3}   A(m) = {r2}
// rootJaccard:     a·b = |{r2}| / |{r1, r2, r3}| = 1/3;  a·m = 1/2;  b·m = 1/2
// ancestorJaccard: a·b = |{m, r2}| / |{r1, m, r2, r3}| = 2/4;  a·m = 1/3;  b·m = 1/3
// Weighted: N = nodes with an upstream = {a, m, b} = 3; reach(r1) = 1 (a), reach(r2) = 3 (m, a, b), reach(r3) = 1 (b)
//   w(r1) = ln(1 + 3/1) = ln 4,  w(r2) = ln(1 + 3/3) = ln 2,  w(r3) = ln 4
//   a·b = ln 2 / (ln 4 + ln 2 + ln 4) = ln 2 / (5 ln 2) = 0.2
//   a·m = ln 2 / (ln 4 + ln 2) = 1/3;  b·m = 1/3
const g1 = buildAnalysisGraph({
  nodes: [],
  edges: [edge("corpus:r1", "x/A"), edge("x/m", "x/A"), edge("corpus:r2", "x/m"), edge("x/m", "x/b"), edge("corpus:r3", "x/b")],
});
const reach1 = computeReach(g1);

// Graph 2: p1·p2 share a popular root, q1·q2 a rare one; the same root Jaccard, not the same weight.
//
//   corpus:web ──► x/p1, x/p2, x/f1, x/f2, x/bench (a BENCHMARK)
//   corpus:s1 ──► x/p1      corpus:s2 ──► x/p2
//   corpus:rare ──► x/q1, x/q2
//   corpus:t1 ──► x/q1      corpus:t2 ──► x/q2
//
// N = {p1, p2, f1, f2, q1, q2, bench} = 7; reach(web) = 5, reach(rare) = 2, reach(s*) = reach(t*) = 1
//   w(web)  = ln(1 + 7/5) = ln 2.4 = 0.875469
//   w(rare) = ln(1 + 7/2) = ln 4.5 = 1.504077
//   w(s*) = w(t*) = ln(1 + 7/1) = ln 8 = 2.079442
//   p1·p2: rootJaccard 1/3, weighted = 0.875469 / (0.875469 + 2 × 2.079442) = 0.173899 → 0.1739
//   q1·q2: rootJaccard 1/3, weighted = 1.504077 / (1.504077 + 2 × 2.079442) = 0.265599 → 0.2656
//   p1·f1 = p1·f2: rootJaccard 1/2, weighted = 0.875469 / (0.875469 + 2.079442) = 0.296276 → 0.2963
const g2 = buildAnalysisGraph({
  nodes: [{ key: "x/bench", kind: "BENCHMARK", domains: [] }],
  edges: [
    ...["x/p1", "x/p2", "x/f1", "x/f2", "x/bench"].map((d) => edge("corpus:web", d)),
    edge("corpus:s1", "x/p1"),
    edge("corpus:s2", "x/p2"),
    edge("corpus:rare", "x/q1"),
    edge("corpus:rare", "x/q2"),
    edge("corpus:t1", "x/q1"),
    edge("corpus:t2", "x/q2"),
  ],
});
const reach2 = computeReach(g2);

describe("lineageSimilarity", () => {
  it("gives root and ancestor Jaccard for two datasets sharing one of three roots", () => {
    const s = lineageSimilarity(g1, reach1, ["x/a", "x/b"]);
    expect(s.datasets).toEqual(["x/A", "x/b"]); // the graph's casing
    expect(s.rootJaccard).toEqual([
      [1, 0.3333],
      [0.3333, 1],
    ]);
    expect(s.ancestorJaccard).toEqual([
      [1, 0.5],
      [0.5, 1],
    ]);
    expect(s.weighted[0]![1]).toBe(0.2);
    expect(s.weighted[0]![1]).toBeCloseTo(ln(2) / (ln(4) + ln(2) + ln(4)), 4);
  });

  it("weights a shared rare root above a shared popular one", () => {
    const popular = lineageSimilarity(g2, reach2, ["x/p1", "x/p2"]);
    const rare = lineageSimilarity(g2, reach2, ["x/q1", "x/q2"]);
    expect(popular.rootJaccard[0]![1]).toBe(rare.rootJaccard[0]![1]);
    expect(popular.weighted[0]![1]).toBe(0.1739);
    expect(rare.weighted[0]![1]).toBe(0.2656);
  });

  it("lists the roots all share and each one's own, for three datasets", () => {
    const s = lineageSimilarity(g1, reach1, ["x/a", "x/b", "x/m"]);
    expect(s.rootJaccard).toEqual([
      [1, 0.3333, 0.5],
      [0.3333, 1, 0.5],
      [0.5, 0.5, 1],
    ]);
    expect(s.ancestorJaccard).toEqual([
      [1, 0.5, 0.3333],
      [0.5, 1, 0.3333],
      [0.3333, 0.3333, 1],
    ]);
    expect(s.weighted).toEqual([
      [1, 0.2, 0.3333],
      [0.2, 1, 0.3333],
      [0.3333, 0.3333, 1],
    ]);
    expect(s.sharedRoots).toEqual(["corpus:r2"]);
    expect(s.uniqueRoots).toEqual({ "x/A": ["corpus:r1"], "x/b": ["corpus:r3"], "x/m": [] });
  });

  it("gives 0 off the diagonal for two nodes with no roots", () => {
    const s = lineageSimilarity(g1, reach1, ["corpus:r1", "corpus:r3"]);
    expect(s.rootJaccard).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(s.weighted).toEqual(s.rootJaccard);
    expect(s.sharedRoots).toEqual([]);
  });

  it("defines each measure in one line", () => {
    for (const text of Object.values(SIMILARITY_DEFINITIONS)) expect(text).not.toMatch(/\n/);
  });
});

describe("mostSimilar", () => {
  it("ranks by the weighted measure, skipping non-datasets and datasets sharing no root", () => {
    // f1 and f2 tie (0.2963, root Jaccard 1/2) and go in key order; then p2 (0.1739).
    // x/bench shares corpus:web but is a benchmark; q1, q2 share nothing with p1.
    // Every node here draws on roots directly, so ancestor Jaccard equals root Jaccard.
    expect(mostSimilar(g2, reach2, "x/p1")).toEqual([
      { dataset: "x/f1", weighted: 0.2963, rootJaccard: 0.5, ancestorJaccard: 0.5, sharedRoots: 1 },
      { dataset: "x/f2", weighted: 0.2963, rootJaccard: 0.5, ancestorJaccard: 0.5, sharedRoots: 1 },
      { dataset: "x/p2", weighted: 0.1739, rootJaccard: 0.3333, ancestorJaccard: 0.3333, sharedRoots: 1 },
    ]);
    expect(mostSimilar(g2, reach2, "x/p1", { limit: 2 }).map((s) => s.dataset)).toEqual(["x/f1", "x/f2"]);
  });

  it("breaks a tie on roots by the ancestors shared: a sibling through the same mixture before a direct user", () => {
    // corpus:r → x/m → x/q (the query), corpus:r → x/m → x/z-sibling, corpus:r → x/a-direct.
    // All three reach only corpus:r (weighted 1, root Jaccard 1). Ancestors: q {m, r}, z-sibling {m, r} → 1;
    // a-direct {r} → 1/2; m {r} → 1/2. The two at 1/2 go in key order (a-direct before m).
    const g = buildAnalysisGraph({ nodes: [], edges: [edge("corpus:r", "x/m"), edge("x/m", "x/q"), edge("x/m", "x/z-sibling"), edge("corpus:r", "x/a-direct")] });
    expect(mostSimilar(g, computeReach(g), "x/q").map((s) => [s.dataset, s.weighted, s.ancestorJaccard])).toEqual([
      ["x/z-sibling", 1, 1],
      ["x/a-direct", 1, 0.5],
      ["x/m", 1, 0.5],
    ]);
  });

  it("keeps ancestors and descendants of the dataset", () => {
    // For a: m (an ancestor) at 1/3 before b at 0.2. For m: its descendants a and b tie at 1/3, root Jaccard 1/2: key order.
    expect(mostSimilar(g1, reach1, "x/A").map((s) => [s.dataset, s.weighted])).toEqual([
      ["x/m", 0.3333],
      ["x/b", 0.2],
    ]);
    expect(mostSimilar(g1, reach1, "x/m").map((s) => s.dataset)).toEqual(["x/A", "x/b"]);
    expect(mostSimilar(g1, reach1, "corpus:r1")).toEqual([]);
  });

  it("shortlists by MinHash on a graph with more derived datasets than it scans exactly", () => {
    const synthetic = syntheticLineageGraph({ nodes: 10_000, benchmarks: 20, seed: 7 });
    const nodes: AnalysisNode[] = (synthetic.nodes ?? []).map((n) => ({ key: n.key, kind: n.kind ?? "DATASET", domains: [] }));
    const g = buildAnalysisGraph({ nodes, edges: synthetic.edges.map((e) => ({ upstream: e.upstream, downstream: e.downstream, relation: e.relation, status: e.status })) });
    const reach = computeReach(g);
    let derived = 0;
    for (let v = 0; v < g.n; v++) if (isDerivedDataset(g, v)) derived++;
    expect(derived).toBeGreaterThanOrEqual(6_000);
    expect(derived).toBeGreaterThan(EXACT_SCAN_LIMIT);

    const key = g.keys.find((k, v) => isDerivedDataset(g, v) && reach.roots[v]! >= 3 && k.startsWith("synth/"))!;
    const results = mostSimilar(g, reach, key);
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(10);
    for (let i = 1; i < results.length; i++) expect(results[i - 1]!.weighted).toBeGreaterThanOrEqual(results[i]!.weighted);
    // The shortlist is re-scored exactly: each figure matches the pairwise computation.
    for (const r of results.slice(0, 3)) {
      expect(r.dataset).not.toBe(key);
      expect(r.sharedRoots).toBeGreaterThan(0);
      const exact = lineageSimilarity(g, reach, [key, r.dataset]);
      expect([r.weighted, r.rootJaccard]).toEqual([exact.weighted[0]![1], exact.rootJaccard[0]![1]]);
    }
  });
});
