/**
 * Comparing rankings: Kendall distance and τ-b between two full rankings of the same items,
 * and the distortion of an aggregate ranking against the per-criterion rankings.
 */
import { criterionRanks } from "./ranks";
import type { Table } from "./types";

/** Each item's position in `b`, checking that `a` and `b` rank the same items once each. */
function positionsIn(a: readonly string[], b: readonly string[]): number[] {
  const pos = new Map(b.map((name, i) => [name, i]));
  if (pos.size !== b.length || a.length !== b.length || new Set(a).size !== a.length) {
    throw new Error("Kendall: both rankings must list the same items, each once");
  }
  return a.map((name) => {
    const p = pos.get(name);
    if (p === undefined) throw new Error(`Kendall: "${name}" is in one ranking only`);
    return p;
  });
}

/** Kendall distance: the number of pairs the two rankings (permutations of the same items) order differently. */
export function kendallDistance(a: readonly string[], b: readonly string[]): number {
  const p = positionsIn(a, b);
  let discordant = 0;
  for (let i = 0; i < p.length; i++) for (let j = i + 1; j < p.length; j++) if (p[i]! > p[j]!) discordant++;
  return discordant;
}

/**
 * Kendall τ-b between two rankings of the same items: (concordant − discordant) /
 * √((n₀ − t_a)(n₀ − t_b)) with n₀ = n(n−1)/2 pairs. Rankings here are permutations, so there
 * are no tied pairs (t_a = t_b = 0) and τ-b equals τ-a: 1 − 2·distance/n₀. Fewer than two
 * items have no pairs to disagree on: τ = 1.
 */
export function kendallTau(a: readonly string[], b: readonly string[]): number {
  const n = a.length;
  const d = kendallDistance(a, b);
  if (n < 2) return 1;
  const pairs = (n * (n - 1)) / 2;
  return (pairs - 2 * d) / pairs;
}

/**
 * Distortion of a full ranking: for each criterion, its Kendall distance to that criterion's
 * ranking (a pair placed in the opposite order 1, a pair the criterion ties 0.5, a pair with
 * an item missing from the criterion not counted) divided by the pairs the criterion ranks;
 * then the mean over criteria. 0 agrees with every criterion; tied pairs keep it above 0.
 */
export function distortion(table: Table, ranking: readonly string[], ranks: (number | null)[][] = criterionRanks(table)): number {
  const index = new Map(table.items.map((name, i) => [name, i]));
  const order = ranking.map((name) => {
    const i = index.get(name);
    if (i === undefined) throw new Error(`distortion: "${name}" is not an item of the table`);
    return i;
  });
  let total = 0;
  let counted = 0;
  for (const col of ranks) {
    const present = order.filter((i) => col[i] !== null && col[i] !== undefined);
    const m = present.length;
    if (m < 2) continue;
    let d = 0;
    for (let x = 0; x < m; x++) {
      const rx = col[present[x]!]!;
      for (let y = x + 1; y < m; y++) {
        const ry = col[present[y]!]!;
        if (ry < rx) d += 1;
        else if (ry === rx) d += 0.5;
      }
    }
    total += d / ((m * (m - 1)) / 2);
    counted++;
  }
  return counted === 0 ? 0 : total / counted;
}
