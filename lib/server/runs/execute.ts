import "server-only";

/**
 * Executing a trace run (the worker's side): crawl from its seeds, recording each agent step as
 * it happens, within the run's node budget and wall-clock time budget. When the Hub asks us to
 * wait longer than the client sleeps through, the execution ends without failing: the run goes
 * back to QUEUED with the time it may be taken again, and the queue holds it until then.
 */
import type { Extractor } from "@/agents/extraction/extractor";
import { createExtractor } from "@/agents/model";
import { crawl, CrawlPaused, type CrawlSummary } from "@/agents/pipeline/crawl";
import type { LineageStore, StepEvent } from "@/agents/pipeline/types";
import { AppError } from "@/lib/errors";
import { resolveFetchConfig } from "@/lib/hub/config";
import { formatDuration, TimeBudgetError } from "@/lib/hub/interrupts";
import { createHubPort } from "@/lib/hub/port";
import { redactEndpoints } from "@/lib/hub/redact";
import { normalizeKey } from "@/lib/keys";
import { runTimeBudgetMs } from "@/lib/limits";
import { createLineageStore } from "@/lib/server/agents/store";
import { getDb } from "@/lib/server/db/client";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import { failureMessage, type RunFailureKind } from "@/lib/runs/outcome";
import { ACTIVE_RUN_STATES, type RunState, type RunView } from "@/lib/runs/types";
import { deferralState, mergeCounts, planDeferral } from "./deferral";
import { watchHubFailures } from "./hub-failures";
import { takeLease } from "./trace-lease";
import { countsOfRow, MAX_STEPS, publicEndpointNames, RUN_HEARTBEAT_MS, toRunView } from "./run-view";

/** Buffers step events and writes them to the run row at most every `intervalMs`. */
export function stepRecorder(runId: string, intervalMs = 250) {
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
  /** Wall-clock time the run may spend, all executions together (default ROOTLINE_RUN_TIME_BUDGET_SECONDS, 10 min). */
  timeBudgetMs?: number;
  /**
   * Hands a run the Hub asked to wait back to the queue, to be taken at `notBefore` (the worker
   * sends a pg-boss job with startAfter). Without it the run is left QUEUED for its caller.
   */
  requeue?: (notBefore: Date) => Promise<void>;
  /** A crawl of many seeds is handed to every worker, an item per dataset, through this (the queue's worker passes it). */
  distribute?: (items: { runId: string; key: string; level: number; notBefore?: Date | null }[]) => Promise<void>;
};

export function crawlConcurrency(): number {
  const n = Number(process.env.ROOTLINE_CRAWL_CONCURRENCY ?? 4);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : 4;
}

const stepsJson = (steps: StepEvent[]) => steps.slice(-MAX_STEPS) as unknown as Prisma.InputJsonValue;

/** The run's target failed in a way that has plain words (the Hub could not be reached). */
class TargetFailure extends AppError {
  constructor(
    readonly kind: RunFailureKind,
    detail: string,
  ) {
    super("unavailable", detail);
  }
}

/**
 * Execute a run: crawl from its seeds, recording each agent step as it happens. Idempotent
 * for finished runs; a retried or resumed run continues (every dataset's writes are one
 * transaction, so what an earlier attempt wrote is whole, and the crawl answers it from the
 * store instead of tracing it again).
 */
