import { describe, expect, it } from "vitest";
import { arrowTarget, type PlacedNode } from "./canvas-nav";

// Two sources (a above b) feed m; m feeds z; c sits below m in m's column.
const nodes: PlacedNode[] = [
  { key: "a", x: 0, y: -80 },
  { key: "b", x: 0, y: 40 },
  { key: "m", x: 240, y: 0 },
  { key: "c", x: 240, y: 80 },
  { key: "z", x: 480, y: 0 },
];
const edges = [
  { upstream: "a", downstream: "m" },
  { upstream: "b", downstream: "m" },
  { upstream: "m", downstream: "z" },
];

describe("arrowTarget", () => {
  it("moves left to the source nearest in height and right to a use", () => {
    expect(arrowTarget("left", "m", nodes, edges)).toBe("b");
    expect(arrowTarget("right", "m", nodes, edges)).toBe("z");
    expect(arrowTarget("right", "a", nodes, edges)).toBe("m");
  });

  it("moves up and down within the column", () => {
    expect(arrowTarget("down", "m", nodes, edges)).toBe("c");
    expect(arrowTarget("up", "c", nodes, edges)).toBe("m");
    expect(arrowTarget("up", "b", nodes, edges)).toBe("a");
    expect(arrowTarget("down", "b", nodes, edges)).toBeNull();
  });

  it("returns null when nothing lies that way", () => {
    expect(arrowTarget("left", "a", nodes, edges)).toBeNull();
    expect(arrowTarget("right", "z", nodes, edges)).toBeNull();
    expect(arrowTarget("up", "z", nodes, edges)).toBeNull();
  });

  it("ignores edges to nodes that are not drawn and starts from the first node when the selection is gone", () => {
    expect(arrowTarget("left", "a", nodes, [{ upstream: "ghost", downstream: "a" }])).toBeNull();
    expect(arrowTarget("right", "gone", nodes, edges)).toBe("a");
    expect(arrowTarget("right", "gone", [], edges)).toBeNull();
  });
});
