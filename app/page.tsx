import Link from "next/link";
import { DatasetList } from "@/components/dataset/DatasetList";
import { SearchForm } from "@/components/search/SearchForm";
import { keyToPath } from "@/lib/keys";
import { listBenchmarks, topDatasets } from "@/lib/server/lineage/queries";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const [top, benchmarks] = await Promise.all([topDatasets({ limit: 12, includeRejected: false }), listBenchmarks({ includeRejected: false })]);
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h1 className="text-2xl font-semibold">Where did this training data come from?</h1>
        <p className="max-w-3xl text-slate-700">
          Rootline shows the lineage of post-training datasets: which datasets each one was built from, how (included, fused, generated,
          evolved or distilled), and the evidence for every link. Follow a dataset back to its roots to see where benchmark data enters
          the chain.
        </p>
        <SearchForm />
      </section>

      <section aria-labelledby="top-title" className="space-y-2">
        <h2 id="top-title" className="text-lg font-semibold">
          Most connected datasets
        </h2>
        {top.length ? <DatasetList items={top} testId="top-datasets" /> : <p className="text-slate-600">The store is empty. Run npm run db -- setup.</p>}
      </section>

      <section aria-labelledby="benchmarks-title" className="space-y-2">
        <h2 id="benchmarks-title" className="text-lg font-semibold">
          Registered benchmarks
        </h2>
        {benchmarks.length ? (
          <ul data-testid="benchmarks" className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {benchmarks.map((b) => (
              <li key={b.key} className="rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm">
                <Link href={`/datasets/${keyToPath(b.key)}`} className="font-medium text-blue-700 underline hover:text-blue-900">
                  {b.family}
                </Link>{" "}
                <span className="break-all font-mono text-xs text-slate-500">{b.key}</span>
                <p className="text-xs text-slate-600">
                  eval splits: {b.evalSplits.join(", ").toLowerCase() || "—"} · {b.descendantCount} datasets built from it
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-600">No benchmarks registered yet.</p>
        )}
      </section>
    </div>
  );
}
