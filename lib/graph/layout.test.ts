import { describe, expect, it } from "vitest";
import { COLUMN_GAP, countInversions, layoutLineage, MIN_SEPARATION, ROW_GAP, type LayoutEdge, type LayoutGraph, type Point } from "./layout";

const e = (upstream: string, downstream: string): LayoutEdge => ({ upstream, downstream });

function overlaps(a: Point, b: Point): boolean {
  return Math.abs(a.x - b.x) < MIN_SEPARATION.x && Math.abs(a.y - b.y) < MIN_SEPARATION.y;
}

function expectNoOverlaps(positions: Record<string, Point>) {
  const entries = Object.entries(positions);
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      expect(overlaps(entries[i]![1], entries[j]![1]), `${entries[i]![0]} overlaps ${entries[j]![0]}`).toBe(false);
    }
  }
}

function crossings(graph: LayoutGraph, pos: Record<string, Point>): number {
  let count = 0;
  const es = graph.edges;
  for (let i = 0; i < es.length; i++) {
    for (let j = i + 1; j < es.length; j++) {
      const [a, b, c, d] = [pos[es[i]!.upstream]!, pos[es[i]!.downstream]!, pos[es[j]!.upstream]!, pos[es[j]!.downstream]!];
      if (a.x === c.x && b.x === d.x && (a.y - c.y) * (b.y - d.y) < 0) count++;
    }
  }
  return count;
}

const metaMath: LayoutGraph = {
  nodes: ["meta-math/MetaMathQA", "openai/gsm8k", "EleutherAI/hendrycks_math", "downstream/tuned"],
  edges: [e("openai/gsm8k", "meta-math/MetaMathQA"), e("EleutherAI/hendrycks_math", "meta-math/MetaMathQA"), e("meta-math/MetaMathQA", "downstream/tuned")],
};

describe("layoutLineage", () => {
  it("puts sources at x=0 and flows left to right", () => {
    const pos = layoutLineage(metaMath);
    expect(pos["openai/gsm8k"]!.x).toBe(0);
    expect(pos["EleutherAI/hendrycks_math"]!.x).toBe(0);
    expect(pos["meta-math/MetaMathQA"]!.x).toBe(COLUMN_GAP);
    expect(pos["downstream/tuned"]!.x).toBe(2 * COLUMN_GAP);
    expectNoOverlaps(pos);
  });

  it("ranks by the longest path", () => {
    const pos = layoutLineage({ nodes: ["a", "b", "c"], edges: [e("a", "b"), e("b", "c"), e("a", "c")] });
    expect([pos.a!.x, pos.b!.x, pos.c!.x]).toEqual([0, COLUMN_GAP, 2 * COLUMN_GAP]);
  });

  it("is deterministic whatever the input order", () => {
    const shuffled = { nodes: [...metaMath.nodes].reverse(), edges: [...metaMath.edges].reverse() };
    expect(layoutLineage(shuffled)).toEqual(layoutLineage(metaMath));
  });

  it("orders layers to remove crossings that key order would create", () => {
    // Key order puts c above d, but c is fed by b (below a), so the edges would cross.
    const graph = { nodes: ["a", "b", "c", "d", "x"], edges: [e("a", "d"), e("b", "c"), e("d", "x"), e("c", "x")] };
    const pos = layoutLineage(graph);
    expect(crossings(graph, pos)).toBe(0);
    expect(pos.d!.y).toBeLessThan(pos.c!.y);
  });

  it("survives cycles, self-loops, duplicate nodes and edges to nodes not drawn", () => {
    const pos = layoutLineage({ nodes: ["a", "b", "a", "c"], edges: [e("a", "b"), e("b", "c"), e("c", "a"), e("a", "a"), e("a", "zzz")] });
    expect(Object.keys(pos).sort()).toEqual(["a", "b", "c"]);
    expectNoOverlaps(pos);
  });

  it("lays out an empty graph", () => {
    expect(layoutLineage({ nodes: [], edges: [] })).toEqual({});
  });

  it("does not overlap in a wide graph", () => {
    const nodes = ["root", ...Array.from({ length: 30 }, (_, i) => `src/${i}`)];
    const edges = nodes.slice(1).map((n) => e(n, "root"));
    const pos = layoutLineage({ nodes, edges });
    expectNoOverlaps(pos);
    expect(new Set(nodes.slice(1).map((n) => pos[n]!.x))).toEqual(new Set([0]));
  });
});

