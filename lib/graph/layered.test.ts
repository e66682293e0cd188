import { describe, expect, it } from "vitest";
import { COLUMN_GAP, countInversions, idealLayout, maxRowsFor, MIN_SEPARATION, SUB_COLUMN_GAP, ROW_GAP, type LayoutEdge, type LayoutGraph, type Point } from "./layered";

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

describe("idealLayout", () => {
  it("puts sources at x=0 and flows left to right", () => {
    const pos = idealLayout(metaMath);
    expect(pos["openai/gsm8k"]!.x).toBe(0);
    expect(pos["EleutherAI/hendrycks_math"]!.x).toBe(0);
    expect(pos["meta-math/MetaMathQA"]!.x).toBe(COLUMN_GAP);
    expect(pos["downstream/tuned"]!.x).toBe(2 * COLUMN_GAP);
    expectNoOverlaps(pos);
  });

  it("ranks by the longest path", () => {
    const pos = idealLayout({ nodes: ["a", "b", "c"], edges: [e("a", "b"), e("b", "c"), e("a", "c")] });
    expect([pos.a!.x, pos.b!.x, pos.c!.x]).toEqual([0, COLUMN_GAP, 2 * COLUMN_GAP]);
  });

  it("is deterministic whatever the input order", () => {
    const shuffled = { nodes: [...metaMath.nodes].reverse(), edges: [...metaMath.edges].reverse() };
    expect(idealLayout(shuffled)).toEqual(idealLayout(metaMath));
  });

  it("orders layers to remove crossings that key order would create", () => {
    // Key order puts c above d, but c is fed by b (below a), so the edges would cross.
    const graph = { nodes: ["a", "b", "c", "d", "x"], edges: [e("a", "d"), e("b", "c"), e("d", "x"), e("c", "x")] };
    const pos = idealLayout(graph);
    expect(crossings(graph, pos)).toBe(0);
    expect(pos.d!.y).toBeLessThan(pos.c!.y);
  });

  it("survives cycles, self-loops, duplicate nodes and edges to nodes not drawn", () => {
    const pos = idealLayout({ nodes: ["a", "b", "a", "c"], edges: [e("a", "b"), e("b", "c"), e("c", "a"), e("a", "a"), e("a", "zzz")] });
    expect(Object.keys(pos).sort()).toEqual(["a", "b", "c"]);
    expectNoOverlaps(pos);
  });

  it("lays out an empty graph", () => {
    expect(idealLayout({ nodes: [], edges: [] })).toEqual({});
  });

  it("does not overlap in a wide graph", () => {
    const nodes = ["root", ...Array.from({ length: 30 }, (_, i) => `src/${i}`)];
    const edges = nodes.slice(1).map((n) => e(n, "root"));
    const pos = idealLayout({ nodes, edges });
    expectNoOverlaps(pos);
    expect(new Set(nodes.slice(1).map((n) => pos[n]!.x))).toEqual(new Set([0, SUB_COLUMN_GAP]));
    expect(pos.root!.x).toBe(SUB_COLUMN_GAP + COLUMN_GAP);
  });

  it("aligns every node that feeds a sink in the last column when asked to (blocks placed left of what they feed)", () => {
    // a → b → x and c → x: by sources c sits with a in column 0; aligned to sinks, c sits with b.
    const graph = { nodes: ["a", "b", "c", "x"], edges: [e("a", "b"), e("b", "x"), e("c", "x")] };
    expect(idealLayout(graph).c!.x).toBe(0);
    expect(idealLayout(graph, { align: "sinks" }).c!.x).toBe(idealLayout(graph, { align: "sinks" }).b!.x);
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

describe("idealLayout at 2,000 nodes", () => {
  const graph = generatedGraph(2000, 10);

  it("places every node, left to right along every edge, without overlaps, wrapping tall layers", () => {
    const pos = idealLayout(graph);
    expect(Object.keys(pos)).toHaveLength(2000);
    for (const { upstream, downstream } of graph.edges) expect(pos[upstream]!.x).toBeLessThan(pos[downstream]!.x);
    expect(countOverlaps(pos)).toBe(0);
    // 200 nodes a layer wrap into sub-columns of at most maxRowsFor(2000) rows.
    const tallest = Math.max(...Object.values(pos).map((p) => Math.abs(p.y)));
    expect(tallest).toBeLessThanOrEqual(((maxRowsFor(2000) - 1) / 2) * ROW_GAP);
  });
});
