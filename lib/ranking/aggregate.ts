/**
 * Multi-criteria ranking by rank aggregation (Colombo et al., "What are the best systems? New
 * perspectives on NLP Benchmarking", NeurIPS 2022): per-criterion rankings aggregated by Borda
 * and Kemeny, beside the raw and normalised means they are meant to replace.
 */
import { borda } from "./borda";
import { addCriterion, disagreementMatrix, kemeny, kemenyWithMatrix } from "./kemeny";
import { mean, meanNormalised } from "./mean";
import { criterionRanks, perCriterionRankings, round4 } from "./ranks";
import { distortion, kendallTau } from "./stats";
import { validateTable } from "./table";
import type { RankingResult, Table } from "./types";

/** The table without criterion j, and without the items that had a value for nothing else. */
export function withoutCriterion(table: Table, j: number): Table {
  const keep = table.items.map((_, i) => i).filter((i) => table.scores[i]!.some((v, k) => k !== j && v !== null));
  return {
    items: keep.map((i) => table.items[i]!),
    criteria: table.criteria.filter((_, k) => k !== j),
    scores: keep.map((i) => table.scores[i]!.filter((_, k) => k !== j)),
  };
}

/**
 * For each criterion, the Kemeny ranking without it against the full Kemeny ranking (τ-b over
 * the items both rank). Empty for a single criterion. `full` defaults to `kemeny(table).ranking`.
 * Each reduced ranking is exactly `kemeny(withoutCriterion(table, j))`; its matrix is the full
 * one minus that criterion's costs (O(n²) each instead of rebuilding from every criterion).
 */
export function leaveOneOut(table: Table, full?: readonly string[]): { criterion: string; tau: number }[] {
  if (table.criteria.length < 2) return [];
  const n = table.items.length;
  const ranks = criterionRanks(table);
  const wFull = disagreementMatrix(table, ranks);
  const reference = full ?? kemenyWithMatrix(table.items, wFull, () => borda(table).ranking).ranking;
  return table.criteria.map((c, j) => {
    const reduced = withoutCriterion(table, j);
    const w = wFull.slice();
    addCriterion(w, n, ranks[j]!, -1);
    const keep = reduced.items.length === n ? null : reduced.items.map((name) => table.items.indexOf(name));
    const wReduced = keep === null ? w : restrict(w, n, keep);
    const ranking = kemenyWithMatrix(reduced.items, wReduced, () => borda(reduced).ranking).ranking;
    const kept = new Set(reduced.items);
    return { criterion: c.name, tau: round4(kendallTau(ranking, reference.filter((name) => kept.has(name)))) };
  });
}

/** The square sub-matrix of the rows and columns in `keep`. */
function restrict(w: Int32Array, n: number, keep: readonly number[]): Int32Array {
  const m = keep.length;
  const out = new Int32Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) out[a * m + b] = w[keep[a]! * n + keep[b]!]!;
  return out;
}

/** The criterion whose removal moves the ranking most (lowest τ, first in table order on a tie); null when none moves it. */
export function mostInfluential(loo: readonly { criterion: string; tau: number }[]): string | null {
  let best: { criterion: string; tau: number } | null = null;
  for (const entry of loo) if (entry.tau < 1 && (best === null || entry.tau < best.tau)) best = entry;
  return best?.criterion ?? null;
}

/** Every ranking and comparison for a table (validated first; throws `RankingInputError`). */
export function aggregate(input: Table): RankingResult {
  const table = validateTable(input);
  const ranks = criterionRanks(table);
  const b = borda(table);
  const k = kemeny(table);
  const m = mean(table);
  const loo = leaveOneOut(table, k.ranking);
  return {
    borda: b,
    kemeny: { ranking: k.ranking, exact: k.exact, distance: round4(k.distance) },
    mean: m,
    meanNormalised: meanNormalised(table),
    kendallTau: {
      bordaVsMean: round4(kendallTau(b.ranking, m.ranking)),
      kemenyVsMean: round4(kendallTau(k.ranking, m.ranking)),
      bordaVsKemeny: round4(kendallTau(b.ranking, k.ranking)),
    },
    distortion: {
      borda: round4(distortion(table, b.ranking, ranks)),
      kemeny: round4(distortion(table, k.ranking, ranks)),
      mean: round4(distortion(table, m.ranking, ranks)),
    },
    leaveOneOut: loo,
    mostInfluential: mostInfluential(loo),
    perCriterion: perCriterionRankings(table),
  };
}
