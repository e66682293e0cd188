"use client";

import { useEffect, useMemo, useState } from "react";
import type { LicenceClass } from "@/lib/licences";
import type { ContaminationMarks } from "@/lib/graph/elements";
import { mergeGraphs } from "@/lib/graph/view";
import { keyToPath } from "@/lib/keys";
import { nodeId } from "@/lib/lineage/ids";
import type { LineageEdge, LineageGraph, LineageNode } from "@/lib/lineage/types";
import type { ViewResponse } from "@/lib/view/response";
import { DEFAULT_VIEW, viewQuery, type ViewState } from "@/lib/view/state";

/** What decides the server's graph: depths, the nodes expanded each way, and whether licences are needed. */
export type GraphNeed = { up: number; down: number; expandUp: string[]; expandDown: string[]; colorBy: ViewState["colorBy"] };

export function graphNeed(state: ViewState, extraUp: readonly string[] = []): GraphNeed {
  const up = new Set<string>();
  const down = new Set<string>();
  for (const step of state.steps) if (step.op === "up") up.add(nodeId(step.key));
  for (const step of state.steps) if (step.op === "down") down.add(nodeId(step.key));
  for (const key of extraUp) up.add(nodeId(key));
  return { up: state.up, down: state.down, expandUp: [...up].sort(), expandDown: [...down].sort(), colorBy: state.colorBy };
}

function needQuery(need: GraphNeed): string {
  return viewQuery({
    ...DEFAULT_VIEW,
    up: need.up,
    down: need.down,
    steps: [...need.expandUp.map((key) => ({ op: "up" as const, key })), ...need.expandDown.map((key) => ({ op: "down" as const, key }))],
    colorBy: need.colorBy,
  });
}

/** The expansions `next` adds to `loaded`, when that is all that changed; null when the whole graph must be fetched. */
function addedExpansions(loaded: GraphNeed, next: GraphNeed): { key: string; direction: "up" | "down" }[] | null {
  if (loaded.up !== next.up || loaded.down !== next.down || loaded.colorBy !== next.colorBy) return null;
  const had = (list: string[], key: string) => list.includes(key);
  if (loaded.expandUp.some((k) => !had(next.expandUp, k)) || loaded.expandDown.some((k) => !had(next.expandDown, k))) return null;
  return [
    ...next.expandUp.filter((k) => !had(loaded.expandUp, k)).map((key) => ({ key, direction: "up" as const })),
    ...next.expandDown.filter((k) => !had(loaded.expandDown, k)).map((key) => ({ key, direction: "down" as const })),
  ];
}

type Answer = { graph: LineageGraph; notices: string[]; contamination: ContaminationMarks; licences: Record<string, LicenceClass> };
type ExpansionAnswer = { node: LineageNode; nodes: LineageNode[]; edges: LineageEdge[]; notices: string[]; contamination: ContaminationMarks; licences: Record<string, LicenceClass> };

async function getJson<T>(url: string, init: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, headers: { accept: "application/json", ...init.headers } });
  const body = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok || !body) throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
  return body;
}

/** The whole graph behind a view, as the page would load it. */
async function fetchView(rootKey: string, need: GraphNeed, signal: AbortSignal): Promise<Answer> {
  const body = await getJson<Partial<ViewResponse>>(`/api/view/${keyToPath(rootKey)}${needQuery(need)}`, { signal });
  if (!body.graph) throw new Error("The server sent no graph.");
  return { graph: body.graph, notices: body.notices ?? [], contamination: body.contamination ?? {}, licences: body.licences ?? {} };
}

/** POST /api/expand for one node of `graph`. */
function requestExpansion(graph: LineageGraph, id: string, direction: "up" | "down", colorBy: ViewState["colorBy"], signal?: AbortSignal): Promise<ExpansionAnswer> {
  return getJson<ExpansionAnswer>(`/api/expand/${keyToPath(graph.nodes.find((n) => n.id === id)!.key)}${colorBy === "licence" ? "?color=licence" : ""}`, {
    method: "POST",
    signal,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ direction, have: graph.nodes.map((n) => n.key) }),
  });
}

/** Requests started from the click itself, before React has re-rendered: the load picks them up. */
type Prefetched = Map<string, { graph: LineageGraph; answer: Promise<ExpansionAnswer> }>;

/**
 * Only what expansions add: each expanded node's new neighbours and their edges to what is
 * drawn. Chained expansions (a node brought in by another expansion) are fetched in turn; a
 * node not in the graph at all means the whole graph must be fetched.
 */
