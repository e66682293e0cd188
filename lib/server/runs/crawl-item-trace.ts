import "server-only";

/**
 * Tracing one claimed item of a crawl run, in whichever process claimed it: hold the dataset's
 * lease (no other process traces it meanwhile), answer it from the store if it was traced
 * before, else spend one unit of the run's node budget and trace it. Its end and the upstreams
 * it found are written in one statement; the caller hands new items to the queue.
 */
import { traceDataset } from "@/agents/pipeline/trace-graph";
import { isAppError } from "@/lib/errors";
import { isHubWait, stopsTheCrawl } from "@/lib/hub/interrupts";
import { MAX_RUN_DEFERRALS } from "@/lib/limits";
import { getDb } from "@/lib/server/db/client";
import { endItem, SKIP_REASON, type ClaimedItem, type ItemOutcome, type ItemCounts, type ItemState } from "./crawl-items";
import type { CrawlContext } from "./crawl-context";
import { planDeferral } from "./deferral";
import { takeLease } from "./trace-lease";
import { WORKER_ID } from "./worker-id";

const DONE = new Set(["TRACED", "TERMINAL"]);
/** A dataset the Hub did not answer for is tried once more, a little later, before it counts as failed. */
const RETRY_AFTER_MS = 2_000;
const MAX_ATTEMPTS = 2;

export type ItemResult = { state: Exclude<ItemState, "RUNNING">; added: { key: string; level: number }[]; notBefore?: Date | null };

async function takeBudget(runId: string): Promise<boolean> {
  const rows = await getDb().$queryRawUnsafe<unknown[]>(`UPDATE agent_run SET budget_used = budget_used + 1 WHERE id = $1 AND budget_used < node_budget RETURNING id`, runId);
  return rows.length > 0;
}

async function giveBackBudget(runId: string): Promise<void> {
  await getDb().$executeRawUnsafe(`UPDATE agent_run SET budget_used = greatest(0, budget_used - 1) WHERE id = $1`, runId);
}

export async function traceItem(item: ClaimedItem, context: CrawlContext, worker = WORKER_ID): Promise<ItemResult> {
  const { run } = context;
  const end = async (outcome: ItemOutcome, upstreams: string[] = []): Promise<ItemResult> => {
    const { added } = await endItem({ item, worker, outcome, upstreams: { keys: upstreams, depth: run.depth } });
    return { state: outcome.state, added, notBefore: outcome.notBefore };
  };
  if (Date.now() >= context.deadline) return end({ state: "SKIPPED", error: SKIP_REASON.time });

  let lease;
  try {
    lease = await takeLease(item.key, run.id, context.signal);
  } catch (error) {
    if (context.signal.aborted) return end({ state: "SKIPPED", error: SKIP_REASON.time });
    throw error;
  }
  try {
    const stored = await context.store.crawlState(item.key);
    if (stored && DONE.has(stored.state)) return end({ state: "DONE", fromStore: true }, stored.upstreams);
    if (!(await takeBudget(run.id))) return end({ state: "SKIPPED", error: SKIP_REASON.budget });
    try {
      const outcome = await traceDataset(context.graph, item.key);
      const counts: ItemCounts & { notOnHub?: number } = {
        edgesCreated: outcome.edgesCreated,
        edgesUpdated: outcome.edgesUpdated,
        evidenceAdded: outcome.evidenceAdded,
        nodesCreated: outcome.nodesCreated,
        ...(outcome.notOnHub ? { notOnHub: 1 } : {}),
      };
      return await end({ state: "DONE", counts }, outcome.next);
    } catch (error) {
      await giveBackBudget(run.id);
      return await failed(error);
    }
  } finally {
    await lease.release().catch(() => undefined);
  }

  async function failed(error: unknown): Promise<ItemResult> {
    if (context.signal.aborted && !isHubWait(error)) return end({ state: "SKIPPED", error: SKIP_REASON.time });
    if (isHubWait(error)) {
      // The Hub asked us to wait: the item goes back to the queue until then; the rest of the crawl goes on.
      const plan = planDeferral(error, item.attempts - 1);
      if (plan.kind === "defer" && item.attempts <= MAX_RUN_DEFERRALS) return end({ state: "QUEUED", error: context.redact(plan.message), notBefore: plan.notBefore });
      return end({ state: "FAILED", error: context.redact(plan.message), counts: failureCounts("HUB_UNREACHABLE") });
    }
    const message = context.redact(error instanceof Error ? error.message : String(error));
    const kind = context.failureKindOf(error);
    if (kind && item.attempts < MAX_ATTEMPTS && !stopsTheCrawl(error)) return end({ state: "QUEUED", error: message, notBefore: new Date(Date.now() + RETRY_AFTER_MS) });
    await context.store.markFailed(item.key, message).catch(() => undefined);
    return end({ state: "FAILED", error: message, counts: failureCounts(kind ?? (isAppError(error) && error.code === "not_found:dataset" ? "NOT_ON_HUB" : null)) });
  }
}

/** A failure kind rides in the item's counts (1 under its name), so the run can say it in plain words. */
function failureCounts(kind: string | null): ItemCounts {
  return { edgesCreated: 0, edgesUpdated: 0, evidenceAdded: 0, nodesCreated: 0, ...(kind ? { [`failure_${kind}`]: 1 } : {}) };
}
