"use client";

import { evalSetLabel, type EvalSetInfo } from "@/lib/contamination/types";

type Props = {
  traceError: string | null;
  onDismissTrace: () => void;
  loadError: string | null;
  onDismissLoad: () => void;
  /** A `bench=` the registry does not know. */
  unknownBenchmark: string | null;
  /** The benchmark filter at work: the set, how many drawn nodes it reaches, and through how many its items enter. */
  benchmark: { set: EvalSetInfo; reached: number; entries: number; of: number } | null;
  onShowEveryNode: () => void;
};

function Dismissable({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <div role="alert" className="flex items-start gap-3 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
      <p className="flex-1">{message}</p>
      <button type="button" onClick={onDismiss} className="btn btn-small">
        Dismiss
      </button>
    </div>
  );
}

/** What the explorer has to say above the graph: failed traces and loads, and the benchmark filter's summary. */
export function ExplorerAlerts({ traceError, onDismissTrace, loadError, onDismissLoad, unknownBenchmark, benchmark, onShowEveryNode }: Props) {
  return (
    <>
      {traceError && <Dismissable message={traceError} onDismiss={onDismissTrace} />}
      {unknownBenchmark && (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          “{unknownBenchmark}” is not a registered evaluation set; showing every node.
        </p>
      )}
      {benchmark && (
        <p role="status" data-testid="benchmark-filter-summary" className="rounded border border-slate-300 bg-slate-50 px-3 py-2 text-sm text-slate-900">
          {benchmark.reached
            ? `${evalSetLabel(benchmark.set)} reaches ${benchmark.reached} of the ${benchmark.of} drawn nodes`
            : `${evalSetLabel(benchmark.set)} reaches none of the ${benchmark.of} drawn nodes`}
          {benchmark.entries
            ? `; ${benchmark.entries} ${benchmark.entries === 1 ? "node" : "nodes"} its items enter through ${benchmark.entries === 1 ? "is" : "are"} shown too`
            : ""}
          . Colours are its severity for each node.{" "}
          <button type="button" className="underline" onClick={onShowEveryNode}>
            Show every node
          </button>
        </p>
      )}
      {loadError && <Dismissable message={loadError} onDismiss={onDismissLoad} />}
    </>
  );
}
