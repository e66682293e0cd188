"use client";

import type { Core } from "cytoscape";
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { fitTransform, panFor, roundRect, toModel, viewportRect, type MinimapTransform, type Rect } from "@/lib/graph/minimap";
import { DOMAIN_COLORS, NO_DOMAIN } from "@/lib/graph/style";

/** Size of the drawing in CSS pixels, and the room left around the graph inside it. */
const WIDTH = 200;
const HEIGHT = 140;
const SIZE = { width: WIDTH, height: HEIGHT } as const;
const PADDING = 6;
/** Smallest drawn node (CSS px), and smallest drawn root or selected node, so those stay findable. */
const MIN_NODE_PX = 1;
const MIN_MARKED_PX = 5;
const INK = "#0f172a";
/** Same orange as the canvas's selection halo (components/graph/canvas-style.ts). */
const SELECTED = "#f59e0b";
const VIEWPORT_STROKE = "#1d4ed8";
const VIEWPORT_FILL = "rgba(37, 99, 235, 0.1)";
/** Used when Cytoscape reports no node size (no stylesheet): the canvas's node box. */
const FALLBACK_NODE = { width: 184, height: 52 };
const DOMAIN_FILLS: Readonly<Record<string, string | undefined>> = DOMAIN_COLORS;

/**
 * Cytoscape 3.34 events that change the drawing. Elements' events bubble to the core; the
 * node ones are listened to with a "node" selector so edge class changes (the selection's
 * touching edges) do not repaint the nodes. `viewport` covers pan and zoom (and animations);
 * `resize` is emitted by cy.resize(), which the canvas calls when its container changes size.
 */
const NODE_EVENTS = "add remove position data class";
const VIEW_EVENTS = "viewport resize";

type NodeData = { fill?: unknown; domain?: unknown; isRoot?: unknown };

/** The CSS fill of a node: its own `fill` (licence colouring), else its domain's colour. */
function fillOf(d: NodeData): string {
  if (typeof d.fill === "string" && d.fill) return d.fill;
  return (typeof d.domain === "string" && DOMAIN_FILLS[d.domain]) || DOMAIN_COLORS[NO_DOMAIN];
}

/**
 * Paints the nodes into an offscreen layer (only when nodes change) and composes that layer
 * with the viewport box (on every viewport change), so a pan costs one drawImage. Nodes are
 * written straight into a reused pixel buffer as device-pixel rectangles (one pass over
 * cy.nodes() reading position() and data(), no allocation per node, no path of 10,000
 * sub-paths to rasterise); only the root and selected nodes go through the 2D context.
 */
class MinimapPainter {
  transform: MinimapTransform | null = null;
  count = 0;
  private dpr = 0;
  private layer: HTMLCanvasElement | null = null;
  private image: ImageData | null = null;
  private pixels = new Uint32Array(0);
  private xs = new Float64Array(0);
  private ys = new Float64Array(0);
  private packedOf = new Uint32Array(0);
  private marked: number[] = [];
  /** CSS colour → the same colour as one pixel of `pixels` (byte order as the platform stores it). */
  private packed = new Map<string, number>();
  private probe: CanvasRenderingContext2D | null = null;

  /** Match the backing stores to the device pixel ratio; true when they changed (the layer must be repainted). */
  fitDevice(canvas: HTMLCanvasElement): boolean {
    const dpr = typeof window === "undefined" ? 1 : window.devicePixelRatio || 1;
    if (dpr === this.dpr && this.layer) return false;
    this.dpr = dpr;
    this.layer ??= document.createElement("canvas");
    for (const c of [canvas, this.layer]) {
      c.width = Math.round(WIDTH * dpr);
      c.height = Math.round(HEIGHT * dpr);
    }
    this.image = null;
    return true;
  }

  paintNodes(cy: Core): void {
    const layer = this.layer;
    const ctx = layer?.getContext("2d");
    if (!layer || !ctx) return;
    const nodes = cy.nodes();
    const n = nodes.length;
    this.grow(n);
    const { xs, ys, packedOf, marked } = this;
    marked.length = 0;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      const node = nodes[i]!;
      const p = node.position(); // Cytoscape's own object, not a copy
      const d = node.data() as NodeData;
      const x = p.x;
      const y = p.y;
      xs[i] = x;
      ys[i] = y;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      packedOf[i] = this.pack(fillOf(d));
      if (d.isRoot === true || node.hasClass("is-selected")) marked.push(i);
    }
    this.count = n;

    ctx.setTransform(1, 0, 0, 1, 0, 0);
    if (n === 0) {
      ctx.clearRect(0, 0, layer.width, layer.height);
      this.transform = null;
      return;
    }
    // Every node has the canvas's box size (contamination flags add a little height); read it once.
    const first = nodes[0]!;
    const nodeW = first.width() || FALLBACK_NODE.width;
    const nodeH = first.height() || FALLBACK_NODE.height;
    const t = fitTransform({ x1: minX - nodeW / 2, y1: minY - nodeH / 2, x2: maxX + nodeW / 2, y2: maxY + nodeH / 2 }, SIZE, PADDING);
    this.transform = t;

