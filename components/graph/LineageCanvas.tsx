"use client";

import cytoscape, { type CollectionReturnValue, type Core, type ElementDefinition, type NodeSingular } from "cytoscape";
import { useEffect, useRef, type KeyboardEvent, type RefObject } from "react";
import { ARROW_KEYS, arrowTarget } from "@/lib/graph/canvas-nav";
import { fixedPositions } from "@/lib/graph/canvas-positions";
import { contains, fitViewport, viewportBetween, type Box, type Viewport } from "@/lib/graph/canvas-viewport";
import { toCytoscapeElements, type ContaminationMarks, type DrawnView } from "@/lib/graph/elements";
import { toSvg } from "@/lib/graph/export-svg";
import { createEdgeId, createNodeId, parseNodeId } from "@/lib/graph/ids";
import { layoutLineage, type Point } from "@/lib/graph/layout";
import { lineageStylesheet } from "./canvas-style";

/** Above this many nodes, panning and zooming draw a cached texture without edges. */
const LARGE_GRAPH = 500;
const FIT = { padding: 40, minZoom: 0.05, maxZoom: 1.25 } as const;
const ANIMATION_MS = 250;
/** Below this zoom the 12 px labels are too small to read (and vanish under 7 px). */
const READABLE_ZOOM = 0.6;

export type CanvasCommand = "expand-up" | "expand-down" | "collapse" | "focus";

/** What the explorer may ask of the drawn graph. */
export type CanvasHandle = {
  /** Model positions of every drawn node, by key (what a snapshot stores). */
  positions(): Record<string, Point>;
  png(): Promise<Blob>;
  svg(): string;
};

type Props = {
  view: DrawnView;
  rootKey: string;
  /** The selected node (the root when nothing else is). */
  selectedKey: string;
  /** Where nodes go when they are first drawn (a snapshot's stored layout); others are laid out. */
  presetPositions?: Readonly<Record<string, Point>>;
  onSelect: (key: string) => void;
  onCommand: (command: CanvasCommand, key: string) => void;
  handleRef?: RefObject<CanvasHandle | null>;
  label: string;
  describedBy: string;
  busy: boolean;
  /** Worst contamination flag per node key (normalised). */
  marks?: ContaminationMarks;
  /** Paths to draw out (a contamination path, the two routes to an ancestor reached twice): node keys in order. The rest fades; the viewport fits them. */
  highlight?: readonly (readonly string[])[] | null;
  /** Evaluation set id → label, for the SVG export's legend. */
  setLabels?: Readonly<Record<string, string>>;
  /** Node fills replacing the domain colours (licence colouring), by normalised key. */
  fills?: Readonly<Record<string, string>>;
};

type CanvasElement = HTMLDivElement & { rootlineCy?: Core };

/** Renderer internals: switches Cytoscape only reads at start-up, and its cached container position. */
type RendererFlags = { textureOnViewport: boolean; hideEdgesOnViewport: boolean; invalidateContainerClientCoordsCache?: () => void };

/**
 * The lineage graph drawn with Cytoscape, created once per mount. Each new view is diffed in
 * by element id inside one batch: nodes that stay are never moved (the layout treats them as
 * fixed), only new nodes get positions, then the viewport glides to them. The wrapper's data
 * attributes mirror exactly what is drawn, for tests and tools that cannot read a canvas.
 */
const DOUBLE_TAP_MS = 500;

