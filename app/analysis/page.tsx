import type { Metadata } from "next";
import Link from "next/link";
import { PatternsChart } from "@/components/analysis/PatternsChart";
import { DEFINITIONS, verticalityIndex, type Exemplar, type PatternGroup, type Stat } from "@/lib/analysis/patterns";
import { SCORE_DEFINITION } from "@/lib/analysis/redundancy";
import { keyToPath } from "@/lib/keys";
import { DOMAIN_LABELS, RELATIONS, RELATION_LABELS, type Domain } from "@/lib/lineage/types";
import { pageMetadata } from "@/lib/seo/metadata";
import { getPatterns, getRedundancyRanking } from "@/lib/server/analysis/analysis";

export const dynamic = "force-dynamic";
export const metadata: Metadata = pageMetadata("Lineage analyses", "How post-training datasets are built: depth, fan-in and roots per domain, the deepest refinement chains, the widest mixtures, and mixtures that contain the same upstream twice.", "/analysis");

/** A permalink that draws a dataset's whole upstream chain. */
function chainHref(key: string, depth: number): string {
  return `/datasets/${keyToPath(key)}?up=${Math.min(10, Math.max(2, depth))}`;
}

function StatCell({ stat, top }: { stat: Stat; top?: Exemplar }) {
  return (
    <td className="py-1.5 pr-3 text-right tabular-nums">
      {stat.median} / {stat.p90} /{" "}
      {top ? (
        <Link href={chainHref(top.key, top.depth)} className="text-blue-700 underline" title={`${top.key}`}>
          {stat.max}
        </Link>
      ) : (
        stat.max
      )}
    </td>
  );
}

