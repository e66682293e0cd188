import { describe, expect, it } from "vitest";
import { fitTransform, panFor, roundRect, toMinimap, toModel, viewportRect } from "./minimap";

// A 200 × 140 minimap with 10 px padding leaves a 180 × 120 room.
const size = { width: 200, height: 140 };
const padding = 10;

describe("fitTransform", () => {
  it("fits a wide box by its width and centres it vertically", () => {
    // 1000 × 500: 180/1000 = 0.18 beats 120/500 = 0.24. Centre (500, 250) → (100, 70):
    // offset x = 100 − 500·0.18 = 10, offset y = 70 − 250·0.18 = 25.
    const t = fitTransform({ x1: 0, y1: 0, x2: 1000, y2: 500 }, size, padding);
    expect(t.scale).toBeCloseTo(0.18);
    expect(t.offsetX).toBeCloseTo(10);
    expect(t.offsetY).toBeCloseTo(25);
    // The box spans x 10..190 (the padding) and y 25..115 (90 px tall, 25 px above and below).
    expect(toMinimap(t, { x: 0, y: 0 })).toEqual({ x: expect.closeTo(10), y: expect.closeTo(25) });
    expect(toMinimap(t, { x: 1000, y: 500 })).toEqual({ x: expect.closeTo(190), y: expect.closeTo(115) });
  });

  it("fits a tall box with negative coordinates by its height and centres it horizontally", () => {
    // 400 × 800: 180/400 = 0.45, 120/800 = 0.15 → 0.15. Centre (−100, 300) → (100, 70):
    // offset x = 100 + 15 = 115, offset y = 70 − 45 = 25.
    const t = fitTransform({ x1: -300, y1: -100, x2: 100, y2: 700 }, size, padding);
    expect(t.scale).toBeCloseTo(0.15);
    expect(t.offsetX).toBeCloseTo(115);
    expect(t.offsetY).toBeCloseTo(25);
    // x: 115 − 45 = 70 .. 115 + 15 = 130 (60 px wide, centred); y: 25 − 15 = 10 .. 25 + 105 = 130.
    expect(toMinimap(t, { x: -300, y: -100 })).toEqual({ x: expect.closeTo(70), y: expect.closeTo(10) });
    expect(toMinimap(t, { x: 100, y: 700 })).toEqual({ x: expect.closeTo(130), y: expect.closeTo(130) });
  });

  it("draws a single point at scale 1 on the centre", () => {
    const t = fitTransform({ x1: 50, y1: 80, x2: 50, y2: 80 }, size, padding);
    expect(t).toEqual({ scale: 1, offsetX: 50, offsetY: -10 });
    expect(toMinimap(t, { x: 50, y: 80 })).toEqual({ x: 100, y: 70 });
    expect(toModel(t, { x: 100, y: 70 })).toEqual({ x: 50, y: 80 });
  });

  it("fits a box flat in one direction (one row of nodes) by the other", () => {
    // 400 × 0: 180/400 = 0.45; offset y = 70 − 40·0.45 = 52.
    const t = fitTransform({ x1: 0, y1: 40, x2: 400, y2: 40 }, size, padding);
    expect(t.scale).toBeCloseTo(0.45);
    expect(t.offsetX).toBeCloseTo(10);
    expect(t.offsetY).toBeCloseTo(52);
  });

  it("keeps a positive room when the padding is larger than the minimap", () => {
    const t = fitTransform({ x1: 0, y1: 0, x2: 100, y2: 100 }, { width: 10, height: 10 }, 20);
    expect(t.scale).toBeCloseTo(0.01);
    expect(Number.isFinite(t.offsetX)).toBe(true);
  });
});

describe("toModel", () => {
  it("inverts toMinimap", () => {
    const t = fitTransform({ x1: 0, y1: 0, x2: 1000, y2: 500 }, size, padding);
    // (100, 70) is the box centre; (10, 25) its top-left corner.
    expect(toModel(t, { x: 100, y: 70 })).toEqual({ x: expect.closeTo(500), y: expect.closeTo(250) });
    expect(toModel(t, { x: 10, y: 25 })).toEqual({ x: expect.closeTo(0), y: expect.closeTo(0) });
    const p = { x: 123.4, y: -56.7 };
    const back = toModel(t, toMinimap(t, p));
    expect(back.x).toBeCloseTo(p.x);
    expect(back.y).toBeCloseTo(p.y);
  });
});

describe("viewportRect", () => {
  const t = fitTransform({ x1: 0, y1: 0, x2: 1000, y2: 500 }, size, padding); // scale 0.18, offset (10, 25)

  it("maps the visible extent into minimap pixels", () => {
    // x 10 + 200·0.18 = 46 .. 10 + 700·0.18 = 136; y 25 + 100·0.18 = 43 .. 25 + 400·0.18 = 97.
    const r = viewportRect(t, { x1: 200, y1: 100, x2: 700, y2: 400 }, size)!;
    expect(r.x).toBeCloseTo(46);
    expect(r.y).toBeCloseTo(43);
    expect(r.width).toBeCloseTo(90);
    expect(r.height).toBeCloseTo(54);
  });

  it("clips the part beyond the minimap's edges", () => {
    // x1 → 10 − 90 = −80 → 0; y1 → 25 − 90 = −65 → 0; x2 → 100; y2 → 25 + 45 = 70.
    const r = viewportRect(t, { x1: -500, y1: -500, x2: 500, y2: 250 }, size)!;
    expect(r).toEqual({ x: 0, y: 0, width: expect.closeTo(100), height: expect.closeTo(70) });
    // Zoomed far out: the whole minimap.
    expect(viewportRect(t, { x1: -1e5, y1: -1e5, x2: 1e5, y2: 1e5 }, size)).toEqual({ x: 0, y: 0, width: 200, height: 140 });
  });

  it("is null when the view is off the minimap", () => {
    // x1 → 10 + 2000·0.18 = 370 > 200.
    expect(viewportRect(t, { x1: 2000, y1: 0, x2: 3000, y2: 500 }, size)).toBeNull();
  });
});

describe("panFor", () => {
  it("centres the model point at the current zoom", () => {
    // (1000/2 − 500·0.5, 600/2 − 250·0.5) = (250, 175); 500·0.5 + 250 = 500 is the centre.
    expect(panFor({ x: 500, y: 250 }, 0.5, { width: 1000, height: 600 })).toEqual({ x: 250, y: 175 });
    expect(panFor({ x: -100, y: 40 }, 2, { width: 800, height: 400 })).toEqual({ x: 600, y: 120 });
  });
});

describe("roundRect", () => {
  it("rounds to tenths", () => {
    expect(roundRect({ x: 46.04, y: 43.06, width: 89.95, height: 0.04 })).toEqual({ x: 46, y: 43.1, width: 90, height: 0 });
    expect(roundRect(null)).toBeNull();
  });
});
