import "server-only";

/**
 * A crawl run (many seeds) as a list of datasets any number of processes work through:
 * `crawl_item` rows, each claimed by exactly one worker, traced under the dataset's lease, and
 * ended with the upstreams it found added as new items. Executed two ways:
 *
 * - spread over workers: every queued item is a pg-boss job ("trace-item"); whichever worker
 *   takes the job claims the item (a job for an item already taken does nothing), so a crawl
 *   goes as fast as the workers together, on any number of machines;
 * - in one process (the CLI without --workers, the embedded store): the same items, claimed
 *   in a loop.
 *
 * Whoever ends the last item ends the run, with counts summed over its items. A worker that
 * dies leaves its items RUNNING with a heartbeat that stops: the sweep puts them back in the
 * queue; what it committed is answered from the store, never traced twice.
 */
import type { Extractor } from "@/agents/extraction/extractor";
import type { StepEvent } from "@/agents/pipeline/types";
import { normalizeKey } from "@/lib/keys";
import { failureMessage, isRunFailureKind, RUN_FAILURE_KINDS } from "@/lib/runs/outcome";
import { progressOf } from "@/lib/runs/progress";
import type { RunView } from "@/lib/runs/types";
import { getDb } from "@/lib/server/db/client";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import { crawlContext, forgetCrawlContext } from "./crawl-context";
import { traceItem } from "./crawl-item-trace";
import { addItems, claimItem, claimNextItem, endItem, itemTotals, hasPendingItems, queuedItems, renewItems, type ClaimedItem, type ItemTotals } from "./crawl-items";
import { stepRecorder } from "./execute";
import { WORKER_ID } from "./worker-id";
import { countsOfRow, MAX_STEPS, RUN_HEARTBEAT_MS, toRunView, type RunRow } from "./run-view";

export { WORKER_ID };

export type QueuedItem = { runId: string; key: string; level: number; notBefore?: Date | null };
/** Hands items to the queue (a pg-boss job each); in one process, nothing to hand. */
export type ItemSender = (items: QueuedItem[]) => Promise<void>;

const IDLE_POLL_MS = 200;

/** The run is RUNNING and has its seeds as items (a restarted run keeps the items it has). */
async function beginCrawl(runId: string, distributed: boolean): Promise<RunRow | null> {
  const db = getDb();
  return db.$transaction(async (tx) => {
    const row = await tx.agentRun.findUnique({ where: { id: runId } });
    if (!row || (row.state !== "QUEUED" && row.state !== "RUNNING")) return null;
    const counts = { ...countsOfRow(row), distributed: distributed ? 1 : 0 } as Prisma.InputJsonValue;
    const started = await tx.agentRun.update({ where: { id: runId }, data: { state: "RUNNING", startedAt: row.startedAt ?? new Date(), heartbeatAt: new Date(), error: null, failureKind: null, counts } });
    const seeds = row.seeds.length ? row.seeds : [row.targetKey];
    await addItems(tx, { runId, keys: seeds, level: 0, depth: Math.max(1, row.depth) });
    return started;
  });
}

/** Runs traced by items, with their progress (runs traced in one go are returned as they are). */
export async function withProgress(views: RunView[]): Promise<RunView[]> {
  const totals = await itemTotals(views.filter((v) => v.seeds.length > 1).map((v) => v.id));
  return views.map((view) => {
    const t = totals.get(view.id);
    if (!t) return view;
    const end = view.finishedAt ? Date.parse(view.finishedAt) : Date.now();
    const start = view.startedAt ? Date.parse(view.startedAt) : end;
    return { ...view, progress: progressOf(t, end - start), ...(view.finishedAt ? {} : { counts: { ...view.counts, ...runningCounts(t) } }) };
  });
}

function runningCounts(t: ItemTotals): Record<string, number> {
  return { traced: t.done - t.fromStore + t.failed, fromStore: t.fromStore, failed: t.failed, edgesCreated: t.edgesCreated, edgesUpdated: t.edgesUpdated, evidenceAdded: t.evidenceAdded, nodesCreated: t.nodesCreated };
}

