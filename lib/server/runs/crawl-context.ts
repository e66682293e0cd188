import "server-only";

/**
 * What a process needs to trace the datasets of one crawl run: the run's settings, its
 * extractor, a Hub port that stops at the run's time budget, and the lookups shared across
 * its datasets. Made once per run per process and kept while the process works on the run.
 */
import type { Extractor } from "@/agents/extraction/extractor";
import { createExtractor } from "@/agents/model";
import { buildTraceGraph, type TraceGraph } from "@/agents/pipeline/trace-graph";
import type { LineageStore, StepEvent } from "@/agents/pipeline/types";
import { resolveFetchConfig } from "@/lib/hub/config";
import { TimeBudgetError } from "@/lib/hub/interrupts";
import { createHubPort } from "@/lib/hub/port";
import { redactEndpoints } from "@/lib/hub/redact";
import { runTimeBudgetMs } from "@/lib/limits";
import type { RunFailureKind } from "@/lib/runs/outcome";
import { createLineageStore } from "@/lib/server/agents/store";
import { getDb } from "@/lib/server/db/client";
import { watchHubFailures } from "./hub-failures";
import { shareHubFacts } from "./shared-hub-facts";
import { publicEndpointNames, type RunRow } from "./run-view";

export type CrawlContext = {
  run: RunRow;
  graph: TraceGraph;
  store: LineageStore;
  /** Aborts at the run's time budget (counted from its start, whichever process started it). */
  signal: AbortSignal;
  deadline: number;
  failureKindOf: (error: unknown) => RunFailureKind | null;
  redact: (message: string) => string;
};

export type ContextOptions = { extractor?: Extractor; onStep?: (event: StepEvent) => void; timeBudgetMs?: number };

const contexts = new Map<string, { context: Promise<CrawlContext>; timer: NodeJS.Timeout | null }>();

async function create(runId: string, options: ContextOptions, entry: { timer: NodeJS.Timeout | null }): Promise<CrawlContext> {
  const run = await getDb().agentRun.findUniqueOrThrow({ where: { id: runId } });
  const budgetMs = options.timeBudgetMs ?? runTimeBudgetMs();
  const deadline = (run.startedAt ?? new Date()).getTime() + budgetMs;
  const stop = new AbortController();
  entry.timer = setTimeout(() => stop.abort(new TimeBudgetError(budgetMs)), Math.max(0, deadline - Date.now()));
  entry.timer.unref();
  const endpoints = publicEndpointNames();
  const redact = (message: string) => redactEndpoints(message, endpoints);
  const watched = watchHubFailures({ hub: createHubPort({ signal: stop.signal }) });
  const { failureKindOf } = watched;
  const extractor = options.extractor ?? (await createExtractor({ spec: run.model }));
  const base = createLineageStore({ actor: `agent:${extractor.id}` });
  const store: LineageStore = { ...base, markFailed: (key, message) => base.markFailed(key, redact(message)) };
  // Spread over workers, the processes share what the Hub said during the run; in one process the run's memo is enough.
  const distributed = (run.counts as Record<string, unknown> | null)?.distributed === 1;
  const hub = distributed ? shareHubFacts({ hub: watched.hub, hubUrl: watched.hub.hubUrl, store, since: run.startedAt ?? run.createdAt }) : watched.hub;
  const fetchConfig = resolveFetchConfig();
  const onStep = options.onStep && ((event: StepEvent) => options.onStep!({ ...event, message: redact(event.message) }));
  const graph = buildTraceGraph({ hub, hubUrl: hub.hubUrl, store, extractor, endpoints: { arxiv: fetchConfig.arxivEndpoint, githubRaw: fetchConfig.githubRawEndpoint }, runId, onStep, memo: new Map() });
  return { run, graph, store, signal: stop.signal, deadline, failureKindOf, redact };
}

export function crawlContext(runId: string, options: ContextOptions = {}): Promise<CrawlContext> {
  let entry = contexts.get(runId);
  if (!entry) {
    const fresh: { context: Promise<CrawlContext>; timer: NodeJS.Timeout | null } = { context: Promise.resolve(null as never), timer: null };
    fresh.context = create(runId, options, fresh);
    fresh.context.catch(() => contexts.delete(runId));
    contexts.set(runId, fresh);
    entry = fresh;
  }
  return entry.context;
}

/** The run ended: its lookups and timer go. */
export function forgetCrawlContext(runId: string): void {
  const entry = contexts.get(runId);
  if (entry?.timer) clearTimeout(entry.timer);
  contexts.delete(runId);
}
