import type { Metadata } from "next";
import Link from "next/link";
import { percent, windowText } from "@/components/contamination/format";
import { FlagTable } from "@/components/contamination/FlagTable";
import { ReachChart } from "@/components/contamination/ReachChart";
import { evalSetLabel, SEVERITIES, SEVERITY_LABELS, type SeverityCounts } from "@/lib/contamination/types";
import { keyToPath } from "@/lib/keys";
import { pageMetadata } from "@/lib/seo/metadata";
import { getContaminationOverview } from "@/lib/server/contamination/contamination";

export const dynamic = "force-dynamic";
export const metadata: Metadata = pageMetadata("Benchmark contamination", "Where benchmark evaluation sets' items reach in the lineage of post-training datasets: flagged datasets by severity, per evaluation set and benchmark family, with the paths.", "/contamination");

function Counts({ counts }: { counts: SeverityCounts }) {
  return (
    <>
      {SEVERITIES.map((s) => (
        <td key={s} className="py-1.5 pr-3 text-right tabular-nums" data-severity={s}>
          {counts[s]}
        </td>
      ))}
    </>
  );
}

function SeverityHeads() {
  return (
    <>
      {SEVERITIES.map((s) => (
        <th key={s} scope="col" className="py-2 pr-3 text-right">
          {SEVERITY_LABELS[s]}
        </th>
      ))}
    </>
  );
}

/** Where benchmark test data reaches, across the whole graph (computed on request: never stale). */
export default async function ContaminationPage() {
  const overview = await getContaminationOverview();
  const sets = overview.benchmarks;
  const labelOf = new Map(sets.map((b) => [b.benchmark, evalSetLabel(b)]));
  return (
    <article className="space-y-6">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold">Benchmark contamination</h1>
        <p className="text-slate-700">
          A benchmark is a family of dated <strong>evaluation sets</strong> (AIME 2024, MATH test, a LiveCodeBench window). A set&apos;s items enter the lineage only
          through a node that holds them — the set itself, or a source whose window covers the set&apos;s months — and never pass through a dataset created before
          they existed. A dataset is <strong>contaminated</strong> when its path starts with an evaluation split of the set (or a copy of it), when it holds the
          items itself, or when a measurement found them; <strong>possibly contaminated</strong> when the split is not stated or the source holds more than the set;{" "}
          <strong>mitigated</strong> when a dataset on the way states it was decontaminated. Paths from a training split are <strong>training-split lineage</strong>:
          listed, not flagged.
        </p>
        <p className="text-sm text-slate-600">
          {overview.rows.length} flags over {sets.length} evaluation sets in {overview.families.length} families, computed in {overview.computeMs} ms from the current
          graph. Measured overlap counts as contamination from {percent(overview.threshold)}.{" "}
          <a href="/api/contamination?format=csv" download data-testid="flags-csv" className="text-blue-700 underline">
            Download every flag (CSV)
          </a>
        </p>
      </header>

      <section aria-labelledby="families-title" className="space-y-3">
        <h2 id="families-title" className="text-lg font-semibold">
          By benchmark family
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">Each dataset counts once per family, at its worst severity over the family&apos;s evaluation sets.</p>
        <div className="overflow-x-auto">
          <table data-testid="family-table" className="w-full min-w-[640px] border-collapse text-left text-sm">
            <caption className="sr-only">Datasets reached per benchmark family, by severity</caption>
            <thead className="border-b border-slate-300 text-xs uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="py-2 pr-3">Family</th>
                <th scope="col" className="py-2 pr-3">Evaluation sets</th>
                <SeverityHeads />
              </tr>
            </thead>
            <tbody>
              {overview.families.map((f) => (
                <tr key={f.family} data-testid="family-row" data-family={f.family} className="border-b border-slate-100">
                  <th scope="row" className="py-1.5 pr-3 text-left font-medium">
                    {f.family}
                  </th>
                  <td className="py-1.5 pr-3 text-xs text-slate-700">{f.evalSets.map((id) => sets.find((b) => b.benchmark === id)?.name ?? id).join(", ")}</td>
                  <Counts counts={f.counts} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="reach-title" className="space-y-3">
        <h2 id="reach-title" className="text-lg font-semibold">
          By evaluation set
        </h2>
        <ReachChart reach={sets} />
        <div className="overflow-x-auto">
          <table data-testid="reach-table" className="w-full min-w-[760px] border-collapse text-left text-sm">
            <caption className="sr-only">Datasets reached per evaluation set, by severity</caption>
            <thead className="border-b border-slate-300 text-xs uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="py-2 pr-3">Evaluation set</th>
                <th scope="col" className="py-2 pr-3">Items</th>
                <SeverityHeads />
                <th scope="col" className="py-2 pr-3 text-right">Measured</th>
              </tr>
            </thead>
            <tbody>
              {sets.map((b) => (
                <tr key={b.benchmark} data-testid="reach-row" data-benchmark={b.benchmark} className="border-b border-slate-100">
                  <th scope="row" className="py-1.5 pr-3 text-left font-normal">
                    <Link href={`/datasets/${keyToPath(b.host)}?down=3&bench=${encodeURIComponent(b.benchmark)}`} className="text-blue-700 underline">
                      {evalSetLabel(b)}
                    </Link>{" "}
                    <span className="font-mono text-xs text-slate-700">{b.host}</span>
                  </th>
                  <td className="py-1.5 pr-3 text-xs">{windowText(b.window)}</td>
                  <Counts counts={b.counts} />
                  <td className="py-1.5 pr-3 text-right tabular-nums" data-measured>
                    {b.measured}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {overview.downstream.length > 0 && (
        <section aria-labelledby="downstream-title" className="space-y-2">
          <h2 id="downstream-title" className="text-lg font-semibold">
            Largest downstream families
          </h2>
          <p className="max-w-3xl text-sm text-slate-700">Flagged datasets grouped by the first dataset a set&apos;s items passed through.</p>
          <ol className="list-decimal space-y-1 pl-6 text-sm" data-testid="families">
            {overview.downstream.slice(0, 12).map((f) => (
              <li key={`${f.benchmark}|${f.via}`}>
                <Link href={`/datasets/${keyToPath(f.via)}?down=3&bench=${encodeURIComponent(f.benchmark)}`} className="text-blue-700 underline">
                  {f.viaName}
                </Link>{" "}
                carries {labelOf.get(f.benchmark) ?? f.benchmark} items into {f.datasets} {f.datasets === 1 ? "dataset" : "datasets"}
              </li>
            ))}
          </ol>
        </section>
      )}

      <section aria-labelledby="flags-title" className="space-y-2">
        <h2 id="flags-title" className="text-lg font-semibold">
          Every flag
        </h2>
        <FlagTable rows={overview.rows} benchmarks={sets.map((b) => ({ key: b.benchmark, label: evalSetLabel(b), family: b.family }))} />
      </section>
    </article>
  );
}
