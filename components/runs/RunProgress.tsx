import Link from "next/link";
import { FAILURE_KIND_LABEL } from "@/lib/runs/outcome";
import { describeProgress } from "@/lib/runs/progress";
import { AGENT_LABELS, isActiveRun, type RunView } from "@/lib/runs/types";

const count = (n: number | undefined, one: string) => `${n ?? 0} ${n === 1 ? one : `${one}s`}`;

const STATE_TEXT: Record<RunView["state"], string> = {
  QUEUED: "Waiting for a worker…",
  RUNNING: "Tracing…",
  SUCCEEDED: "Done",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

/** Shown while the agents work: the steps as they happen, then the outcome. Text only. */
export function RunProgress({ run, error, shared }: { run: RunView; error?: string | null; shared?: boolean }) {
  const steps = run.steps;
  const counts = run.counts;
  // A run the Hub asked to wait was put back in the queue until then (lib/server/runs/deferral.ts).
  const waitingUntil = run.state === "QUEUED" && typeof counts.notBefore === "number" ? new Date(counts.notBefore) : null;
  // A failure with plain words (not on the Hub, Hub unreachable) says so; its message is the whole story.
  const failureKind = run.state === "FAILED" ? run.failureKind : null;
  return (
    <section data-testid="run-progress" data-run={run.id} data-state={run.state} data-failure={failureKind ?? undefined} aria-label={`Trace of ${run.targetKey}`} className="space-y-2 rounded-md border border-slate-300 bg-slate-50 p-3 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        {(run.state === "QUEUED" || run.state === "RUNNING") && <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-slate-400 border-t-blue-700" />}
        <span role="status" data-testid="run-state" className="font-medium">
          {waitingUntil
            ? `Waiting for the Hub until ${waitingUntil.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}…`
            : failureKind
              ? `Failed: ${FAILURE_KIND_LABEL[failureKind]}`
              : STATE_TEXT[run.state]}
        </span>
        <span className="text-slate-700">
          {run.targetKey} · depth {run.depth} · {run.model}
          {shared && isActiveRun(run) ? " · joined a run already under way" : ""}
        </span>
        <Link href={`/runs/${run.id}`} className="text-blue-700 underline">
          Run details
        </Link>
      </p>
      {run.progress && (
        // A crawl spread over workers: where it stands as a whole (its steps are each worker's own).
        <p data-testid="run-crawl-progress" className="text-slate-800">
          Datasets: {describeProgress(run.progress)}
        </p>
      )}
      {steps.length > 0 && (
        <ol className="max-h-56 space-y-1 overflow-y-auto" aria-live="polite" aria-label="Agent steps" tabIndex={0}>
          {steps.map((step, i) => (
            <li key={`${step.at}-${i}`} data-testid="run-step" data-agent={step.agent} className="break-words">
              <span className="font-medium">{AGENT_LABELS[step.agent]}</span> <span className="font-mono text-xs text-slate-700">{step.key}</span>: {step.message}
              {step.durationMs !== undefined && <span className="text-slate-600"> ({step.durationMs} ms)</span>}
            </li>
          ))}
        </ol>
      )}
      {run.state === "SUCCEEDED" && (
        <p data-testid="run-summary">
          Traced {count(counts.traced, "dataset")} ({counts.fromStore ?? 0} already known), added {count(counts.edgesCreated, "edge")} and {count(counts.evidenceAdded, "quote")}
          {counts.budgetExhausted ? "; stopped at the node budget" : ""}
          {counts.timeBudgetExhausted ? "; stopped at the time budget (what was read is kept)" : ""}.
        </p>
      )}
      {run.error && (
        <p role="alert" data-testid="run-error" className="text-red-900">
          {failureKind ? "" : run.state === "FAILED" ? "The trace failed: " : waitingUntil ? "Paused: " : "The last attempt failed and will be retried: "}
          {run.error}
        </p>
      )}
      {error && <p className="text-amber-900">{error}</p>}
    </section>
  );
}
