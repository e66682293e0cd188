import { describe, expect, it } from "vitest";
import { buildAnalysisGraph, type AnalysisEdge } from "./graph";
import { computeReach, signatureJaccard } from "./reach";

// r1 → a → c → e        depth(e) = 3 (r1 → a → c → e), fan-in(e) = 2
// r2 → b → c            roots(e) = {r1, r2, r3}, ancestors(e) = {r1, r2, r3, a, b, c, d}
// r3 → d → e            roots(c) = {r1, r2, r3} (b draws on r2 and r3)
// r3 → b
const edge = (upstream: string, downstream: string): AnalysisEdge => ({ upstream, downstream, relation: "DIRECT_INCLUSION" });
const g = buildAnalysisGraph({
  nodes: [],
  edges: [edge("x/r1", "x/a"), edge("x/a", "x/c"), edge("x/c", "x/e"), edge("x/r2", "x/b"), edge("x/b", "x/c"), edge("x/r3", "x/d"), edge("x/d", "x/e"), edge("x/r3", "x/b")],
});
const reach = computeReach(g);
const at = (key: string) => g.index.get(key)!;

describe("computeReach", () => {
  it("gives depth, fan-in, ancestor and root counts worked out by hand", () => {
    const row = (k: string) => [reach.depth[at(k)], reach.fanIn[at(k)], reach.ancestors[at(k)], reach.roots[at(k)]];
    expect(row("x/e")).toEqual([3, 2, 7, 3]);
    expect(row("x/c")).toEqual([2, 2, 5, 3]);
    expect(row("x/b")).toEqual([1, 2, 2, 2]);
    expect(row("x/r1")).toEqual([0, 0, 0, 0]);
    // r3 is reached by b, c, d and e; r1 by a, c and e.
    expect([reach.rootReach[at("x/r3")], reach.rootReach[at("x/r1")], reach.rootReach[at("x/c")]]).toEqual([4, 3, 0]);
  });

  it("orders nodes upstream first, and signatures agree on identical root sets", () => {
    const order = [...g.topo].map((v) => g.keys[v]);
    expect(order.indexOf("x/c")).toBeLessThan(order.indexOf("x/e"));
    expect(order.indexOf("x/b")).toBeLessThan(order.indexOf("x/c"));
    expect(g.acyclic).toBe(true);
    // c and e both reach exactly {r1, r2, r3}: their signatures are equal.
    expect(signatureJaccard(reach, at("x/c"), at("x/e"))).toBe(1);
    expect(signatureJaccard(reach, at("x/r1"), at("x/r2"))).toBe(0);
  });

  it("survives a cycle and never counts rejected edges", () => {
    const cyclic = buildAnalysisGraph({ nodes: [], edges: [edge("y/a", "y/b"), edge("y/b", "y/a"), edge("y/r", "y/a"), { ...edge("y/q", "y/b"), status: "REJECTED" }] });
    expect(cyclic.acyclic).toBe(false);
    expect(cyclic.up.length).toBe(3);
    const r = computeReach(cyclic);
    expect(r.fanIn[cyclic.index.get("y/b")!]).toBe(1);
  });
});
