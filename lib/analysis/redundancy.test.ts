import { describe, expect, it } from "vitest";
import { syntheticLineageGraph } from "@/lib/contamination/synthetic-graph";
import type { NodeKind } from "@/lib/lineage/types";
import { buildAnalysisGraph, nodeIndex, type AnalysisEdge, type AnalysisGraph, type AnalysisInput } from "./graph";
import { computeReach } from "./reach";
import { datasetRedundancy, redundancyRanking, SCORE_DEFINITION } from "./redundancy";

const edge = (upstream: string, downstream: string, status?: AnalysisEdge["status"]): AnalysisEdge => ({ upstream, downstream, relation: "DIRECT_INCLUSION", status });

// Several small lineages side by side, one per prefix (edges point downstream):
//
// Diamond            Direct plus indirect     Three-way                 Two shared, one apart
//   d/x ─▶ d/a ─┐      o/o ──────────┐          t/x ─▶ t/a ─┐             w/x,w/y ─▶ w/a ─┐
//   d/x ─▶ d/b ─┴▶ d/d  o/o ─▶ o/m ─┴▶ o/d      t/x ─▶ t/b ─┼▶ t/d        w/x,w/y ─▶ w/b ─┼▶ w/d
//                       o/r ─▶ o/m              t/x ─▶ t/c ─┘             w/w ─────▶ w/c ─┘
//                                               t/y ─▶ t/a, t/y ─▶ t/b
// Fan-in 1: f/x ─▶ f/a ─▶ f/d.  A benchmark built like the diamond: b/x ─▶ b/a, b/b ─▶ b/bench.
// A rejected edge d/x ─▶ d/d would make d/x a direct source too (and the score 2/5); it never counts.
const kinds: Record<string, NodeKind> = { "b/bench": "BENCHMARK" };
const edges: AnalysisEdge[] = [
  ...[edge("d/x", "d/a"), edge("d/x", "d/b"), edge("d/a", "d/d"), edge("d/b", "d/d"), edge("d/x", "d/d", "REJECTED")],
  ...[edge("o/o", "o/d"), edge("o/o", "o/m"), edge("o/r", "o/m"), edge("o/m", "o/d")],
  ...[edge("t/x", "t/a"), edge("t/x", "t/b"), edge("t/x", "t/c"), edge("t/y", "t/a"), edge("t/y", "t/b"), edge("t/a", "t/d"), edge("t/b", "t/d"), edge("t/c", "t/d")],
  ...[edge("w/x", "w/a"), edge("w/y", "w/a"), edge("w/x", "w/b"), edge("w/y", "w/b"), edge("w/w", "w/c"), edge("w/a", "w/d"), edge("w/b", "w/d"), edge("w/c", "w/d")],
  ...[edge("f/x", "f/a"), edge("f/a", "f/d")],
  ...[edge("b/x", "b/a"), edge("b/x", "b/b"), edge("b/a", "b/bench"), edge("b/b", "b/bench")],
];
const keysOf = (es: AnalysisEdge[]) => [...new Set(es.flatMap((e) => [e.upstream, e.downstream]))];
const g = buildAnalysisGraph({ nodes: keysOf(edges).map((key) => ({ key, kind: kinds[key] ?? "DATASET", domains: [] })), edges });
const reach = computeReach(g);
const explain = (graph: AnalysisGraph, key: string) => datasetRedundancy(graph, key)!;

/** Every consecutive pair of a path is a live edge of the graph. */
function isRealPath(graph: AnalysisGraph, path: string[]): boolean {
  const live = new Set<string>();
  for (let e = 0; e < graph.up.length; e++) live.add(`${graph.keys[graph.up[e]!]}→${graph.keys[graph.down[e]!]}`);
  return path.every((key, i) => i === 0 || live.has(`${path[i - 1]}→${key}`));
}

