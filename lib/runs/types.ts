import type { StepEvent } from "@/agents/pipeline/types";
import type { RunFailureKind } from "./outcome";
import type { CrawlProgress } from "./progress";

export const RUN_STATES = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"] as const;
export type RunState = (typeof RUN_STATES)[number];
export const ACTIVE_RUN_STATES: readonly RunState[] = ["QUEUED", "RUNNING"];

/** A run as the API, the explorer and /runs see it. */
export type RunView = {
  id: string;
  targetKey: string;
  seeds: string[];
  state: RunState;
  model: string;
  depth: number;
  nodeBudget: number;
  steps: StepEvent[];
  counts: Record<string, number>;
  error: string | null;
  /** Why a FAILED run failed, when that has plain words (lib/runs/outcome.ts); null otherwise. */
  failureKind: RunFailureKind | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** A crawl spread over workers (lib/server/runs/crawl-run.ts): how far it has got. Absent for runs traced in one go. */
  progress?: CrawlProgress;
};

export const AGENT_LABELS: Record<StepEvent["agent"], string> = {
  run: "Run",
  sourcing: "Sourcing",
  extraction: "Extraction",
  tracing: "Tracing",
  aggregation: "Aggregation",
};

export function isActiveRun(run: Pick<RunView, "state">): boolean {
  return ACTIVE_RUN_STATES.includes(run.state);
}