async function fetchExpansions(graph: LineageGraph, added: { key: string; direction: "up" | "down" }[], colorBy: ViewState["colorBy"], signal: AbortSignal, prefetched: Prefetched): Promise<Answer | null> {
  let current = graph;
  const notices: string[] = [];
  const contamination: Record<string, ContaminationMarks[string]> = {};
  const licences: Record<string, LicenceClass> = {};
  const pending = [...added];
  for (let progress = true; pending.length && progress; ) {
    progress = false;
    for (let i = 0; i < pending.length; i++) {
      const { key, direction } = pending[i]!;
      if (!current.nodes.some((n) => n.id === key)) continue;
      pending.splice(i--, 1);
      progress = true;
      const early = prefetched.get(`${direction}:${key}`);
      prefetched.delete(`${direction}:${key}`);
      // A request started from the click holds for the graph it was made against.
      const body = await (early && early.graph === current ? early.answer : requestExpansion(current, key, direction, colorBy, signal));
      current = mergeGraphs(current, { root: current.root, nodes: [body.node, ...body.nodes], edges: body.edges, truncated: false });
      notices.push(...body.notices);
      Object.assign(contamination, body.contamination);
      Object.assign(licences, body.licences);
    }
  }
  return pending.length ? null : { graph: current, notices, contamination, licences };
}

export type ViewGraph = {
  graph: LineageGraph;
  marks: ContaminationMarks;
  licences: Record<string, LicenceClass>;
  notices: string[];
  busy: boolean;
  failure: string | null;
  dismissFailure(): void;
  /** Load the same graph again (a trace or a review changed the store). */
  reload(): void;
  /** The depths and expansions the drawn graph was loaded for. */
  loaded: GraphNeed;
  /** Start fetching what expanding a drawn node adds, right away (the click handler calls it). */
  prefetch(id: string, direction: "up" | "down"): void;
};

/**
 * The graph behind the view, kept equal to what the view's URL asks for: expansions fetch only
 * what they add (POST /api/expand), anything else refetches the view (GET /api/view).
 * On failure the graph stays as it was and `onFailed` gets what is drawn, so the URL can follow.
 */
export function useViewGraph(options: {
  rootKey: string;
  readOnly: boolean;
  initial: Answer;
  initialNeed: GraphNeed;
  need: GraphNeed;
  onFailed: (drawn: GraphNeed) => void;
}): ViewGraph {
  const { rootKey, readOnly, need } = options;
  const [graph, setGraph] = useState(options.initial.graph);
  const [marks, setMarks] = useState<ContaminationMarks>(options.initial.contamination);
  const [licences, setLicences] = useState(options.initial.licences);
  const [notices, setNotices] = useState(options.initial.notices);
  const [loaded, setLoaded] = useState(options.initialNeed);
  const [failure, setFailure] = useState<{ query: string; message: string } | null>(null);
  const [reload, setReload] = useState(0);
  const [loadedReload, setLoadedReload] = useState(0);
  const [prefetched] = useState<Prefetched>(() => new Map());
  const wanted = needQuery(need);
  const loadedQuery = needQuery(loaded);
  const stale = wanted !== loadedQuery || reload !== loadedReload;
  const busy = !readOnly && stale && failure?.query !== wanted;
  const onFailed = options.onFailed;

  useEffect(() => {
    if (readOnly || !stale || failure?.query === wanted) return;
    const controller = new AbortController();
    const added = reload === loadedReload ? addedExpansions(loaded, need) : null;
    const load = async (): Promise<Answer & { incremental: boolean }> => {
      const step = added && (await fetchExpansions(graph, added, need.colorBy, controller.signal, prefetched));
      return step ? { ...step, incremental: true } : { ...(await fetchView(rootKey, need, controller.signal)), incremental: false };
    };
    load().then(
      (result) => {
        const { incremental } = result;
        setGraph(result.graph);
        setMarks((old) => (incremental ? { ...old, ...result.contamination } : result.contamination));
        setLicences((old) => (incremental ? { ...old, ...result.licences } : result.licences));
        setLoaded(need);
        setLoadedReload(reload);
        setFailure(null);
        if (result.notices.length) setNotices((old) => [...new Set([...old, ...result.notices])]);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const message = error instanceof Error ? error.message : "Unknown error.";
        setFailure({ query: wanted, message: `Could not load that part of the graph: ${message} The view was left as it was.` });
        onFailed(loaded);
      },
    );
    return () => controller.abort();
    // `graph` is read, not watched: a load starts when what is wanted changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [readOnly, rootKey, wanted, loadedQuery, reload, loadedReload, failure]);

  return useMemo(
    () => ({
      graph,
      marks,
      licences,
      notices,
      busy,
      failure: failure?.message ?? null,
      dismissFailure: () => setFailure(null),
      reload: () => setReload((n) => n + 1),
      loaded,
      prefetch: (id: string, direction: "up" | "down") => {
        const key = `${direction}:${id}`;
        const drawn = direction === "up" ? loaded.expandUp : loaded.expandDown;
        if (readOnly || prefetched.has(key) || drawn.includes(id) || !graph.nodes.some((n) => n.id === id)) return;
        const answer = requestExpansion(graph, id, direction, need.colorBy);
        answer.catch(() => prefetched.delete(key));
        prefetched.set(key, { graph, answer });
      },
    }),
    [graph, marks, licences, notices, busy, failure, loaded, prefetched, readOnly, need.colorBy],
  );
}
