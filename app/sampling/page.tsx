import type { Metadata } from "next";
import Link from "next/link";
import { PlanExport } from "@/components/analysis/PlanExport";
import { SAMPLING_DEFINITIONS, type Allocation } from "@/lib/analysis/sampling";
import { isAppError } from "@/lib/errors";
import { keyToPath } from "@/lib/keys";
import { MAX_SAMPLING_BUDGET } from "@/lib/limits";
import { DOMAINS, DOMAIN_LABELS } from "@/lib/lineage/types";
import { pageMetadata } from "@/lib/seo/metadata";
import { describeIssues } from "@/lib/validation/issues";
import { getSamplingPlan } from "@/lib/server/analysis/analysis";
import { samplingRequestSchema } from "@/lib/validation/analysis";

export const dynamic = "force-dynamic";
export const metadata: Metadata = pageMetadata("Diverse sampling plan", "Spread a sample budget over the root sources of post-training datasets instead of their copies, leaving out benchmark evaluation data.");

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Rows shown before "show the other roots": a plan over hundreds of roots stays readable. */
const SHOWN_ROWS = 50;

function AllocationRow({ a, max }: { a: Allocation; max: number }) {
  return (
    <tr data-testid="allocation-row" className="border-b border-slate-100">
      <td className="py-1.5 pr-3">
        <Link href={`/datasets/${keyToPath(a.root)}?down=2`} className="text-blue-700 underline">
          {a.root}
        </Link>
      </td>
      <td className="py-1.5 pr-3">
        {a.drawFrom ? (
          <Link href={`/datasets/${keyToPath(a.drawFrom)}`} className="text-blue-700 underline">
            {a.drawFrom}
          </Link>
        ) : (
          <span className="text-slate-700">no Hub dataset carries it</span>
        )}
      </td>
      <td className="py-1.5 pr-3 text-right tabular-nums">{a.candidates}</td>
      <td className="py-1.5 pr-3 text-right tabular-nums">{a.samples.toLocaleString("en")}</td>
      <td className="py-1.5 pr-3">
        <span aria-hidden className="block h-2.5 rounded bg-blue-700" style={{ width: `${(a.samples / max) * 100}%` }} />
      </td>
    </tr>
  );
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The form's text fields as the API's request (numbers as numbers, empty fields left out). */
function requestFrom(params: Record<string, string | string[] | undefined>) {
  const text = (name: string) => first(params[name])?.trim() || undefined;
  const number = (name: string) => (text(name) === undefined ? undefined : Number(text(name)));
  const candidates = text("candidates")?.split(/[\s,]+/).filter(Boolean);
  return { domain: text("domain"), candidates: candidates?.length ? candidates : undefined, budget: number("budget"), strategy: text("strategy"), cap: number("cap") };
}

/**
 * Plan a diverse sample: spread a budget over the root sources of a domain's (or chosen)
 * datasets rather than over their downstream copies. The form is a plain GET form, so a plan
 * is a link to share; the page computes it with the same function as POST /api/analysis/sampling.
 */
export default async function SamplingPage({ searchParams }: Props) {
  const params = await searchParams;
  const asked = Object.keys(params).length > 0;
  const input = requestFrom(params);
  let plan: Awaited<ReturnType<typeof getSamplingPlan>> | null = null;
  let problem: string | null = null;
  if (asked) {
    const parsed = samplingRequestSchema.safeParse(input);
    if (!parsed.success) problem = describeIssues(parsed.error);
    else {
      try {
        plan = await getSamplingPlan(parsed.data);
      } catch (error) {
        if (isAppError(error) && error.status < 500) problem = error.message;
        else throw error;
      }
    }
  }
  const total = plan?.allocations.reduce((n, a) => n + a.samples, 0) ?? 0;
  const max = Math.max(1, ...(plan?.allocations.map((a) => a.samples) ?? [1]));
  return (
    <article className="space-y-6">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold">Diverse sampling plan</h1>
        <p className="text-slate-700">
          Mixing many derived datasets oversamples the few sources they share. This plan spreads a sample budget over the <strong>root sources</strong> of the
          datasets you pick, draws each from a concrete Hub dataset, and leaves out roots that are benchmark evaluation data or carry a contamination flag.
        </p>
        <dl className="grid gap-x-4 gap-y-1 text-sm text-slate-800 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">Strategy</dt>
          <dd>{SAMPLING_DEFINITIONS.strategy}</dd>
          <dt className="font-medium">Avoided duplication</dt>
          <dd>{SAMPLING_DEFINITIONS.avoidedDuplication}</dd>
        </dl>
      </header>

      <form method="get" action="/sampling" className="grid max-w-3xl gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm sm:grid-cols-2" data-testid="sampling-form">
        <label className="flex flex-col gap-1">
          Domain
          <select name="domain" defaultValue={input.domain ?? "MATH"} className="field">
            <option value="">All domains</option>
            {DOMAINS.map((d) => (
              <option key={d} value={d}>
                {DOMAIN_LABELS[d]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Budget (samples)
          <input name="budget" type="number" min={1} max={MAX_SAMPLING_BUDGET} step={1} defaultValue={input.budget ?? 10000} className="field" required />
        </label>
        <fieldset className="flex flex-col gap-1">
          <legend>Strategy</legend>
          <label className="flex items-center gap-1.5">
            <input type="radio" name="strategy" value="equal" defaultChecked={(input.strategy ?? "equal") === "equal"} /> equal per root
          </label>
          <label className="flex items-center gap-1.5">
            <input type="radio" name="strategy" value="proportional" defaultChecked={input.strategy === "proportional"} /> proportional to the datasets reaching it
          </label>
        </fieldset>
        <label className="flex flex-col gap-1">
          Cap per root (fraction of the budget, optional)
          <input name="cap" type="number" min={0} max={1} step="any" defaultValue={input.cap ?? ""} placeholder="e.g. 0.05" className="field" />
        </label>
        <label className="flex flex-col gap-1 sm:col-span-2">
          Candidate datasets instead of a domain (keys, one per line, optional)
          <textarea name="candidates" rows={3} defaultValue={input.candidates?.join("\n") ?? ""} className="field font-mono text-xs" />
        </label>
        <div className="sm:col-span-2">
          <button type="submit" className="btn">
            Plan the sample
          </button>
        </div>
      </form>

      {problem && (
        <p role="alert" data-testid="sampling-error" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {problem}
        </p>
      )}

      {plan && (
        <section aria-label="The plan" className="space-y-4" data-testid="sampling-plan">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-800">
              {total.toLocaleString("en")} samples over {plan.allocations.length} roots of {plan.request.candidates.length} candidate datasets
              {plan.skipped.length ? `; ${plan.skipped.length} roots skipped` : ""}. Counted over {plan.edges.used} {plan.edges.rule}.
            </p>
            <PlanExport plan={plan} />
          </div>
          <p className="rounded border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-950" data-testid="avoided-duplication">
            Sampling the candidates uniformly would put <strong>{pct(plan.avoidedDuplication.uniformOverRepresented)}</strong> of the samples on roots beyond their
            planned share ({pct(plan.avoidedDuplication.uniformOnSkipped)} on skipped roots); this plan puts none there.
          </p>
          <div className="overflow-x-auto">
            <table data-testid="allocations" className="w-full min-w-[720px] border-collapse text-left text-sm">
              <thead className="border-b border-slate-300 text-xs uppercase tracking-wide text-slate-700">
                <tr>
                  <th scope="col" className="py-2 pr-3">Root source</th>
                  <th scope="col" className="py-2 pr-3">Draw from</th>
                  <th scope="col" className="py-2 pr-3 text-right">Candidates reaching it</th>
                  <th scope="col" className="py-2 pr-3 text-right">Samples</th>
                  <th scope="col" className="w-48 py-2 pr-3" />
                </tr>
              </thead>
              <tbody>
                {plan.allocations.slice(0, SHOWN_ROWS).map((a) => (
                  <AllocationRow key={a.root} a={a} max={max} />
                ))}
              </tbody>
            </table>
          </div>
          {plan.allocations.length > SHOWN_ROWS && (
            <details className="text-sm">
              <summary className="cursor-pointer">Show the other {plan.allocations.length - SHOWN_ROWS} roots</summary>
              <table className="w-full min-w-[720px] border-collapse text-left text-sm">
                <tbody>
                  {plan.allocations.slice(SHOWN_ROWS).map((a) => (
                    <AllocationRow key={a.root} a={a} max={max} />
                  ))}
                </tbody>
              </table>
            </details>
          )}
          {plan.skipped.length > 0 && (
            <div>
              <h2 className="text-sm font-semibold">Skipped roots</h2>
              <ul className="text-sm" data-testid="skipped">
                {plan.skipped.map((s) => (
                  <li key={s.root}>
                    <Link href={`/datasets/${keyToPath(s.root)}?down=2`} className="text-blue-700 underline">
                      {s.root}
                    </Link>{" "}
                    — {s.reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}
    </article>
  );
}
