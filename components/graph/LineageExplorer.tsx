"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useCallback, useEffect, useId, useMemo, useReducer, useRef, useState } from "react";
import type { Core } from "cytoscape";
import { api } from "@/lib/http/client-api";
import { ExportControls } from "@/components/explorer/ExportControls";
import { ShareControls, type FreezeResult } from "@/components/explorer/ShareControls";
import { Toolbar } from "@/components/explorer/Toolbar";
import { ExplorerAlerts } from "@/components/explorer/ExplorerAlerts";
import { ViewNotice } from "@/components/explorer/ViewNotice";
import { useDatasetAnalysis } from "@/components/analysis/useDatasetAnalysis";
import { flagMatches } from "@/components/contamination/ContaminationPanel";
import { useContamination } from "@/components/contamination/useContamination";
import { useLicences } from "@/components/licences/useLicences";
import { exportView } from "@/components/explorer/export-view";
import type { EvalSetInfo } from "@/lib/contamination/types";
import type { ExportFormat } from "@/lib/graph/canvas-files";
import { panelEdges } from "@/lib/graph/panel-edges";
import { parseFanId } from "@/lib/graph/ids";
import type { Point } from "@/lib/graph/layered";
import { KIND_SHORT_LABELS } from "@/lib/graph/style";
import { upstreamOf } from "@/lib/graph/upstream";
import { keyToPath } from "@/lib/keys";
import { nodeId } from "@/lib/lineage/ids";
import type { LineageEdge, LineageNode, ReviewStatus } from "@/lib/lineage/types";
import type { RunView } from "@/lib/runs/types";
import type { ViewResponse } from "@/lib/view/response";
import { viewReducer } from "@/lib/view/reducer";
import { viewQuery, type ViewState } from "@/lib/view/state";
import { CanvasOverlay } from "./CanvasOverlay";
import { FindInGraph, type FindCandidate } from "./FindInGraph";
import type { CanvasCommand, CanvasHandle } from "./LineageCanvas";
import { Legend } from "./Legend";
import { Minimap } from "./Minimap";
import { edgeReviewId } from "./NodePanel";
import { needsTrace, SelectionPanel } from "./SelectionPanel";
import { UpstreamList } from "./UpstreamList";
import { useDrawnView } from "./useDrawnView";
import { useSettledValue } from "@/components/hooks/useSettledValue";

/** How long a selection stays before the panel asks the server about it. */
const PANEL_SETTLE_MS = 250;
import { graphNeed, useViewGraph, type GraphNeed } from "./useViewGraph";

// Cytoscape needs a browser; the placeholder keeps the same size meanwhile. Its code starts
// loading as soon as this module runs, not after the page has hydrated.
if (typeof window !== "undefined") void import("./LineageCanvas");
const LineageCanvas = dynamic(() => import("./LineageCanvas").then((m) => m.LineageCanvas), {
  ssr: false,
  loading: () => <div className="flex h-full w-full items-center justify-center rounded-lg border border-slate-300 bg-white text-sm text-slate-700">Drawing the graph…</div>,
});

export type ExplorerProps = {
  mode: "live" | "snapshot";
  rootKey: string;
  view: ViewResponse;
  state: ViewState;
  /** Notices about the URL (bad parameters). */
  notices: string[];
  /** A snapshot's stored layout, by key. */
  positions?: Record<string, Point>;
  canReview: boolean;
  snapshot?: { id: string; createdAt: string };
  /** Trace runs under way for nodes of this graph, so the panel follows them. */
  activeRuns?: RunView[];
  /** Registered evaluation sets (the benchmark filter and export labels). */
  evalSets?: readonly EvalSetInfo[];
};

/**
 * The lineage explorer: one reducer holds the view state and the URL always equals it (it is
 * the permalink); the graph follows the state (useViewGraph), the picture follows both
 * (useDrawnView: filters, groups, a layout that is a pure function of the URL). Snapshots use
 * it read-only.
 */
