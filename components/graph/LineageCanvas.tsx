"use client";

import cytoscape, { type CollectionReturnValue, type Core, type ElementDefinition, type NodeSingular } from "cytoscape";
import { useEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import { contains, fitViewport } from "@/lib/graph/canvas-viewport";
import type { LineageElements } from "@/lib/graph/elements";
import { LABEL_ZOOM } from "@/lib/graph/labels";
import type { Point } from "@/lib/graph/layered";
import { createEdgeId } from "@/lib/graph/ids";
import { roundAt, type ViewState } from "@/lib/view/state";
import { applyPinnedLabels, type LabelInputs } from "./canvas-labels";
import { createCanvasHandle, type CanvasHandle } from "./canvas-handle";
import { handleCanvasKey, type CanvasCommand } from "./canvas-keys";
import { centreOf, firstViewport, SHAPES_ONLY, FIT, glide, moveNodes, sizeOf, toBox, viewportAt } from "./canvas-motion";
import { drawsWithWebgl, refreshContainerPosition, refreshLabelBounds, updateData, panOnTextureWhenLarge } from "./canvas-renderer";
import { lineageStylesheet } from "./canvas-style";

const DOUBLE_TAP_MS = 500;
/** Quiet time after the last pan or zoom before the viewport goes into the URL. */
const VIEWPORT_SETTLE_MS = 300;
/** Quiet time after a pan or zoom before kept labels are chosen again. */
const LABEL_REST_MS = 120;

export type { CanvasCommand } from "./canvas-keys";
export type { CanvasHandle } from "./canvas-handle";

type Props = {
  elements: LineageElements;
  rootId: string;
  /** The selected node's id (the root when nothing else is). */
  selectedId: string;
  onSelect: (id: string) => void;
  onCommand: (command: CanvasCommand, id: string) => void;
  /** Where the view looks, after each pan or zoom settles (the URL keeps it). */
  onViewport?: (at: ViewState["at"]) => void;
  /** The viewport a link asked for; the default first view when null. */
  initialAt: ViewState["at"];
  /** Changes when the layout is redone (tidy, undo): dragged nodes go back to their places. */
  layoutEpoch: string;
  handleRef?: RefObject<CanvasHandle | null>;
  label: string;
  describedBy: string;
  busy: boolean;
  /** Paths to draw out (node ids in order). The rest fades; the viewport fits them. */
  highlight?: readonly (readonly string[])[] | null;
  /** The keys on those paths as the store has them (a path through a group names its member), for data-highlight. */
  highlightKeys?: readonly string[];
  labels: LabelInputs;
  /** The live Cytoscape instance, for the minimap (null once destroyed). */
  onCy?: (cy: Core | null) => void;
  /** Once, when the first elements are drawn (the page then fetches what the panel shows). */
  onDrawn?: () => void;
  /** How many drawn nodes are in sight, after each pan or zoom. */
  onInView?: (count: number) => void;
  /** Overlays drawn over the canvas (controls, minimap, legend). */
  children?: ReactNode;
};

type CanvasElement = HTMLDivElement & { rootlineCy?: Core };


/**
 * The lineage graph drawn with Cytoscape, created once per mount. Each new set of elements is
 * diffed in by id inside one batch: positions come with the elements (a pure function of the
 * URL, lib/graph/arrange.ts), so nodes already drawn keep theirs unless the layout was redone,
 * and then they slide. The wrapper's data attributes mirror what is drawn, for tests and tools
 * that cannot read a canvas.
 */
export function LineageCanvas(props: Props) {
  const { elements, rootId, selectedId, onSelect, onCommand, handleRef, label, describedBy, busy, highlight, layoutEpoch } = props;
  const wrapperRef = useRef<CanvasElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const draggedRef = useRef(new Map<string, Point>());
  const epochRef = useRef(layoutEpoch);
  const fittedRef = useRef(false);
  const fittedPathRef = useRef("");
  const pinnedRef = useRef(new Set<string>());
  const hoveredRef = useRef<string | null>(null);
  const quietRef = useRef(true);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const wrapper = wrapperRef.current!;
    const webgl = drawsWithWebgl(latest.current.elements.nodes.length);
    const cy = cytoscape({
      container: containerRef.current,
      style: lineageStylesheet(),
      layout: { name: "preset" },
      minZoom: FIT.minZoom,
      maxZoom: 2.5,
      boxSelectionEnabled: false,
      autounselectify: true,
      // (A renderer hint Cytoscape reads from the top-level options; its typings predate it.)
      ...({ webgl } as object),
    });
    wrapper.dataset.renderer = webgl ? "webgl" : "canvas";
    let labelFrame = 0;
    let settle = 0;
    // While the view moves, kept labels are chosen again only once it rests: restyling nodes
    // every frame would throw away the cached texture big graphs pan on.
    let labelRest = 0;
    const refreshLabelsSoon = () => {
      clearTimeout(labelRest);
      labelRest = window.setTimeout(refreshLabels, LABEL_REST_MS);
    };
    const refreshLabels = () => {
      cancelAnimationFrame(labelFrame);
      labelFrame = requestAnimationFrame(() => {
        if (cy.destroyed()) return;
        const { labels } = latest.current;
        const always = [rootId, latest.current.selectedId, ...(hoveredRef.current ? [hoveredRef.current] : []), ...labels.always];
        pinnedRef.current = applyPinnedLabels(cy, { ordered: labels.ordered, always }, pinnedRef.current);
        const zoom = cy.zoom();
        wrapper.dataset.zoom = String(Math.round(zoom * 1000) / 1000);
        wrapper.dataset.pinnedLabels = JSON.stringify(zoom >= LABEL_ZOOM ? "all" : [...pinnedRef.current].sort());
      });
    };
    (cy as unknown as { rootlineRefreshLabels?: () => void }).rootlineRefreshLabels = refreshLabels;

    // Cytoscape reports any two taps within its double-tap window as a double tap, even on
    // two different nodes; only a real double tap on one node expands it.
    const recentTaps: { id: string; at: number }[] = [];
    cy.on("tap", "node", (event) => {
      const id = event.target.id() as string;
      recentTaps.push({ id, at: event.timeStamp });
      if (recentTaps.length > 3) recentTaps.shift();
      if (event.target.data("kind") === "GROUP") latest.current.onCommand("open-group", id);
      else latest.current.onSelect(id);
    });
    cy.on("dbltap", "node", (event) => {
      const id = event.target.id() as string;
      const window = recentTaps.filter((tap) => event.timeStamp - tap.at < DOUBLE_TAP_MS);
      if (window.some((tap) => tap.id !== id) || event.target.data("kind") === "GROUP") return;
      latest.current.onCommand("expand-up", id);
    });
    cy.on("dragfree", "node", (event) => {
      const node = event.target as NodeSingular;
      draggedRef.current.set(node.id(), { ...node.position() });
    });
    cy.on("mouseover", "node", (event) => {
      hoveredRef.current = event.target.id();
      refreshLabels();
    });
    cy.on("mouseout", "node", () => {
      hoveredRef.current = null;
      refreshLabels();
    });
    cy.on("viewport", () => {
      refreshLabelsSoon();
      // Whether the drawn-out paths are all on screen, kept current as people pan and zoom (tests read it).
      const onPath = cy.nodes(".on-path");
      if (onPath.nonempty()) wrapper.dataset.highlightInView = contains(toBox(cy.extent()), toBox(onPath.boundingBox(SHAPES_ONLY))) ? "1" : "0";
      clearTimeout(settle);
      settle = window.setTimeout(() => {
        if (cy.destroyed()) return;
        const extent = toBox(cy.extent());
        const inView = cy.nodes().filter((n) => {
          const p = n.position();
          return p.x >= extent.x1 && p.x <= extent.x2 && p.y >= extent.y1 && p.y <= extent.y2;
        }).length;
        wrapper.dataset.inView = String(inView);
        const pan = cy.pan();
        wrapper.dataset.pan = JSON.stringify({ x: Math.round(pan.x * 10) / 10, y: Math.round(pan.y * 10) / 10 });
        latest.current.onInView?.(inView);
        // The first placement is the view's default: only later moves belong in the URL.
        if (quietRef.current) quietRef.current = false;
        else latest.current.onViewport?.(roundAt(centreOf(cy)));
      }, VIEWPORT_SETTLE_MS);
    });
    cyRef.current = cy;
    wrapper.rootlineCy = cy;
    latest.current.onCy?.(cy);
    fittedRef.current = false;
    const resize = new ResizeObserver(() => cy.resize());
    resize.observe(containerRef.current!);
    return () => {
      resize.disconnect();
      cancelAnimationFrame(labelFrame);
      clearTimeout(labelRest);
      clearTimeout(settle);
      latest.current.onCy?.(null);
      cyRef.current = null;
      delete wrapper.rootlineCy;
      cy.destroy();
    };
    // The root never changes for one mount (the explorer is keyed on it).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!handleRef) return;
    handleRef.current = createCanvasHandle(() => cyRef.current, () => latest.current.selectedId);
    return () => {
      handleRef.current = null;
    };
  }, [handleRef]);

  useEffect(() => {
    const cy = cyRef.current;
    const wrapper = wrapperRef.current;
    if (!cy || !wrapper) return;
    const { nodes, edges } = elements;
    if (epochRef.current !== layoutEpoch) {
      epochRef.current = layoutEpoch;
      draggedRef.current.clear();
    }
    const nextIds = new Set<string>();
    for (const el of nodes) nextIds.add(el.data.id);
    for (const el of edges) nextIds.add(el.data.id);
    const addedIds: string[] = [];
    const moved = new Map<string, Point>();
    const started = performance.now();
    const changed: CollectionReturnValue[] = [];
    cy.batch(() => {
      cy.elements()
        .filter((el) => !nextIds.has(el.id()))
        .remove();
      const added: ElementDefinition[] = [];
      for (const el of nodes) {
        const existing = cy.getElementById(el.data.id);
        const target = draggedRef.current.get(el.data.id) ?? el.position;
        if (existing.nonempty()) {
          if (updateData(existing, el.data)) changed.push(existing);
          const p = existing.position();
          if (Math.abs(p.x - target.x) > 0.5 || Math.abs(p.y - target.y) > 0.5) moved.set(el.data.id, target);
        } else {
          added.push({ group: "nodes", data: el.data, position: { ...target } });
          addedIds.push(el.data.id);
        }
      }
      for (const el of edges) {
        const existing = cy.getElementById(el.data.id);
        if (existing.nonempty()) {
          if (updateData(existing, el.data)) changed.push(existing);
        } else added.push(el);
      }
      // Nodes before edges: an edge can only be added once both of its ends exist.
      cy.add(added);
    });
    refreshLabelBounds(changed);
    if (moved.size) moveNodes(cy, moved);
    performance.measure("rootline:draw", { start: started, end: performance.now() });

    panOnTextureWhenLarge(cy);

    if (!fittedRef.current) {
      if (cy.nodes().nonempty()) {
        const at = latest.current.initialAt;
        const fitStart = performance.now();
        cy.viewport(at ? viewportAt(cy, at) : firstViewport(cy, rootId));
        performance.measure("rootline:first-viewport", { start: fitStart, end: performance.now() });
        fittedRef.current = true;
      }
    } else if (addedIds.length && !latest.current.highlight?.length) {
      const addedSet = new Set(addedIds);
      const added = cy.nodes().filter((n) => addedSet.has(n.id()));
      const target = added.union(added.neighborhood().nodes());
      const box = toBox(target.boundingBox(SHAPES_ONLY));
      // Only move when the new nodes are not already in sight.
      if (!contains(toBox(cy.extent()), box)) glide(cy, fitViewport(box, sizeOf(cy), { ...FIT, maxZoom: Math.max(cy.zoom(), FIT.maxZoom) }));
    }

    wrapper.dataset.nodeCount = String(cy.nodes().length);
    wrapper.dataset.edgeCount = String(cy.edges().length);
    const keys: string[] = [];
    const groups: Record<string, number> = {};
    const contamination: Record<string, string> = {};
    for (const el of nodes) {
      if (el.data.kind === "GROUP") groups[el.data.id] = el.data.count ?? 0;
      else keys.push(el.data.key);
      if (el.data.contamination !== "NONE" && el.data.key) contamination[el.data.key] = el.data.contamination;
    }
    wrapper.dataset.nodeKeys = JSON.stringify(keys.sort());
    wrapper.dataset.groups = JSON.stringify(groups);
    // Dataset nodes this drawing stands for: drawn ones plus those inside groups.
    wrapper.dataset.representedCount = String(keys.length + Object.values(groups).reduce((a, b) => a + b, 0));
    wrapper.dataset.contamination = JSON.stringify(contamination);
    (cy as unknown as { rootlineRefreshLabels?: () => void }).rootlineRefreshLabels?.();
    if (wrapper.dataset.ready !== "1") latest.current.onDrawn?.();
    wrapper.dataset.ready = "1";
  }, [elements, rootId, layoutEpoch]);

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
          const node = cy.getElementById(path[i]!);
          if (node.nonempty()) onPath.add(path[i]!);
          node.addClass("on-path");
          if (i > 0) cy.getElementById(createEdgeId(path[i - 1]!, path[i]!)).addClass("on-path");
        }
      }
      cy.elements().not(".on-path").addClass("path-dimmed");
    });
    // Which path is drawn out, and how much of it is on screen (tests and tools read this).
    wrapper.dataset.highlight = JSON.stringify(latest.current.highlightKeys ?? []);
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
    const to = fitViewport(toBox(nodes.boundingBox(SHAPES_ONLY)), sizeOf(cy), { ...FIT, maxZoom: Math.max(FIT.maxZoom, 1) });
    glide(cy, to, () => {
      wrapper.dataset.highlightInView = contains(toBox(cy.extent()), toBox(nodes.boundingBox(SHAPES_ONLY))) ? "1" : "0";
    });
  }, [highlight, elements]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements(".is-selected, .touches-selected").removeClass("is-selected touches-selected");
      const node = cy.getElementById(selectedId);
      node.addClass("is-selected");
      node.connectedEdges().addClass("touches-selected");
    });
    if (wrapperRef.current) wrapperRef.current.dataset.selected = (cy.getElementById(selectedId).data("key") as string | undefined) ?? selectedId;
    (cy as unknown as { rootlineRefreshLabels?: () => void }).rootlineRefreshLabels?.();
  }, [selectedId, elements]);

  useEffect(() => {
    (cyRef.current as unknown as { rootlineRefreshLabels?: () => void } | null)?.rootlineRefreshLabels?.();
  }, [props.labels]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const cy = cyRef.current;
    if (cy) handleCanvasKey(cy, event, { selectedId, onSelect, onCommand });
  }

  return (
    <div className="relative h-full w-full">
      <div
        ref={wrapperRef}
        id="lineage-graph"
        data-testid="lineage-canvas"
        tabIndex={0}
        role="application"
        aria-roledescription="lineage graph"
        aria-label={label}
        aria-describedby={describedBy}
        aria-busy={busy}
        onKeyDown={onKeyDown}
        onPointerDownCapture={() => refreshContainerPosition(cyRef.current)}
        onWheelCapture={() => refreshContainerPosition(cyRef.current)}
        onTouchStartCapture={() => refreshContainerPosition(cyRef.current)}
        className="relative h-full w-full overflow-hidden rounded-lg border border-slate-300 bg-white focus-visible:outline-[3px] focus-visible:outline-offset-2 focus-visible:outline-blue-700"
      >
        {/* Cytoscape makes its container position: relative, so it is sized directly rather than with insets. */}
        <div ref={containerRef} className="h-full w-full" />
      </div>
      {props.children}
    </div>
  );
}

