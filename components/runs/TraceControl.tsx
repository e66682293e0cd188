"use client";

import { useState } from "react";
import { api } from "@/lib/http/client-api";
import { isActiveRun, type RunView } from "@/lib/runs/types";
import { RunProgress } from "./RunProgress";
import { useRun } from "./useRun";

type Props = {
  datasetKey: string;
  /** A run already under way for this dataset (re-attach after a reload or for a second visitor). */
  initialRun?: RunView | null;
  label?: string;
  onDone: (run: RunView) => void;
};

/** "Trace its sources from the Hub": starts (or joins) a run and follows it to the end. */
export function TraceControl({ datasetKey, initialRun = null, label = "Trace its sources from the Hub", onDone }: Props) {
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
  return (
    <div className="space-y-2" data-testid="trace-control">
      {!busy && run?.state !== "SUCCEEDED" && (
        <button type="button" data-testid="trace-upstream" onClick={start} className="btn">
          {run?.state === "FAILED" ? "Try the trace again" : label}
        </button>
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
