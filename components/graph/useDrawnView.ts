"use client";

import { useMemo, useState } from "react";
import { evalSetLabel, type EvalSetInfo } from "@/lib/contamination/types";
import { Arranger, withStoredPositions, type Arrangement } from "@/lib/graph/arrange";
import { benchmarkView } from "@/lib/graph/benchmark-filter";
import { toCytoscapeElements, type ContaminationMarks, type LineageElements } from "@/lib/graph/elements";
import { labelPriority, reachCounts } from "@/lib/graph/labels";
import type { Point } from "@/lib/graph/layered";
import { visibleGraph, type VisibleGraph } from "@/lib/graph/view";
import { CLASS_COLORS, type LicenceClass } from "@/lib/licences";
import { nodeId } from "@/lib/lineage/ids";
import type { LineageGraph } from "@/lib/lineage/types";
import type { ViewState } from "@/lib/view/state";
import { timed } from "@/lib/perf";
import type { FindCandidate } from "./FindInGraph";

export type DrawnViewInput = {
  graph: LineageGraph;
  state: ViewState;
  rootKey: string;
  marks: ContaminationMarks;
  licences: Record<string, LicenceClass>;
  evalSets?: readonly EvalSetInfo[];
  /** The depths and expanded nodes the loaded graph holds (while an expansion loads, the layout stays as drawn). */
  loaded: { up: number; down: number; expandUp: readonly string[]; expandDown: readonly string[] };
  /** A frozen view's stored places (by key), which win over the layout. */
  storedPositions?: Readonly<Record<string, Point>>;
};

export type DrawnViewResult = {
  /** What the filters leave (before the benchmark filter). */
  filtered: VisibleGraph;
  /** What is drawn (after it). */
  visible: VisibleGraph;
  reach: ReturnType<typeof benchmarkView> | null;
  benchmarkSet: EvalSetInfo | null;
  drawnMarks: ContaminationMarks;
  arrangement: Arrangement;
  elements: LineageElements;
  labelOrder: string[];
  findCandidates: FindCandidate[];
  setLabels: Record<string, string>;
};

/**
 * Everything drawn, derived from the loaded graph and the view state, each step memoised on
 * what it depends on: the layout only on the graph and the steps (never on filters, the
 * selection or a drawn-out path, so none of those moves a node), the elements on what is visible.
 */
export function useDrawnView(input: DrawnViewInput): DrawnViewResult {
  const { graph, state, rootKey, marks, licences, evalSets, storedPositions, loaded } = input;
  const rootId = nodeId(rootKey);

  const drawState = useMemo(
    () => ({ ...state, selected: state.focus ? state.selected : null, at: null }),
    // Only what decides the drawn set: selection matters in focus mode only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state.collapsed, state.relations, state.minConfidence, state.showRejected, state.domains, state.focus, state.focus ? state.selected : null],
  );
  const filtered = useMemo(() => timed("visible", () => visibleGraph(graph, drawState, rootKey)), [graph, drawState, rootKey]);
  const benchmarkSet = useMemo(
    () => (state.benchmark ? (evalSets ?? []).find((s) => s.id === state.benchmark || s.host.toLowerCase() === state.benchmark!.toLowerCase()) ?? null : null),
    [evalSets, state.benchmark],
  );
  const reach = useMemo(() => (benchmarkSet ? benchmarkView(filtered, { set: benchmarkSet.id, marks, entries: benchmarkSet.entries }) : null), [benchmarkSet, filtered, marks]);
  const visible = reach?.view ?? filtered;
  const drawnMarks = reach?.marks ?? marks;

  const layoutNodes = useMemo(() => graph.nodes.map((n) => ({ id: n.id, kind: n.kind })), [graph]);
  const layoutEdges = useMemo(() => graph.edges.map((e) => ({ up: e.upstreamId, down: e.downstreamId })), [graph]);
  // The last replay's checkpoint: a view grown by one more step resumes there (an expansion costs what it adds).
  const [arranger] = useState(() => new Arranger());
  // Until the graph holds what the state asks for, lay out what it holds: the steps it has
  // loaded (and groups opened), at its depths. Nothing is redrawn while an expansion loads.
  const layoutSteps = state.steps.filter((s) => s.op === "open" || (s.op === "up" ? loaded.expandUp : loaded.expandDown).includes(nodeId(s.key)));
  const settled = layoutSteps.length === state.steps.length && loaded.up === state.up && loaded.down === state.down;
  const stepsKey = JSON.stringify(layoutSteps);
  const steps = useMemo(() => JSON.parse(stepsKey) as ViewState["steps"], [stepsKey]);
  const arrangement = useMemo(() => {
    const arranged = timed("arrange", () => arranger.arrange({
      nodes: layoutNodes,
      edges: layoutEdges,
      root: rootId,
      up: loaded.up,
      down: loaded.down,
      steps: steps.map((s) => (s.op === "open" ? { op: "open", id: nodeId(s.key), dir: s.dir } : { op: s.op, id: nodeId(s.key) })),
      tidyAt: state.tidy,
      grouping: state.grouped,
    }, settled));
    return storedPositions ? withStoredPositions(arranged, storedPositions) : arranged;
    // `settled` only decides whether the replay is remembered: its turning alone changes no place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layoutNodes, layoutEdges, rootId, loaded.up, loaded.down, steps, state.tidy, state.grouped, storedPositions, arranger]);

  const fills = useMemo(
    () => (state.colorBy === "licence" ? Object.fromEntries(Object.entries(licences).map(([k, c]) => [k, CLASS_COLORS[c]])) : undefined),
    [state.colorBy, licences],
  );
  const elements = useMemo(() => timed("elements", () => toCytoscapeElements({ view: visible, rootId, arrangement, marks: drawnMarks, fills })), [visible, rootId, arrangement, drawnMarks, fills]);

  // Which labels stay readable zoomed out: near the root first, then by how much of the view a node reaches.
  const labelOrder = useMemo(() => timed("label-order", () => {
    const ids = elements.nodes.map((n) => n.data.id);
    const reachOf = reachCounts(
      ids,
      elements.edges.map((e) => ({ up: e.data.source, down: e.data.target })),
    );
    const near = new Set<string>();
    for (const e of elements.edges) {
      if (e.data.source === rootId) near.add(e.data.target);
      if (e.data.target === rootId) near.add(e.data.source);
    }
    for (const n of elements.nodes) if (n.data.kind === "GROUP") near.add(n.data.id);
    return labelPriority(ids, reachOf, near);
  }), [elements, rootId]);

  const findCandidates = useMemo(
    () => visible.nodes.map((n): FindCandidate => ({ id: n.id, key: n.key, name: n.displayName, ...(arrangement.fanOf.has(n.id) ? { group: arrangement.fanOf.get(n.id)! } : {}) })),
    [visible, arrangement],
  );
  const setLabels = useMemo(() => Object.fromEntries((evalSets ?? []).map((s) => [s.id, evalSetLabel(s)])), [evalSets]);

  return { filtered, visible, reach, benchmarkSet, drawnMarks, arrangement, elements, labelOrder, findCandidates, setLabels };
}
