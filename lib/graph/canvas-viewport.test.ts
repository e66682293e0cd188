import { describe, expect, it } from "vitest";
import { contains, fitViewport, viewportBetween } from "./canvas-viewport";

const size = { width: 1000, height: 600 };
const options = { padding: 50, minZoom: 0.1, maxZoom: 1.25 };

describe("fitViewport", () => {
  it("centres the box and zooms so it fills the padded viewport", () => {
    const { zoom, pan } = fitViewport({ x1: 0, y1: 0, x2: 1800, y2: 200 }, size, options);
    expect(zoom).toBeCloseTo(0.5);
    // The box centre (900, 100) lands on the viewport centre (500, 300).
    expect(900 * zoom + pan.x).toBeCloseTo(500);
    expect(100 * zoom + pan.y).toBeCloseTo(300);
  });

  it("never zooms in past the maximum (a single new node stays readable, not huge)", () => {
    expect(fitViewport({ x1: 10, y1: 10, x2: 10, y2: 10 }, size, options).zoom).toBe(1.25);
  });

  it("never zooms out past the minimum", () => {
    expect(fitViewport({ x1: 0, y1: 0, x2: 1e6, y2: 10 }, size, options).zoom).toBe(0.1);
  });
});

describe("contains", () => {
  it("tells whether a box lies inside another", () => {
    expect(contains({ x1: 0, y1: 0, x2: 10, y2: 10 }, { x1: 1, y1: 1, x2: 9, y2: 9 })).toBe(true);
    expect(contains({ x1: 0, y1: 0, x2: 10, y2: 10 }, { x1: 1, y1: 1, x2: 11, y2: 9 })).toBe(false);
  });
});

describe("viewportBetween", () => {
  const from = { zoom: 1, pan: { x: 0, y: 0 } };
  const to = { zoom: 0.5, pan: { x: 100, y: 50 } };

  it("starts at the start and ends at the end", () => {
    expect(viewportBetween(from, to, size, 0)).toEqual(from);
    const end = viewportBetween(from, to, size, 1);
    expect(end.zoom).toBeCloseTo(0.5);
    expect(end.pan.x).toBeCloseTo(100);
    expect(end.pan.y).toBeCloseTo(50);
  });

  it("moves the centred model point in a straight line, zooming geometrically", () => {
    const mid = viewportBetween(from, to, size, 0.5);
    expect(mid.zoom).toBeCloseTo(Math.SQRT1_2);
    // Centres: from (500, 300), to ((500-100)/0.5, (300-50)/0.5) = (800, 500); halfway (650, 400).
    expect((500 - mid.pan.x) / mid.zoom).toBeCloseTo(650);
    expect((300 - mid.pan.y) / mid.zoom).toBeCloseTo(400);
  });
});
