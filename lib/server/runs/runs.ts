import "server-only";

/**
 * Trace runs: requested by the explorer, the API or the CLI, executed by a worker
 * (execute.ts). A request for a dataset that already has a queued or running run joins that
 * run, so two people expanding the same node at once share one. Runs keep their steps, counts
 * and error.
 */
import { randomUUID } from "node:crypto";
import type { StepEvent } from "@/agents/pipeline/types";
import { AppError } from "@/lib/errors";
import { normalizeKey, parseKey } from "@/lib/keys";
import { getDb } from "@/lib/server/db/client";
import { ACTIVE_RUN_STATES, type RunState, type RunView } from "@/lib/runs/types";
import { withProgress } from "./crawl-run";
import { deferredRunLost } from "./deferral";
import { LOST_WORKER_MESSAGE, RUN_DEAD_AFTER_MS, toRunView } from "./run-view";

export { executeRun, crawlConcurrency, type ExecuteOptions } from "./execute";
export { MAX_STEPS, RUN_DEAD_AFTER_MS, RUN_HEARTBEAT_MS, toRunView } from "./run-view";

export const DEFAULT_RUN_DEPTH = 2;
export const DEFAULT_NODE_BUDGET = 40;
const LOST_DEFERRED_MESSAGE = "The run was not taken up again after waiting for the Hub; a new request starts a new run.";

export type RequestTraceInput = {
  key: string;
  depth?: number;
  nodeBudget?: number;
  /** Further seeds (crawls); the run is shared only when it has the one seed. */
  moreSeeds?: string[];
  model?: string;
};

/** A RUNNING run whose worker has not said it is alive for RUN_DEAD_AFTER_MS. */
function lostWorker(run: { state: string; heartbeatAt: Date | null; startedAt: Date | null }, now = Date.now()): boolean {
  if (run.state !== "RUNNING") return false;
  const last = (run.heartbeatAt ?? run.startedAt)?.getTime();
  return last !== undefined && now - last > RUN_DEAD_AFTER_MS;
}

/** Create a run for `key`, or join the one already queued or running. */
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
        const lost = lostWorker(active) ? LOST_WORKER_MESSAGE : deferredRunLost(active) ? LOST_DEFERRED_MESSAGE : null;
        if (!lost) return { run: toRunView(active), shared: true };
        // Its worker died (a crash, a kill), or nobody took it again after a wait: fail it and
        // start afresh rather than join a dead run.
        await tx.agentRun.update({ where: { id: active.id }, data: { state: "FAILED", error: lost, finishedAt: new Date() } });
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
  return (await withProgress([toRunView(row)]))[0]!;
}

export async function listRuns(params: { limit?: number; state?: RunState; key?: string } = {}): Promise<RunView[]> {
  const rows = await getDb().agentRun.findMany({
    where: { ...(params.state ? { state: params.state } : {}), ...(params.key ? { targetKey: { equals: params.key, mode: "insensitive" } } : {}) },
    orderBy: { createdAt: "desc" },
    take: Math.min(params.limit ?? 50, 200),
  });
  return withProgress(rows.map(toRunView));
}

/** The newest active run for a dataset, if any (the explorer re-attaches to it). */
export async function activeRunFor(params: { key: string }): Promise<RunView | null> {
  const row = await getDb().agentRun.findFirst({
    where: { targetKey: { equals: params.key, mode: "insensitive" }, state: { in: [...ACTIVE_RUN_STATES] } },
    orderBy: { createdAt: "desc" },
  });
  return row ? toRunView(row) : null;
}

/**
 * The run the page of a dataset the store does not hold shows: one under way, else the newest
 * if it failed, so the page can say why in plain words and offer to try again. A finished run
 * that succeeded is not shown: it stored nothing for this id (it predates the failure kinds, or
 * the dataset was removed since), and the page must offer a trace, not "done".
 */
export async function runToShowFor(params: { key: string }): Promise<RunView | null> {
  const active = await activeRunFor(params);
  if (active) return active;
  const last = await getDb().agentRun.findFirst({ where: { targetKey: { equals: params.key, mode: "insensitive" } }, orderBy: { createdAt: "desc" } });
  return last?.state === "FAILED" ? toRunView(last) : null;
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
  const running = await getDb().agentRun.findMany({ where: { state: "RUNNING" }, select: { id: true, startedAt: true, heartbeatAt: true, steps: true, counts: true } });
  const cutoff = Date.now() - params.quietForMs;
  const stale = running.filter((r) => {
    // A crawl spread over workers is not one worker's: its lost items go back to the queue instead (crawl-run.ts).
    if ((r.counts as Record<string, unknown> | null)?.distributed === 1) return false;
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