export async function executeRun(runId: string, options: ExecuteOptions = {}): Promise<RunView> {
  const db = getDb();
  const row = await db.agentRun.findUnique({ where: { id: runId } });
  if (!row) throw new AppError("not_found:run", `No run ${runId}.`);
  if (!ACTIVE_RUN_STATES.includes(row.state as RunState)) return toRunView(row);
  // A crawl of many seeds goes by items, which workers on other machines can share (crawl-run.ts).
  if (row.seeds.length > 1) {
    const { distributeCrawl, executeCrawlLocally } = await import("./crawl-run");
    if (options.distribute) return distributeCrawl(runId, options.distribute);
    return executeCrawlLocally(runId, { concurrency: options.concurrency ?? crawlConcurrency(), onStep: options.onStep, extractor: options.extractor, timeBudgetMs: options.timeBudgetMs, requeue: options.requeue });
  }

  // What executions the Hub interrupted already did and spent: the budgets cover the whole run.
  const previous = countsOfRow(row);
  const before = deferralState(previous);
  await db.agentRun.update({ where: { id: runId }, data: { state: "RUNNING", startedAt: row.startedAt ?? new Date(), heartbeatAt: new Date(), error: null, failureKind: null } });
  const heartbeat = setInterval(() => {
    db.agentRun.updateMany({ where: { id: runId, state: "RUNNING" }, data: { heartbeatAt: new Date() } }).catch((error) => console.error("[runs] heartbeat failed", error));
  }, RUN_HEARTBEAT_MS);
  heartbeat.unref();
  const recorder = stepRecorder(runId);
  for (const step of (Array.isArray(row.steps) ? row.steps : []) as StepEvent[]) recorder.steps.push(step);
  const endpoints = publicEndpointNames();
  const record = (event: StepEvent) => {
    const shown = { ...event, message: redactEndpoints(event.message, endpoints) };
    recorder.record(shown);
    options.onStep?.(shown);
  };
  const runStep = (message: string) => record({ agent: "run", key: row.targetKey, message, at: new Date().toISOString() });

  // The time budget: when it runs out every request in flight ends and no dataset is started.
  const budgetMs = options.timeBudgetMs ?? runTimeBudgetMs();
  const stop = new AbortController();
  const budgetTimer = setTimeout(() => stop.abort(new TimeBudgetError(budgetMs)), Math.max(0, budgetMs - before.durationMs));
  budgetTimer.unref();
  const started = Date.now();
  const spent = () => before.durationMs + (Date.now() - started);
  try {
    const { hub, failureKindOf } = watchHubFailures({ hub: createHubPort({ signal: stop.signal }) });
    const fetchConfig = resolveFetchConfig();
    const extractor = options.extractor ?? (await createExtractor({ spec: row.model }));
    const summary = await crawl(
      {
        seeds: row.seeds.length ? row.seeds : [row.targetKey],
        depth: row.depth,
        nodeBudget: Math.max(0, row.nodeBudget - before.traced),
        concurrency: options.concurrency ?? crawlConcurrency(),
        signal: stop.signal,
        // No other process traces a dataset while this run does (a crawl spread over workers may hold it).
        claim: (key) => takeLease(key, runId, stop.signal),
      },
      {
        hub,
        hubUrl: hub.hubUrl,
        store: publicFailures(createLineageStore({ actor: `agent:${extractor.id}` }), endpoints),
        extractor,
        endpoints: { arxiv: fetchConfig.arxivEndpoint, githubRaw: fetchConfig.githubRawEndpoint },
        runId,
        onStep: record,
      },
    );
    const seedFailure = summary.failed.find((f) => normalizeKey(f.key) === normalizeKey(row.targetKey));
    if (seedFailure) {
      const kind = failureKindOf(seedFailure.cause);
      throw kind ? new TargetFailure(kind, seedFailure.error) : new AppError("unavailable", seedFailure.error);
    }
    // A trace of one id the Hub has no dataset for answered the question: it ends, plainly, and
    // is not retried. (In a crawl of many seeds the others still count, as its steps say.)
    if (row.seeds.length <= 1 && summary.notOnHub.some((k) => normalizeKey(k) === normalizeKey(row.targetKey))) {
      const message = failureMessage({ kind: "NOT_ON_HUB", key: row.targetKey });
      runStep(`run failed: ${message}`);
      await recorder.close();
      const counts = mergeCounts(previous, summary, { durationMs: spent(), timeBudgetExhausted: summary.stopped, deferrals: before.deferrals });
      const failed = await db.agentRun.update({
        where: { id: runId },
        data: { state: "FAILED", failureKind: "NOT_ON_HUB", error: message, finishedAt: new Date(), counts, steps: stepsJson(recorder.steps) },
      });
      return toRunView(failed);
    }
    if (summary.stopped) runStep(`stopped: the run's time budget of ${formatDuration(budgetMs)} ran out; ${leftOver(summary)} for a later run`);
    await recorder.close();
    const counts = mergeCounts(previous, summary, { durationMs: spent(), timeBudgetExhausted: summary.stopped, deferrals: before.deferrals });
    const finished = await db.agentRun.update({
      where: { id: runId },
      data: { state: "SUCCEEDED", finishedAt: new Date(), counts, steps: stepsJson(recorder.steps) },
    });
    return toRunView(finished);
  } catch (error) {
    if (error instanceof CrawlPaused) return await pause(error);
    // A failure with plain words is told in them; the technical detail stays in the agent's step.
    const kind = error instanceof TargetFailure ? error.kind : null;
    const message = kind ? failureMessage({ kind, key: row.targetKey }) : redactEndpoints(error instanceof Error ? error.message : String(error), endpoints);
    const retry = options.lastAttempt === false;
    runStep(retry ? `attempt failed (${message}); it will be retried` : `run failed: ${message}`);
    await recorder.close();
    const failed = await db.agentRun.update({
      where: { id: runId },
      data: { state: retry ? "QUEUED" : "FAILED", failureKind: retry ? null : kind, error: message.slice(0, 2000), finishedAt: retry ? null : new Date(), steps: stepsJson(recorder.steps) },
    });
    if (retry) throw error;
    return toRunView(failed);
  } finally {
    clearInterval(heartbeat);
    clearTimeout(budgetTimer);
  }

  /** The Hub asked us to wait: back to QUEUED until then (keeping steps and counts), or give up. */
  async function pause(paused: CrawlPaused): Promise<RunView> {
    const plan = planDeferral(paused.cause, before.deferrals);
    const message = redactEndpoints(plan.message, endpoints);
    const counts = mergeCounts(previous, paused.summary, { durationMs: spent(), timeBudgetExhausted: false, deferrals: before.deferrals + (plan.kind === "defer" ? 1 : 0) });
    if (plan.kind === "give_up") {
      runStep(`run failed: ${message}`);
      await recorder.close();
      // The Hub kept asking us to wait, past every deferral: as good as unreachable for now.
      const failureKind = paused.cause.service === "the Hub" ? "HUB_UNREACHABLE" : null;
      const failed = await db.agentRun.update({ where: { id: runId }, data: { state: "FAILED", failureKind, error: message, finishedAt: new Date(), counts, steps: stepsJson(recorder.steps) } });
      return toRunView(failed);
    }
    runStep(message);
    await recorder.close();
    const queued = await db.agentRun.update({
      where: { id: runId },
      data: { state: "QUEUED", error: message, finishedAt: null, counts: { ...counts, notBefore: plan.notBefore.getTime() }, steps: stepsJson(recorder.steps) },
    });
    if (!options.requeue) return toRunView(queued);
    try {
      await options.requeue(plan.notBefore);
      return toRunView(queued);
    } catch (error) {
      const reason = `The run could not be queued again after ${message}: ${error instanceof Error ? error.message : String(error)}`;
      return toRunView(await db.agentRun.update({ where: { id: runId }, data: { state: "FAILED", error: reason.slice(0, 2000), finishedAt: new Date() } }));
    }
  }
}

/** A dataset's failure is shown in its panel to anyone: the endpoints' addresses are named, not shown. */
function publicFailures(store: LineageStore, endpoints: { url: string; name: string }[]): LineageStore {
  return { ...store, markFailed: (key, message) => store.markFailed(key, redactEndpoints(message, endpoints)) };
}

function leftOver(summary: CrawlSummary): string {
  const n = summary.untracedFrontier;
  return n === 1 ? "1 dataset is left" : `${n} datasets are left`;
}
