"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { freezeView, reviewEdge, traceUpstream } from "@/app/datasets/[...key]/actions";
import { ExportControls } from "@/components/explorer/ExportControls";
import { ShareControls, type FreezeResult } from "@/components/explorer/ShareControls";
import { Toolbar } from "@/components/explorer/Toolbar";
import { ViewNotice } from "@/components/explorer/ViewNotice";
import { AnalysisPanel } from "@/components/analysis/AnalysisPanel";
import { LicencePanel } from "@/components/licences/LicencePanel";
import { useLicences } from "@/components/licences/useLicences";
import { CLASS_COLORS, type LicenceClass } from "@/lib/licences";
import { useDatasetAnalysis } from "@/components/analysis/useDatasetAnalysis";
import { ContaminationPanel, flagMatches } from "@/components/contamination/ContaminationPanel";
import { useContamination } from "@/components/contamination/useContamination";
import { TraceControl } from "@/components/runs/TraceControl";
import { downloadBlob } from "@/components/explorer/download";
import { evalSetLabel, type EvalSetInfo } from "@/lib/contamination/types";
import { benchmarkView } from "@/lib/graph/benchmark-filter";
import { exportFileName, EXPORT_MIME, type ExportFormat } from "@/lib/graph/canvas-files";
import type { ContaminationMarks } from "@/lib/graph/elements";
import { toCsv, toGraphML, toJson } from "@/lib/graph/export";
import type { Point } from "@/lib/graph/layout";
import { KIND_SHORT_LABELS } from "@/lib/graph/style";
import { upstreamOf } from "@/lib/graph/upstream";
import { visibleGraph } from "@/lib/graph/view";
import { keyToPath, normalizeKey } from "@/lib/keys";
import type { LineageEdge, LineageGraph, LineageNode, ReviewStatus } from "@/lib/lineage/types";
import type { RunView } from "@/lib/runs/types";
import { compareKeys, DEFAULT_VIEW, parseViewState, sameKey, viewQuery, type ViewState } from "@/lib/view/state";
import type { CanvasCommand, CanvasHandle } from "./LineageCanvas";
import { Legend } from "./Legend";
import { edgeReviewId, NodePanel, type PanelEdge } from "./NodePanel";
import { UpstreamList } from "./UpstreamList";

// Cytoscape and its SVG extension need a browser; the placeholder keeps the same size meanwhile.
const LineageCanvas = dynamic(() => import("./LineageCanvas").then((m) => m.LineageCanvas), {
  ssr: false,
  loading: () => (
    <div className="flex h-[70vh] min-h-[420px] w-full items-center justify-center rounded-lg border border-slate-300 bg-white text-sm text-slate-700">
      Drawing the graph…
    </div>
  ),
});

export type ExplorerProps = {
  mode: "live" | "snapshot";
  rootKey: string;
  graph: LineageGraph;
  state: ViewState;
  notices: string[];
  /** A snapshot's stored layout. */
  positions?: Record<string, Point>;
  canReview: boolean;
  snapshot?: { id: string; createdAt: string };
  /** Trace runs under way for nodes of this graph, so the panel follows them. */
  activeRuns?: RunView[];
  /** Worst contamination flag per drawn node (normalised key). */
  contamination?: ContaminationMarks;
  /** Registered evaluation sets (the benchmark filter and export labels). */
  evalSets?: readonly EvalSetInfo[];
  /** Effective licence class per drawn node (normalised key), when nodes are coloured by licence. */
  licences?: Record<string, LicenceClass>;
};

/** Hub datasets whose sources have never been read: expanding them upstream starts a trace. */
function needsTrace(node: LineageNode | undefined): boolean {
  return !!node && node.scheme === "HUB" && (node.crawlState === "UNTRACED" || node.crawlState === "FAILED");
}

/** The part of the view state the server's graph depends on (the rest is applied on the client). */
function graphQuery(state: ViewState): string {
  return viewQuery({ ...DEFAULT_VIEW, up: state.up, down: state.down, expandUp: state.expandUp, expandDown: state.expandDown, colorBy: state.colorBy });
}

/** The part of the view state that decides what is drawn (selection matters only in focus mode). */
function drawQuery(state: ViewState): string {
  return viewQuery({ ...state, selected: state.focus ? state.selected : null });
}