function Exemplars({ title, items, what }: { title: string; items: Exemplar[]; what: (e: Exemplar) => string }) {
  return (
    <div>
      <p className="text-xs font-medium text-slate-700">{title}</p>
      <ul className="text-sm">
        {items.map((e) => (
          <li key={e.key}>
            <Link href={chainHref(e.key, e.depth)} className="text-blue-700 underline">
              {e.key}
            </Link>{" "}
            <span className="text-xs text-slate-700">{what(e)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Row({ label, id, group }: { label: string; id: string; group: PatternGroup }) {
  return (
    <tr id={id} data-testid="patterns-row" data-domain={id.replace("domain-", "")} className="border-b border-slate-100 align-top">
      <th scope="row" className="py-1.5 pr-3 text-left font-medium">
        {label}
      </th>
      <td className="py-1.5 pr-3 text-right tabular-nums">{group.datasets}</td>
      <StatCell stat={group.depth} top={group.vertical[0]} />
      <StatCell stat={group.fanIn} top={group.horizontal[0]} />
      <StatCell stat={group.roots} />
      {RELATIONS.map((r) => (
        <td key={r} className="py-1.5 pr-3 text-right tabular-nums">
          {Math.round(group.relations[r] * 100)} %
        </td>
      ))}
      <td className="py-1.5 pr-3 text-right tabular-nums">{verticalityIndex(group).toFixed(2)}</td>
    </tr>
  );
}

/** The paper's structural findings over the whole store, with the datasets behind every figure. */
export default async function AnalysisPage() {
  const [patterns, redundancy] = await Promise.all([getPatterns(), getRedundancyRanking({ limit: 20 })]);
  const points = patterns.domains.map((d) => ({ domain: d.domain as Domain, depth: d.depth.median, fanIn: d.fanIn.median, datasets: d.datasets }));
  return (
    <article className="space-y-8">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold">Lineage analyses</h1>
        <p className="text-slate-700">
          How post-training datasets are built, across the {patterns.derived} derived datasets in the store (datasets with at least one upstream). Counted over{" "}
          {patterns.edges.used} {patterns.edges.rule}. Also: <Link href="/compare" className="text-blue-700 underline">compare lineages</Link>,{" "}
          <Link href="/sampling" className="text-blue-700 underline">plan a diverse sample</Link>,{" "}
          <Link href="/contamination" className="text-blue-700 underline">benchmark contamination</Link>.
        </p>
        <ul className="space-y-0.5 text-sm text-slate-800" data-testid="definitions">
          {Object.entries(DEFINITIONS).map(([term, text]) => {
            const colon = text.indexOf(": ");
            return (
              <li key={term}>
                <span className="font-medium">{text.slice(0, colon)}</span>: {text.slice(colon + 2)}
              </li>
            );
          })}
        </ul>
      </header>

      <section aria-labelledby="patterns-title" className="space-y-3">
        <h2 id="patterns-title" className="text-lg font-semibold">
          Structural patterns by domain
        </h2>
        <PatternsChart points={points} />
        <div className="overflow-x-auto">
          <table data-testid="patterns-table" className="w-full min-w-[980px] border-collapse text-left text-sm">
            <caption className="sr-only">Depth, fan-in and roots per domain (median / 90th percentile / max), and the share of each relation type</caption>
            <thead className="border-b border-slate-300 text-xs uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="py-2 pr-3">Domain</th>
                <th scope="col" className="py-2 pr-3 text-right">Derived datasets</th>
                <th scope="col" className="py-2 pr-3 text-right">Depth (med / p90 / max)</th>
                <th scope="col" className="py-2 pr-3 text-right">Fan-in</th>
                <th scope="col" className="py-2 pr-3 text-right">Roots</th>
                {RELATIONS.map((r) => (
                  <th key={r} scope="col" className="py-2 pr-3 text-right">
                    {RELATION_LABELS[r]}
                  </th>
                ))}
                <th scope="col" className="py-2 pr-3 text-right" title="median depth ÷ median fan-in: above 1, chains; below 1, mixtures">
                  Verticality
                </th>
              </tr>
            </thead>
            <tbody>
              {patterns.domains.map((d) => (
                <Row key={d.domain} label={DOMAIN_LABELS[d.domain as Domain]} id={`domain-${d.domain}`} group={d} />
              ))}
              <Row label="All domains" id="domain-ALL" group={patterns.overall} />
            </tbody>
          </table>
        </div>
        <p className="text-xs text-slate-700">Maximum values link to the dataset that has them, drawn with its whole upstream chain. Verticality = median depth ÷ median fan-in.</p>
        <div className="grid gap-4 md:grid-cols-2" data-testid="exemplars">
          <Exemplars title="Vertical refinement: the deepest chains" items={patterns.overall.vertical} what={(e) => `depth ${e.depth}, fan-in ${e.fanIn}`} />
          <Exemplars title="Horizontal aggregation: the widest mixtures" items={patterns.overall.horizontal} what={(e) => `fan-in ${e.fanIn}, depth ${e.depth}, ${e.roots} roots`} />
        </div>
      </section>

      <section aria-labelledby="redundancy-title" className="space-y-3">
        <h2 id="redundancy-title" className="text-lg font-semibold">
          Structural redundancy: mixtures that contain the same upstream twice
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">{SCORE_DEFINITION} Open a dataset to see which ancestors it reaches twice and draw both paths.</p>
        {redundancy.datasets.length ? (
          <table data-testid="redundancy-table" className="w-full max-w-4xl border-collapse text-left text-sm">
            <thead className="border-b border-slate-300 text-xs uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="py-2 pr-3">Dataset</th>
                <th scope="col" className="py-2 pr-3 text-right">Score</th>
                <th scope="col" className="py-2 pr-3 text-right">Repeated reaches</th>
                <th scope="col" className="py-2 pr-3 text-right">Fan-in</th>
                <th scope="col" className="py-2 pr-3 text-right">Ancestors</th>
              </tr>
            </thead>
            <tbody>
              {redundancy.datasets.map((r) => (
                <tr key={r.dataset} data-testid="redundancy-row" data-dataset={r.dataset} className="border-b border-slate-100">
                  <td className="py-1.5 pr-3">
                    <Link href={`/datasets/${keyToPath(r.dataset)}?up=3`} className="text-blue-700 underline">
                      {r.dataset}
                    </Link>
                  </td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{r.score.toFixed(3)}</td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{r.duplicateReaches}</td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{r.fanIn}</td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{r.ancestors}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No dataset reaches an ancestor through two of its sources.</p>
        )}
      </section>
    </article>
  );
}
