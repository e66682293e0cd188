/**
 * A run the Hub asked to wait goes back to the queue for later instead of holding a worker:
 * what to tell people, when to take it again, when to give up, and how the counts of its
 * executions add up. The run row has no columns for this, so it lives in `counts` (numbers):
 * `deferrals` (times it went back), `notBefore` (epoch ms it waits for) and `durationMs`
 * (time spent executing, all executions together: what the time budget is charged with).
 */
import type { CrawlSummary } from "@/agents/pipeline/crawl";
import type { HubWaitError } from "@/lib/hub/interrupts";
import { MAX_RUN_DEFER_MS, MAX_RUN_DEFERRALS, MIN_RUN_DEFER_MS } from "@/lib/limits";

/** A deferred run not taken again this long after its time has lost its job: a new request replaces it. */
export const DEFERRED_RUN_LOST_AFTER_MS = 15 * 60_000;

export type DeferralPlan = { kind: "defer"; notBefore: Date; message: string } | { kind: "give_up"; message: string };

function clock(at: Date): string {
  return `${at.toISOString().slice(11, 16)} UTC`;
}

/** Defer the run (another time) or, after MAX_RUN_DEFERRALS or for a wait beyond MAX_RUN_DEFER_MS, give up. */
export function planDeferral(wait: Pick<HubWaitError, "waitMs" | "service" | "httpStatus">, deferralsSoFar: number, now = Date.now()): DeferralPlan {
  const asked = wait.waitMs === null ? `it kept answering HTTP ${wait.httpStatus}` : `asked to wait ${Math.ceil(wait.waitMs / 1000)} s`;
  if (deferralsSoFar >= MAX_RUN_DEFERRALS) {
    return { kind: "give_up", message: `${wait.service} kept asking us to wait (${asked} after ${MAX_RUN_DEFERRALS} waits already); the run gave up. Request the trace again later.` };
  }
  if (wait.waitMs !== null && wait.waitMs > MAX_RUN_DEFER_MS) {
    return { kind: "give_up", message: `${wait.service} asked us to wait ${Math.ceil(wait.waitMs / 1000)} s, more than ${MAX_RUN_DEFER_MS / 3_600_000} h; the run gave up. Request the trace again later.` };
  }
  const notBefore = new Date(now + Math.max(wait.waitMs ?? 0, MIN_RUN_DEFER_MS));
  return { kind: "defer", notBefore, message: `waiting for ${wait.service} until ${clock(notBefore)} (${asked})` };
}

/** The deferral bookkeeping of a run's counts. */
export function deferralState(counts: Record<string, number>): { deferrals: number; notBefore: number | null; durationMs: number; traced: number } {
  const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  return { deferrals: n(counts.deferrals), notBefore: typeof counts.notBefore === "number" ? counts.notBefore : null, durationMs: n(counts.durationMs), traced: n(counts.traced) };
}

/** A deferred QUEUED run whose time is long past: its job is gone (or never was), nobody will take it. */
export function deferredRunLost(run: { state: string; counts: unknown }, now = Date.now()): boolean {
  if (run.state !== "QUEUED" || !run.counts || typeof run.counts !== "object") return false;
  const { notBefore } = deferralState(run.counts as Record<string, number>);
  return notBefore !== null && now - notBefore > DEFERRED_RUN_LOST_AFTER_MS;
}

/**
 * Counts of all executions so far: `previous` (the row's, from executions the Hub interrupted)
 * and this one's summary. A resumed crawl walks again from the seeds and finds what earlier
 * executions traced in the store, so those are not counted twice.
 */
export function mergeCounts(previous: Record<string, number>, summary: CrawlSummary, extra: { durationMs: number; timeBudgetExhausted: boolean; deferrals: number }): Record<string, number> {
  const p = (k: string) => (typeof previous[k] === "number" ? previous[k]! : 0);
  return {
    traced: p("traced") + summary.traced,
    fromStore: Math.max(p("fromStore"), summary.fromStore - p("traced")),
    failed: summary.failed.length,
    edgesCreated: p("edgesCreated") + summary.edgesCreated,
    edgesUpdated: p("edgesUpdated") + summary.edgesUpdated,
    evidenceAdded: p("evidenceAdded") + summary.evidenceAdded,
    nodesCreated: p("nodesCreated") + summary.nodesCreated,
    levels: Math.max(p("levels"), summary.levels),
    budgetExhausted: summary.budgetExhausted ? 1 : 0,
    timeBudgetExhausted: extra.timeBudgetExhausted ? 1 : 0,
    untracedFrontier: summary.untracedFrontier,
    durationMs: extra.durationMs,
    ...(extra.deferrals ? { deferrals: extra.deferrals } : {}),
  };
}
