import { describe, expect, it } from "vitest";
import { labelPriority, LABEL_ZOOM, MIN_LABEL_PX, NODE_FONT_PX, pickLabels, pinnedFontSize, PINNED_LABEL_PX, reachCounts, type LabelCandidate } from "./labels";

const e = (up: string, down: string) => ({ up, down });

describe("reachCounts", () => {
  it("counts ancestors plus descendants on a hand-made DAG", () => {
    // a → c, b → c, c → d, d → e, b → e
    const reach = reachCounts(["a", "b", "c", "d", "e"], [e("a", "c"), e("b", "c"), e("c", "d"), e("d", "e"), e("b", "e")]);
    // a: descendants c, d, e → 3. b: c, d, e → 3. c: ancestors a, b; descendants d, e → 4.
    // d: ancestors a, b, c; descendant e → 4. e: ancestors a, b, c, d → 4.
    expect(Object.fromEntries(reach)).toEqual({ a: 3, b: 3, c: 4, d: 4, e: 4 });
  });

  it("works across word boundaries (more than 32 nodes) and ignores unknown ends and self-loops", () => {
    const ids = Array.from({ length: 70 }, (_, i) => `n${i}`);
    const edges = ids.slice(1).map((id, i) => e(ids[i]!, id));
    edges.push(e("n3", "n3"), e("zz", "n1"));
    const reach = reachCounts(ids, edges);
    // A chain: every node reaches all 69 others.
    expect(new Set(reach.values())).toEqual(new Set([69]));
  });

  it("does not hang on a cycle", () => {
    const reach = reachCounts(["a", "b"], [e("a", "b"), e("b", "a")]);
    expect(reach.size).toBe(2);
  });
});

describe("labelPriority", () => {
  it("puts near nodes first, then by reach, ties by id", () => {
    const reach = new Map([
      ["a", 1],
      ["b", 9],
      ["c", 9],
      ["d", 2],
    ]);
    expect(labelPriority(["a", "b", "c", "d"], reach, new Set(["a"]))).toEqual(["a", "b", "c", "d"]);
    expect(labelPriority(["d", "c", "b", "a"], reach, new Set())).toEqual(["b", "c", "d", "a"]);
  });
});

describe("pickLabels", () => {
  const size = { width: 1000, height: 600 };
  const nodes: Record<string, LabelCandidate> = {
    root: { id: "root", x: 0, y: 0, text: "root" },
    // 10 model px below root: at zoom 0.1 one screen px apart, so their labels collide.
    close: { id: "close", x: 0, y: 10, text: "close" },
    far: { id: "far", x: 2000, y: 0, text: "far" },
    off: { id: "off", x: 100000, y: 0, text: "off" },
  };
  const at = (id: string) => nodes[id];

  it("keeps `always` labels, drops those that would overlap a kept one or are off screen", () => {
    const kept = pickLabels({ ordered: ["close", "far", "off"], always: ["root"], at, zoom: 0.1, pan: { x: 300, y: 300 }, size });
    expect(kept).toEqual(["root", "far"]);
  });

  it("keeps overlapping labels when zoomed in enough to separate them", () => {
    const kept = pickLabels({ ordered: ["close", "far"], always: ["root"], at, zoom: 3, pan: { x: 300, y: 300 }, size });
    // At zoom 3 root and close are 30 px apart (labels 17 px tall); far is at x = 6300: off screen.
    expect(kept).toEqual(["root", "close"]);
  });

  it("stops at the limit", () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ id: `n${i}`, x: (i % 10) * 1000, y: Math.floor(i / 10) * 200, text: "x" }));
    const lookup = new Map(many.map((c) => [c.id, c]));
    const kept = pickLabels({ ordered: many.map((c) => c.id), always: [], at: (id) => lookup.get(id), zoom: 0.1, pan: { x: 0, y: 100 }, size, limit: 7 });
    expect(kept).toHaveLength(7);
  });
});

describe("pinnedFontSize", () => {
  it("renders at least the pinned size on screen and never below the normal font", () => {
    for (const zoom of [0.05, 0.1, 0.33, 0.5, 0.74]) {
      const size = pinnedFontSize(zoom);
      expect(size * zoom).toBeGreaterThanOrEqual(PINNED_LABEL_PX - 1e-9);
      expect(size).toBeGreaterThanOrEqual(NODE_FONT_PX);
    }
    expect(pinnedFontSize(2)).toBe(NODE_FONT_PX);
  });

  it("hides normal labels exactly where they would fall below the minimum", () => {
    expect(NODE_FONT_PX * LABEL_ZOOM).toBe(MIN_LABEL_PX);
  });
});
