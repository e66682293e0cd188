import { describe, expect, it } from "vitest";
import { fixedPositions } from "./canvas-positions";

describe("fixedPositions", () => {
  it("keeps drawn nodes that stay and drops those that go", () => {
    const drawn = new Map([
      ["a", { x: 0, y: 0 }],
      ["gone", { x: 0, y: 80 }],
    ]);
    expect(fixedPositions(["a", "new"], drawn, new Map())).toEqual({ a: { x: 0, y: 0 } });
  });

  it("puts returning nodes back where they were unless that place is taken now", () => {
    const drawn = new Map([["a", { x: 0, y: 0 }]]);
    const remembered = new Map([
      ["back", { x: 240, y: 0 }],
      ["blocked", { x: 10, y: 20 }],
    ]);
    expect(fixedPositions(["a", "back", "blocked"], drawn, remembered)).toEqual({ a: { x: 0, y: 0 }, back: { x: 240, y: 0 } });
  });

  it("does not let two returning nodes take the same place", () => {
    const remembered = new Map([
      ["p", { x: 0, y: 0 }],
      ["q", { x: 0, y: 10 }],
    ]);
    expect(Object.keys(fixedPositions(["q", "p"], new Map(), remembered))).toEqual(["p"]);
  });
});
