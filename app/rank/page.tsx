import type { Metadata } from "next";
import { CsvRanker } from "@/components/rank/CsvRanker";
import { RankResults } from "@/components/rank/RankResults";
import { isAppError } from "@/lib/errors";
import { keyToPath } from "@/lib/keys";
import { MAX_RANKED_DATASETS } from "@/lib/limits";
import { DEFINITIONS, type RankingResult } from "@/lib/ranking";
import { DATASET_CRITERIA, type DatasetCriterionId } from "@/lib/ranking/dataset-criteria";
import { pageMetadata } from "@/lib/seo/metadata";
import { datasetTable, rankTable } from "@/lib/server/analysis/rank";

export const dynamic = "force-dynamic";
export const metadata: Metadata = pageMetadata("Rank datasets", "Rank datasets, or any leaderboard table, on criteria with different scales: Borda and Kemeny rank aggregation beside the mean, with Kendall tau and leave-one-out.");

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
const EXAMPLE = ["meta-math/MetaMathQA", "TIGER-Lab/MathInstruct", "nvidia/OpenMathInstruct-2", "AI-MO/NuminaMath-CoT", "open-r1/OpenR1-Math-220k", "allenai/tulu-3-sft-mixture"];

/** `c=depth` (natural direction) or `c=depth:higher` / `c=depth:lower`. */
function parseCriteria(values: string[]): { criteria: { id: DatasetCriterionId; higherIsBetter?: boolean }[]; problems: string[] } {
  const problems: string[] = [];
  const criteria: { id: DatasetCriterionId; higherIsBetter?: boolean }[] = [];
  for (const value of values.map((v) => v.trim()).filter(Boolean)) {
    const [id, direction] = value.split(":");
    const known = DATASET_CRITERIA.find((c) => c.id === id);
    if (!known) problems.push(`Unknown criterion "${value}" (known: ${DATASET_CRITERIA.map((c) => c.id).join(", ")}).`);
    else if (direction && direction !== "higher" && direction !== "lower") problems.push(`Criterion ${id}: the direction must be higher or lower, not "${direction}".`);
    else {
      // The form sends the checkbox (c=depth) and the direction picker (c=depth:lower): a direction wins.
      const existing = criteria.find((c) => c.id === known.id);
      if (!existing) criteria.push({ id: known.id, ...(direction ? { higherIsBetter: direction === "higher" } : {}) });
      else if (direction) existing.higherIsBetter = direction === "higher";
    }
  }
  return { criteria, problems };
}

/**
 * Which of these candidates is best, on criteria whose scales differ: rank aggregation
 * (Borda, Kemeny) beside the mean it improves on. Datasets and criteria are the URL
 * (`?d=…&c=downloads&c=depth:lower`); any other table can be pasted as CSV below.
 */
export default async function RankPage({ searchParams }: Props) {
  const params = await searchParams;
  const keys = list(params.d).flatMap((v) => v.split(/[\r\n,]+/)).map((k) => k.trim()).filter(Boolean);
  const parsed = parseCriteria(list(params.c));
  let result: RankingResult | null = null;
  let problem: string | null = parsed.problems[0] ?? null;
  if (!problem && keys.length) {
    if (keys.length < 2 || keys.length > MAX_RANKED_DATASETS) problem = `Name from 2 to ${MAX_RANKED_DATASETS} datasets (you named ${keys.length}).`;
    else if (parsed.criteria.length < 1) problem = "Pick at least one criterion.";
    else {
      try {
        result = rankTable(await datasetTable({ keys, criteria: parsed.criteria }));
      } catch (error) {
        if (isAppError(error) && error.status < 500) problem = error.message;
        else throw error;
      }
    }
  }
  const chosen = new Map(parsed.criteria.map((c) => [c.id, c.higherIsBetter]));
  const defaults = keys.length ? chosen : new Map<DatasetCriterionId, boolean | undefined>([["downloads", undefined], ["depth", undefined], ["contamination", undefined], ["licence", undefined]]);
  return (
    <article className="space-y-6">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold">Rank datasets</h1>
        <p className="text-slate-700">
          Averaging criteria whose scales differ (downloads in millions, depth in hops) lets the largest scale decide. Rank aggregation ranks on each criterion first
          and then combines the rankings (Colombo et al., &ldquo;What are the best systems?&rdquo;, NeurIPS 2022).
        </p>
        <ul className="space-y-0.5 text-sm text-slate-800">
          {(["borda", "kemeny", "mean", "kendallTau", "distortion", "missingValues"] as const).map((k) => (
            <li key={k}>{DEFINITIONS[k]}</li>
          ))}
        </ul>
      </header>

      <form method="get" action="/rank" className="grid max-w-4xl gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm md:grid-cols-2" data-testid="rank-form">
        <label className="flex flex-col gap-1">
          Datasets (keys, one per line)
          <textarea name="d" rows={8} defaultValue={(keys.length ? keys : EXAMPLE).join("\n")} className="field font-mono text-xs" />
        </label>
        <fieldset className="space-y-1">
          <legend className="font-medium">Criteria and direction</legend>
          {DATASET_CRITERIA.map((c) => {
            const on = defaults.has(c.id);
            const higher = defaults.get(c.id) ?? c.higherIsBetter;
            return (
              <div key={c.id} className="flex flex-wrap items-center gap-2" title={c.help}>
                <label className="flex items-center gap-1.5">
                  <input type="checkbox" name="c" value={c.id} defaultChecked={on && defaults.get(c.id) === undefined} data-testid={`criterion-${c.id}`} />
                  {c.label}
                </label>
                <select name="c" defaultValue={on && defaults.get(c.id) !== undefined ? `${c.id}:${higher ? "higher" : "lower"}` : ""} className="field py-0 text-xs" aria-label={`${c.label}: direction`}>
                  <option value="">{c.higherIsBetter ? "higher is better" : "lower is better"} (default)</option>
                  <option value={`${c.id}:higher`}>higher is better</option>
                  <option value={`${c.id}:lower`}>lower is better</option>
                </select>
              </div>
            );
          })}
        </fieldset>
        <div className="md:col-span-2">
          <button type="submit" className="btn">
            Rank
          </button>
        </div>
      </form>

      {problem && (
        <p role="alert" data-testid="rank-error" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {problem}
        </p>
      )}
      {result && <RankResults result={result} linkFor={(item) => `/datasets/${keyToPath(item)}`} />}

      <section aria-labelledby="csv-title" className="space-y-2">
        <h2 id="csv-title" className="text-lg font-semibold">
          Rank any table
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">Systems on a leaderboard, datasets by your own measurements: up to 500 items and 50 criteria.</p>
        <CsvRanker />
      </section>
    </article>
  );
}