    // Device-pixel rectangles, written row by row into the buffer.
    const W = layer.width;
    const H = layer.height;
    if (!this.image || this.image.width !== W || this.image.height !== H) {
      this.image = ctx.createImageData(W, H);
      this.pixels = new Uint32Array(this.image.data.buffer);
    }
    const pixels = this.pixels;
    pixels.fill(0);
    const s = t.scale * this.dpr;
    const ox = t.offsetX * this.dpr;
    const oy = t.offsetY * this.dpr;
    const w = Math.max(1, Math.round(Math.max(MIN_NODE_PX * this.dpr, nodeW * s)));
    const h = Math.max(1, Math.round(Math.max(MIN_NODE_PX * this.dpr, nodeH * s)));
    for (let i = 0; i < n; i++) {
      const left = Math.round(ox + xs[i]! * s - w / 2);
      const top = Math.round(oy + ys[i]! * s - h / 2);
      const x0 = left < 0 ? 0 : left;
      const x1 = left + w > W ? W : left + w;
      const y0 = top < 0 ? 0 : top;
      const y1 = top + h > H ? H : top + h;
      if (x1 <= x0) continue;
      const colour = packedOf[i]!;
      for (let y = y0; y < y1; y++) pixels.fill(colour, y * W + x0, y * W + x1);
    }
    ctx.putImageData(this.image, 0, 0);

    // The root (dark outline) and selected nodes (orange halo) on top, never smaller than a few pixels.
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    const mw = Math.max(MIN_MARKED_PX, nodeW * t.scale);
    const mh = Math.max(MIN_MARKED_PX, nodeH * t.scale);
    for (const i of marked) {
      const node = nodes[i]!;
      const x = t.offsetX + xs[i]! * t.scale - mw / 2;
      const y = t.offsetY + ys[i]! * t.scale - mh / 2;
      if (node.hasClass("is-selected")) {
        ctx.fillStyle = SELECTED;
        ctx.fillRect(x - 2, y - 2, mw + 4, mh + 4);
      }
      const d = node.data() as NodeData;
      ctx.fillStyle = fillOf(d);
      ctx.fillRect(x, y, mw, mh);
      if (d.isRoot === true) {
        ctx.strokeStyle = INK;
        ctx.lineWidth = 1.5;
        ctx.strokeRect(x, y, mw, mh);
      }
    }
  }

  /** The node layer plus the viewport box; returns the box (minimap px) or null. */
  compose(canvas: HTMLCanvasElement, cy: Core): Rect | null {
    const ctx = canvas.getContext("2d");
    if (!ctx || !this.layer) return null;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(this.layer, 0, 0);
    if (!this.transform) return null;
    const rect = viewportRect(this.transform, cy.extent(), SIZE);
    if (rect) {
      ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
      ctx.fillStyle = VIEWPORT_FILL;
      ctx.fillRect(rect.x, rect.y, rect.width, rect.height);
      // Inset by half the line so an edge clipped at the minimap's border stays visible.
      ctx.strokeStyle = VIEWPORT_STROKE;
      ctx.lineWidth = 1.5;
      ctx.strokeRect(rect.x + 0.75, rect.y + 0.75, Math.max(0, rect.width - 1.5), Math.max(0, rect.height - 1.5));
    }
    return rect;
  }

  clear(canvas: HTMLCanvasElement): void {
    this.transform = null;
    this.count = 0;
    canvas.getContext("2d")?.clearRect(0, 0, canvas.width, canvas.height);
  }

  private grow(n: number): void {
    if (this.xs.length >= n) return;
    const size = Math.max(n, 2 * this.xs.length, 64);
    this.xs = new Float64Array(size);
    this.ys = new Float64Array(size);
    this.packedOf = new Uint32Array(size);
  }

  /** A CSS colour as one pixel value, resolved once by painting it on a 1×1 canvas (any CSS colour works). */
  private pack(colour: string): number {
    const known = this.packed.get(colour);
    if (known !== undefined) return known;
    if (!this.probe) {
      const probe = document.createElement("canvas");
      probe.width = probe.height = 1;
      this.probe = probe.getContext("2d", { willReadFrequently: true });
    }
    let value = 0;
    if (this.probe) {
      this.probe.clearRect(0, 0, 1, 1);
      this.probe.fillStyle = colour;
      this.probe.fillRect(0, 0, 1, 1);
      value = new Uint32Array(this.probe.getImageData(0, 0, 1, 1).data.buffer)[0] ?? 0;
    }
    // Colours are few (domains, licence classes); keep the cache bounded all the same.
    if (this.packed.size >= 1024) this.packed.clear();
    this.packed.set(colour, value);
    return value;
  }
}