export function LineageExplorer(props: ExplorerProps) {
  const { mode, rootKey, canReview, snapshot, evalSets } = props;
  const readOnly = mode === "snapshot";
  const rootId = nodeId(rootKey);
  const [state, dispatch] = useReducer(viewReducer, props.state);
  const [undoTidy, setUndoTidy] = useState<{ tidy: number | null } | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [review, setReview] = useState<{ pending: string | null; error: string | null }>({ pending: null, error: null });
  const [runs, setRuns] = useState<Record<string, RunView>>(() => Object.fromEntries((props.activeRuns ?? []).map((r) => [nodeId(r.targetKey), r])));
  const [traceError, setTraceError] = useState<string | null>(null);
  const [legendOpen, setLegendOpen] = useState(false);
  const [cy, setCy] = useState<Core | null>(null);
  const [inView, setInView] = useState<number | null>(null);
  const [searched, setSearched] = useState<string[]>([]);
  // On a phone the minimap would cover half the canvas: it starts folded there.
  const [narrow] = useState(() => typeof window !== "undefined" && window.matchMedia("(max-width: 639px)").matches);
  const canvasHandle = useRef<CanvasHandle | null>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const helpId = useId();

  // The URL is the permalink: it always equals the state (canonical form, defaults omitted).
  useEffect(() => {
    if (readOnly) return;
    const url = `${window.location.pathname}${viewQuery(state)}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(null, "", url);
  }, [state, readOnly]);

  // "/" finds in the graph from anywhere on the page but a text field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || target?.closest("input, textarea, select, [contenteditable]")) return;
      event.preventDefault();
      findRef.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);


  // Panels of the selected node refetch when the store may have changed (a trace, a review), not on every
  // expansion, and wait for the graph's first drawing (their answers are not needed to draw it).
  const [storeVersion, setStoreVersion] = useState(0);
  const [drawnOnce, setDrawnOnce] = useState(false);
  const panelKey = useSettledValue(readOnly || !drawnOnce ? null : (state.selected ?? rootKey), PANEL_SETTLE_MS);
  const contamination = useContamination(panelKey, storeVersion);
  const analysis = useDatasetAnalysis(panelKey, storeVersion);

  // Paths drawn out: a contamination path (path=), or the routes to an ancestor reached twice (twice=); node keys.
  const highlightKeys = useMemo((): string[][] | null => {
    if (state.contaminationPath) {
      const flag = contamination.data?.flags.find((f) => flagMatches(f, state.contaminationPath));
      const path = flag?.paths.find((p) => p.length > 1);
      return path ? [path] : null;
    }
    if (state.twice) {
      const shared = analysis.data?.redundancy.shared.find((s) => nodeId(s.ancestor) === nodeId(state.twice!));
      return shared ? shared.paths : null;
    }
    return null;
  }, [contamination.data, state.contaminationPath, analysis.data, state.twice]);
  const highlight = useMemo(() => highlightKeys?.map((p) => p.map(nodeId)) ?? null, [highlightKeys]);

  // A drawn-out path loads each of its steps' upstream too, so the whole path is on screen however deep it runs.
  const need = graphNeed(state, highlightKeys && !readOnly ? highlightKeys.flatMap((p) => p.slice(1)) : []);
  // On a failed load, depth and steps go back to what the drawn graph holds, so the URL does not promise more.
  const onFailed = (drawnNeed: GraphNeed) => {
    const keep = state.steps.filter((s) => s.op === "open" || (s.op === "up" ? drawnNeed.expandUp : drawnNeed.expandDown).includes(nodeId(s.key)));
    dispatch({ type: "restoreGraph", drawn: { up: drawnNeed.up, down: drawnNeed.down, steps: keep } });
  };
  const loadedView = useViewGraph({ rootKey, readOnly, initial: props.view, initialNeed: graphNeed(props.state), need, onFailed });
  const { graph } = loadedView;

  const drawn = useDrawnView({ graph, state, rootKey, marks: loadedView.marks, licences: loadedView.licences, evalSets, storedPositions: props.positions, loaded: loadedView.loaded });
  const highlightKeyList = useMemo(() => [...new Set((highlightKeys ?? []).flat())], [highlightKeys]);
  // A path through a closed group runs through the group's node.
  const drawnHighlight = useMemo(
    () => highlight?.map((path) => path.map((id) => drawn.arrangement.fanOf.get(id) ?? id).filter((id, i, list) => i === 0 || list[i - 1] !== id)) ?? null,
    [highlight, drawn.arrangement],
  );
  const { visible, filtered, reach, benchmarkSet, elements } = drawn;

  const nodesById = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const drawnIds = useMemo(() => new Set(elements.nodes.map((n) => n.data.id)), [elements]);
  const visibleIds = useMemo(() => new Set(visible.nodes.map((n) => n.id)), [visible]);
  const drawnEdgeIds = useMemo(() => new Set(visible.edges.map((e) => e.id)), [visible]);
  const rootNode = nodesById.get(rootId);
  const requested = state.selected ? nodeId(state.selected) : null;
  const selectedNode: LineageNode | undefined = (requested && visibleIds.has(requested) ? nodesById.get(requested) : undefined) ?? rootNode;
  const selectedId = selectedNode?.id ?? rootId;
  // The canvas selects what is drawn: a selected node inside a closed group shows its group.
  const canvasSelected = drawn.arrangement.fanOf.get(selectedId) ?? selectedId;

  const licences = useLicences(panelKey, storeVersion);

  const nameOf = useCallback((key: string) => nodesById.get(nodeId(key))?.displayName ?? key, [nodesById]);
  const isDrawn = useCallback((key: string) => visibleIds.has(nodeId(key)), [visibleIds]);

  function select(id: string) {
    const node = nodesById.get(nodeId(id));
    if (!node || !visibleIds.has(node.id)) return;
    // A node inside a closed group: open the group, so the node can be seen selected.
    const fan = drawn.arrangement.fanOf.get(node.id);
    if (fan) {
      const parsed = parseFanId(fan)!;
      dispatch({ type: "openGroup", parent: nodesById.get(parsed.parent)?.key ?? parsed.parent, direction: parsed.dir });
    }
    dispatch({ type: "select", key: node.key, rootKey });
    const sources = visible.edges.filter((e) => e.downstreamId === node.id).length;
    const uses = visible.edges.filter((e) => e.upstreamId === node.id).length;
    setAnnouncement(
      `Selected ${node.displayName}, ${KIND_SHORT_LABELS[node.kind]}. ${sources} ${sources === 1 ? "source" : "sources"} drawn` +
        `${node.hiddenUpstream ? `, ${node.hiddenUpstream} more not drawn` : ""}; ${uses} ${uses === 1 ? "use" : "uses"} drawn` +
        `${node.hiddenDownstream ? `, ${node.hiddenDownstream} more not drawn` : ""}.`,
    );
  }

  async function startTrace(key: string) {
    setTraceError(null);
    try {
      const result = await api.trace({ key });
      if (result.ok) setRuns((r) => ({ ...r, [nodeId(key)]: result.run }));
      else setTraceError(`Could not trace ${key}: ${result.error.message}`);
    } catch {
      setTraceError(`Could not trace ${key}: the server did not answer.`);
    }
  }

  function expand(key: string, direction: "up" | "down") {
    loadedView.prefetch(nodeId(key), direction);
    dispatch({ type: "expand", key, direction });
    // The store knows nothing upstream of a never-traced dataset: ask the agents (once), when this
    // person may start traces (the same role as reviewing).
    if (direction === "up" && canReview && needsTrace(nodesById.get(nodeId(key))) && !runs[nodeId(key)]) void startTrace(key);
  }

  function openGroup(fanId: string) {
    const fan = parseFanId(fanId);
    if (!fan) return;
    const parent = nodesById.get(fan.parent);
    dispatch({ type: "openGroup", parent: parent?.key ?? fan.parent, direction: fan.dir });
    const count = drawn.arrangement.fans.get(fanId)?.members.length ?? 0;
    setAnnouncement(`Showing ${count} ${fan.dir === "up" ? "sources" : "uses"} of ${parent?.displayName ?? fan.parent}.`);
  }

  function onTraceDone(run: RunView) {
    setRuns((r) => ({ ...r, [nodeId(run.targetKey)]: run }));
    if (run.state !== "SUCCEEDED") return;
    dispatch({ type: "traced", key: run.targetKey, rootKey });
    loadedView.reload();
    setStoreVersion((v) => v + 1);
    setAnnouncement(`Tracing ${run.targetKey} finished: ${run.counts.edgesCreated ?? 0} edges added.`);
  }

  function onCommand(command: CanvasCommand, id: string) {
    if (command === "open-group") return openGroup(id);
    if (readOnly) return;
    const key = nodesById.get(id)?.key ?? id;
    if (command === "expand-up") expand(key, "up");
    else if (command === "expand-down") expand(key, "down");
    else if (command === "collapse") dispatch({ type: "toggleCollapse", key });
    else dispatch({ type: "toggleFocus" });
  }

  function onPick(candidate: FindCandidate) {
    select(candidate.id);
    // After a group opens its members are drawn a frame later: centre once they are.
    requestAnimationFrame(() => requestAnimationFrame(() => canvasHandle.current?.centreOn(candidate.id)));
  }

  async function onReview(edge: LineageEdge, status: ReviewStatus) {
    const id = edgeReviewId(edge);
    setReview({ pending: id, error: null });
    try {
      const action = status === "ACCEPTED" ? "accept" : status === "REJECTED" ? "reject" : "reopen";
      const result = await api.review({ upstream: edge.upstream, downstream: edge.downstream, action });
      if (!result.ok) {
        setReview({ pending: null, error: result.error.message });
        return;
      }
      setReview({ pending: null, error: null });
      // A review can change which benchmarks reach which nodes: reload the graph and its marks.
      loadedView.reload();
      setStoreVersion((v) => v + 1);
      setAnnouncement(`Marked the link from ${nameOf(edge.upstream)} to ${nameOf(edge.downstream)} as ${result.edge.status.toLowerCase()}.`);
    } catch {
      setReview({ pending: null, error: "The review could not be saved. Try again." });
    }
  }

  async function onFreeze(): Promise<FreezeResult> {
    const positions = canvasHandle.current?.positions();
    return api.freeze({ key: rootNode?.key ?? rootKey, query: viewQuery(state), positions });
  }

  function onExport(format: ExportFormat) {
    const groupOf = Object.fromEntries(drawn.arrangement.fanOf);
    return exportView({ format, rootKey: rootNode?.key ?? rootKey, state, visible, elements, groupOf, marks: drawn.drawnMarks, setLabels: drawn.setLabels, canvas: canvasHandle.current });
  }


  const edgesOfSelected = useMemo(() => panelEdges(graph.edges, selectedId, drawnEdgeIds), [graph, drawnEdgeIds, selectedId]);

  const upstreamEntries = useMemo(() => upstreamOf({ root: rootNode?.key ?? rootKey, nodes: visible.nodes, edges: visible.edges, truncated: false }), [rootNode, rootKey, visible]);
  const collapsed = state.collapsed.some((k) => nodeId(k) === selectedId);
  const liveHref = `/datasets/${keyToPath(rootNode?.key ?? rootKey)}${viewQuery(state)}`;
  const groups = elements.nodes.filter((n) => n.data.kind === "GROUP").length;
  const filtersOn = state.relations !== null || state.domains !== null || state.minConfidence > 0 || state.focus || state.collapsed.length > 0;
  const emptyByFilters = visible.nodes.length <= 1 && graph.nodes.length > 1 && (filtersOn || !!state.benchmark);
  const labelInputs = useMemo(() => ({ ordered: drawn.labelOrder, always: searched }), [drawn.labelOrder, searched]);
  const layoutEpoch = `${state.tidy ?? "-"}`;

  const canvas = (
    <LineageCanvas
      elements={elements}
      rootId={rootId}
      selectedId={canvasSelected}
      onSelect={select}
      onCommand={onCommand}
      onViewport={readOnly ? undefined : (at) => dispatch({ type: "viewport", at })}
      initialAt={props.state.at}
      layoutEpoch={layoutEpoch}
      handleRef={canvasHandle}
      busy={loadedView.busy}
      describedBy={helpId}
      highlight={drawnHighlight}
      highlightKeys={highlightKeyList}
      labels={labelInputs}
      onCy={setCy}
      onDrawn={() => setDrawnOnce(true)}
      onInView={setInView}
      label={`Lineage graph of ${rootNode?.displayName ?? rootKey}: ${drawnIds.size} nodes drawn${groups ? ` (${groups} groups)` : ""}, ${elements.edges.length} edges. Selected: ${selectedNode?.displayName ?? rootKey}.`}
    >
      <CanvasOverlay
        drawn={elements.nodes.length}
        inView={inView}
        represented={visible.nodes.length}
        groups={groups}
        truncated={graph.truncated}
        readOnly={readOnly}
        busy={loadedView.busy}
        canUndoTidy={undoTidy !== null}
        legendOpen={legendOpen}
        onFitAll={() => canvasHandle.current?.fitAll()}
        onZoomToSelection={() => canvasHandle.current?.zoomToSelection()}
        onTidy={() => {
          setUndoTidy({ tidy: state.tidy });
          dispatch({ type: "tidy" });
          setAnnouncement("The layout was redone from scratch. Undo tidy puts it back.");
        }}
        onUndoTidy={() => {
          if (!undoTidy) return;
          dispatch({ type: "setTidy", tidy: undoTidy.tidy });
          setUndoTidy(null);
        }}
        onToggleLegend={() => setLegendOpen((o) => !o)}
        find={<FindInGraph ref={findRef} candidates={drawn.findCandidates} onPick={onPick} onQuery={setSearched} />}
        minimap={<Minimap cy={cy} initiallyOpen={!narrow} />}
        legend={<Legend colorBy={state.colorBy} />}
        empty={
          emptyByFilters ? (
            <>
              <p className="font-medium">Nothing else matches these filters.</p>
              <p className="mt-1">
                {graph.nodes.length - 1} other {graph.nodes.length === 2 ? "node is" : "nodes are"} loaded but hidden.{" "}
                <button type="button" data-testid="empty-reset" className="underline" onClick={() => dispatch({ type: "resetFilters" })}>
                  Reset the filters
                </button>
              </p>
            </>
          ) : undefined
        }
      />
    </LineageCanvas>
  );

  return (
    <div className="flex flex-col gap-3" data-testid="lineage-explorer" data-mode={mode} data-snapshot={snapshot?.id}>
      <a
        href="#lineage-graph"
        data-testid="skip-to-graph"
        onClick={(event) => {
          event.preventDefault();
          const graphEl = document.getElementById("lineage-graph");
          graphEl?.scrollIntoView({ block: "nearest" });
          graphEl?.focus();
        }}
        className="sr-only focus:not-sr-only focus:absolute focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to the graph
      </a>
      <ViewNotice notices={[...props.notices, ...loadedView.notices]} />
      <div className="order-2 lg:order-none">
        <Toolbar
          state={state}
          readOnly={readOnly}
          onDepth={(direction, depth) => dispatch({ type: "depth", direction, depth })}
          onFilter={(patch) => dispatch({ type: "patch", patch })}
          onResetFilters={() => dispatch({ type: "resetFilters" })}
          onFocus={() => dispatch({ type: "toggleFocus" })}
          evalSets={evalSets}
          onBenchmark={(set) => dispatch({ type: "patch", patch: { benchmark: set } })}
          onColorBy={(colorBy) => dispatch({ type: "patch", patch: { colorBy } })}
        >
          {readOnly && (
            <Link href={liveHref} data-testid="open-live-view" className="btn">
              Open live view
            </Link>
          )}
          <ShareControls onFreeze={readOnly ? undefined : onFreeze} />
          <ExportControls onExport={onExport} />
        </Toolbar>
      </div>

      <ExplorerAlerts
        traceError={traceError}
        onDismissTrace={() => setTraceError(null)}
        loadError={loadedView.failure}
        onDismissLoad={loadedView.dismissFailure}
        unknownBenchmark={state.benchmark && !benchmarkSet && evalSets ? state.benchmark : null}
        benchmark={reach && benchmarkSet ? { set: benchmarkSet, reached: reach.reached, entries: reach.entries, of: filtered.nodes.length } : null}
        onShowEveryNode={() => dispatch({ type: "patch", patch: { benchmark: null } })}
      />

      <div className="order-1 grid gap-3 lg:order-none lg:grid-cols-[minmax(0,1fr)_minmax(20rem,26rem)]">
        <div className="min-w-0 space-y-1">
          <div className="h-[72svh] min-h-[420px] lg:h-[calc(100svh-12rem)] lg:min-h-[520px]">{canvas}</div>
          <p id={helpId} className="text-xs text-slate-700">
            Click a node to select it, a group to spread it out; double-click a node to expand its sources. Keyboard (focus the graph first): arrows move between nodes (← sources, → uses, ↑ ↓
            same column){readOnly ? "" : "; Enter or U expands upstream, D downstream, C collapses, F toggles the focus path"}; + and − zoom, 0 fits the graph; / finds a node.
          </p>
          <p aria-live="polite" className="sr-only">
            {announcement}
          </p>
        </div>
        {selectedNode && (
          <div className="min-w-0 lg:h-[calc(100svh-12rem)] lg:min-h-[520px] lg:overflow-y-auto">
            <SelectionPanel
              node={selectedNode}
              isRoot={selectedNode.id === rootId}
              edges={edgesOfSelected}
              nameOf={nameOf}
              isDrawn={isDrawn}
              onSelect={select}
              live={
                readOnly
                  ? undefined
                  : {
                      expand: (direction) => expand(selectedNode.key, direction),
                      toggleCollapse: () => dispatch({ type: "toggleCollapse", key: selectedNode.key }),
                      collapsed,
                      review: canReview ? { onReview, ...review } : undefined,
                      contamination,
                      shownPath: state.contaminationPath,
                      onShowPath: (benchmark, path) => dispatch({ type: "showPath", benchmark, path }),
                      onHidePath: () => dispatch({ type: "hidePath" }),
                      licences,
                      analysis,
                      shownTwice: state.twice,
                      onShowTwice: (ancestor) => dispatch({ type: "showTwice", ancestor }),
                      onHideTwice: () => dispatch({ type: "hideTwice" }),
                      run: runs[selectedNode.id],
                      onTraceDone,
                      storeVersion,
                      canAddEdges: canReview,
                      onGraphChanged: () => {
                        loadedView.reload();
                        setStoreVersion((v) => v + 1);
                      },
                    }
              }
            />
          </div>
        )}
      </div>

      <div className="order-3 lg:order-none">
        <UpstreamList entries={upstreamEntries} nameOf={nameOf} selectedKey={selectedNode?.key ?? null} onSelect={select} />
      </div>
    </div>
  );
}
