"use client";

import { SEVERITY_LABELS, type DatasetContamination, type DatasetFlag, type Severity } from "@/lib/contamination/types";
import { evalSetLabel, percent, reasonText } from "./format";
import { PathSteps } from "./PathSteps";

const SEVERITY_STYLE: Record<Severity, string> = {
  CONTAMINATED: "border-red-700 bg-red-50 text-red-950",
  POSSIBLE: "border-orange-700 bg-orange-50 text-orange-950",
  MITIGATED: "border-green-700 bg-green-50 text-green-950",
  TRAIN_LINEAGE: "border-slate-400 bg-slate-50 text-slate-800",
};

type Props = {
  data: DatasetContamination | null;
  error: string | null;
  loading: boolean;
  nameOf: (key: string) => string;
  /** The evaluation set whose path is drawn out in the graph, if any. */
  shownBenchmark: string | null;
  onShowPath?: (benchmark: string, path: string[]) => void;
  onHidePath?: () => void;
};

/** Whether a flag is the one a `path=` value names (its set id, or its host's key in older links). */
export function flagMatches(flag: Pick<DatasetFlag, "benchmark" | "host">, ref: string | null): boolean {
  return !!ref && (flag.benchmark.toLowerCase() === ref.toLowerCase() || flag.host.toLowerCase() === ref.toLowerCase());
}

function Measured({ flag, threshold }: { flag: DatasetFlag; threshold: number }) {
  if (!flag.measured.length) return null;
  return (
    <div data-testid="measured-overlap" className="text-xs">
      <p className="font-medium">Measured overlap{flag.measuredAgainst ? " (evidence against this flag)" : ""}:</p>
      <ul className="list-disc pl-5">
        {flag.measured.map((m, i) => (
          <li key={i}>
            {percent(m.overlap)} of its samples match {m.evalSet === flag.benchmark ? flag.name : m.evalSet} ({m.split === "ALL" ? "all splits" : `${m.split.toLowerCase()} split`}), {m.method}
            {m.overlap >= threshold ? "" : ", below the threshold"}
            {m.url && (
              <>
                {" · "}
                <a href={m.url} target="_blank" rel="noopener noreferrer nofollow" className="text-blue-800 underline">
                  source
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
      {flag.severity === "MITIGATED" && flag.measured.some((m) => m.evalSet === flag.benchmark && m.overlap >= threshold) && (
        <p>The decontamination statement stands as recorded, but this measurement contradicts it.</p>
      )}
    </div>
  );
}

function FlagCard({ flag, data, nameOf, shown, onShowPath, onHidePath }: { flag: DatasetFlag; data: DatasetContamination } & Pick<Props, "nameOf" | "onShowPath" | "onHidePath"> & { shown: boolean }) {
  const label = evalSetLabel(flag);
  const first = flag.details[0];
  const drawable = first && first.keys.length > 1 ? first : flag.details.find((p) => p.keys.length > 1);
  const more = flag.pathCount - flag.details.length;
  return (
    <li data-testid="contamination-flag" data-benchmark={flag.benchmark} data-severity={flag.severity} className={`space-y-1.5 rounded-md border p-2 text-sm ${SEVERITY_STYLE[flag.severity]}`}>
      <p>
        <span className="font-semibold">{SEVERITY_LABELS[flag.severity]}</span> by <span className="font-semibold">{label}</span>
        {flag.distance > 0 ? `, ${flag.distance} ${flag.distance === 1 ? "step" : "steps"} away` : ""}
        {flag.measuredOnly ? " (measured only)" : ""}.
      </p>
      <p className="text-xs">{reasonText(flag, nameOf)}</p>
      <Measured flag={flag} threshold={data.threshold} />
      {flag.details.length > 0 && (
        <details open={shown} className="space-y-1" data-testid="flag-paths">
          <summary className="cursor-pointer text-xs font-medium" data-testid="path-count">
            {flag.pathCount === 1 ? "1 path and its evidence" : `${flag.pathCount.toLocaleString("en")} paths and their evidence`}
            {more > 0 ? ` (the first ${flag.details.length}, shortest and worst first)` : ""}: {first!.keys.map((k) => nameOf(k)).join(" → ")}
            {flag.details.length > 1 ? " …" : ""}
          </summary>
          <ol className="mt-1 space-y-1">
            {flag.details.map((path, i) => (
              <li key={path.keys.join(">")} data-testid="contamination-path">
                <details open={i === 0} className="rounded border border-slate-300/70 bg-white/60 p-1.5">
                  <summary className="cursor-pointer text-xs">{path.keys.map((k) => nameOf(k)).join(" → ")}</summary>
                  <div className="mt-1">
                    <PathSteps path={path} setName={label} nameOf={nameOf} />
                  </div>
                </details>
              </li>
            ))}
          </ol>
        </details>
      )}
      {onShowPath && drawable && (
        <button
          type="button"
          data-testid="show-contamination-path"
          aria-pressed={shown}
          onClick={() => (shown ? onHidePath?.() : onShowPath(flag.benchmark, drawable.keys))}
          className="btn btn-small"
        >
          {shown ? "Hide the path" : `Show how ${flag.name} reaches it`}
        </button>
      )}
    </li>
  );
}

/**
 * Which evaluation sets' data reaches the selected dataset, why, by every path (the first 20
 * listed, all counted), on what evidence, and what measurements say. Training-split lineage
 * is listed apart: worth knowing, not contamination.
 */
export function ContaminationPanel({ data, error, loading, nameOf, shownBenchmark, onShowPath, onHidePath }: Props) {
  const flags = data?.flags ?? [];
  const serious = flags.filter((f) => f.severity !== "TRAIN_LINEAGE");
  const train = flags.filter((f) => f.severity === "TRAIN_LINEAGE");
  const names = (key: string) => data?.nodes[key]?.name ?? nameOf(key);
  const unflagged = data?.measurements.filter((m) => !flags.some((f) => f.benchmark === m.evalSet)) ?? [];
  return (
    <section data-testid="contamination-panel" aria-label="Benchmark contamination" className="space-y-2">
      <h3 className="text-sm font-semibold">Benchmark contamination</h3>
      {loading && !data && <p className="text-sm text-slate-700">Checking the paths from registered evaluation sets…</p>}
      {error && (
        <p role="alert" className="text-sm text-red-900">
          Could not check contamination: {error}
        </p>
      )}
      {data && !serious.length && (
        <p className="text-sm text-slate-700" data-testid="contamination-none">
          No registered evaluation set&apos;s items reach it through the recorded lineage, and no measurement says otherwise.
        </p>
      )}
      <ul className="space-y-2">
        {data &&
          serious.map((flag) => (
            <FlagCard key={flag.benchmark} flag={flag} data={data} nameOf={names} shown={flagMatches(flag, shownBenchmark)} onShowPath={onShowPath} onHidePath={onHidePath} />
          ))}
      </ul>
      {unflagged.length > 0 && (
        <div className="text-xs text-slate-800" data-testid="measured-clean">
          <p className="font-medium">Measured, no flag:</p>
          <ul className="list-disc pl-5">
            {unflagged.map((m, i) => (
              <li key={i}>
                {percent(m.overlap)} overlap with {evalSetLabel(m)} ({m.split.toLowerCase()}), {m.method}
              </li>
            ))}
          </ul>
        </div>
      )}
      {train.length > 0 && (
        <p className="text-xs text-slate-700" data-testid="contamination-train">
          Training-split lineage (legitimate, not contamination): {train.map((f) => evalSetLabel(f)).join(", ")}.
        </p>
      )}
    </section>
  );
}