function withKey(list: readonly string[], key: string): string[] {
  return list.some((k) => sameKey(k, key)) ? [...list] : [...list, key].sort(compareKeys);
}

function withoutKey(list: readonly string[], key: string): string[] {
  return list.filter((k) => !sameKey(k, key));
}

type ViewAnswer = { graph: LineageGraph; notices: string[]; contamination: ContaminationMarks; licences: Record<string, LicenceClass> };

async function fetchView(rootKey: string, query: string, signal: AbortSignal): Promise<ViewAnswer> {
  const response = await fetch(`/api/view/${keyToPath(rootKey)}${query}`, { signal, headers: { accept: "application/json" } });
  const body = (await response.json().catch(() => null)) as (Partial<ViewAnswer> & { error?: { message?: string } }) | null;
  if (!response.ok || !body?.graph) throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
  return { graph: body.graph, notices: body.notices ?? [], contamination: body.contamination ?? {}, licences: body.licences ?? {} };
}

/**
 * The lineage explorer: holds the graph and the view state, keeps the URL equal to the state
 * (it is the permalink), fetches the server's graph whenever depth or expansions change, and
 * draws visibleGraph(graph, state). Snapshots use it read-only.
 */
export function LineageExplorer(props: ExplorerProps) {
  const { mode, rootKey, canReview, snapshot } = props;
  const readOnly = mode === "snapshot";
  const [graph, setGraph] = useState(props.graph);
  const [state, setState] = useState(props.state);
  const [loadedQuery, setLoadedQuery] = useState(() => graphQuery(props.state));
  const [failure, setFailure] = useState<{ query: string; message: string } | null>(null);
  const [notices, setNotices] = useState(props.notices);
  const [announcement, setAnnouncement] = useState("");
  const [review, setReview] = useState<{ pending: string | null; error: string | null }>({ pending: null, error: null });
  const canvasHandle = useRef<CanvasHandle | null>(null);
  const loadedState = useRef(props.state);
  // Bumped when a trace adds edges: the same query must be loaded again.
  const [reload, setReload] = useState(0);
  const [loadedReload, setLoadedReload] = useState(0);
  const [runs, setRuns] = useState<Record<string, RunView>>(() => Object.fromEntries((props.activeRuns ?? []).map((r) => [normalizeKey(r.targetKey), r])));
  const [traceError, setTraceError] = useState<string | null>(null);
  const [marks, setMarks] = useState<ContaminationMarks>(props.contamination ?? {});
  const [licenceMarks, setLicenceMarks] = useState<Record<string, LicenceClass>>(props.licences ?? {});
  const helpId = useId();

  // The URL is the permalink: it always equals the state (canonical form, defaults omitted).
  useEffect(() => {
    if (readOnly) return;
    const url = `${window.location.pathname}${viewQuery(state)}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(null, "", url);
  }, [state, readOnly]);


  const drawKey = drawQuery(state);
  const filtered = useMemo(() => visibleGraph(graph, parseViewState(new URLSearchParams(drawKey)).state, rootKey), [graph, drawKey, rootKey]);
  // The benchmark filter: only what one evaluation set reaches (an older link may name its host's key).
  const evalSets = props.evalSets;
  const benchmarkSet = useMemo(
    () => (state.benchmark ? (evalSets ?? []).find((s) => s.id === state.benchmark || s.host.toLowerCase() === state.benchmark!.toLowerCase()) ?? null : null),
    [evalSets, state.benchmark],
  );
  const reach = useMemo(() => (benchmarkSet ? benchmarkView(filtered, { set: benchmarkSet.id, marks, entries: benchmarkSet.entries }) : null), [benchmarkSet, filtered, marks]);
  const visible = reach?.view ?? filtered;
  const drawnMarks = reach?.marks ?? marks;
  const setLabels = useMemo(() => Object.fromEntries((evalSets ?? []).map((s) => [s.id, evalSetLabel(s)])), [evalSets]);
  const fills = useMemo(() => (state.colorBy === "licence" ? Object.fromEntries(Object.entries(licenceMarks).map(([k, c]) => [k, CLASS_COLORS[c]])) : undefined), [state.colorBy, licenceMarks]);

  const nodesByKey = useMemo(() => new Map(graph.nodes.map((n) => [normalizeKey(n.key), n])), [graph]);
  const drawnByKey = useMemo(() => new Map(visible.nodes.map((n) => [normalizeKey(n.key), n])), [visible]);
  const drawnEdgeIds = useMemo(() => new Set(visible.edges.map(edgeReviewId).map(normalizeKey)), [visible]);
  const rootNode = drawnByKey.get(normalizeKey(rootKey)) ?? nodesByKey.get(normalizeKey(rootKey));
  const rootId = rootNode?.key ?? rootKey;
  const selectedNode: LineageNode | undefined = (state.selected && drawnByKey.get(normalizeKey(state.selected))) || rootNode;
  const selectedKey = selectedNode?.key ?? rootId;

  // Flags of the selected node follow the graph: a trace, a review or a reload refetches them.
  const contamination = useContamination(readOnly ? null : selectedKey, graph);
  const analysis = useDatasetAnalysis(readOnly ? null : selectedKey, graph);
  const licences = useLicences(readOnly ? null : selectedKey, graph);
  // Paths drawn out: a contamination path (path=), or the routes to an ancestor reached twice (twice=).
  const highlight = useMemo((): string[][] | null => {
    if (state.contaminationPath) {
      const flag = contamination.data?.flags.find((f) => flagMatches(f, state.contaminationPath));
      const path = flag?.paths.find((p) => p.length > 1);
      return path ? [path] : null;
    }
    if (state.twice) {
      const shared = analysis.data?.redundancy.shared.find((s) => sameKey(s.ancestor, state.twice));
      return shared ? shared.paths : null;
    }
    return null;
  }, [contamination.data, state.contaminationPath, analysis.data, state.twice]);

  // Depth and expansions decide the graph: load the server's graph for them (the same call a
  // fresh page load makes, so what is drawn always equals what the permalink shows).
  // A drawn-out path (path=, from a link or the panel) loads each of its steps' upstream too,
  // so the whole path is on screen however deep it runs.
  const wantedQuery = graphQuery(highlight && !readOnly ? { ...state, expandUp: highlight.flatMap((p) => p.slice(1)).reduce((list, key) => withKey(list, key), state.expandUp) } : state);
  const busy = !readOnly && (wantedQuery !== loadedQuery || reload !== loadedReload) && failure?.query !== wantedQuery;
  useEffect(() => {
    if (readOnly || (wantedQuery === loadedQuery && reload === loadedReload) || failure?.query === wantedQuery) return;
    const controller = new AbortController();
    fetchView(rootKey, wantedQuery, controller.signal).then(
      (result) => {
        setGraph(result.graph);
        setMarks(result.contamination);
        setLicenceMarks(result.licences);
        setLoadedQuery(wantedQuery);
        setLoadedReload(reload);
        setFailure(null);
        loadedState.current = parseViewState(new URLSearchParams(wantedQuery)).state;
        if (result.notices.length) setNotices((old) => [...new Set([...old, ...result.notices])]);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const message = error instanceof Error ? error.message : "Unknown error.";
        setFailure({ query: wantedQuery, message: `Could not load that part of the graph: ${message} The view was left as it was.` });
        // Put depth and expansions back to what is drawn, so the URL does not promise more.
        const drawn = loadedState.current;
        setState((s) => ({ ...s, up: drawn.up, down: drawn.down, expandUp: drawn.expandUp, expandDown: drawn.expandDown }));
      },
    );
    return () => controller.abort();
  }, [readOnly, rootKey, wantedQuery, loadedQuery, reload, loadedReload, failure]);

  const nameOf = useCallback((key: string) => nodesByKey.get(normalizeKey(key))?.displayName ?? key, [nodesByKey]);
  const isDrawn = useCallback((key: string) => drawnByKey.has(normalizeKey(key)), [drawnByKey]);

  const select = useCallback(
    (key: string) => {
      const node = drawnByKey.get(normalizeKey(key));
      if (!node) return;
      setState((s) => {
        const selected = sameKey(node.key, rootKey) ? null : node.key;
        // Paths to an ancestor reached twice belong to the node they were drawn for.
        return { ...s, selected, twice: sameKey(selected, s.selected) || (selected === null && s.selected === null) ? s.twice : null };
      });
      const sources = visible.edges.filter((e) => sameKey(e.downstream, node.key)).length;
      const uses = visible.edges.filter((e) => sameKey(e.upstream, node.key)).length;
      setAnnouncement(
        `Selected ${node.displayName}, ${KIND_SHORT_LABELS[node.kind]}. ${sources} ${sources === 1 ? "source" : "sources"} drawn` +
          `${node.hiddenUpstream ? `, ${node.hiddenUpstream} more not drawn` : ""}; ${uses} ${uses === 1 ? "use" : "uses"} drawn` +
          `${node.hiddenDownstream ? `, ${node.hiddenDownstream} more not drawn` : ""}.`,
      );
    },
    [drawnByKey, visible, rootKey],
  );

  const startTrace = useCallback(async (key: string) => {
    setTraceError(null);
    try {
      const result = await traceUpstream({ key });
      if (result.ok) setRuns((r) => ({ ...r, [normalizeKey(key)]: result.run }));
      else setTraceError(`Could not trace ${key}: ${result.error.message}`);
    } catch {
      setTraceError(`Could not trace ${key}: the server did not answer.`);
    }
  }, []);

  const expand = useCallback(
    (key: string, direction: "up" | "down") => {
      setState((s) =>
        direction === "up"
          ? { ...s, expandUp: withKey(s.expandUp, key), collapsed: withoutKey(s.collapsed, key) }
          : { ...s, expandDown: withKey(s.expandDown, key) },
      );
      // The store knows nothing upstream of a never-traced dataset: ask the agents (once).
      if (direction === "up" && needsTrace(nodesByKey.get(normalizeKey(key))) && !runs[normalizeKey(key)]) void startTrace(key);
    },
    [nodesByKey, runs, startTrace],
  );

  const onTraceDone = useCallback((run: RunView) => {
    setRuns((r) => ({ ...r, [normalizeKey(run.targetKey)]: run }));
    if (run.state !== "SUCCEEDED") return;
    setState((s) => (sameKey(run.targetKey, rootKey) ? s : { ...s, expandUp: withKey(s.expandUp, run.targetKey), collapsed: withoutKey(s.collapsed, run.targetKey) }));
    setReload((n) => n + 1);
    setAnnouncement(`Tracing ${run.targetKey} finished: ${run.counts.edgesCreated ?? 0} edges added.`);
  }, [rootKey]);

  const toggleCollapse = useCallback((key: string) => {
    setState((s) => ({ ...s, collapsed: s.collapsed.some((k) => sameKey(k, key)) ? withoutKey(s.collapsed, key) : withKey(s.collapsed, key) }));
  }, []);

  const toggleFocus = useCallback(() => setState((s) => ({ ...s, focus: !s.focus })), []);

  const onCommand = useCallback(
    (command: CanvasCommand, key: string) => {
      if (readOnly) return;
      if (command === "expand-up") expand(key, "up");
      else if (command === "expand-down") expand(key, "down");
      else if (command === "collapse") toggleCollapse(key);
      else toggleFocus();
    },
    [readOnly, expand, toggleCollapse, toggleFocus],
  );

  async function onReview(edge: LineageEdge, status: ReviewStatus) {
    const id = edgeReviewId(edge);
    setReview({ pending: id, error: null });
    try {
      const result = await reviewEdge({ upstream: edge.upstream, downstream: edge.downstream, status });
      if (!result.ok) {
        setReview({ pending: null, error: result.error.message });
        return;
      }
      const updated = result.edge;
      setGraph((g) => ({
        ...g,
        edges: g.edges.map((e) => (sameKey(e.upstream, updated.upstream) && sameKey(e.downstream, updated.downstream) ? updated : e)),
      }));
      setReview({ pending: null, error: null });
      // A review can change which benchmarks reach which nodes: reload the marks with the graph.
      setReload((n) => n + 1);
      setAnnouncement(`Marked the link from ${nameOf(edge.upstream)} to ${nameOf(edge.downstream)} as ${updated.status.toLowerCase()}.`);
    } catch {
      setReview({ pending: null, error: "The review could not be saved. Try again." });
    }
  }

  async function onFreeze(): Promise<FreezeResult> {
    const positions = canvasHandle.current?.positions();
    return freezeView({ key: rootId, query: viewQuery(state), positions });
  }

  async function onExport(format: ExportFormat) {
    const fileName = exportFileName(rootId, format);
    const meta = { root: rootId, url: window.location.href, exportedAt: new Date().toISOString(), state };
    let blob: Blob;
    if (format === "png") {
      if (!canvasHandle.current) throw new Error("the graph is not drawn yet");
      blob = await canvasHandle.current.png();
    } else if (format === "svg") {
      if (!canvasHandle.current) throw new Error("the graph is not drawn yet");
      blob = new Blob([canvasHandle.current.svg()], { type: EXPORT_MIME.svg });
    } else {
      const text = format === "json" ? toJson(visible, meta, drawnMarks, setLabels) : format === "graphml" ? toGraphML(visible, meta, drawnMarks) : toCsv(visible, drawnMarks);
      blob = new Blob([text], { type: `${EXPORT_MIME[format]};charset=utf-8` });
    }
    downloadBlob(blob, fileName);
  }

  const panelEdges = useMemo(() => {
    const key = normalizeKey(selectedKey);
    const incoming: PanelEdge[] = [];
    const outgoing: PanelEdge[] = [];
    for (const edge of graph.edges) {
      const drawn = drawnEdgeIds.has(normalizeKey(edgeReviewId(edge)));
      if (normalizeKey(edge.downstream) === key) incoming.push({ edge, drawn });
      if (normalizeKey(edge.upstream) === key) outgoing.push({ edge, drawn });
    }
    const order = (a: PanelEdge, b: PanelEdge) => Number(b.drawn) - Number(a.drawn) || b.edge.confidence - a.edge.confidence;
    return { incoming: incoming.sort(order), outgoing: outgoing.sort(order) };
  }, [graph, drawnEdgeIds, selectedKey]);

  const upstreamEntries = useMemo(() => upstreamOf({ root: rootId, nodes: visible.nodes, edges: visible.edges, truncated: false }), [rootId, visible]);
  const collapsed = state.collapsed.some((k) => sameKey(k, selectedKey));
  const liveHref = `/datasets/${keyToPath(rootId)}${viewQuery(state)}`;

  return (
    <div className="space-y-3" data-testid="lineage-explorer" data-mode={mode} data-snapshot={snapshot?.id}>
      <ViewNotice notices={notices} />
      {graph.truncated && (
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          Only part of the lineage is drawn: nodes marked “+N↑” have more sources, and “+N↓” more uses, than shown. Expand them or raise the depth.
        </p>
      )}

      <Toolbar
        state={state}
        readOnly={readOnly}
        onDepth={(direction, depth) => setState((s) => ({ ...s, [direction]: depth }))}
        onFilter={(patch) => setState((s) => ({ ...s, ...patch }))}
        onFocus={toggleFocus}
        evalSets={evalSets}
        onBenchmark={(set) => setState((s) => ({ ...s, benchmark: set }))}
        onColorBy={(colorBy) => setState((s) => ({ ...s, colorBy }))}
      >
        {readOnly && (
          <Link href={liveHref} data-testid="open-live-view" className="btn">
            Open live view
          </Link>
        )}
        <ShareControls onFreeze={readOnly ? undefined : onFreeze} />
        <ExportControls onExport={onExport} />
      </Toolbar>

      {traceError && (
        <div role="alert" className="flex items-start gap-3 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          <p className="flex-1">{traceError}</p>
          <button type="button" onClick={() => setTraceError(null)} className="btn btn-small">
            Dismiss
          </button>
        </div>
      )}
      {state.benchmark && !benchmarkSet && evalSets && (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          “{state.benchmark}” is not a registered evaluation set; showing every node.
        </p>
      )}
      {reach && benchmarkSet && (
        <p role="status" data-testid="benchmark-filter-summary" className="rounded border border-slate-300 bg-slate-50 px-3 py-2 text-sm text-slate-900">
          {reach.reached
            ? `${evalSetLabel(benchmarkSet)} reaches ${reach.reached} of the ${filtered.nodes.length} drawn nodes`
            : `${evalSetLabel(benchmarkSet)} reaches none of the ${filtered.nodes.length} drawn nodes`}
          {reach.entries ? `; ${reach.entries} ${reach.entries === 1 ? "node" : "nodes"} its items enter through ${reach.entries === 1 ? "is" : "are"} shown too` : ""}. Colours are its severity for each node.{" "}
          <button type="button" className="underline" onClick={() => setState((s) => ({ ...s, benchmark: null }))}>
            Show every node
          </button>
        </p>
      )}
      {failure && (
        <div role="alert" className="flex items-start gap-3 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          <p className="flex-1">{failure.message}</p>
          <button type="button" onClick={() => setFailure(null)} className="btn btn-small">
            Dismiss
          </button>
        </div>
      )}

      <div className="grid gap-4 lg:grid-cols-[minmax(0,7fr)_minmax(0,3fr)]">
        <div className="min-w-0 space-y-1">
          <div className="relative">
            <LineageCanvas
              view={visible}
              rootKey={rootId}
              selectedKey={selectedKey}
              presetPositions={props.positions}
              onSelect={select}
              onCommand={onCommand}
              handleRef={canvasHandle}
              busy={busy}
              describedBy={helpId}
              marks={drawnMarks}
              highlight={highlight}
              setLabels={setLabels}
              fills={fills}
              label={`Lineage graph of ${rootNode?.displayName ?? rootId}: ${visible.nodes.length} nodes, ${visible.edges.length} edges. Selected: ${selectedNode?.displayName ?? selectedKey}.`}
            />
            <div role="status" aria-live="polite" className="pointer-events-none absolute right-3 top-3">
              {busy && (
                <span data-testid="explorer-busy" className="flex items-center gap-2 rounded-full border border-slate-300 bg-white px-3 py-1 text-xs text-slate-800 shadow-sm">
                  <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-slate-400 border-t-blue-700" />
                  Loading…
                </span>
              )}
            </div>
          </div>
          <p id={helpId} className="text-xs text-slate-700">
            Click a node to select it; double-click to expand its sources. Keyboard (focus the graph first): arrows move between nodes (← sources, → uses, ↑ ↓ same
            column){readOnly ? "" : "; Enter or U expands upstream, D downstream, C collapses, F toggles the focus path"}; + and − zoom, 0 fits the graph.
          </p>
          <p aria-live="polite" className="sr-only">
            {announcement}
          </p>
        </div>
        {selectedNode && (
          <NodePanel
            node={selectedNode}
            isRoot={sameKey(selectedNode.key, rootId)}
            incoming={panelEdges.incoming}
            outgoing={panelEdges.outgoing}
            nameOf={nameOf}
            isDrawn={isDrawn}
            onSelect={select}
            actions={
              readOnly
                ? undefined
                : {
                    expandUp: () => expand(selectedNode.key, "up"),
                    expandDown: () => expand(selectedNode.key, "down"),
                    toggleCollapse: () => toggleCollapse(selectedNode.key),
                    collapsed,
                  }
            }
            review={canReview && !readOnly ? { onReview, ...review } : undefined}
            contamination={
              readOnly ? undefined : (
                <ContaminationPanel
                  {...contamination}
                  nameOf={nameOf}
                  shownBenchmark={state.contaminationPath}
                  onShowPath={(benchmark, path) =>
                    setState((s) => ({
                      ...s,
                      contaminationPath: benchmark,
                      twice: null,
                      // The path's steps are loaded with it (wantedQuery); collapsed ones must open to show it.
                      collapsed: s.collapsed.filter((k) => !path.some((p) => sameKey(p, k))),
                    }))
                  }
                  onHidePath={() => setState((s) => ({ ...s, contaminationPath: null }))}
                />
              )
            }
            licences={readOnly ? undefined : <LicencePanel {...licences} nameOf={nameOf} />}
            analysis={
              readOnly ? undefined : (
                <AnalysisPanel
                  {...analysis}
                  nameOf={nameOf}
                  shownTwice={state.twice}
                  onShowTwice={(ancestor) => setState((s) => ({ ...s, twice: ancestor, contaminationPath: null }))}
                  onHideTwice={() => setState((s) => ({ ...s, twice: null }))}
                />
              )
            }
            trace={
              !readOnly && (needsTrace(selectedNode) || runs[normalizeKey(selectedNode.key)]) ? (
                <TraceControl
                  key={`${normalizeKey(selectedNode.key)}:${runs[normalizeKey(selectedNode.key)]?.id ?? ""}`}
                  datasetKey={selectedNode.key}
                  initialRun={runs[normalizeKey(selectedNode.key)] ?? null}
                  onDone={onTraceDone}
                />
              ) : undefined
            }
          />
        )}
      </div>

      <Legend colorBy={state.colorBy} />
      <UpstreamList entries={upstreamEntries} nameOf={nameOf} selectedKey={selectedKey} onSelect={select} />
    </div>
  );
}
