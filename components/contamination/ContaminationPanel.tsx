"use client";

import { SEVERITY_LABELS, type Severity } from "@/lib/contamination/types";
import { RELATION_LABELS, type Relation } from "@/lib/lineage/types";
import type { DatasetFlags } from "./useContamination";

const SEVERITY_STYLE: Record<Severity, string> = {
  CONTAMINATED: "border-red-700 bg-red-50 text-red-900",
  POSSIBLE: "border-orange-700 bg-orange-50 text-orange-900",
  MITIGATED: "border-green-700 bg-green-50 text-green-900",
  TRAIN_LINEAGE: "border-slate-400 bg-slate-50 text-slate-800",
};

type Props = {
  data: DatasetFlags | null;
  error: string | null;
  loading: boolean;
  nameOf: (key: string) => string;
  /** The benchmark whose path is drawn out in the graph, if any. */
  shownBenchmark: string | null;
  onShowPath?: (benchmark: string, path: string[]) => void;
  onHidePath?: () => void;
};

/**
 * Which benchmarks' data reaches the selected dataset, by which path, on what evidence.
 * Training-split lineage is listed apart: worth knowing, not contamination.
 */
export function ContaminationPanel({ data, error, loading, nameOf, shownBenchmark, onShowPath, onHidePath }: Props) {
  const flags = data?.flags ?? [];
  const serious = flags.filter((f) => f.severity !== "TRAIN_LINEAGE");
  const train = flags.filter((f) => f.severity === "TRAIN_LINEAGE");
  return (
    <section data-testid="contamination-panel" aria-label="Benchmark contamination" className="space-y-2">
      <h3 className="text-sm font-semibold">Benchmark contamination</h3>
      {loading && <p className="text-sm text-slate-700">Checking the paths from registered benchmarks…</p>}
      {error && (
        <p role="alert" className="text-sm text-red-900">
          Could not check contamination: {error}
        </p>
      )}
      {data && !serious.length && (
        <p className="text-sm text-slate-700" data-testid="contamination-none">
          No registered benchmark&apos;s evaluation data reaches it through the recorded lineage.
        </p>
      )}
      <ul className="space-y-2">
        {serious.map((flag) => {
          const shown = shownBenchmark?.toLowerCase() === flag.benchmark.toLowerCase();
          const path = flag.details[0];
          return (
            <li key={flag.benchmark} data-testid="contamination-flag" data-benchmark={flag.benchmark} data-severity={flag.severity} className={`space-y-1 rounded-md border p-2 text-sm ${SEVERITY_STYLE[flag.severity]}`}>
              <p>
                <span className="font-semibold">{SEVERITY_LABELS[flag.severity]}</span> by {nameOf(flag.benchmark)} ({flag.family}), {flag.distance} {flag.distance === 1 ? "step" : "steps"} away
                {flag.paths.length > 1 ? `, ${flag.paths.length} paths` : ""}.
              </p>
              {path && (
                <ol className="flex flex-wrap items-center gap-1 text-xs" aria-label="Path">
                  {path.keys.map((k, i) => (
                    <li key={`${k}-${i}`} className="flex items-center gap-1">
                      {i > 0 && <span aria-hidden>→</span>}
                      <span className="font-mono">{nameOf(k)}</span>
                    </li>
                  ))}
                </ol>
              )}
              {path && (
                <details>
                  <summary className="cursor-pointer text-xs underline">Evidence for each step</summary>
                  <ul className="mt-1 space-y-1 text-xs text-slate-900">
                    {path.steps.map((step) => (
                      <li key={`${step.upstream}>${step.downstream}`}>
                        <span className="font-medium">
                          {nameOf(step.upstream)} → {nameOf(step.downstream)}
                        </span>
                        : {RELATION_LABELS[step.relation as Relation] ?? step.relation}, split {step.split.toLowerCase()}, confidence {Math.round(step.confidence * 100)}%
                        {step.evidence
                          .filter((e) => e.quote)
                          .slice(0, 2)
                          .map((e, i) => (
                            <blockquote key={i} className="mt-0.5 border-l-2 border-slate-400 pl-2 italic">
                              {e.quote}
                            </blockquote>
                          ))}
                      </li>
                    ))}
                    {path.mitigation && (
                      <li>
                        <span className="font-medium">{nameOf(path.mitigation.dataset)}</span> states it was cleaned of it:
                        {path.mitigation.evidence.slice(0, 2).map((e, i) => (
                          <blockquote key={i} className="mt-0.5 border-l-2 border-green-700 pl-2 italic">
                            {e.quote ?? e.url ?? e.source}
                          </blockquote>
                        ))}
                      </li>
                    )}
                  </ul>
                </details>
              )}
              {onShowPath && path && (
                <button
                  type="button"
                  data-testid="show-contamination-path"
                  aria-pressed={shown}
                  onClick={() => (shown ? onHidePath?.() : onShowPath(flag.benchmark, path.keys))}
                  className="btn btn-small"
                >
                  {shown ? "Hide the path" : `Show how ${flag.family} reaches it`}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {train.length > 0 && (
        <p className="text-xs text-slate-700" data-testid="contamination-train">
          Training-split lineage (legitimate, not contamination): {train.map((f) => f.family).join(", ")}.
        </p>
      )}
    </section>
  );
}
