import { describe, expect, it } from "vitest";
import type { CrawlSummary } from "@/agents/pipeline/crawl";
import { DEFAULT_RUN_TIME_BUDGET_MS, MAX_RUN_DEFERRALS, runTimeBudgetMs } from "@/lib/limits";
import { DEFERRED_RUN_LOST_AFTER_MS, deferredRunLost, mergeCounts, planDeferral } from "./deferral";

const NOW = Date.parse("2026-03-01T12:00:00.000Z");
const hub = (waitMs: number | null, httpStatus = 429) => ({ waitMs, httpStatus, service: "the Hub" });

function summary(part: Partial<CrawlSummary>): CrawlSummary {
  return { traced: 0, fromStore: 0, failed: [], notOnHub: [], edgesCreated: 0, edgesUpdated: 0, evidenceAdded: 0, nodesCreated: 0, levels: 0, budgetExhausted: false, stopped: false, untracedFrontier: 0, ...part };
}

describe("planDeferral", () => {
  it("defers until the time the Hub asked for, and says so with the clock time", () => {
    expect(planDeferral(hub(3600_000), 0, NOW)).toEqual({ kind: "defer", notBefore: new Date(NOW + 3600_000), message: "waiting for the Hub until 13:00 UTC (asked to wait 3600 s)" });
  });

  it("waits at least a minute, also when the Hub named no time", () => {
    expect(planDeferral(hub(5_000), 0, NOW)).toMatchObject({ notBefore: new Date(NOW + 60_000) });
    expect(planDeferral(hub(null, 503), 2, NOW)).toEqual({ kind: "defer", notBefore: new Date(NOW + 60_000), message: "waiting for the Hub until 12:01 UTC (it kept answering HTTP 503)" });
  });

  it(`gives up after ${MAX_RUN_DEFERRALS} deferrals, and at once for a wait of more than a day`, () => {
    expect(planDeferral(hub(3600_000), MAX_RUN_DEFERRALS - 1, NOW).kind).toBe("defer");
    expect(planDeferral(hub(3600_000), MAX_RUN_DEFERRALS, NOW)).toEqual({
      kind: "give_up",
      message: "the Hub kept asking us to wait (asked to wait 3600 s after 5 waits already); the run gave up. Request the trace again later.",
    });
    expect(planDeferral(hub(3 * 24 * 3600_000), 0, NOW)).toEqual({ kind: "give_up", message: "the Hub asked us to wait 259200 s, more than 24 h; the run gave up. Request the trace again later." });
  });
});

describe("counts across executions", () => {
  it("adds what each execution traced, without counting the resumed crawl's store answers twice", () => {
    const first = mergeCounts({}, summary({ traced: 2, fromStore: 1, edgesCreated: 3, evidenceAdded: 4, nodesCreated: 3, levels: 2, untracedFrontier: 5 }), { durationMs: 1000, timeBudgetExhausted: false, deferrals: 1 });
    expect(first).toMatchObject({ traced: 2, fromStore: 1, deferrals: 1, durationMs: 1000, timeBudgetExhausted: 0 });
    // The resumed crawl meets the two it traced (and the one the store had) in the store.
    const second = mergeCounts(first, summary({ traced: 1, fromStore: 3, edgesCreated: 1, levels: 2, untracedFrontier: 0 }), { durationMs: 1500, timeBudgetExhausted: true, deferrals: 1 });
    expect(second).toEqual({ traced: 3, fromStore: 1, failed: 0, edgesCreated: 4, edgesUpdated: 0, evidenceAdded: 4, nodesCreated: 3, levels: 2, budgetExhausted: 0, timeBudgetExhausted: 1, untracedFrontier: 0, durationMs: 1500, deferrals: 1 });
  });

  it("leaves out deferrals for a run that never waited", () => {
    expect(mergeCounts({}, summary({ traced: 1 }), { durationMs: 5, timeBudgetExhausted: false, deferrals: 0 })).not.toHaveProperty("deferrals");
  });
});

describe("deferred runs nobody takes up", () => {
  it("count as lost once their time is long past", () => {
    expect(deferredRunLost({ state: "QUEUED", counts: { notBefore: NOW - DEFERRED_RUN_LOST_AFTER_MS - 1 } }, NOW)).toBe(true);
    expect(deferredRunLost({ state: "QUEUED", counts: { notBefore: NOW - 60_000 } }, NOW)).toBe(false);
    expect(deferredRunLost({ state: "QUEUED", counts: {} }, NOW)).toBe(false);
    expect(deferredRunLost({ state: "RUNNING", counts: { notBefore: 0 } }, NOW)).toBe(false);
  });
});

describe("the run time budget", () => {
  it("is 10 minutes unless ROOTLINE_RUN_TIME_BUDGET_SECONDS says otherwise", () => {
    expect(DEFAULT_RUN_TIME_BUDGET_MS).toBe(600_000);
    expect(runTimeBudgetMs({})).toBe(600_000);
    expect(runTimeBudgetMs({ ROOTLINE_RUN_TIME_BUDGET_SECONDS: "90" })).toBe(90_000);
    expect(runTimeBudgetMs({ ROOTLINE_RUN_TIME_BUDGET_SECONDS: "0" })).toBe(600_000);
  });
});
