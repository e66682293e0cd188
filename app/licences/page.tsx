import type { Metadata } from "next";
import Link from "next/link";
import { CLASS_COLORS, CLASS_DESCRIPTIONS, CLASS_LABELS, LICENCE_CLASSES } from "@/lib/licences";
import { keyToPath } from "@/lib/keys";
import { pageMetadata } from "@/lib/seo/metadata";
import { getLicenceConflicts } from "@/lib/server/licences/licences";

export const dynamic = "force-dynamic";
export const metadata: Metadata = pageMetadata("Licences along the lineage", "Licence coverage of the lineage graph, and the datasets whose declared licence promises more than their sources allow.", "/licences");

function ConflictTable({ rows, testId }: { rows: Awaited<ReturnType<typeof getLicenceConflicts>>["datasets"]; testId: string }) {
  if (!rows.length) return <p>No conflicts: every declared licence allows what its sources require.</p>;
  return (
    <div className="overflow-x-auto">
      <table data-testid={testId} className="w-full min-w-[760px] border-collapse text-left text-sm">
        <thead className="border-b border-slate-300 text-xs uppercase tracking-wide text-slate-700">
          <tr>
            <th scope="col" className="py-2 pr-3">Dataset</th>
            <th scope="col" className="py-2 pr-3 text-right">Conflicts</th>
            <th scope="col" className="py-2 pr-3">The worst</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.dataset} data-testid="conflict-row" data-dataset={d.dataset} className="border-b border-slate-100 align-top">
              <td className="py-1.5 pr-3">
                <Link href={`/datasets/${keyToPath(d.dataset)}?up=3&color=licence`} className="break-all text-blue-700 underline">
                  {d.dataset}
                </Link>
              </td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{d.conflicts}</td>
              <td className="py-1.5 pr-3">{d.worst.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** May I use it: licence coverage of the store, and the datasets whose declared licence promises more than their sources allow. */
export default async function LicencesPage() {
  const [{ datasets, coverage }, hub] = await Promise.all([getLicenceConflicts({ limit: 50 }), getLicenceConflicts({ limit: 25, scope: "hub" })]);
  return (
    <article className="space-y-6">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold">Licences along the lineage</h1>
        <p className="text-slate-700">
          A dataset inherits the restrictions of every ancestor it reaches (all five relation types carry data). A <strong>conflict</strong> is a declared licence
          more permissive than an inherited restriction — Apache-2.0 declared over CC-BY-NC-4.0 data — or no licence declared over a restrictive source
          (&ldquo;undeclared&rdquo;). Open a dataset to see the path each restriction comes by; colour the graph by licence with <em>Colour nodes by: Licence</em>.
        </p>
        <p className="text-sm text-slate-700" data-testid="licence-coverage">
          {coverage.withDeclared.toLocaleString("en")} of {coverage.datasets.toLocaleString("en")} nodes have a declared licence on record (
          {Object.entries(coverage.bySource)
            .map(([source, n]) => `${n.toLocaleString("en")} from ${source === "DPI" ? "the Data Provenance Collection" : source === "HUB" ? "Hub cards" : source.toLowerCase()}`)
            .join(", ")}
          ).
        </p>
      </header>

      <section aria-labelledby="classes-title" className="space-y-2">
        <h2 id="classes-title" className="text-lg font-semibold">
          Licence classes
        </h2>
        <ul className="grid gap-2 text-sm sm:grid-cols-2 lg:grid-cols-4" data-testid="licence-classes">
          {LICENCE_CLASSES.map((c) => (
            <li key={c} className="rounded-lg border border-slate-200 bg-white p-2">
              <span className="flex items-center gap-2 font-medium">
                <span aria-hidden className="inline-block h-3.5 w-3.5 rounded-sm" style={{ backgroundColor: CLASS_COLORS[c] }} />
                {CLASS_LABELS[c]} <span className="text-xs font-normal text-slate-700">{(coverage.byClass[c] ?? 0).toLocaleString("en")} datasets</span>
              </span>
              <span className="text-xs text-slate-700">{CLASS_DESCRIPTIONS[c]}</span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="hub-conflicts-title" className="space-y-2">
        <h2 id="hub-conflicts-title" className="text-lg font-semibold">
          Hub datasets with the most serious conflicts
        </h2>
        <ConflictTable rows={hub.datasets} testId="hub-conflict-table" />
      </section>
      <section aria-labelledby="conflicts-title" className="space-y-2">
        <h2 id="conflicts-title" className="text-lg font-semibold">
          Every entry, collection parts included
        </h2>
        <ConflictTable rows={datasets} testId="conflict-table" />
      </section>
    </article>
  );
}
