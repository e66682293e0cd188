import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/server/db/client";
import { buildLayeredGraph } from "@/test-support/server/fixture-graph";
import { getLineage } from "./queries";

const LAYERS = 10;
const WIDTH = 100;
let built: { root: string; nodes: number; edges: number };

beforeAll(async () => {
  built = await buildLayeredGraph(getDb(), LAYERS, WIDTH);
});

describe("getLineage on a 2,001-node layered graph", () => {
  it("returns all of it with correct counts in a fixed number of queries", async () => {
    expect(built).toMatchObject({ nodes: 2 * LAYERS * WIDTH + 1, edges: 2 * WIDTH + 2 * (LAYERS - 1) * 2 * WIDTH });
    const db = getDb();
    const spy = vi.spyOn(db, "$queryRaw");
    const started = performance.now();
    const graph = await getLineage({ key: built.root, up: LAYERS, down: LAYERS, maxNodes: 5000 });
    const elapsed = performance.now() - started;
    const queries = spy.mock.calls.length;
    spy.mockRestore();
    console.log(`[${process.env.ROOTLINE_TEST_DB}] getLineage: ${graph.nodes.length} nodes, ${graph.edges.length} edges in ${elapsed.toFixed(0)} ms, ${queries} queries`);

    expect(queries).toBeLessThanOrEqual(5);
    expect(graph.nodes).toHaveLength(built.nodes);
    expect(graph.edges).toHaveLength(built.edges);
    expect(graph.truncated).toBe(false);
    const byKey = new Map(graph.nodes.map((node) => [node.key, node]));
    expect(byKey.get(built.root)).toMatchObject({ upstreamCount: WIDTH, downstreamCount: WIDTH, hiddenUpstream: 0, hiddenDownstream: 0 });
    // Next to the root: one edge to it, two onward; in the middle two each way; at the ends none beyond.
    expect(byKey.get("layered/lp1-n7")).toMatchObject({ upstreamCount: 1, downstreamCount: 2 });
    expect(byKey.get("layered/lm1-n7")).toMatchObject({ upstreamCount: 2, downstreamCount: 1 });
    expect(byKey.get("layered/lp5-n0")).toMatchObject({ upstreamCount: 2, downstreamCount: 2 });
    expect(byKey.get(`layered/lp${LAYERS}-n3`)).toMatchObject({ upstreamCount: 2, downstreamCount: 0 });
    expect(byKey.get(`layered/lm${LAYERS}-n3`)).toMatchObject({ upstreamCount: 0, downstreamCount: 2 });
    expect(graph.nodes.every((node) => node.hiddenUpstream === 0 && node.hiddenDownstream === 0)).toBe(true);
  });

  it("cuts at maxNodes keeping whole nearer layers, and counts what it hides", async () => {
    const graph = await getLineage({ key: built.root, up: LAYERS, down: LAYERS });
    expect(graph.nodes).toHaveLength(1500);
    expect(graph.truncated).toBe(true);
    // 1 + 2 × 7 full layers = 1401 nodes are nearer than layer 8, then 99 of layer 8's 200.
    const layerOf = (key: string) => (key === built.root ? 0 : Number(/l[mp](\d+)-/.exec(key)![1]));
    const layers = graph.nodes.map((node) => layerOf(node.key));
    expect(Math.max(...layers)).toBe(8);
    expect(layers.filter((layer) => layer <= 7)).toHaveLength(1 + 2 * 7 * WIDTH);
    const hidden = graph.nodes.reduce((sum, node) => sum + node.hiddenUpstream + node.hiddenDownstream, 0);
    expect(hidden).toBeGreaterThan(0);
    const drawnPlusHidden = graph.edges.length * 2 + hidden;
    const allCounts = graph.nodes.reduce((sum, node) => sum + node.upstreamCount + node.downstreamCount, 0);
    expect(drawnPlusHidden).toBe(allCounts);
  });
});