/** Ends the run if no item is left to do; its counts are its items'. Returns the ended run, or null. */
export async function finishIfDone(runId: string): Promise<RunView | null> {
  if (await hasPendingItems(runId)) return null;
  const db = getDb();
  const row = await db.agentRun.findUnique({ where: { id: runId } });
  if (!row || row.state !== "RUNNING") return null;
  const totals = (await itemTotals([runId])).get(runId);
  if (!totals) return null;
  const durationMs = Date.now() - (row.startedAt ?? row.createdAt).getTime();
  const counts = {
    ...countsOfRow(row),
    ...runningCounts(totals),
    levels: totals.maxLevel + 1,
    budgetExhausted: totals.skippedForBudget > 0 ? 1 : 0,
    timeBudgetExhausted: totals.skippedForTime > 0 ? 1 : 0,
    untracedFrontier: totals.skipped,
    durationMs,
  };
  // As for a run traced in one go: the run fails when its target (the first seed) did, in plain words when there are some.
  const target = await db.crawlItem.findUnique({ where: { runId_keyNorm: { runId, keyNorm: normalizeKey(row.targetKey) } } });
  const targetCounts = (target?.counts ?? {}) as Record<string, number>;
  const kind = target?.state === "FAILED" ? (RUN_FAILURE_KINDS.find((k) => targetCounts[`failure_${k}`]) ?? null) : null;
  const failed = target?.state === "FAILED";
  const error = failed ? (kind && isRunFailureKind(kind) ? failureMessage({ kind, key: row.targetKey }) : (target?.error ?? "The run's first dataset failed.")) : null;
  const steps = [...((Array.isArray(row.steps) ? row.steps : []) as StepEvent[]), { agent: "run" as const, key: row.targetKey, message: `${failed ? "failed" : "done"}: ${totals.done} datasets done (${totals.fromStore} from the store), ${totals.failed} failed, ${totals.skipped} left for a later run`, at: new Date().toISOString() }];
  const { count } = await db.agentRun.updateMany({
    where: { id: runId, state: "RUNNING" },
    data: { state: failed ? "FAILED" : "SUCCEEDED", failureKind: kind, error, finishedAt: new Date(), counts, steps: steps.slice(-MAX_STEPS) as unknown as Prisma.InputJsonValue },
  });
  forgetCrawlContext(runId);
  if (!count) return null;
  return (await withProgress([toRunView((await db.agentRun.findUniqueOrThrow({ where: { id: runId } })))]))[0]!;
}

/** Crawls spread over workers that are still RUNNING (the sweep ends those with nothing left to do). */
export async function unfinishedCrawls(): Promise<string[]> {
  const rows = await getDb().agentRun.findMany({ where: { state: "RUNNING", counts: { path: ["distributed"], equals: 1 } }, select: { id: true } });
  return rows.map((r) => r.id);
}

export type ItemOptions = { extractor?: Extractor; onStep?: (event: StepEvent) => void; timeBudgetMs?: number };

async function work(item: ClaimedItem, send: ItemSender, options: ItemOptions): Promise<void> {
  let result: Awaited<ReturnType<typeof traceItem>>;
  try {
    result = await traceItem(item, await crawlContext(item.runId, options));
  } catch (error) {
    // Not the dataset's failure but ours (the store, the run's setup): the item ends, rather than stay held by a live worker forever.
    const message = error instanceof Error ? error.message : String(error);
    await endItem({ item, worker: WORKER_ID, outcome: { state: "FAILED", error: message } });
    result = { state: "FAILED", added: [] };
  }
  const next: QueuedItem[] = result.added.map((a) => ({ runId: item.runId, key: a.key, level: a.level }));
  if (result.state === "QUEUED") next.push({ runId: item.runId, key: item.key, level: item.level, notBefore: result.notBefore });
  if (next.length) await send(next);
}

