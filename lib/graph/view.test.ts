import { describe, expect, it } from "vitest";
import type { Domain, LineageEdge, LineageGraph, LineageNode, Relation, ReviewStatus } from "@/lib/lineage/types";
import { lineageEdge, lineageNode } from "@/lib/lineage/test-factories";
import { DEFAULT_VIEW, type ViewState } from "@/lib/view/state";
import { focusPaths, mergeGraphs, visibleGraph } from "./view";

const node = (key: string, extra: Partial<LineageNode> = {}) => lineageNode(key, { domains: ["MATH"], ...extra });

type EdgeSpec = [string, string, { relation?: Relation; confidence?: number; status?: ReviewStatus }?];

function edge([upstream, downstream, extra = {}]: EdgeSpec): LineageEdge {
  return lineageEdge(upstream, downstream, extra);
}

/**
 * A graph as the server sends it: counts are the edges among `specs` plus `extraCounts`
 * (edges the store has beyond the response), hidden counts consistent with that.
 */
function graph(root: string, specs: EdgeSpec[], options: { domains?: Record<string, Domain[]>; extra?: Record<string, [number, number]>; lone?: string[] } = {}): LineageGraph {
  const edges = specs.map(edge);
  const keys = new Set<string>([root, ...(options.lone ?? [])]);
  const ups = new Map<string, number>();
  const downs = new Map<string, number>();
  for (const e of edges) {
    keys.add(e.upstream).add(e.downstream);
    ups.set(e.downstream, (ups.get(e.downstream) ?? 0) + 1);
    downs.set(e.upstream, (downs.get(e.upstream) ?? 0) + 1);
  }
  const nodes = [...keys].map((key) => {
    const [extraUp, extraDown] = options.extra?.[key] ?? [0, 0];
    return node(key, {
      domains: options.domains?.[key] ?? ["MATH"],
      upstreamCount: (ups.get(key) ?? 0) + extraUp,
      downstreamCount: (downs.get(key) ?? 0) + extraDown,
      hiddenUpstream: extraUp,
      hiddenDownstream: extraDown,
    });
  });
  return { root, nodes, edges, truncated: false };
}

const view = (patch: Partial<ViewState> = {}): ViewState => ({ ...DEFAULT_VIEW, ...patch });
const keysOf = (v: { nodes: LineageNode[] }) => v.nodes.map((n) => n.key);
const pairsOf = (v: { edges: LineageEdge[] }) => v.edges.map((e) => `${e.upstream}>${e.downstream}`);

/**
 *   g/d → g/c → g/a → R → g/m
 *                ↘ g/b ↗
 *   g/x → g/b           (g/b is also fed directly by g/x)
 *   g/cot → R (COT_DISTILLATION, 0.3);  g/rej → R (REJECTED);  g/code → R (CODE domain)
 */
const R = "Org/Root";
const base = graph(
  R,
  [
    ["g/a", R],
    ["g/b", R],
    ["g/c", "g/a"],
    ["g/c", "g/b"],
    ["g/d", "g/c"],
    ["g/x", "g/b"],
    ["g/cot", R, { relation: "COT_DISTILLATION", confidence: 0.3 }],
    ["g/rej", R, { status: "REJECTED" }],
    ["g/code", R],
    [R, "g/m"],
  ],
  { domains: { "g/code": ["CODE"], "g/m": [] }, extra: { "g/d": [2, 0], "g/m": [0, 3] } },
);

