import Link from "next/link";
import { formatCount } from "@/lib/format";
import { keyToPath } from "@/lib/keys";
import { FAILURE_KIND_LABEL } from "@/lib/runs/outcome";
import { describeProgress } from "@/lib/runs/progress";
import type { RunView } from "@/lib/runs/types";

function duration(run: RunView): string {
  if (!run.startedAt) return "—";
  const ms = Date.parse(run.finishedAt ?? new Date().toISOString()) - Date.parse(run.startedAt);
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Runs, newest first: what was traced, by which model, how it ended. */
export function RunTable({ runs }: { runs: RunView[] }) {
  if (!runs.length) return <p data-testid="runs-empty">No trace runs yet. Open a dataset and expand a node that has never been traced, or run `npm run lineage -- trace`.</p>;
  return (
    <div className="overflow-x-auto">
      <table data-testid="runs-table" className="w-full min-w-[880px] border-collapse text-left text-sm">
        <caption className="sr-only">Trace runs, newest first</caption>
        <thead className="border-b border-slate-300 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3">Started</th>
            <th scope="col" className="py-2 pr-3">Dataset</th>
            <th scope="col" className="py-2 pr-3">State</th>
            <th scope="col" className="py-2 pr-3">Model</th>
            <th scope="col" className="py-2 pr-3 text-right">Depth</th>
            <th scope="col" className="py-2 pr-3 text-right">Traced</th>
            <th scope="col" className="py-2 pr-3">Progress</th>
            <th scope="col" className="py-2 pr-3 text-right">Edges added</th>
            <th scope="col" className="py-2 pr-3 text-right">Time</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid="run-row" data-state={run.state} data-failure={run.failureKind ?? undefined} className="border-b border-slate-100 align-top">
              <td className="py-2 pr-3 whitespace-nowrap">
                <Link href={`/runs/${run.id}`} className="text-blue-700 underline">
                  {run.createdAt.slice(0, 19).replace("T", " ")}
                </Link>
              </td>
              <td className="py-2 pr-3 break-all">
                <Link href={`/datasets/${keyToPath(run.targetKey)}`} className="text-blue-700 underline">
                  {run.targetKey}
                </Link>
                {run.seeds.length > 1 && <span className="text-slate-600"> +{run.seeds.length - 1} seeds</span>}
              </td>
              <td className="py-2 pr-3">
                {run.state.toLowerCase()}
                {run.state === "FAILED" && run.failureKind && <span data-testid="run-failure-kind" className="font-medium">: {FAILURE_KIND_LABEL[run.failureKind]}</span>}
                {/* A plain-worded failure is short and says what to do: shown whole; other errors are cut to a line. */}
                {run.error && (
                  <span className={run.failureKind ? "block max-w-sm text-red-900" : "block max-w-xs truncate text-red-900"} title={run.error}>
                    {run.error}
                  </span>
                )}
              </td>
              <td className="py-2 pr-3 font-mono text-xs">{run.model}</td>
              <td className="py-2 pr-3 text-right">{run.depth}</td>
              <td className="py-2 pr-3 text-right">{formatCount(run.counts.traced ?? null)}</td>
              <td className="py-2 pr-3 text-xs text-slate-700" data-testid="run-crawl-progress">
                {run.progress ? describeProgress(run.progress) : "—"}
              </td>
              <td className="py-2 pr-3 text-right">{formatCount(run.counts.edgesCreated ?? null)}</td>
              <td className="py-2 pr-3 text-right whitespace-nowrap">{duration(run)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
