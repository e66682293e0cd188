import { describe, expect, it } from "vitest";
import { parseKey } from "@/lib/keys";
import { generateLineageStore, MAX_DEPTH, NODE_KIND_CODES } from "./lineage-store";
import { specProblem } from "./store-spec";
import { ancestorsWithin, upstreamAdjacency } from "./upstream-bfs";

const edgeList = (s: ReturnType<typeof generateLineageStore>) => Array.from(s.edges.up, (u, e) => `${u}>${s.edges.down[e]}`);

describe("generateLineageStore", () => {
  const store = generateLineageStore({ nodes: 3000, edges: 9000, seed: 7 });
  const { nodes, edges } = store;

  it("makes exactly the nodes and edges asked for, no pair twice, no self-loop", () => {
    expect(nodes.count).toBe(3000);
    expect(nodes.keys).toHaveLength(3000);
    expect(edges.count).toBe(9000);
    expect(new Set(edgeList(store)).size).toBe(9000);
    expect(edges.up.every((u, e) => u !== edges.down[e])).toBe(true);
  });

  it("is acyclic: every edge goes from an earlier node to a later, older to newer", () => {
    for (let e = 0; e < edges.count; e++) {
      expect(edges.up[e]!).toBeLessThan(edges.down[e]!);
      expect(nodes.createdMs[edges.up[e]!]!).toBeLessThan(nodes.createdMs[edges.down[e]!]!);
    }
  });

  it("gives every node a unique, well-formed key (case-insensitively)", () => {
    expect(new Set(nodes.keys.map((k) => k.toLowerCase())).size).toBe(nodes.count);
    expect(nodes.keys.filter((k) => !parseKey(k))).toEqual([]);
    expect(nodes.keys.filter((k) => parseKey(k)?.scheme === "HUB").length).toBeGreaterThan(nodes.count / 2);
  });

  it("has the lineage shape: most nodes 1–3 sources, a few mixtures with hundreds, chains 10–20 deep", () => {
    const fanIn = new Int32Array(nodes.count);
    for (const v of edges.down) fanIn[v]!++;
    const derived = [...fanIn].filter((k) => k > 0);
    expect(derived.filter((k) => k <= 3).length / derived.length).toBeGreaterThan(0.75);
    expect(Math.max(...derived)).toBeGreaterThanOrEqual(100);
    // depth is the longest upstream path, recomputed here in creation (= topological) order.
    const depth = new Int32Array(nodes.count);
    for (let e = 0; e < edges.count; e++) depth[edges.down[e]!] = Math.max(depth[edges.down[e]!]!, depth[edges.up[e]!]! + 1);
    expect(Array.from(depth)).toEqual(Array.from(nodes.depth));
    expect(Math.max(...depth)).toBeLessThanOrEqual(MAX_DEPTH);
    expect(depth.filter((d) => d >= 10).length).toBeGreaterThan(50);
  });

  it("registers benchmark nodes near the roots, with an evaluation set each", () => {
    const benchmark = NODE_KIND_CODES.indexOf("BENCHMARK");
    const benchmarkNodes = Array.from(nodes.kind.keys()).filter((v) => nodes.kind[v] === benchmark);
    expect(benchmarkNodes.length).toBeGreaterThan(0);
    expect(store.benchmarks.map((b) => b.node)).toEqual(benchmarkNodes);
    // Roots, or built from one other benchmark (as MATH-500 is from MATH).
    const sources = (v: number) => Array.from(edges.up).filter((_, e) => edges.down[e] === v);
    expect(benchmarkNodes.every((v) => sources(v).length === 0 || (sources(v).length === 1 && nodes.kind[sources(v)[0]!] === benchmark))).toBe(true);
    expect(new Set(store.benchmarks.map((b) => b.evalSetId)).size).toBe(store.benchmarks.length);
    expect(store.benchmarks.every((b) => /^\d{4}-(0[1-9]|1[0-2])$/.test(b.month))).toBe(true);
  });

  it("is the same graph for the same seed, another for another seed", () => {
    const again = generateLineageStore({ nodes: 3000, edges: 9000, seed: 7 });
    expect(again.nodes.keys).toEqual(nodes.keys);
    expect(edgeList(again)).toEqual(edgeList(store));
    expect(Array.from(again.edges.confidencePercent)).toEqual(Array.from(edges.confidencePercent));
    const other = generateLineageStore({ nodes: 3000, edges: 9000, seed: 8 });
    expect(other.nodes.keys).not.toEqual(nodes.keys);
    expect(edgeList(other)).not.toEqual(edgeList(store));
  });

  it("fits tiny and dense specs exactly", () => {
    for (const [n, m] of [[2, 1], [10, 45], [50, 60], [200, 2000], [1000, 400]] as const) {
      const s = generateLineageStore({ nodes: n, edges: m, seed: 3 });
      expect([s.nodes.count, s.edges.count, new Set(edgeList(s)).size]).toEqual([n, m, m]);
    }
  });

  it("refuses specs that cannot be met", () => {
    expect(specProblem({ nodes: 10, edges: 46, seed: 1 })).toMatch(/at most 45/);
    expect(specProblem({ nodes: 1, edges: 1, seed: 1 })).toMatch(/--nodes/);
    expect(specProblem({ nodes: 1000, edges: 0, seed: 1 })).toMatch(/--edges/);
    expect(specProblem({ nodes: 1000, edges: 3000, seed: -1 })).toMatch(/--seed/);
    expect(() => generateLineageStore({ nodes: 10, edges: 46, seed: 1 })).toThrow(RangeError);
  });
});

describe("ancestorsWithin", () => {
  // 0 → 1 → 2 → 3, and 0 → 3 directly: 0 is one hop from 3 by the short way.
  const adjacency = upstreamAdjacency(5, [0, 1, 2, 0, 4], [1, 2, 3, 3, 0]);

  it("finds every ancestor within the depth at its shortest distance", () => {
    expect(Object.fromEntries(ancestorsWithin(adjacency, 3, 10))).toEqual({ 2: 1, 0: 1, 1: 2, 4: 2 });
    expect(Object.fromEntries(ancestorsWithin(adjacency, 3, 1))).toEqual({ 2: 1, 0: 1 });
    expect(ancestorsWithin(adjacency, 4, 10).size).toBe(0);
  });

  it("leaves the scratch space clean for the next call", () => {
    const seen = new Uint8Array(5);
    ancestorsWithin(adjacency, 3, 10, seen);
    expect(Array.from(seen)).toEqual([0, 0, 0, 0, 0]);
  });
});
