import { describe, expect, it } from "vitest";
import { DirectedGraph } from "./acyclic";

describe("DirectedGraph", () => {
  it("finds shortest paths and none where there are none", () => {
    const g = new DirectedGraph<string>([["a", "b"], ["b", "c"], ["c", "d"], ["a", "d"]]);
    expect(g.path("a", "d")).toEqual(["a", "d"]);
    expect(g.path("b", "d")).toEqual(["b", "c", "d"]);
    expect(g.path("d", "a")).toBeNull();
  });

  it("names why an edge cannot be added", () => {
    const g = new DirectedGraph<number>([[1, 2], [2, 3]]);
    expect(g.conflict(1, 1)).toEqual({ reason: "self_loop" });
    expect(g.conflict(2, 1)).toEqual({ reason: "reverse_edge" });
    expect(g.conflict(3, 1)).toEqual({ reason: "cycle", path: [1, 2, 3] });
    expect(g.conflict(1, 2)).toBeNull();
    expect(g.conflict(1, 3)).toBeNull();
    g.add(3, 4);
    expect(g.conflict(4, 2)).toEqual({ reason: "cycle", path: [2, 3, 4] });
  });

  // A recursive search would overflow the stack on a 20,000-step chain.
  it("answers on long chains", () => {
    const g = new DirectedGraph<number>();
    for (let i = 0; i < 20_000; i++) g.add(i, i + 1);
    expect(g.conflict(20_000, 0)?.reason).toBe("cycle");
    expect(g.conflict(0, 20_000)).toBeNull();
  });
});
