/**
 * Viewport arithmetic for the canvas (Cytoscape draws model point p at p * zoom + pan).
 * Pure, so "fit the new nodes, but never zoom in further than readable" is tested here.
 */

export type Box = { x1: number; y1: number; x2: number; y2: number };
export type Viewport = { zoom: number; pan: { x: number; y: number } };

export function fitViewport(box: Box, size: { width: number; height: number }, options: { padding: number; minZoom: number; maxZoom: number }): Viewport {
  const w = Math.max(1, box.x2 - box.x1);
  const h = Math.max(1, box.y2 - box.y1);
  const room = { width: Math.max(1, size.width - 2 * options.padding), height: Math.max(1, size.height - 2 * options.padding) };
  const zoom = Math.min(options.maxZoom, Math.max(options.minZoom, Math.min(room.width / w, room.height / h)));
  const cx = (box.x1 + box.x2) / 2;
  const cy = (box.y1 + box.y2) / 2;
  return { zoom, pan: { x: size.width / 2 - cx * zoom, y: size.height / 2 - cy * zoom } };
}

/** True when the box lies fully inside the other (both in model coordinates). */
export function contains(outer: Box, inner: Box): boolean {
  return inner.x1 >= outer.x1 && inner.y1 >= outer.y1 && inner.x2 <= outer.x2 && inner.y2 <= outer.y2;
}

/**
 * The viewport a fraction `t` (0–1, eased) of the way from `from` to `to`: the model point at
 * the screen centre moves in a straight line while the zoom changes geometrically, so a glide
 * neither swerves nor lurches.
 */
export function viewportBetween(from: Viewport, to: Viewport, size: { width: number; height: number }, t: number): Viewport {
  const k = t <= 0 ? 0 : t >= 1 ? 1 : t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
  const centre = (v: Viewport) => ({ x: (size.width / 2 - v.pan.x) / v.zoom, y: (size.height / 2 - v.pan.y) / v.zoom });
  const a = centre(from);
  const b = centre(to);
  const zoom = from.zoom * (to.zoom / from.zoom) ** k;
  const c = { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k };
  return { zoom, pan: { x: size.width / 2 - c.x * zoom, y: size.height / 2 - c.y * zoom } };
}
