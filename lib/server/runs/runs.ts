import "server-only";

/**
 * Trace runs: requested by the explorer, the API or the CLI, executed by a worker. A request
 * for a dataset that already has a queued or running run joins that run, so two people
 * expanding the same node at once share one. Runs keep their steps, counts and error.
 */
import { randomUUID } from "node:crypto";
import type { Extractor } from "@/agents/extraction/extractor";
import { createExtractor } from "@/agents/model";
import { crawl, type CrawlSummary } from "@/agents/pipeline/crawl";
import type { StepEvent } from "@/agents/pipeline/types";
import { AppError } from "@/lib/errors";
import { resolveFetchConfig, resolveHubConfig } from "@/lib/hub/config";
import { redactEndpoints } from "@/lib/hub/redact";
import { createHubPort } from "@/lib/hub/port";
import { normalizeKey, parseKey } from "@/lib/keys";
import { createLineageStore } from "@/lib/server/agents/store";
import { getDb } from "@/lib/server/db/client";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import { ACTIVE_RUN_STATES, type RunState, type RunView } from "@/lib/runs/types";

export const DEFAULT_RUN_DEPTH = 2;
export const DEFAULT_NODE_BUDGET = 40;
/** Steps kept per run: enough to follow a crawl, bounded so a huge one cannot bloat its row. */
export const MAX_STEPS = 400;

type RunRow = Prisma.AgentRunGetPayload<object>;