function mirror(wrapper: HTMLElement, count: number, rect: Rect | null) {
  wrapper.dataset.nodeCount = String(count);
  wrapper.dataset.viewport = JSON.stringify(roundRect(rect));
}

type Props = {
  /** The graph to map; null before Cytoscape is created. Pass a new instance when it changes. */
  cy: Core | null;
  /** Placement (the parent positions the overlay, e.g. "absolute bottom-2 right-2"). */
  className?: string;
  initiallyOpen?: boolean;
};

/**
 * An overview of a big graph: every node as a small rectangle in its colour, the visible area
 * as a blue box. Pressing or dragging on it centres the main view on that point (zoom
 * unchanged). It is pointer-only and hidden from assistive technology (the graph has its own
 * keyboard navigation); the toggle button is the one control in the tab order. The wrapper's
 * data attributes mirror the last drawing for tests: data-node-count, and data-viewport (the
 * viewport box in minimap pixels rounded to 0.1, or null). While the map is hidden it does not
 * listen to the graph or redraw; the attributes then keep their last values.
 */
export function Minimap({ cy, className = "", initiallyOpen = true }: Props) {
  const [open, setOpen] = useState(initiallyOpen);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const painterRef = useRef<MinimapPainter | null>(null);
  /** The graph the pointer pans: the mapped one while it is alive and the map shown. */
  const liveRef = useRef<Core | null>(null);

  useEffect(() => {
    const wrapper = wrapperRef.current;
    const canvas = canvasRef.current;
    if (!wrapper || !canvas) return;
    const painter = (painterRef.current ??= new MinimapPainter());
    if (!cy || cy.destroyed()) {
      painter.clear(canvas);
      mirror(wrapper, 0, null);
      return;
    }
    if (!open) return;

    let frame = 0;
    let nodesDirty = true;
    const draw = () => {
      frame = 0;
      if (cy.destroyed()) return;
      if (painter.fitDevice(canvas)) nodesDirty = true;
      if (nodesDirty) {
        painter.paintNodes(cy);
        nodesDirty = false;
      }
      mirror(wrapper, painter.count, painter.compose(canvas, cy));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    const onNodes = () => {
      nodesDirty = true;
      schedule();
    };
    const onDestroy = () => {
      unsubscribe();
      painter.clear(canvas);
      mirror(wrapper, 0, null);
    };
    const unsubscribe = () => {
      cancelAnimationFrame(frame);
      frame = 0;
      liveRef.current = null;
      window.removeEventListener("resize", onNodes);
      cy.removeListener(VIEW_EVENTS, schedule);
      cy.removeListener(NODE_EVENTS, "node", onNodes);
      cy.removeListener("destroy", onDestroy);
    };

    painter.transform = null;
    liveRef.current = cy;
    cy.on(VIEW_EVENTS, schedule);
    cy.on(NODE_EVENTS, "node", onNodes);
    cy.on("destroy", onDestroy);
    // Browser zoom changes the device pixel ratio and fires a window resize.
    window.addEventListener("resize", onNodes);
    schedule();
    return unsubscribe;
  }, [cy, open]);

  function panTo(event: PointerEvent<HTMLCanvasElement>) {
    const live = liveRef.current;
    const t = painterRef.current?.transform;
    if (!live || live.destroyed() || !t) return;
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) return;
    const at = toModel(t, { x: ((event.clientX - box.left) * WIDTH) / box.width, y: ((event.clientY - box.top) * HEIGHT) / box.height });
    live.pan(panFor(at, live.zoom(), { width: live.width(), height: live.height() }));
  }

  function onPointerDown(event: PointerEvent<HTMLCanvasElement>) {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    panTo(event);
  }

  function onPointerMove(event: PointerEvent<HTMLCanvasElement>) {
    if (event.currentTarget.hasPointerCapture(event.pointerId)) panTo(event);
  }

  function onPointerEnd(event: PointerEvent<HTMLCanvasElement>) {
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
  }

  // The map may sit inside the graph's keyboard-driven wrapper: keep its keys (Enter on the
  // toggle) from reaching the graph's shortcuts.
  function stopKeys(event: KeyboardEvent<HTMLDivElement>) {
    event.stopPropagation();
  }

  return (
    <div ref={wrapperRef} data-testid="minimap" data-open={open ? "1" : "0"} onKeyDown={stopKeys} className={`flex flex-col items-end gap-1 rounded-lg border border-slate-300 bg-white p-1 shadow-sm ${className}`}>
      <canvas
        ref={canvasRef}
        aria-hidden
        width={WIDTH}
        height={HEIGHT}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
        style={{ width: WIDTH, height: HEIGHT }}
        className={`${open ? "block" : "hidden"} cursor-crosshair touch-none rounded bg-slate-50`}
      />
      <button type="button" data-testid="minimap-toggle" aria-pressed={open} onClick={() => setOpen((o) => !o)} className="btn btn-small">
        {open ? "Hide map" : "Show map"}
      </button>
    </div>
  );
}
