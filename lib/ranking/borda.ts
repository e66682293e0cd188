/**
 * Borda count: each item's per-criterion ranks averaged over the criteria it has a value for.
 * The mean (not the sum) keeps an item missing a criterion comparable with the rest; with no
 * missing values the mean is the sum divided by the same number, so it orders exactly as the
 * classic Borda sum of ranks.
 */
import { criterionRanks, orderByScore } from "./ranks";
import type { ScoredRanking, Table } from "./types";

/** Each item's mean rank (table order), 1 = best on everything. */
export function bordaScores(table: Table, ranks: (number | null)[][] = criterionRanks(table)): number[] {
  return table.items.map((_, i) => {
    let sum = 0;
    let count = 0;
    for (const col of ranks) {
      const r = col[i];
      if (r !== null && r !== undefined) {
        sum += r;
        count++;
      }
    }
    return count === 0 ? Number.POSITIVE_INFINITY : sum / count;
  });
}

/** Borda ranking: ascending mean rank, ties broken by item name; `scores` are the mean ranks. */
export function borda(table: Table): ScoredRanking {
  return orderByScore(table.items, bordaScores(table), "lower");
}
