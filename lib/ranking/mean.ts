/**
 * Score averages, the baselines the rank aggregations are compared with: the raw mean (the
 * paper's baseline, at the mercy of whichever criterion has the largest scale) and the mean of
 * min–max normalised scores.
 */
import { orderByScore } from "./ranks";
import type { ScoredRanking, Table } from "./types";

function meanOf(table: Table, value: (v: number, j: number) => number): number[] {
  return table.scores.map((row) => {
    let sum = 0;
    let count = 0;
    row.forEach((v, j) => {
      if (v !== null) {
        sum += value(v, j);
        count++;
      }
    });
    return count === 0 ? Number.NEGATIVE_INFINITY : sum / count;
  });
}

/**
 * Mean of raw scores over the criteria an item has, oriented so higher is better (a
 * lower-is-better criterion enters as −score). Ranked descending, ties by name.
 */
export function mean(table: Table): ScoredRanking {
  const sign = table.criteria.map((c) => (c.higherIsBetter ? 1 : -1));
  return orderByScore(table.items, meanOf(table, (v, j) => sign[j]! * v), "higher");
}

/**
 * Mean of min–max normalised scores: on each criterion the worst present value maps to 0 and
 * the best to 1 (validation guarantees two distinct values). Ranked descending, ties by name.
 */
export function meanNormalised(table: Table): ScoredRanking {
  const bounds = table.criteria.map((c, j) => {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const row of table.scores) {
      const v = row[j];
      if (v !== null && v !== undefined) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    // Halved so that max − min cannot overflow to Infinity (halving a double is exact).
    return { min: min / 2, span: max / 2 - min / 2, higher: c.higherIsBetter };
  });
  const normalised = meanOf(table, (v, j) => {
    const b = bounds[j]!;
    if (!(b.span > 0)) return 0.5; // unreachable for a validated table
    const x = (v / 2 - b.min) / b.span;
    return b.higher ? x : 1 - x;
  });
  return orderByScore(table.items, normalised, "higher");
}
