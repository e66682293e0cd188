/**
 * Per-criterion ranks, the common input of every aggregation: rank 1 is the best item on the
 * criterion, tied items share the average of the ranks they span, and an item without a
 * value is left out of that criterion's ranking.
 */
import type { Table } from "./types";

/** Name order used to break every tie: by UTF-16 code units, the same on every machine and locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Ranks one column: 1 = best (largest when `higherIsBetter`, else smallest); ties get the
 * average of the ranks they span (values 9, 7, 7, 3 → 1, 2.5, 2.5, 4); `null` stays `null`.
 */
export function rankValues(values: readonly (number | null)[], higherIsBetter: boolean): (number | null)[] {
  const present: number[] = [];
  values.forEach((v, i) => {
    if (v !== null) present.push(i);
  });
  present.sort((a, b) => (higherIsBetter ? values[b]! - values[a]! : values[a]! - values[b]!));
  const ranks: (number | null)[] = values.map(() => null);
  for (let start = 0; start < present.length; ) {
    let end = start + 1;
    while (end < present.length && values[present[end]!] === values[present[start]!]) end++;
    // positions start..end-1 hold ranks start+1..end; their average:
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[present[k]!] = rank;
    start = end;
  }
  return ranks;
}

/** ranks[j][i]: item i's rank on criterion j, `null` when item i has no value for it. */
export function criterionRanks(table: Table): (number | null)[][] {
  return table.criteria.map((c, j) =>
    rankValues(
      table.scores.map((row) => row[j] ?? null),
      c.higherIsBetter,
    ),
  );
}

/** Each criterion's ranking as a list of the items it ranks, best first (ties in name order). */
export function perCriterionRankings(table: Table): { criterion: string; ranking: string[] }[] {
  return criterionRanks(table).map((ranks, j) => {
    const present = table.items.map((_, i) => i).filter((i) => ranks[i] !== null);
    present.sort((a, b) => ranks[a]! - ranks[b]! || compareNames(table.items[a]!, table.items[b]!));
    return { criterion: table.criteria[j]!.name, ranking: present.map((i) => table.items[i]!) };
  });
}

/** Rounds to 4 decimals for reporting (and never reports −0). */
export function round4(x: number): number {
  const r = Math.round(x * 1e4) / 1e4;
  return r === 0 ? 0 : r;
}

/**
 * Orders items by a score (`better: "lower"` ascending, `"higher"` descending), ties by name.
 * Scores are compared at 12 significant digits, so float noise in a sum is not an order.
 */
export function orderByScore(items: readonly string[], scores: readonly number[], better: "lower" | "higher"): { ranking: string[]; scores: number[] } {
  const key = scores.map((s) => Number(s.toPrecision(12)));
  const order = items.map((_, i) => i);
  order.sort((a, b) => (better === "lower" ? key[a]! - key[b]! : key[b]! - key[a]!) || compareNames(items[a]!, items[b]!));
  return { ranking: order.map((i) => items[i]!), scores: order.map((i) => round4(scores[i]!)) };
}
