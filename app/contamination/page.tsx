import type { Metadata } from "next";
import Link from "next/link";
import { FlagTable } from "@/components/contamination/FlagTable";
import { ReachChart } from "@/components/contamination/ReachChart";
import { SEVERITY_LABELS } from "@/lib/contamination/types";
import { keyToPath } from "@/lib/keys";
import { getContaminationOverview } from "@/lib/server/contamination";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Benchmark contamination" };

/** Where benchmark test data reaches, across the whole graph (computed on request: never stale). */
export default async function ContaminationPage() {
  const overview = await getContaminationOverview();
  const benchmarks = overview.benchmarks.map((b) => ({ key: b.benchmark, family: b.family }));
  return (
    <article className="space-y-6">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold">Benchmark contamination</h1>
        <p className="text-slate-700">
          A dataset is <strong>contaminated</strong> by a benchmark when a lineage path leads from the benchmark to it and the first step used the benchmark&apos;s
          evaluation split (test or validation, as the registry says); <strong>possibly contaminated</strong> when that step&apos;s split is not stated or is the
          whole dataset. Paths that start from a training split are <strong>training-split lineage</strong>: listed, not flagged. A dataset that states it was
          decontaminated against the benchmark stops it: what is built from it through it is <strong>mitigated</strong>. Benchmarks built from benchmarks count
          (MATH-500 is a subset of MATH&apos;s test split).
        </p>
        <p className="text-sm text-slate-600">
          {overview.rows.length} flags over {overview.benchmarks.length} registered benchmarks, computed in {overview.computeMs} ms from the current graph.
        </p>
      </header>

      <section aria-labelledby="reach-title" className="space-y-3">
        <h2 id="reach-title" className="text-lg font-semibold">
          Reach by benchmark
        </h2>
        <ReachChart reach={overview.benchmarks} />
        <div className="overflow-x-auto">
          <table data-testid="reach-table" className="w-full min-w-[640px] border-collapse text-left text-sm">
            <caption className="sr-only">Datasets reached per benchmark, by severity</caption>
            <thead className="border-b border-slate-300 text-xs uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="py-2 pr-3">Benchmark</th>
                {(["CONTAMINATED", "POSSIBLE", "MITIGATED", "TRAIN_LINEAGE"] as const).map((s) => (
                  <th key={s} scope="col" className="py-2 pr-3 text-right">
                    {SEVERITY_LABELS[s]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {overview.benchmarks.map((b) => (
                <tr key={b.benchmark} data-testid="reach-row" data-benchmark={b.benchmark} className="border-b border-slate-100">
                  <th scope="row" className="py-1.5 pr-3 text-left font-normal">
                    <Link href={`/datasets/${keyToPath(b.benchmark)}?down=3`} className="text-blue-700 underline">
                      {b.family}
                    </Link>{" "}
                    <span className="font-mono text-xs text-slate-700">{b.benchmark}</span>
                  </th>
                  <td className="py-1.5 pr-3 text-right" data-severity="CONTAMINATED">{b.counts.CONTAMINATED}</td>
                  <td className="py-1.5 pr-3 text-right" data-severity="POSSIBLE">{b.counts.POSSIBLE}</td>
                  <td className="py-1.5 pr-3 text-right" data-severity="MITIGATED">{b.counts.MITIGATED}</td>
                  <td className="py-1.5 pr-3 text-right" data-severity="TRAIN_LINEAGE">{b.counts.TRAIN_LINEAGE}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {overview.downstream.length > 0 && (
        <section aria-labelledby="families-title" className="space-y-2">
          <h2 id="families-title" className="text-lg font-semibold">
            Largest downstream families
          </h2>
          <p className="max-w-3xl text-sm text-slate-700">Flagged datasets grouped by the first dataset their benchmark data passed through.</p>
          <ol className="list-decimal space-y-1 pl-6 text-sm" data-testid="families">
            {overview.downstream.slice(0, 12).map((f) => (
              <li key={`${f.benchmark}|${f.via}`}>
                <Link href={`/datasets/${keyToPath(f.via)}?down=3`} className="text-blue-700 underline">
                  {f.viaName}
                </Link>{" "}
                carries {benchmarks.find((b) => b.key === f.benchmark)?.family ?? f.benchmark} data into {f.datasets} {f.datasets === 1 ? "dataset" : "datasets"}
              </li>
            ))}
          </ol>
        </section>
      )}

      <section aria-labelledby="flags-title" className="space-y-2">
        <h2 id="flags-title" className="text-lg font-semibold">
          Every flag
        </h2>
        <FlagTable rows={overview.rows} benchmarks={benchmarks} />
      </section>
    </article>
  );
}
