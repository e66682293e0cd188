import "server-only";

/**
 * What the request side (runs.ts) and the execution side (execute.ts) of trace runs share: how
 * a run row is shown, the heartbeat timing, and the public names of the endpoints.
 */
import type { StepEvent } from "@/agents/pipeline/types";
import { resolveFetchConfig, resolveHubConfig } from "@/lib/hub/config";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import type { RunState, RunView } from "@/lib/runs/types";

/** Steps kept per run: enough to follow a crawl, bounded so a huge one cannot bloat its row. */
export const MAX_STEPS = 400;

/** How often a worker says its run is alive, and after how long without that the run counts as lost. */
export const RUN_HEARTBEAT_MS = 15_000;
export const RUN_DEAD_AFTER_MS = 60_000;
export const LOST_WORKER_MESSAGE = `The run's worker stopped (no heartbeat for ${RUN_DEAD_AFTER_MS / 1000} s); a new request starts a new run.`;

export type RunRow = Prisma.AgentRunGetPayload<object>;

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
    counts: countsOfRow(row),
    error: row.error,
    failureKind: row.failureKind,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export function countsOfRow(row: Pick<RunRow, "counts">): Record<string, number> {
  return (row.counts && typeof row.counts === "object" && !Array.isArray(row.counts) ? row.counts : {}) as Record<string, number>;
}

/** Steps and errors are public (the /runs pages): the endpoints' addresses are not, so they are named. */
export function publicEndpointNames(): { url: string; name: string }[] {
  const fetchConfig = resolveFetchConfig();
  return [
    { url: resolveHubConfig().hubUrl, name: "the Hub" },
    { url: fetchConfig.arxivEndpoint, name: "the arXiv endpoint" },
    { url: fetchConfig.githubRawEndpoint, name: "the GitHub endpoint" },
  ];
}