describe("datasetRedundancy", () => {
  it("finds the diamond's shared ancestor", () => {
    // A(d/a) = {d/a, d/x}, A(d/b) = {d/b, d/x}: 4 reaches; ancestors(d/d) = {d/a, d/b, d/x} = 3.
    // k: d/x 2, d/a 1, d/b 1 → Σ(k − 1) / Σk = 1 / 4 = 1 − 3 / 4 = 0.25.
    expect(explain(g, "d/d")).toEqual({
      dataset: "d/d",
      score: 0.25,
      ancestors: 3,
      shared: [{ ancestor: "d/x", via: ["d/a", "d/b"], paths: [["d/x", "d/a", "d/d"], ["d/x", "d/b", "d/d"]] }],
      sharedTotal: 1,
    });
  });

  it("counts a source taken directly and again inside another source", () => {
    // Upstreams in key order: o/m, o/o. A(o/m) = {o/m, o/o, o/r}, A(o/o) = {o/o}: 4 reaches, 3 ancestors → 0.25.
    // o/o is reached through o/m and through itself (the path is then just the direct edge).
    expect(explain(g, "o/d")).toEqual({
      dataset: "o/d",
      score: 0.25,
      ancestors: 3,
      shared: [{ ancestor: "o/o", via: ["o/m", "o/o"], paths: [["o/o", "o/m", "o/d"], ["o/o", "o/d"]] }],
      sharedTotal: 1,
    });
  });

  it("orders shared ancestors by how many sources reach them, and truncates to maxShared", () => {
    // A(t/a) = {t/a, t/x, t/y}, A(t/b) = {t/b, t/x, t/y}, A(t/c) = {t/c, t/x}: 8 reaches; 5 ancestors.
    // k: t/x 3, t/y 2, t/a, t/b, t/c 1 → Σ(k − 1) = 3, Σk = 8 → 3 / 8 = 0.375.
    const r = explain(g, "t/d");
    expect([r.score, r.ancestors, r.sharedTotal]).toEqual([0.375, 5, 2]);
    expect(r.shared.map((s) => [s.ancestor, s.via])).toEqual([
      ["t/x", ["t/a", "t/b", "t/c"]],
      ["t/y", ["t/a", "t/b"]],
    ]);
    const cut = datasetRedundancy(g, "t/d", { maxShared: 1 })!;
    expect(cut.shared.map((s) => s.ancestor)).toEqual(["t/x"]);
    expect([cut.sharedTotal, cut.score]).toEqual([2, 0.375]);
  });

  it("gives 0 for fan-in 1 and for a root, and null for an unknown key", () => {
    // f/d has one source: each ancestor (f/a, f/x) is reached once.
    expect(explain(g, "f/d")).toEqual({ dataset: "f/d", score: 0, ancestors: 2, shared: [], sharedTotal: 0 });
    expect(explain(g, "f/x")).toEqual({ dataset: "f/x", score: 0, ancestors: 0, shared: [], sharedTotal: 0 });
    expect(datasetRedundancy(g, "nobody/here")).toBeNull();
    // Keys are matched the way the graph matches them (case-insensitively); the answer uses the stored key.
    expect(datasetRedundancy(g, "D/D")?.dataset).toBe("d/d");
  });

  it("gives real, shortest paths from the ancestor through each source to the dataset", () => {
    // p/x ─▶ p/p ─▶ p/q ─▶ p/a ─▶ p/d       A(p/a) = {p/a, p/q, p/p, p/x}, A(p/b) = {p/b, p/x}
    // p/x ─────────────────▶ p/a            p/x shared (k 2): 1 / 6 = 0.1667 (5 ancestors).
    // p/x ─▶ p/b ─────────────────▶ p/d     Through p/a the shortest path skips p/p and p/q.
    const pg = buildAnalysisGraph({
      nodes: [],
      edges: [edge("p/x", "p/p"), edge("p/p", "p/q"), edge("p/q", "p/a"), edge("p/x", "p/a"), edge("p/a", "p/d"), edge("p/x", "p/b"), edge("p/b", "p/d")],
    });
    const r = explain(pg, "p/d");
    expect([r.score, r.ancestors]).toEqual([0.1667, 5]);
    expect(r.shared).toEqual([{ ancestor: "p/x", via: ["p/a", "p/b"], paths: [["p/x", "p/a", "p/d"], ["p/x", "p/b", "p/d"]] }]);
    for (const key of [...g.keys, ...pg.keys]) {
      const graph = pg.index.has(key) ? pg : g;
      for (const s of explain(graph, key).shared) {
        s.paths.forEach((path, i) => {
          expect(isRealPath(graph, path)).toBe(true);
          expect([path[0], path[path.length - 2], path[path.length - 1]]).toEqual([s.ancestor, s.via[i], key]);
        });
      }
    }
  });

  it("defines its score on one line", () => {
    expect(SCORE_DEFINITION).not.toMatch(/\n/);
  });
});