describe("visibleGraph", () => {
  it("draws everything but rejected edges by default, sorted by key", () => {
    const v = visibleGraph(base, view(), R);
    expect(keysOf(v)).toEqual(["g/a", "g/b", "g/c", "g/code", "g/cot", "g/d", "g/m", "g/x", R]);
    expect(pairsOf(v)).toEqual(["g/a>Org/Root", "g/b>Org/Root", "g/c>g/a", "g/c>g/b", "g/code>Org/Root", "g/cot>Org/Root", "g/d>g/c", "g/x>g/b", "Org/Root>g/m"]);
    expect(visibleGraph(base, view({ showRejected: true }), R).nodes).toHaveLength(10);
  });

  it("each filter changes the counts", () => {
    const all = visibleGraph(base, view({ showRejected: true }), R);
    const relation = visibleGraph(base, view({ showRejected: true, relations: ["DIRECT_INCLUSION"] }), R);
    expect(all.nodes.length - relation.nodes.length).toBe(1);
    expect(keysOf(relation)).not.toContain("g/cot");

    const confident = visibleGraph(base, view({ minConfidence: 0.5 }), R);
    expect(keysOf(confident)).not.toContain("g/cot");
    expect(confident.edges).toHaveLength(8);

    const rejected = visibleGraph(base, view({ showRejected: false }), R);
    expect(keysOf(rejected)).not.toContain("g/rej");

    // Domain: g/code (CODE) and g/m (no domain) go; the root stays whatever its domains.
    const math = visibleGraph({ ...base, nodes: base.nodes.map((n) => (n.key === R ? { ...n, domains: ["GENERAL"] } : n)) }, view({ domains: ["MATH"] }), R);
    expect(keysOf(math)).toEqual(["g/a", "g/b", "g/c", "g/cot", "g/d", "g/x", R]);
    // Nodes without a domain only match when no domain filter is set.
    expect(keysOf(visibleGraph(base, view({ domains: ["MATH", "CODE"] }), R))).not.toContain("g/m");
    expect(keysOf(visibleGraph(base, view({ domains: ["CODE"] }), R))).toEqual(["g/code", R]);
  });

  it("drops what a filter cut off from the root", () => {
    // g/x only reaches the root through g/b; hiding g/b's edges by confidence strands it.
    const g = graph(R, [["g/b", R, { confidence: 0.2 }], ["g/x", "g/b"], ["g/a", R]]);
    expect(keysOf(visibleGraph(g, view({ minConfidence: 0.5 }), R))).toEqual(["g/a", R]);
  });

  it("collapse hides a subtree but keeps nodes reachable another way", () => {
    const v = visibleGraph(base, view({ collapsed: ["G/C"] }), R);
    expect(keysOf(v)).not.toContain("g/d");
    expect(keysOf(v)).toContain("g/c"); // still feeds g/b
    expect(pairsOf(v)).not.toContain("g/d>g/c");
    const both = visibleGraph(base, view({ collapsed: ["g/a", "g/b"] }), R);
    expect(keysOf(both)).toEqual(["g/a", "g/b", "g/code", "g/cot", "g/m", R]);
    // Collapsing the root keeps what was built from it.
    expect(keysOf(visibleGraph(base, view({ collapsed: [R] }), R))).toEqual(["g/m", R]);
  });

  it("collapsing a node downstream of the root keeps it attached to the root", () => {
    const g = graph(R, [["g/a", R], [R, "g/m"], ["g/s", "g/m"], ["g/t", "g/s"]]);
    expect(keysOf(visibleGraph(g, view(), R))).toEqual(["g/a", "g/m", "g/s", "g/t", R]);
    const v = visibleGraph(g, view({ collapsed: ["g/m"] }), R);
    expect(keysOf(v)).toEqual(["g/a", "g/m", R]);
    expect(pairsOf(v)).toContain(`${R}>g/m`);
  });

  it("recomputes hidden counts for what is drawn", () => {
    const v = visibleGraph(base, view({ collapsed: ["g/c"] }), R);
    const c = v.nodes.find((n) => n.key === "g/c")!;
    expect(c).toMatchObject({ upstreamCount: 1, hiddenUpstream: 1, hiddenDownstream: 0 }); // g/d → g/c is hidden
    const root = v.nodes.find((n) => n.key === R)!;
    expect(root.hiddenUpstream).toBe(1); // the rejected edge
    expect(v.nodes.find((n) => n.key === "g/m")!.hiddenDownstream).toBe(3); // beyond the response
    // The input graph is not modified.
    expect(base.nodes.find((n) => n.key === "g/c")!.hiddenUpstream).toBe(0);
  });

  it("focus keeps only the paths between the selected node and the root", () => {
    const v = visibleGraph(base, view({ focus: true, selected: "g/c" }), R);
    expect(keysOf(v)).toEqual(["g/a", "g/b", "g/c", R]);
    expect(pairsOf(v)).toEqual(["g/a>Org/Root", "g/b>Org/Root", "g/c>g/a", "g/c>g/b"]);
    // Downstream direction works too.
    expect(keysOf(visibleGraph(base, view({ focus: true, selected: "g/m" }), R))).toEqual(["g/m", R]);
    // No directed path (g/x and g/a are only siblings-of-siblings): just the two nodes, no edges.
    const g = graph(R, [["g/a", R], ["g/a", "g/side"]]);
    const none = visibleGraph(g, view({ focus: true, selected: "g/side" }), R);
    expect(keysOf(none)).toEqual(["g/side", R]);
    expect(none.edges).toEqual([]);
    // Focus on the root, or on a node that is not drawn, changes nothing.
    expect(visibleGraph(base, view({ focus: true, selected: R }), R)).toEqual(visibleGraph(base, view(), R));
    expect(visibleGraph(base, view({ focus: true, selected: "g/rej" }), R)).toEqual(visibleGraph(base, view(), R));
  });

  it("always keeps the root, even when every edge is filtered away", () => {
    const v = visibleGraph(base, view({ relations: ["SEMANTIC_EVOLUTION"], domains: ["MEDICAL"], collapsed: [R] }), R);
    expect(keysOf(v)).toEqual([R]);
    expect(v.nodes[0]!.hiddenUpstream).toBe(base.nodes.find((n) => n.key === R)!.upstreamCount);
    expect(visibleGraph(base, view(), "not/in-graph")).toEqual({ nodes: [], edges: [] });
  });

  // Its speed is measured by npm run bench (explorer), not asserted here.
  it("filters, collapses and focuses a 2,500-node graph", () => {
    const specs: EdgeSpec[] = [];
    const layers = 50;
    const width = 50;
    const at = (l: number, j: number) => (l === 0 ? R : `big/l${l}-n${j}`);
    for (let l = 1; l < layers; l++) {
      for (let j = 0; j < width; j++) {
        if (l === 1) specs.push([at(1, j), R]);
        else {
          specs.push([at(l, j), at(l - 1, j)]);
          specs.push([at(l, j), at(l - 1, (j + 1) % width)]);
        }
      }
    }
    const big = graph(R, specs);
    expect(big.nodes.length).toBe(1 + (layers - 1) * width);
    const state = view({ collapsed: ["big/l10-n0"], minConfidence: 0.5, focus: true, selected: "big/l40-n7" });
    const v = visibleGraph(big, state, R);
    expect(v.nodes.length).toBeGreaterThan(40);
  });
});

