"use client";

import Link from "next/link";
import { keyToPath } from "@/lib/keys";
import type { DatasetAnalysis } from "./useDatasetAnalysis";

type Props = {
  data: DatasetAnalysis | null;
  error: string | null;
  loading: boolean;
  nameOf: (key: string) => string;
  /** The ancestor whose paths are drawn out, if any. */
  shownTwice: string | null;
  onShowTwice?: (ancestor: string) => void;
  onHideTwice?: () => void;
};

/**
 * The selected dataset's place in the lineage: depth, fan-in, roots and ancestors; the
 * ancestors it reaches through two or more of its sources (drawable); and the datasets most
 * alike it by ancestry.
 */
export function AnalysisPanel({ data, error, loading, nameOf, shownTwice, onShowTwice, onHideTwice }: Props) {
  return (
    <section data-testid="analysis-panel" aria-label="Lineage measures" className="space-y-2 text-sm">
      <h3 className="text-sm font-semibold">Lineage measures</h3>
      {loading && !data && <p className="text-slate-700">Measuring…</p>}
      {error && (
        <p role="alert" className="text-red-900">
          Could not measure the lineage: {error}
        </p>
      )}
      {data && (
        <>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5" data-testid="dataset-measures">
            <dt className="text-slate-700" title="The longest upstream path, in edges, to a root">Depth</dt>
            <dd data-measure="depth">{data.measures.depth}</dd>
            <dt className="text-slate-700" title="The number of direct upstreams">Fan-in</dt>
            <dd data-measure="fanIn">{data.measures.fanIn}</dd>
            <dt className="text-slate-700" title="Ancestors with no upstream in the store">Roots</dt>
            <dd data-measure="roots">
              {data.measures.roots.length ? (
                <details>
                  <summary className="cursor-pointer">{data.measures.roots.length}</summary>
                  <ul className="mt-1 max-h-40 overflow-y-auto text-xs" tabIndex={0}>
                    {data.measures.roots.map((r) => (
                      <li key={r}>
                        <Link href={`/datasets/${keyToPath(r)}?down=2`} className="text-blue-700 underline">
                          {nameOf(r)}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : (
                0
              )}
            </dd>
            <dt className="text-slate-700" title="Every node reachable upstream">Ancestors</dt>
            <dd data-measure="ancestors">{data.measures.ancestors}</dd>
          </dl>

          {data.redundancy.shared.length > 0 && (
            <div data-testid="reached-twice">
              <p className="font-medium">
                Reached twice{" "}
                <span className="font-normal text-slate-700">
                  (redundancy {data.redundancy.score.toFixed(3)}; {data.redundancy.sharedTotal} {data.redundancy.sharedTotal === 1 ? "ancestor" : "ancestors"})
                </span>
              </p>
              <ul className="space-y-1">
                {data.redundancy.shared.slice(0, 8).map((s) => {
                  const shown = shownTwice?.toLowerCase() === s.ancestor.toLowerCase();
                  return (
                    <li key={s.ancestor} data-testid="shared-ancestor" data-ancestor={s.ancestor}>
                      <span className="font-medium">{nameOf(s.ancestor)}</span> through {s.via.map(nameOf).join(" and ")}{" "}
                      {onShowTwice && (
                        <button type="button" className="btn btn-small" data-testid="show-twice" aria-pressed={shown} onClick={() => (shown ? onHideTwice?.() : onShowTwice(s.ancestor))}>
                          {shown ? "Hide paths" : "Draw the paths"}
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            </div>
          )}

          {data.similar.length > 0 && (
            <div data-testid="most-similar">
              <p className="font-medium">Most similar by ancestry</p>
              <ul>
                {data.similar.map((s) => (
                  <li key={s.dataset}>
                    <Link href={`/datasets/${keyToPath(s.dataset)}`} className="text-blue-700 underline">
                      {nameOf(s.dataset)}
                    </Link>{" "}
                    <span className="text-xs text-slate-700">
                      {s.weighted.toFixed(2)} ·{" "}
                      <Link href={`/compare?d=${encodeURIComponent(data.measures.dataset)}&d=${encodeURIComponent(s.dataset)}`} className="underline">
                        compare
                      </Link>
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
