import type { Core, NodeCollection } from "cytoscape";
import { contains, fitViewport, viewportBetween, type Box, type Viewport } from "@/lib/graph/canvas-viewport";
import { LABEL_ZOOM } from "@/lib/graph/labels";
import type { Point } from "@/lib/graph/layered";

/**
 * Boxes of node shapes only: with labels, Cytoscape measures the text of every node, which at
 * thousands of nodes is most of a fit's cost, and labels sit inside their boxes anyway.
 */
export const SHAPES_ONLY = { includeLabels: false, includeOverlays: false, includeUnderlays: false } as const;

/** Viewport limits shared by the canvas's fits. */
export const FIT = { padding: 40, minZoom: 0.03, maxZoom: 1.25 } as const;
const ANIMATION_MS = 250;
/** Node moves (tidy, undo) animate up to this many nodes; more jump, as animating them would stutter. */
const ANIMATED_MOVES = 2500;

export function toBox(box: { x1: number; y1: number; x2: number; y2: number }): Box {
  return { x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2 };
}

export function sizeOf(cy: Core) {
  return { width: cy.width(), height: cy.height() };
}

/** The model point at the centre of the canvas, and the zoom. */
export function centreOf(cy: Core): { x: number; y: number; zoom: number } {
  const zoom = cy.zoom();
  const pan = cy.pan();
  return { x: (cy.width() / 2 - pan.x) / zoom, y: (cy.height() / 2 - pan.y) / zoom, zoom };
}

/** The viewport that puts model point (x, y) at the centre at `zoom`. */
export function viewportAt(cy: Core, at: { x: number; y: number; zoom: number }): Viewport {
  return { zoom: at.zoom, pan: { x: cy.width() / 2 - at.x * at.zoom, y: cy.height() / 2 - at.y * at.zoom } };
}

const glides = new WeakMap<Core, number>();

/**
 * Move the viewport smoothly to `to`. Stops as soon as anything else moves the viewport (a
 * person panning or zooming, a script centring a node), so it never fights them.
 */
export function glide(cy: Core, to: Viewport, done?: () => void) {
  cancelAnimationFrame(glides.get(cy) ?? 0);
  const size = sizeOf(cy);
  const from: Viewport = { zoom: cy.zoom(), pan: { ...cy.pan() } };
  let last = from;
  const started = performance.now();
  const step = (now: number) => {
    if (cy.destroyed()) return;
    const pan = cy.pan();
    if (cy.zoom() !== last.zoom || pan.x !== last.pan.x || pan.y !== last.pan.y) return;
    const t = Math.min(1, (now - started) / ANIMATION_MS);
    cy.viewport(t >= 1 ? to : viewportBetween(from, to, size, t));
    last = { zoom: cy.zoom(), pan: { ...cy.pan() } };
    if (t < 1) glides.set(cy, requestAnimationFrame(step));
    else done?.();
  };
  glides.set(cy, requestAnimationFrame(step));
}

const moves = new WeakMap<Core, number>();

/** Slide nodes to new places (a tidy, or its undo) in one animation, batched per frame. */
export function moveNodes(cy: Core, targets: ReadonlyMap<string, Point>) {
  cancelAnimationFrame(moves.get(cy) ?? 0);
  const list = [...targets].map(([id, to]) => ({ node: cy.getElementById(id), to })).filter((m) => m.node.nonempty());
  const starts = list.map((m) => ({ ...m.node.position() }));
  if (list.length > ANIMATED_MOVES) {
    cy.batch(() => list.forEach((m) => m.node.position(m.to)));
    return;
  }
  const started = performance.now();
  const step = (now: number) => {
    if (cy.destroyed()) return;
    const t = Math.min(1, (now - started) / (ANIMATION_MS * 1.6));
    const k = t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
    cy.batch(() => list.forEach((m, i) => m.node.position({ x: starts[i]!.x + (m.to.x - starts[i]!.x) * k, y: starts[i]!.y + (m.to.y - starts[i]!.y) * k })));
    if (t < 1) moves.set(cy, requestAnimationFrame(step));
  };
  moves.set(cy, requestAnimationFrame(step));
}

/** Everything drawn, as small as needed. */
export function fitAll(cy: Core): Viewport {
  return fitViewport(toBox(cy.nodes().boundingBox(SHAPES_ONLY)), sizeOf(cy), FIT);
}

/**
 * The first view: everything when it fits at a zoom where labels can be read; otherwise the
 * root and its neighbours at that zoom (the root kept in sight), and the rest is a pan away.
 */
export function firstViewport(cy: Core, rootId: string): Viewport {
  const size = sizeOf(cy);
  const all = fitAll(cy);
  const root = cy.getElementById(rootId);
  if (all.zoom >= LABEL_ZOOM || root.empty()) return all;
  return readableAround(cy, root.closedNeighborhood().nodes(), rootId, size);
}

/** The nodes given, at a readable zoom, with `keep` on screen even when they do not all fit. */
export function readableAround(cy: Core, nodes: NodeCollection, keep: string, size = sizeOf(cy)): Viewport {
  const fitted = fitViewport(toBox(nodes.boundingBox(SHAPES_ONLY)), size, { ...FIT, minZoom: LABEL_ZOOM, maxZoom: Math.max(FIT.maxZoom, LABEL_ZOOM) });
  const anchor = cy.getElementById(keep);
  if (anchor.empty()) return fitted;
  const box = toBox(anchor.boundingBox(SHAPES_ONLY));
  const extent = {
    x1: -fitted.pan.x / fitted.zoom,
    y1: -fitted.pan.y / fitted.zoom,
    x2: (size.width - fitted.pan.x) / fitted.zoom,
    y2: (size.height - fitted.pan.y) / fitted.zoom,
  };
  if (contains(extent, box)) return fitted;
  // Slide just enough to bring it in (with a margin), keeping as much of the rest as fits.
  const margin = FIT.padding / fitted.zoom;
  const dx = box.x1 - margin < extent.x1 ? extent.x1 - (box.x1 - margin) : box.x2 + margin > extent.x2 ? extent.x2 - (box.x2 + margin) : 0;
  const dy = box.y1 - margin < extent.y1 ? extent.y1 - (box.y1 - margin) : box.y2 + margin > extent.y2 ? extent.y2 - (box.y2 + margin) : 0;
  return { zoom: fitted.zoom, pan: { x: fitted.pan.x - dx * fitted.zoom, y: fitted.pan.y - dy * fitted.zoom } };
}

/** Scroll a node into sight when it is off screen (keyboard selection, search). */
export function reveal(cy: Core, id: string, zoom?: number) {
  const node = cy.getElementById(id);
  if (node.empty()) return;
  if (zoom === undefined && contains(toBox(cy.extent()), toBox(node.boundingBox(SHAPES_ONLY)))) return;
  const p = node.position();
  const z = zoom ?? cy.zoom();
  glide(cy, { zoom: z, pan: { x: cy.width() / 2 - p.x * z, y: cy.height() / 2 - p.y * z } });
}