describe("mergeGraphs", () => {
  const small = graph(R, [["g/a", R]], { extra: { "g/a": [1, 0] } });
  const neighbours = graph("g/a", [["g/c", "g/a"], ["g/a", R]], { extra: { "g/c": [0, 1], [R]: [0, 0] } });

  it("is idempotent", () => {
    expect(mergeGraphs(base, base)).toEqual(base);
    expect(mergeGraphs(small, small)).toEqual(small);
  });

  it("unions nodes and edges by key and pair, recomputing hidden counts; a's root stays", () => {
    const merged = mergeGraphs(small, neighbours);
    expect(merged.root).toBe(R);
    expect(keysOf(merged).sort()).toEqual(["Org/Root", "g/a", "g/c"].sort());
    expect(pairsOf(merged)).toEqual(["g/a>Org/Root", "g/c>g/a"]);
    expect(merged.nodes.find((n) => n.key === "g/a")!.hiddenUpstream).toBe(0);
    expect(merged.nodes.find((n) => n.key === "g/c")!.hiddenDownstream).toBe(1);
  });

  it("takes b's facts, matches keys in any casing and ors truncation", () => {
    const b: LineageGraph = {
      root: "G/A",
      nodes: [node("G/A", { displayName: "newer", upstreamCount: 2, hiddenUpstream: 2 })],
      edges: [{ ...edge(["G/A", "org/root"]), confidence: 0.5 }],
      truncated: true,
    };
    const merged = mergeGraphs(small, b);
    expect(merged.nodes).toHaveLength(2);
    expect(merged.edges).toHaveLength(1);
    expect(merged.edges[0]!.confidence).toBe(0.5);
    expect(merged.nodes.find((n) => n.displayName === "newer")!.hiddenUpstream).toBe(2);
    expect(merged.truncated).toBe(true);
  });
});

describe("focusPaths", () => {
  it("lists every directed path, upstream end first, in either argument order", () => {
    const expected = [
      ["g/d", "g/c", "g/a", R],
      ["g/d", "g/c", "g/b", R],
    ];
    expect(focusPaths(base, "g/d", R)).toEqual(expected);
    expect(focusPaths(base, R, "g/d")).toEqual(expected);
    expect(focusPaths(base, "g/m", R)).toEqual([[R, "g/m"]]);
    expect(focusPaths(base, "g/x", "g/a")).toEqual([]);
    expect(focusPaths(base, "g/d", R, 1)).toHaveLength(1);
  });
});