describe("layoutLineage with fixed nodes", () => {
  const before = layoutLineage(metaMath);
  const expanded: LayoutGraph = {
    nodes: [...metaMath.nodes, "github:hendrycks/math", "corpus:aops", "corpus:aops-mirror", "other/user", "lonely/a", "lonely/b"],
    edges: [
      ...metaMath.edges,
      e("github:hendrycks/math", "EleutherAI/hendrycks_math"),
      e("corpus:aops", "EleutherAI/hendrycks_math"),
      e("corpus:aops-mirror", "EleutherAI/hendrycks_math"),
      e("openai/gsm8k", "other/user"),
      e("lonely/a", "lonely/b"),
    ],
  };

  it("keeps fixed nodes exactly where they were and places new ones without overlaps", () => {
    const after = layoutLineage(expanded, { fixed: before });
    for (const [key, point] of Object.entries(before)) expect(after[key]).toEqual(point);
    expectNoOverlaps(after);
    expect(Object.keys(after).sort()).toEqual([...expanded.nodes].sort());
  });

  it("puts new sources left of what they feed and new uses right of their source", () => {
    const after = layoutLineage(expanded, { fixed: before });
    for (const source of ["github:hendrycks/math", "corpus:aops", "corpus:aops-mirror"]) {
      expect(after[source]!.x).toBeLessThan(after["EleutherAI/hendrycks_math"]!.x);
    }
    expect(after["other/user"]!.x).toBeGreaterThan(after["openai/gsm8k"]!.x);
    expect(after["lonely/a"]!.x).toBeLessThan(after["lonely/b"]!.x);
  });

  it("keeps positions a person dragged, even odd ones, and avoids fixed nodes outside the graph", () => {
    // "elsewhere/drawn" sits exactly where hendrycks_math's new sources would go first.
    const blocker = { x: -COLUMN_GAP, y: before["EleutherAI/hendrycks_math"]!.y };
    const dragged = { ...before, "openai/gsm8k": { x: -480.5, y: 13.25 }, "elsewhere/drawn": blocker };
    const after = layoutLineage(expanded, { fixed: dragged });
    expect(after["openai/gsm8k"]).toEqual({ x: -480.5, y: 13.25 });
    expect(after["elsewhere/drawn"]).toBeUndefined();
    expectNoOverlaps({ ...after, "elsewhere/drawn": dragged["elsewhere/drawn"] });
  });

  it("is deterministic", () => {
    expect(layoutLineage(expanded, { fixed: before })).toEqual(layoutLineage(expanded, { fixed: before }));
  });

  it("puts an expanded node's new sources in the next column, as a block centred on it", () => {
    // "far" sits five columns right of everything else; its new sources are roots of the full
    // layout (rank 0) but are drawn right next to it, not five columns away.
    const drawn = { root: { x: 0, y: 0 }, far: { x: 5 * COLUMN_GAP, y: 160 } };
    const sources = ["s/1", "s/2", "s/3", "s/4", "s/5"];
    const after = layoutLineage({ nodes: ["root", "far", ...sources], edges: [e("root", "far"), ...sources.map((x) => e(x, "far"))] }, { fixed: drawn });
    for (const x of sources) expect(after[x]!.x).toBe(4 * COLUMN_GAP);
    expect(sources.map((x) => after[x]!.y).sort((a, b) => a - b)).toEqual([0, 80, 160, 240, 320]);
  });

  it("slides a block past a crowded column without overlaps", () => {
    const column = Array.from({ length: 40 }, (_, i) => `old/${i}`);
    const fixed: Record<string, Point> = { root: { x: COLUMN_GAP, y: 0 } };
    column.forEach((k, i) => (fixed[k] = { x: 0, y: (i - 20) * ROW_GAP }));
    const fresh = Array.from({ length: 30 }, (_, i) => `new/${i}`);
    const after = layoutLineage({ nodes: ["root", ...column, ...fresh], edges: [...column, ...fresh].map((k) => e(k, "root")) }, { fixed });
    for (const k of fresh) expect(after[k]!.x).toBe(0);
    expectNoOverlaps(after);
  });
});

describe("countInversions", () => {
  it("matches counting every pair", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 20; round++) {
      const values = Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 10));
      let brute = 0;
      for (let i = 0; i < values.length; i++) for (let j = i + 1; j < values.length; j++) if (values[i]! > values[j]!) brute++;
      expect(countInversions(values)).toBe(brute);
    }
    expect(countInversions([])).toBe(0);
    expect(countInversions([3, 2, 1])).toBe(3);
  });
});

/** A layered graph like a deep lineage: `layers` columns, each node fed by 1–3 nodes of earlier layers. */
function generatedGraph(size: number, layers: number): LayoutGraph {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const perLayer = Math.ceil(size / layers);
  const nodes: string[] = [];
  const edges: LayoutEdge[] = [];
  for (let layer = 0; layer < layers; layer++) {
    for (let i = 0; i < perLayer && nodes.length < size; i++) {
      const key = `layer${layer}/n${i}`;
      nodes.push(key);
      if (layer === 0) continue;
      const fanIn = 1 + Math.floor(random() * 3);
      for (let j = 0; j < fanIn; j++) edges.push(e(`layer${Math.floor(random() * layer)}/n${Math.floor(random() * perLayer)}`, key));
    }
  }
  return { nodes, edges };
}

/** Overlapping pairs, found by sorting on x (the pairwise expect above is too slow at this size). */
function countOverlaps(positions: Record<string, Point>): number {
  const points = Object.values(positions).sort((a, b) => a.x - b.x);
  let count = 0;
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length && points[j]!.x - points[i]!.x < MIN_SEPARATION.x; j++) {
      if (overlaps(points[i]!, points[j]!)) count++;
    }
  }
  return count;
}

describe("layoutLineage at 2,000 nodes", () => {
  const graph = generatedGraph(2000, 10);

  it("places every node, left to right along every edge, without overlaps", () => {
    const pos = layoutLineage(graph);
    expect(Object.keys(pos)).toHaveLength(2000);
    for (const { upstream, downstream } of graph.edges) expect(pos[upstream]!.x).toBeLessThan(pos[downstream]!.x);
    expect(countOverlaps(pos)).toBe(0);
  });

  it("adds a tenth of the graph around the rest without moving it", () => {
    const drawn = graph.nodes.filter((_, i) => i % 10 !== 0);
    const drawnSet = new Set(drawn);
    const before = layoutLineage({ nodes: drawn, edges: graph.edges.filter((x) => drawnSet.has(x.upstream) && drawnSet.has(x.downstream)) });
    const after = layoutLineage(graph, { fixed: before });
    for (const key of drawn) expect(after[key]).toEqual(before[key]);
    expect(Object.keys(after)).toHaveLength(2000);
    expect(countOverlaps(after)).toBe(0);
  });
});
