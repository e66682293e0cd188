import type { Metadata } from "next";
import Link from "next/link";
import { Matrix } from "@/components/analysis/Matrix";
import { SIMILARITY_DEFINITIONS } from "@/lib/analysis/similarity";
import { isAppError } from "@/lib/errors";
import { keyToPath } from "@/lib/keys";
import { MAX_COMPARED, MIN_COMPARED } from "@/lib/limits";
import { pageMetadata } from "@/lib/seo/metadata";
import { getSimilarity } from "@/lib/server/analysis/analysis";

export const dynamic = "force-dynamic";
export const metadata: Metadata = pageMetadata("Compare lineages", "How alike 2–20 post-training datasets are by the roots and ancestors they share.");

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const EXAMPLE = ["meta-math/MetaMathQA", "TIGER-Lab/MathInstruct", "nvidia/OpenMathInstruct-2"];

function compareHref(keys: string[]): string {
  return `/compare?${keys.map((k) => `d=${encodeURIComponent(k)}`).join("&")}`;
}

/**
 * How alike 2–20 datasets are by ancestry. The datasets are the URL (`?d=a&d=b`), so a
 * comparison is a link to share; the form writes one key per line.
 */
export default async function ComparePage({ searchParams }: Props) {
  const raw = (await searchParams).d;
  const asked = (Array.isArray(raw) ? raw : raw ? [raw] : []).flatMap((v) => v.split(/\r?\n/)).map((v) => v.trim()).filter(Boolean);
  let result: Awaited<ReturnType<typeof getSimilarity>> | null = null;
  let problem: string | null = null;
  if (asked.length && (asked.length < MIN_COMPARED || asked.length > MAX_COMPARED)) problem = `Name from ${MIN_COMPARED} to ${MAX_COMPARED} datasets (you named ${asked.length}).`;
  else if (asked.length) {
    try {
      result = await getSimilarity({ keys: asked });
    } catch (error) {
      if (isAppError(error) && error.status < 500) problem = error.message;
      else throw error;
    }
  }
  const keys = result?.datasets ?? [];
  return (
    <article className="space-y-6">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold">Compare lineages</h1>
        <p className="text-slate-700">How alike datasets are by what they were built from: the roots and ancestors they share.</p>
        <dl className="grid gap-x-4 gap-y-1 text-sm text-slate-800 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">Root Jaccard</dt>
          <dd>{SIMILARITY_DEFINITIONS.rootJaccard}</dd>
          <dt className="font-medium">Ancestor Jaccard</dt>
          <dd>{SIMILARITY_DEFINITIONS.ancestorJaccard}</dd>
          <dt className="font-medium">Weighted</dt>
          <dd>{SIMILARITY_DEFINITIONS.weighted}</dd>
        </dl>
      </header>

      <form method="get" action="/compare" className="max-w-xl space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="compare-form">
        <label htmlFor="compare-d" className="block font-medium">
          Datasets to compare, one key per line ({MIN_COMPARED}–{MAX_COMPARED})
        </label>
        <textarea id="compare-d" name="d" rows={5} defaultValue={(asked.length ? asked : EXAMPLE).join("\n")} className="field w-full font-mono text-xs" />
        <button type="submit" className="btn">
          Compare
        </button>
      </form>

      {problem && (
        <p role="alert" data-testid="compare-error" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {problem}
        </p>
      )}

      {result && (
        <section aria-label="Similarity" className="space-y-5" data-testid="compare-result">
          <p className="text-sm text-slate-700">
            Counted over {result.edges.used} {result.edges.rule}. Each key opens its lineage; each cell compares the two datasets alone.
          </p>
          <ol className="list-decimal pl-6 text-sm">
            {keys.map((k) => (
              <li key={k}>
                <Link href={`/datasets/${keyToPath(k)}?up=3`} className="text-blue-700 underline">
                  {k}
                </Link>
              </li>
            ))}
          </ol>
          <div className="grid gap-6 xl:grid-cols-3">
            <Matrix title="Weighted root similarity" keys={keys} values={result.weighted} testId="matrix-weighted" compareHref={(a, b) => compareHref([a, b])} />
            <Matrix title="Root Jaccard" keys={keys} values={result.rootJaccard} testId="matrix-root" compareHref={(a, b) => compareHref([a, b])} />
            <Matrix title="Ancestor Jaccard" keys={keys} values={result.ancestorJaccard} testId="matrix-ancestor" compareHref={(a, b) => compareHref([a, b])} />
          </div>
          <div className="grid gap-4 md:grid-cols-2">
            <div>
              <h3 className="text-sm font-semibold">Roots all of them share ({result.sharedRoots.length})</h3>
              <ul className="text-sm" data-testid="shared-roots">
                {result.sharedRoots.map((r) => (
                  <li key={r}>
                    <Link href={`/datasets/${keyToPath(r)}?down=2`} className="text-blue-700 underline">
                      {r}
                    </Link>
                  </li>
                ))}
                {!result.sharedRoots.length && <li className="text-slate-700">None.</li>}
              </ul>
            </div>
            <div>
              <h3 className="text-sm font-semibold">Roots only one of them has</h3>
              <ul className="space-y-1 text-sm" data-testid="unique-roots">
                {keys.map((k) => (
                  <li key={k}>
                    <span className="font-medium">{k}</span>: {result!.uniqueRoots[k]?.length ? result!.uniqueRoots[k]!.join(", ") : "none"}
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </section>
      )}
    </article>
  );
}