export function toRunView(row: RunRow): RunView {
  return {
    id: row.id,
    targetKey: row.targetKey,
    seeds: row.seeds,
    state: row.state as RunState,
    model: row.model,
    depth: row.depth,
    nodeBudget: row.nodeBudget,
    steps: (Array.isArray(row.steps) ? row.steps : []) as StepEvent[],
    counts: (row.counts && typeof row.counts === "object" ? row.counts : {}) as Record<string, number>,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export type RequestTraceInput = {
  key: string;
  depth?: number;
  nodeBudget?: number;
  /** Further seeds (crawls); the run is shared only when it has the one seed. */
  moreSeeds?: string[];
  model?: string;
};

/** Create a run for `key`, or join the one already queued or running. */
function publicEndpointNames(): { url: string; name: string }[] {
  const fetchConfig = resolveFetchConfig();
  return [
    { url: resolveHubConfig().hubUrl, name: "the Hub" },
    { url: fetchConfig.arxivEndpoint, name: "the arXiv endpoint" },
    { url: fetchConfig.githubRawEndpoint, name: "the GitHub endpoint" },
  ];
}

/** How often a worker says its run is alive, and after how long without that the run counts as lost. */
export const RUN_HEARTBEAT_MS = 15_000;
export const RUN_DEAD_AFTER_MS = 60_000;
const LOST_WORKER_MESSAGE = `The run's worker stopped (no heartbeat for ${RUN_DEAD_AFTER_MS / 1000} s); a new request starts a new run.`;

/** A RUNNING run whose worker has not said it is alive for RUN_DEAD_AFTER_MS. */
function lostWorker(run: { state: string; heartbeatAt: Date | null; startedAt: Date | null }, now = Date.now()): boolean {
  if (run.state !== "RUNNING") return false;
  const last = (run.heartbeatAt ?? run.startedAt)?.getTime();
  return last !== undefined && now - last > RUN_DEAD_AFTER_MS;
}

export async function requestTrace(input: RequestTraceInput): Promise<{ run: RunView; shared: boolean }> {
  const seeds = [input.key, ...(input.moreSeeds ?? [])];
  for (const seed of seeds) {
    if (parseKey(seed)?.scheme !== "HUB") throw new AppError("bad_request:key", `Only Hub datasets (owner/name) can be traced; "${seed}" is not one.`);
  }
  const model = input.model ?? (process.env.LINEAGE_MODEL?.trim() || "rules");
  const depth = input.depth ?? DEFAULT_RUN_DEPTH;
  const nodeBudget = input.nodeBudget ?? DEFAULT_NODE_BUDGET;
  const db = getDb();
  const shareable = seeds.length === 1;
  return db.$transaction(async (tx) => {
    if (shareable) {
      // Serialises concurrent requests for one dataset, so exactly one of them creates the run.
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`trace:${normalizeKey(input.key)}`}))::text AS locked`;
      const active = await tx.agentRun.findFirst({
        where: { targetKey: { equals: input.key, mode: "insensitive" }, state: { in: [...ACTIVE_RUN_STATES] }, seeds: { isEmpty: false } },
        orderBy: { createdAt: "desc" },
      });
      if (active && active.seeds.length === 1) {
        if (!lostWorker(active)) return { run: toRunView(active), shared: true };
        // Its worker died (a crash, a kill): fail it and start afresh rather than join a dead run.
        await tx.agentRun.update({ where: { id: active.id }, data: { state: "FAILED", error: LOST_WORKER_MESSAGE, finishedAt: new Date() } });
      }
    }
    const dataset = await tx.dataset.findUnique({ where: { keyNorm: normalizeKey(input.key) }, select: { id: true } });
    const row = await tx.agentRun.create({
      data: { id: randomUUID(), targetKey: input.key, seeds, datasetId: dataset?.id ?? null, model, depth, nodeBudget, state: "QUEUED" },
    });
    return { run: toRunView(row), shared: false };
  });
}

export async function getRun(params: { id: string }): Promise<RunView> {
  const row = await getDb().agentRun.findUnique({ where: { id: params.id } });
  if (!row) throw new AppError("not_found:run", `No run ${params.id}.`);
  return toRunView(row);
}

export async function listRuns(params: { limit?: number; state?: RunState; key?: string } = {}): Promise<RunView[]> {
  const rows = await getDb().agentRun.findMany({
    where: { ...(params.state ? { state: params.state } : {}), ...(params.key ? { targetKey: { equals: params.key, mode: "insensitive" } } : {}) },
    orderBy: { createdAt: "desc" },
    take: Math.min(params.limit ?? 50, 200),
  });
  return rows.map(toRunView);
}

/** The newest active run for a dataset, if any (the explorer re-attaches to it). */
export async function activeRunFor(params: { key: string }): Promise<RunView | null> {
  const row = await getDb().agentRun.findFirst({
    where: { targetKey: { equals: params.key, mode: "insensitive" }, state: { in: [...ACTIVE_RUN_STATES] } },
    orderBy: { createdAt: "desc" },
  });
  return row ? toRunView(row) : null;
}

/** Buffers step events and writes them to the run row at most every `intervalMs`. */
function stepRecorder(runId: string, intervalMs = 250) {
  const steps: StepEvent[] = [];
  let dirty = false;
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<unknown> = Promise.resolve();
  const flush = () => {
    timer = null;
    if (!dirty) return writing;
    dirty = false;
    const snapshot = steps.slice(-MAX_STEPS);
    writing = writing.then(() => getDb().agentRun.update({ where: { id: runId }, data: { steps: snapshot as unknown as Prisma.InputJsonValue } })).catch((error) => console.error("[runs] could not record steps", error));
    return writing;
  };
  return {
    steps,
    record(event: StepEvent) {
      steps.push(event);
      dirty = true;
      timer ??= setTimeout(flush, intervalMs);
    },
    async close() {
      if (timer) clearTimeout(timer);
      await flush();
    },
  };
}

export type ExecuteOptions = {
  /** False while the queue will retry a failure: the run goes back to QUEUED instead of FAILED. */
  lastAttempt?: boolean;
  concurrency?: number;
  onStep?: (event: StepEvent) => void;
  /** Use this extractor instead of the run's model (tests script a chat model this way). */
  extractor?: Extractor;
};

export function crawlConcurrency(): number {
  const n = Number(process.env.ROOTLINE_CRAWL_CONCURRENCY ?? 4);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : 4;
}

/**
 * Execute a run: crawl from its seeds, recording each agent step as it happens. Idempotent
 * for finished runs; a retried run continues (every dataset's writes are one transaction, so
 * what a crashed attempt wrote is whole, and tracing it again changes nothing).
 */
export async function executeRun(runId: string, options: ExecuteOptions = {}): Promise<RunView> {
  const db = getDb();
  const row = await db.agentRun.findUnique({ where: { id: runId } });
  if (!row) throw new AppError("not_found:run", `No run ${runId}.`);
  if (!ACTIVE_RUN_STATES.includes(row.state as RunState)) return toRunView(row);

  await db.agentRun.update({ where: { id: runId }, data: { state: "RUNNING", startedAt: row.startedAt ?? new Date(), heartbeatAt: new Date(), error: null } });
  const heartbeat = setInterval(() => {
    db.agentRun.updateMany({ where: { id: runId, state: "RUNNING" }, data: { heartbeatAt: new Date() } }).catch((error) => console.error("[runs] heartbeat failed", error));
  }, RUN_HEARTBEAT_MS);
  heartbeat.unref();
  const recorder = stepRecorder(runId);
  for (const step of (Array.isArray(row.steps) ? row.steps : []) as StepEvent[]) recorder.steps.push(step);
  // Steps and errors are public (the /runs pages): the endpoints' addresses are not.
  const endpoints = publicEndpointNames();
  const record = (event: StepEvent) => {
    const shown = { ...event, message: redactEndpoints(event.message, endpoints) };
    recorder.record(shown);
    options.onStep?.(shown);
  };
  const started = Date.now();
  try {
    const hub = createHubPort();
    const fetchConfig = resolveFetchConfig();
    const extractor = options.extractor ?? (await createExtractor({ spec: row.model }));
    const summary = await crawl(
      { seeds: row.seeds.length ? row.seeds : [row.targetKey], depth: row.depth, nodeBudget: row.nodeBudget, concurrency: options.concurrency ?? crawlConcurrency() },
      {
        hub,
        hubUrl: hub.hubUrl,
        store: createLineageStore({ actor: `agent:${extractor.id}` }),
        extractor,
        endpoints: { arxiv: fetchConfig.arxivEndpoint, githubRaw: fetchConfig.githubRawEndpoint },
        runId,
        onStep: record,
      },
    );
    const seedFailure = summary.failed.find((f) => normalizeKey(f.key) === normalizeKey(row.targetKey));
    if (seedFailure) throw new AppError("unavailable", seedFailure.error);
    await recorder.close();
    const finished = await db.agentRun.update({
      where: { id: runId },
      data: { state: "SUCCEEDED", finishedAt: new Date(), counts: countsOf(summary, Date.now() - started), steps: recorder.steps.slice(-MAX_STEPS) as unknown as Prisma.InputJsonValue },
    });
    return toRunView(finished);
  } catch (error) {
    const message = redactEndpoints(error instanceof Error ? error.message : String(error), endpoints);
    const retry = options.lastAttempt === false;
    record({ agent: "run", key: row.targetKey, message: retry ? `attempt failed (${message}); it will be retried` : `run failed: ${message}`, at: new Date().toISOString() });
    await recorder.close();
    const failed = await db.agentRun.update({
      where: { id: runId },
      data: { state: retry ? "QUEUED" : "FAILED", error: message.slice(0, 2000), finishedAt: retry ? null : new Date(), steps: recorder.steps.slice(-MAX_STEPS) as unknown as Prisma.InputJsonValue },
    });
    if (retry) throw error;
    return toRunView(failed);
  } finally {
    clearInterval(heartbeat);
  }
}

function countsOf(summary: CrawlSummary, durationMs: number): Prisma.InputJsonValue {
  return {
    traced: summary.traced,
    fromStore: summary.fromStore,
    failed: summary.failed.length,
    edgesCreated: summary.edgesCreated,
    edgesUpdated: summary.edgesUpdated,
    evidenceAdded: summary.evidenceAdded,
    nodesCreated: summary.nodesCreated,
    levels: summary.levels,
    budgetExhausted: summary.budgetExhausted ? 1 : 0,
    untracedFrontier: summary.untracedFrontier,
    durationMs,
  };
}

/** A run that cannot be enqueued must not stay QUEUED forever. */
export async function failRun(params: { id: string; error: string }): Promise<void> {
  await getDb().agentRun.updateMany({ where: { id: params.id, state: { in: [...ACTIVE_RUN_STATES] } }, data: { state: "FAILED", error: params.error, finishedAt: new Date() } });
}

/**
 * The run each of these datasets has under way, or finished within `recentMs` (so a page
 * reloaded when a trace ends still shows what the agents did). Newest per dataset.
 */
export async function currentRunsFor(params: { keys: string[]; recentMs?: number }): Promise<RunView[]> {
  if (!params.keys.length) return [];
  const since = new Date(Date.now() - (params.recentMs ?? 0));
  const rows = await getDb().agentRun.findMany({
    where: { OR: [{ state: { in: [...ACTIVE_RUN_STATES] } }, { finishedAt: { gte: since } }] },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const wanted = new Set(params.keys.map(normalizeKey));
  const seen = new Set<string>();
  return rows.filter((r) => wanted.has(normalizeKey(r.targetKey)) && !seen.has(normalizeKey(r.targetKey)) && seen.add(normalizeKey(r.targetKey))).map(toRunView);
}

/**
 * Runs whose worker vanished end FAILED instead of showing "running" forever: a live run's
 * worker writes a heartbeat every RUN_HEARTBEAT_MS (and records steps), so a run quiet for
 * `quietForMs` — its last heartbeat, step or start — has lost it.
 */
export async function failStaleRuns(params: { quietForMs: number }): Promise<number> {
  const running = await getDb().agentRun.findMany({ where: { state: "RUNNING" }, select: { id: true, startedAt: true, heartbeatAt: true, steps: true } });
  const cutoff = Date.now() - params.quietForMs;
  const stale = running.filter((r) => {
    const steps = (Array.isArray(r.steps) ? r.steps : []) as StepEvent[];
    const times = [Date.parse(steps.at(-1)?.at ?? ""), r.heartbeatAt?.getTime() ?? NaN, r.startedAt?.getTime() ?? NaN].filter(Number.isFinite);
    return times.length > 0 && Math.max(...times) < cutoff;
  });
  if (!stale.length) return 0;
  const { count } = await getDb().agentRun.updateMany({
    where: { id: { in: stale.map((r) => r.id) }, state: "RUNNING" },
    data: { state: "FAILED", error: LOST_WORKER_MESSAGE, finishedAt: new Date() },
  });
  return count;
}
