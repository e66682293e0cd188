"use client";

import { useState } from "react";
import { api } from "@/lib/http/client-api";
import { isActiveRun, type RunView } from "@/lib/runs/types";
import { RunProgress } from "./RunProgress";
import { useRun } from "./useRun";

type Props = {
  datasetKey: string;
  /** A run under way for this dataset (re-attach after a reload or for a second visitor), or its last failed one. */
  initialRun?: RunView | null;
  label?: string;
  /** Whether this person may start traces (reviewers, or the single user of a local install); the server checks again. */
  canTrace?: boolean;
  onDone: (run: RunView) => void;
};

/** "Trace its sources from the Hub": starts (or joins) a run and follows it to the end. */
export function TraceControl({ datasetKey, initialRun = null, label = "Trace its sources from the Hub", canTrace = true, onDone }: Props) {
  const [started, setStarted] = useState<{ run: RunView; shared: boolean } | null>(initialRun ? { run: initialRun, shared: isActiveRun(initialRun) } : null);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { run, error } = useRun(started?.run ?? null, onDone);

  async function start() {
    setPending(true);
    setFailure(null);
    try {
      const result = await api.trace({ key: datasetKey });
      if (!result.ok) setFailure(result.error.message);
      else setStarted({ run: result.run, shared: result.shared });
    } catch {
      setFailure("The trace could not be started. Try again.");
    } finally {
      setPending(false);
    }
  }

  const busy = pending || (run ? isActiveRun(run) : false);
  const failed = run?.state === "FAILED";
  return (
    <div className="space-y-2" data-testid="trace-control">
      {!busy && run?.state !== "SUCCEEDED" && canTrace && (
        <button type="button" data-testid={failed ? "trace-retry" : "trace-upstream"} onClick={start} className="btn">
          {failed ? "Try again" : label}
        </button>
      )}
      {!busy && run?.state !== "SUCCEEDED" && !canTrace && (
        <p data-testid="trace-not-allowed" className="text-sm text-slate-700">
          Reviewers can {failed ? "try this trace again" : "trace its sources"}: sign in with a reviewer account.
        </p>
      )}
      {pending && !run && <p role="status">Starting the trace…</p>}
      {failure && (
        <p role="alert" className="text-sm text-red-900">
          {failure}
        </p>
      )}
      {run && <RunProgress run={run} error={error} shared={started?.shared} />}
    </div>
  );
}