export function LineageCanvas({ view, rootKey, selectedKey, presetPositions, onSelect, onCommand, handleRef, label, describedBy, busy, marks, highlight, setLabels, fills }: Props) {
  const wrapperRef = useRef<CanvasElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const rememberedRef = useRef(new Map<string, Point>(Object.entries(presetPositions ?? {})));
  const fittedRef = useRef(false);
  const fittedPathRef = useRef("");
  // While paths are drawn out, they own the viewport: new nodes do not pull it elsewhere.
  const highlightRef = useRef(highlight);
  useEffect(() => {
    highlightRef.current = highlight;
  }, [highlight]);
  const callbacks = useRef({ onSelect, onCommand });
  // The SVG export draws from the same data as the canvas, read when the user asks for it.
  const viewRef = useRef(view);
  const rootKeyRef = useRef(rootKey);
  const exportRef = useRef({ marks, setLabels });
  useEffect(() => {
    viewRef.current = view;
    rootKeyRef.current = rootKey;
    exportRef.current = { marks, setLabels };
  }, [view, rootKey, marks, setLabels]);

  useEffect(() => {
    callbacks.current = { onSelect, onCommand };
  }, [onSelect, onCommand]);

  useEffect(() => {
    const wrapper = wrapperRef.current!;
    const cy = cytoscape({
      container: containerRef.current,
      style: lineageStylesheet(),
      layout: { name: "preset" },
      minZoom: FIT.minZoom,
      maxZoom: 2.5,
      boxSelectionEnabled: false,
      autounselectify: true,
    });
    // Cytoscape reports any two taps within its double-tap window as a double tap, even on
    // two different nodes; only a real double tap on one node expands it.
    const recentTaps: { id: string; at: number }[] = [];
    cy.on("tap", "node", (event) => {
      recentTaps.push({ id: event.target.id(), at: event.timeStamp });
      if (recentTaps.length > 3) recentTaps.shift();
      callbacks.current.onSelect(parseNodeId(event.target.id()));
    });
    cy.on("dbltap", "node", (event) => {
      const id = event.target.id();
      const window = recentTaps.filter((tap) => event.timeStamp - tap.at < DOUBLE_TAP_MS);
      if (window.some((tap) => tap.id !== id)) return;
      callbacks.current.onCommand("expand-up", parseNodeId(id));
    });
    cy.on("dragfree", "node", (event) => {
      const node = event.target as NodeSingular;
      rememberedRef.current.set(node.id(), { ...node.position() });
    });
    // Whether the drawn-out paths are all on screen, kept current as people pan and zoom (tests read it).
    cy.on("viewport", () => {
      const onPath = cy.nodes(".on-path");
      if (onPath.nonempty()) wrapper.dataset.highlightInView = contains(toBox(cy.extent()), toBox(onPath.boundingBox())) ? "1" : "0";
    });
    cyRef.current = cy;
    wrapper.rootlineCy = cy;
    fittedRef.current = false;
    const resize = new ResizeObserver(() => cy.resize());
    resize.observe(containerRef.current!);
    return () => {
      resize.disconnect();
      cyRef.current = null;
      delete wrapper.rootlineCy;
      cy.destroy();
    };
  }, []);

  useEffect(() => {
    if (!handleRef) return;
    handleRef.current = {
      positions() {
        const out: Record<string, Point> = {};
        cyRef.current?.nodes().forEach((n) => {
          out[parseNodeId(n.id())] = { ...n.position() };
        });
        return out;
      },
      async png() {
        const cy = cyRef.current;
        if (!cy) throw new Error("The graph is not drawn yet.");
        const box = cy.elements().boundingBox();
        // Twice the size for sharp text, unless that would exceed what a browser canvas can hold.
        const scale = Math.min(2, 12000 / Math.max(1, box.w, box.h));
        return cy.png({ full: true, scale, bg: "#ffffff", output: "blob-promise" });
      },
      svg() {
        const cy = cyRef.current;
        if (!cy) throw new Error("The graph is not drawn yet.");
        const positions: Record<string, Point> = {};
        cy.nodes().forEach((n) => {
          positions[parseNodeId(n.id())] = { ...n.position() };
        });
        return toSvg(viewRef.current, positions, { rootKey: rootKeyRef.current, title: `Lineage of ${rootKeyRef.current}`, ...exportRef.current });
      },
    };
    return () => {
      handleRef.current = null;
    };
  }, [handleRef]);

  useEffect(() => {
    const cy = cyRef.current;
    const wrapper = wrapperRef.current;
    if (!cy || !wrapper) return;
    const { nodes, edges } = toCytoscapeElements(view, rootKey, marks, fills);
    const nextIds = new Set<string>([...nodes, ...edges].map((el) => el.data.id));
    const drawn = new Map<string, Point>();
    cy.nodes().forEach((n) => {
      drawn.set(n.id(), { ...n.position() });
    });
    const nodeIds = nodes.map((n) => n.data.id);
    const fixed = fixedPositions(nodeIds, drawn, rememberedRef.current);
    const needsLayout = nodeIds.some((id) => !fixed[id]);
    const positions = needsLayout
      ? layoutLineage({ nodes: nodeIds, edges: edges.map((e) => ({ upstream: e.data.source, downstream: e.data.target })) }, { fixed })
      : fixed;

    const addedIds: string[] = [];
    cy.batch(() => {
      cy.elements()
        .filter((el) => !nextIds.has(el.id()))
        .remove();
      const added: ElementDefinition[] = [];
      for (const el of nodes) {
        const existing = cy.getElementById(el.data.id);
        if (existing.nonempty()) updateData(existing, el.data);
        else {
          added.push({ ...el, position: { ...positions[el.data.id]! } });
          addedIds.push(el.data.id);
        }
      }
      for (const el of edges) {
        const existing = cy.getElementById(el.data.id);
        if (existing.nonempty()) updateData(existing, el.data);
        else added.push(el);
      }
      // Nodes before edges: an edge can only be added once both of its ends exist.
      cy.add(added);
    });
    cy.nodes().forEach((n) => {
      rememberedRef.current.set(n.id(), { ...n.position() });
    });

    const large = cy.nodes().length > LARGE_GRAPH;
    const flags = (cy as unknown as { renderer(): RendererFlags }).renderer();
    flags.textureOnViewport = large;
    flags.hideEdgesOnViewport = large;

    const size = { width: cy.width(), height: cy.height() };
    if (!fittedRef.current) {
      if (cy.nodes().nonempty()) {
        cy.viewport(firstViewport(cy, rootKey, size));
        fittedRef.current = true;
      }
    } else if (addedIds.length && !highlightRef.current?.length) {
      const addedSet = new Set(addedIds);
      const added = cy.nodes().filter((n) => addedSet.has(n.id()));
      const target = added.union(added.neighborhood().nodes());
      const box = toBox(target.boundingBox());
      // Only move when the new nodes are not already in sight.
      if (!contains(toBox(cy.extent()), box)) {
        glide(cy, fitViewport(box, size, { ...FIT, maxZoom: Math.max(cy.zoom(), FIT.maxZoom) }));
      }
    }

    wrapper.dataset.nodeCount = String(cy.nodes().length);
    wrapper.dataset.edgeCount = String(cy.edges().length);
    wrapper.dataset.nodeKeys = JSON.stringify(
      cy
        .nodes()
        .map((n) => parseNodeId(n.id()))
        .sort(),
    );
    wrapper.dataset.contamination = JSON.stringify(Object.fromEntries(nodes.filter((n) => n.data.contamination !== "NONE").map((n) => [n.data.key, n.data.contamination])));
    wrapper.dataset.ready = "1";
  }, [view, rootKey, marks, fills]);

  useEffect(() => {
    const cy = cyRef.current;
    const wrapper = wrapperRef.current;
    if (!cy || !wrapper) return;
    const onPath = new Set<string>();
    cy.batch(() => {
      cy.elements(".on-path, .path-dimmed").removeClass("on-path path-dimmed");
      if (!highlight?.length) return;
      for (const path of highlight) {
        for (let i = 0; i < path.length; i++) {
          const id = createNodeId(path[i]!);
          const node = cy.getElementById(id);
          if (node.nonempty()) onPath.add(id);
          node.addClass("on-path");
          if (i > 0) cy.getElementById(createEdgeId(path[i - 1]!, path[i]!)).addClass("on-path");
        }
      }
      cy.elements().not(".on-path").addClass("path-dimmed");
    });
    // Which path is drawn out, and how much of it is on screen (tests and tools read this).
    const keys = [...new Set((highlight ?? []).flat())];
    wrapper.dataset.highlight = JSON.stringify(keys);
    wrapper.dataset.highlightPaths = String(highlight?.length ?? 0);
    wrapper.dataset.highlightDrawn = String(onPath.size);
    // A newly drawn-out path is brought into view whole (also when a permalink opens on it).
    const pathKey = (highlight ?? []).map((p) => p.join("\n")).join("\n\n");
    if (!onPath.size) {
      fittedPathRef.current = "";
      wrapper.dataset.highlightInView = "0";
      return;
    }
    if (fittedPathRef.current === `${pathKey}\n${onPath.size}`) return;
    fittedPathRef.current = `${pathKey}\n${onPath.size}`;
    const nodes = cy.nodes().filter((n) => onPath.has(n.id()));
    const to = fitViewport(toBox(nodes.boundingBox()), { width: cy.width(), height: cy.height() }, { ...FIT, minZoom: FIT.minZoom, maxZoom: Math.max(FIT.maxZoom, 1) });
    glide(cy, to, () => {
      wrapper.dataset.highlightInView = contains(toBox(cy.extent()), toBox(nodes.boundingBox())) ? "1" : "0";
    });
  }, [highlight, view]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements(".is-selected, .touches-selected").removeClass("is-selected touches-selected");
      const node = cy.getElementById(createNodeId(selectedKey));
      node.addClass("is-selected");
      node.connectedEdges().addClass("touches-selected");
    });
    if (wrapperRef.current) wrapperRef.current.dataset.selected = selectedKey;
  }, [selectedKey, view]);

  // Cytoscape caches where its container is on the page and refreshes that only on resize and
  // scroll; a notice or alert appearing above the canvas would make clicks hit the node below
  // the one under the pointer. Refresh before every pointer interaction.
  function refreshContainerPosition() {
    const cy = cyRef.current;
    if (cy) (cy as unknown as { renderer(): RendererFlags }).renderer().invalidateContainerClientCoordsCache?.();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const cy = cyRef.current;
    if (!cy || event.altKey || event.ctrlKey || event.metaKey) return;
    const direction = ARROW_KEYS[event.key];
    if (direction) {
      event.preventDefault();
      const placed = cy.nodes().map((n) => ({ key: parseNodeId(n.id()), ...n.position() }));
      const target = arrowTarget(direction, selectedKey, placed, view.edges);
      if (target) {
        onSelect(target);
        reveal(cy, target);
      }
      return;
    }
    const command: CanvasCommand | undefined = ({ Enter: "expand-up", u: "expand-up", d: "expand-down", c: "collapse", f: "focus" } as const)[
      event.key.length === 1 ? event.key.toLowerCase() : event.key
    ];
    if (command) {
      event.preventDefault();
      onCommand(command, selectedKey);
      return;
    }
    const zoom = { "+": 1.25, "=": 1.25, "-": 0.8 }[event.key];
    if (zoom) {
      event.preventDefault();
      cy.zoom({ level: cy.zoom() * zoom, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    } else if (event.key === "0") {
      event.preventDefault();
      cy.viewport(fitViewport(toBox(cy.elements().boundingBox()), { width: cy.width(), height: cy.height() }, FIT));
    }
  }

  return (
    <div
      ref={wrapperRef}
      data-testid="lineage-canvas"
      tabIndex={0}
      role="application"
      aria-roledescription="lineage graph"
      aria-label={label}
      aria-describedby={describedBy}
      aria-busy={busy}
      onKeyDown={onKeyDown}
      onPointerDownCapture={refreshContainerPosition}
      onWheelCapture={refreshContainerPosition}
      onTouchStartCapture={refreshContainerPosition}
      className="relative h-[70vh] min-h-[420px] w-full overflow-hidden rounded-lg border border-slate-300 bg-white focus-visible:outline-[3px] focus-visible:outline-offset-2 focus-visible:outline-blue-700"
    >
      {/* Cytoscape makes its container position: relative, so it is sized directly rather than with insets. */}
      <div ref={containerRef} className="h-full w-full" />
    </div>
  );
}

/**
 * Write only the fields that changed: every data() call restyles the element, which at
 * 2,000 nodes is most of an update's cost. Id and ends never change (Cytoscape refuses to).
 */
function updateData(element: CollectionReturnValue, data: Record<string, unknown>) {
  const changed: Record<string, unknown> = {};
  let any = false;
  for (const [field, value] of Object.entries(data)) {
    if (field === "id" || field === "source" || field === "target") continue;
    const old: unknown = element.data(field);
    const same = Array.isArray(value) && Array.isArray(old) ? value.length === old.length && value.every((v, i) => v === old[i]) : old === value;
    if (!same) {
      changed[field] = value;
      any = true;
    }
  }
  if (any) element.data(changed);
}

function toBox(box: { x1: number; y1: number; x2: number; y2: number }): Box {
  return { x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2 };
}

const glides = new WeakMap<Core, number>();

/**
 * Move the viewport smoothly to `to`. Stops as soon as anything else moves the viewport (a
 * person panning or zooming, a script centring a node), so it never fights them.
 */
function glide(cy: Core, to: Viewport, done?: () => void) {
  cancelAnimationFrame(glides.get(cy) ?? 0);
  const size = { width: cy.width(), height: cy.height() };
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

/**
 * Everything when it fits at a zoom where labels can be read; otherwise (big graphs, phone
 * screens) the root and its neighbours at that zoom, and the rest is a pan away.
 */
function firstViewport(cy: Core, rootKey: string, size: { width: number; height: number }) {
  const all = fitViewport(toBox(cy.elements().boundingBox()), size, FIT);
  const root = cy.getElementById(createNodeId(rootKey));
  if (all.zoom >= READABLE_ZOOM || root.empty()) return all;
  return fitViewport(toBox(root.closedNeighborhood().boundingBox()), size, { ...FIT, minZoom: READABLE_ZOOM });
}

/** Scroll a node into sight when keyboard selection moves off screen. */
function reveal(cy: Core, key: string) {
  const node = cy.getElementById(createNodeId(key));
  if (node.empty() || contains(toBox(cy.extent()), toBox(node.boundingBox()))) return;
  const p = node.position();
  const zoom = cy.zoom();
  glide(cy, { zoom, pan: { x: cy.width() / 2 - p.x * zoom, y: cy.height() / 2 - p.y * zoom } });
}