describe("redundancyRanking", () => {
  it("ranks datasets by score, then duplicate reaches, then key", () => {
    // t/d 3/8 = 0.375. Then 0.25 three times: w/d has A(w/a) = {w/a, w/x, w/y}, A(w/b) = {w/b, w/x, w/y},
    // A(w/c) = {w/c, w/w}: 8 reaches, 6 ancestors → 2 / 8 = 0.25 with 2 duplicate reaches, so before
    // d/d and o/d (1 each, then key order). The benchmark b/bench (a diamond) is no dataset; f/d scores 0.
    expect(redundancyRanking(g, reach)).toEqual([
      { dataset: "t/d", score: 0.375, duplicateReaches: 3, fanIn: 3, ancestors: 5 },
      { dataset: "w/d", score: 0.25, duplicateReaches: 2, fanIn: 3, ancestors: 6 },
      { dataset: "d/d", score: 0.25, duplicateReaches: 1, fanIn: 2, ancestors: 3 },
      { dataset: "o/d", score: 0.25, duplicateReaches: 1, fanIn: 2, ancestors: 3 },
    ]);
    expect(redundancyRanking(g, reach, { limit: 2 }).map((r) => r.dataset)).toEqual(["t/d", "w/d"]);
  });

  it("gives the same score as datasetRedundancy for every dataset", () => {
    const ranked = new Map(redundancyRanking(g, reach, { limit: Infinity }).map((r) => [r.dataset, r]));
    for (const key of g.keys) {
      const one = explain(g, key);
      const rank = ranked.get(key);
      if (g.nodes[nodeIndex(g, key)!]!.kind !== "DATASET" || one.score === 0) {
        expect(rank).toBeUndefined();
        continue;
      }
      expect(rank).toBeDefined();
      expect([rank!.score, rank!.ancestors]).toEqual([one.score, one.ancestors]);
    }
  });

  it("ranks a generated 20k-node graph from reach counts alone", () => {
    const synthetic = syntheticLineageGraph({ nodes: 20_000, benchmarks: 20, seed: 11 });
    const input: AnalysisInput = {
      nodes: (synthetic.nodes ?? []).map((n) => ({ key: n.key, kind: n.kind ?? "DATASET", domains: [] })),
      edges: synthetic.edges.map((e) => ({ upstream: e.upstream, downstream: e.downstream, relation: e.relation, status: e.status })),
    };
    const big = buildAnalysisGraph(input);
    expect(big.n).toBe(20_000);
    const bigReach = computeReach(big);
    const ranks = redundancyRanking(big, bigReach, { limit: 500 });
    expect(ranks.length).toBe(500);
    for (const r of ranks) {
      expect(r.score).toBeGreaterThan(0);
      expect(r.score).toBeLessThan(1);
    }
    for (let i = 1; i < ranks.length; i++) expect(ranks[i - 1]!.score).toBeGreaterThanOrEqual(ranks[i]!.score);
    // Spot checks against the search per dataset: the top one and one further down.
    for (const r of [ranks[0]!, ranks[499]!]) expect(datasetRedundancy(big, r.dataset)!.score).toBe(r.score);
  });
});
