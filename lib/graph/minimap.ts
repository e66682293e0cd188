/**
 * Arithmetic for the graph's minimap, pure so it is tested with hand-worked numbers.
 *
 * Two coordinate systems: model coordinates (Cytoscape's, where node positions live) and
 * minimap pixels (CSS pixels from the minimap's top-left corner). A `MinimapTransform` maps
 * one to the other with a single uniform scale (aspect kept) and an offset:
 *   minimap = offset + model · scale,   model = (minimap − offset) / scale.
 * The main view draws model point p at p · zoom + pan (see canvas-viewport.ts).
 */

export type Box = { x1: number; y1: number; x2: number; y2: number };
export type Size = { width: number; height: number };
export type Point = { x: number; y: number };
export type Rect = { x: number; y: number; width: number; height: number };
export type MinimapTransform = { scale: number; offsetX: number; offsetY: number };

/** Scale used when the box has no extent in either direction (a single node's centre). */
const POINT_SCALE = 1;

/**
 * The transform that fits `box` (model coordinates) inside a minimap of `size` pixels,
 * leaving `padding` pixels on every side: one scale for both axes (the smaller of the two
 * that fit), and the box's centre on the minimap's centre. A box flat in one direction is
 * fitted by the other; a box that is a single point is drawn at scale 1, centred.
 */
export function fitTransform(box: Box, size: Size, padding: number): MinimapTransform {
  const w = Math.max(0, box.x2 - box.x1);
  const h = Math.max(0, box.y2 - box.y1);
  const roomW = Math.max(1, size.width - 2 * padding);
  const roomH = Math.max(1, size.height - 2 * padding);
  const fit = Math.min(w > 0 ? roomW / w : Infinity, h > 0 ? roomH / h : Infinity);
  const scale = Number.isFinite(fit) ? fit : POINT_SCALE;
  const cx = (box.x1 + box.x2) / 2;
  const cy = (box.y1 + box.y2) / 2;
  return { scale, offsetX: size.width / 2 - cx * scale, offsetY: size.height / 2 - cy * scale };
}

/** Model point → minimap pixel. */
export function toMinimap(t: MinimapTransform, p: Point): Point {
  return { x: t.offsetX + p.x * t.scale, y: t.offsetY + p.y * t.scale };
}

/** Minimap pixel → model point. */
export function toModel(t: MinimapTransform, p: Point): Point {
  return { x: (p.x - t.offsetX) / t.scale, y: (p.y - t.offsetY) / t.scale };
}

/**
 * The main view's visible area (Cytoscape's `cy.extent()`, model coordinates) as a rectangle
 * in minimap pixels, clipped to the minimap; null when none of it falls on the minimap.
 */
export function viewportRect(t: MinimapTransform, extent: Box, size: Size): Rect | null {
  const x1 = Math.max(0, t.offsetX + extent.x1 * t.scale);
  const y1 = Math.max(0, t.offsetY + extent.y1 * t.scale);
  const x2 = Math.min(size.width, t.offsetX + extent.x2 * t.scale);
  const y2 = Math.min(size.height, t.offsetY + extent.y2 * t.scale);
  if (!(x2 > x1 && y2 > y1)) return null;
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

/** The Cytoscape pan that puts model point `p` at the centre of a container of `size`, at `zoom`. */
export function panFor(p: Point, zoom: number, size: Size): Point {
  return { x: size.width / 2 - p.x * zoom, y: size.height / 2 - p.y * zoom };
}

/** A rectangle with every number rounded to 0.1 (what the minimap's data attribute shows). */
export function roundRect(r: Rect | null): Rect | null {
  if (!r) return null;
  const tenth = (v: number) => Math.round(v * 10) / 10;
  return { x: tenth(r.x), y: tenth(r.y), width: tenth(r.width), height: tenth(r.height) };
}
