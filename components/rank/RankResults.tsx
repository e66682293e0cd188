import type { RankingResult } from "@/lib/ranking";
import { BumpChart } from "./BumpChart";

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(3));

/** The aggregate rankings side by side, their agreement (τ), distortion, and what moves them. */
export function RankResults({ result, linkFor }: { result: RankingResult; linkFor?: (item: string) => string | null }) {
  const columns = [
    { title: "Mean (raw)", ranking: result.mean.ranking, scores: result.mean.scores },
    { title: "Borda", ranking: result.borda.ranking, scores: result.borda.scores },
    { title: `Kemeny${result.kemeny.exact ? "" : " (heuristic)"}`, ranking: result.kemeny.ranking, scores: null },
    { title: "Mean (normalised)", ranking: result.meanNormalised.ranking, scores: result.meanNormalised.scores },
  ];
  const name = (item: string) => {
    const href = linkFor?.(item);
    return href ? (
      <a href={href} className="text-blue-700 underline">
        {item}
      </a>
    ) : (
      item
    );
  };
  return (
    <section aria-label="Rankings" className="space-y-4" data-testid="rank-results">
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm" data-testid="rank-tau">
        <div>
          <dt className="inline font-medium">τ Borda–Kemeny</dt> <dd className="inline tabular-nums">{fmt(result.kendallTau.bordaVsKemeny)}</dd>
        </div>
        <div>
          <dt className="inline font-medium">τ Borda–mean</dt> <dd className="inline tabular-nums">{fmt(result.kendallTau.bordaVsMean)}</dd>
        </div>
        <div>
          <dt className="inline font-medium">τ Kemeny–mean</dt> <dd className="inline tabular-nums">{fmt(result.kendallTau.kemenyVsMean)}</dd>
        </div>
        <div>
          <dt className="inline font-medium">Distortion</dt>{" "}
          <dd className="inline tabular-nums">
            Borda {fmt(result.distortion.borda)}, Kemeny {fmt(result.distortion.kemeny)}, mean {fmt(result.distortion.mean)}
          </dd>
        </div>
        <div>
          <dt className="inline font-medium">Kemeny distance</dt> <dd className="inline tabular-nums">{fmt(result.kemeny.distance)}</dd>
        </div>
      </dl>
      <BumpChart columns={columns.map(({ title, ranking }) => ({ title, ranking }))} />
      <div className="grid gap-4 text-sm md:grid-cols-4">
        {columns.map((c) => (
          <div key={c.title}>
            <h3 className="font-semibold">{c.title}</h3>
            <ol className="list-decimal pl-6" data-testid={`ranking-${c.title.split(" ")[0]!.toLowerCase()}${c.title.includes("normalised") ? "-normalised" : ""}`}>
              {c.ranking.map((item, i) => (
                <li key={item}>
                  {name(item)}
                  {c.scores ? <span className="text-xs text-slate-700"> ({fmt(c.scores[i]!)})</span> : null}
                </li>
              ))}
            </ol>
          </div>
        ))}
      </div>
      {result.leaveOneOut.length > 1 && (
        <div className="text-sm" data-testid="leave-one-out">
          <h3 className="font-semibold">Which criterion moves the ranking most</h3>
          <p className="text-slate-700">τ of the Kemeny ranking without each criterion against the full one (lower: that criterion matters more).</p>
          <ul>
            {[...result.leaveOneOut]
              .sort((a, b) => a.tau - b.tau)
              .map((l) => (
                <li key={l.criterion} className="flex items-center gap-2">
                  <span className="w-56 truncate">{l.criterion}</span>
                  <span aria-hidden className="inline-block h-2.5 rounded bg-blue-700" style={{ width: `${Math.max(2, (1 - Math.max(0, l.tau)) * 200)}px` }} />
                  <span className="tabular-nums">{fmt(l.tau)}</span>
                  {l.criterion === result.mostInfluential ? <span className="text-xs font-medium">(moves it most)</span> : null}
                </li>
              ))}
          </ul>
        </div>
      )}
    </section>
  );
}