/**
 * Hand a crawl run to the workers: its seeds become items, each a queue job. Returns at once;
 * the run ends when its last item does, in whichever worker.
 */
export async function distributeCrawl(runId: string, send: ItemSender): Promise<RunView> {
  const row = await beginCrawl(runId, true);
  if (!row) return toRunView(await getDb().agentRun.findUniqueOrThrow({ where: { id: runId } }));
  await send((await queuedItems(runId)).map((q) => ({ runId, ...q })));
  return (await withProgress([toRunView(row)]))[0]!;
}

/** A queue job for one item: claim it (or do nothing: another worker has it, or it is done) and trace it. */
export async function runItemJob(job: { runId: string; key: string }, send: ItemSender, options: ItemOptions = {}): Promise<void> {
  const item = await claimItem({ runId: job.runId, key: job.key, worker: WORKER_ID });
  if (!item) return;
  await work(item, send, options);
  await finishIfDone(job.runId);
}

/** Keeps the items this process holds (and their runs) alive in everyone's eyes. */
export function startItemHeartbeat(): () => void {
  const timer = setInterval(() => renewItems(WORKER_ID).catch((error) => console.error("[runs] item heartbeat failed", error)), RUN_HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}

export type LocalCrawlOptions = ItemOptions & {
  concurrency: number;
  /** Called every `progressEveryMs` with the run as it stands (the CLI prints a line). */
  onProgress?: (run: RunView) => void;
  progressEveryMs?: number;
  requeue?: (notBefore: Date) => Promise<void>;
};

/** Trace a crawl run's items in this process, `concurrency` at a time, until none is left. */
export async function executeCrawlLocally(runId: string, options: LocalCrawlOptions): Promise<RunView> {
  const row = await beginCrawl(runId, false);
  if (!row) return toRunView(await getDb().agentRun.findUniqueOrThrow({ where: { id: runId } }));
  const recorder = stepRecorder(runId);
  for (const step of (Array.isArray(row.steps) ? row.steps : []) as StepEvent[]) recorder.steps.push(step);
  const onStep = (event: StepEvent) => {
    recorder.record(event);
    options.onStep?.(event);
  };
  const stopHeartbeat = startItemHeartbeat();
  const report = options.onProgress ? setInterval(() => void current().then(options.onProgress!, () => undefined), options.progressEveryMs ?? 5_000) : null;
  report?.unref();
  const current = async () => (await withProgress([toRunView(await getDb().agentRun.findUniqueOrThrow({ where: { id: runId } }))]))[0]!;
  let deferredUntil: Date | null = null;
  try {
    const slot = async () => {
      for (;;) {
        const item = await claimNextItem({ runId, worker: WORKER_ID });
        if (item) {
          await work(item, async () => undefined, { ...options, onStep });
          continue;
        }
        const waiting = await getDb().crawlItem.aggregate({ where: { runId, state: { in: ["QUEUED", "RUNNING"] } }, _count: true, _min: { notBefore: true } });
        const running = await getDb().crawlItem.count({ where: { runId, state: "RUNNING" } });
        if (!waiting._count) return;
        // Only datasets the Hub asked us to come back to later are left: this execution ends, the run waits in the queue.
        if (!running && waiting._min.notBefore && waiting._min.notBefore.getTime() > Date.now() + 5_000) {
          deferredUntil = waiting._min.notBefore;
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, slot));
  } finally {
    stopHeartbeat();
    if (report) clearInterval(report);
    await recorder.close();
  }
  const finished = await finishIfDone(runId);
  if (finished) {
    options.onProgress?.(finished);
    return finished;
  }
  if (deferredUntil) {
    const until: Date = deferredUntil;
    const counts = { ...countsOfRow(await getDb().agentRun.findUniqueOrThrow({ where: { id: runId } })), notBefore: until.getTime() };
    await getDb().agentRun.update({ where: { id: runId }, data: { state: "QUEUED", counts, error: `waiting for the Hub until ${until.toISOString().slice(11, 16)} UTC` } });
    await options.requeue?.(until);
  }
  return current();
}
