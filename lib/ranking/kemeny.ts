/**
 * Kemeny aggregation: the full ranking with the least total Kendall distance to the
 * per-criterion rankings.
 *
 * Distance to one criterion's ranking counts the pairs that criterion ranks (both items have a
 * value): 1 for a pair placed in the opposite order, 0 for the same order, and 0.5 for a pair
 * the criterion ties, whatever the order (the Kemeny–Snell extension to ties). Pairs with an
 * item missing from the criterion cost nothing. Summed over pairs and criteria this is
 * Σ_{a before b} W[a][b], with W[a][b] the cost of placing a before b; costs are kept doubled
 * (integers) so ties and comparisons are exact.
 */
import { borda } from "./borda";
import { compareNames, criterionRanks } from "./ranks";
import type { KemenyResult, Table } from "./types";

/** Largest item count solved exactly by default (2^16 · 16 subset states). */
export const KEMENY_EXACT_LIMIT = 16;
/** Largest exact limit an option may ask for (memory grows as 2^n · n · 4 bytes). */
const EXACT_LIMIT_CAP = 18;

/**
 * Adds (sign +1) or removes (sign −1) one criterion's doubled costs: for each pair it ranks,
 * 2 on placing the worse item first, 1 each way for a tie.
 */
export function addCriterion(w: Int32Array, n: number, col: readonly (number | null)[], sign: 1 | -1): void {
  for (let a = 0; a < n; a++) {
    const ra = col[a];
    if (ra === null || ra === undefined) continue;
    for (let b = a + 1; b < n; b++) {
      const rb = col[b];
      if (rb === null || rb === undefined) continue;
      const ab = a * n + b;
      const ba = b * n + a;
      if (ra < rb) w[ba] = w[ba]! + 2 * sign; // a is better: b before a disagrees
      else if (rb < ra) w[ab] = w[ab]! + 2 * sign;
      else {
        w[ab] = w[ab]! + sign;
        w[ba] = w[ba]! + sign;
      }
    }
  }
}

/** W2[a·n + b] = 2 × the cost of placing item a before item b (items in table order). */
export function disagreementMatrix(table: Table, ranks: (number | null)[][] = criterionRanks(table)): Int32Array {
  const n = table.items.length;
  const w = new Int32Array(n * n);
  for (const col of ranks) addCriterion(w, n, col, 1);
  return w;
}

/** 2 × the distance of an order (item indices, best first) under W2. */
function orderCost2(w: Int32Array, n: number, order: readonly number[]): number {
  let cost = 0;
  for (let i = 0; i < order.length; i++) for (let j = i + 1; j < order.length; j++) cost += w[order[i]! * n + order[j]!]!;
  return cost;
}

function indicesOf(items: readonly string[], ranking: readonly string[]): number[] {
  const index = new Map(items.map((name, i) => [name, i]));
  const order = ranking.map((name) => index.get(name));
  if (order.length !== items.length || new Set(order).size !== order.length || order.some((i) => i === undefined)) {
    throw new Error("Kemeny: a ranking must list every item of the table exactly once");
  }
  return order as number[];
}

/** Total Kendall distance (ties 0.5, missing pairs 0) from a full ranking to the per-criterion rankings. */
export function kemenyDistance(table: Table, ranking: readonly string[]): number {
  return orderCost2(disagreementMatrix(table), table.items.length, indicesOf(table.items, ranking)) / 2;
}

/**
 * Exact Kemeny by dynamic programming over subsets. Items are renumbered in name order
 * (bit k = k-th name). h(R) is the least cost of ordering the set R given that it fills the
 * last |R| places — pairs between R and the items before it cost the same whatever the
 * orders, so they do not enter:
 *   h(∅) = 0,  h(R) = min_{x ∈ R} [ Σ_{y ∈ R} W[x][y] + h(R \ {x}) ]   (x placed first in R).
 * The row sums out(R, x) = Σ_{y ∈ R} W[x][y] are built incrementally from R minus its lowest
 * bit, so the whole table costs O(2^n · n) time and memory. Walking from the full set and
 * taking, at each step, the first name that attains the optimum gives the optimal ranking
 * that comes first in name order (lexicographically smallest sequence of names).
 */
function exactOrder(w: Int32Array, n: number, names: readonly string[]): { order: number[]; cost2: number } {
  const byName = names.map((_, i) => i).sort((a, b) => compareNames(names[a]!, names[b]!));
  const v = new Int32Array(n * n);
  for (let k = 0; k < n; k++) for (let l = 0; l < n; l++) v[k * n + l] = w[byName[k]! * n + byName[l]!]!;
  const size = 1 << n;
  const out = new Int32Array(size * n);
  const h = new Int32Array(size);
  for (let r = 1; r < size; r++) {
    const low = r & -r;
    const lb = 31 - Math.clz32(low);
    const prev = (r ^ low) * n;
    const base = r * n;
    for (let x = 0; x < n; x++) out[base + x] = out[prev + x]! + v[x * n + lb]!;
    let best = 0x7fffffff;
    for (let rest = r; rest !== 0; rest &= rest - 1) {
      const x = 31 - Math.clz32(rest & -rest);
      const c = out[base + x]! + h[r ^ (1 << x)]!;
      if (c < best) best = c;
    }
    h[r] = best;
  }
  const order: number[] = [];
  for (let r = size - 1; r !== 0; ) {
    for (let x = 0; x < n; x++) {
      if ((r & (1 << x)) !== 0 && out[r * n + x]! + h[r ^ (1 << x)]! === h[r]) {
        order.push(byName[x]!);
        r ^= 1 << x;
        break;
      }
    }
  }
  return { order, cost2: h[size - 1]! };
}

/**
 * Local search from a start order: each item in turn moves to the place that lowers the cost
 * most (insertion moves, which include adjacent swaps), until a full pass improves nothing.
 * Costs are integers and each move lowers them strictly, so it stops, never above the start.
 */
function localSearch(w: Int32Array, n: number, start: readonly number[]): number[] {
  // gain[x·n + y] = W[y][x] − W[x][y]: the change when x moves from just before y to just after it.
  const gain = new Int32Array(n * n);
  for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) gain[x * n + y] = w[y * n + x]! - w[x * n + y]!;
  const order = start.slice();
  for (let improved = true; improved; ) {
    improved = false;
    for (let i = 0; i < n; i++) {
      const x = order[i]!;
      const row = x * n;
      let bestDelta = 0;
      let bestJ = i;
      let d = 0;
      for (let j = i + 1; j < n; j++) {
        d += gain[row + order[j]!]!;
        if (d < bestDelta) [bestDelta, bestJ] = [d, j];
      }
      d = 0;
      for (let j = i - 1; j >= 0; j--) {
        d -= gain[row + order[j]!]!;
        if (d < bestDelta) [bestDelta, bestJ] = [d, j];
      }
      if (bestDelta < 0) {
        order.splice(i, 1);
        order.splice(bestJ, 0, x);
        improved = true;
      }
    }
  }
  return order;
}

/**
 * Kemeny on a prepared matrix (`w` from `disagreementMatrix` or `addCriterion`, items in the
 * order of `items`); `start` gives the Borda ranking, asked for only above the exact limit.
 */
export function kemenyWithMatrix(items: readonly string[], w: Int32Array, start: () => readonly string[], options: { exactLimit?: number } = {}): KemenyResult {
  const n = items.length;
  const limit = Math.min(options.exactLimit ?? KEMENY_EXACT_LIMIT, EXACT_LIMIT_CAP);
  if (n <= limit) {
    const { order, cost2 } = exactOrder(w, n, items);
    return { ranking: order.map((i) => items[i]!), exact: true, distance: cost2 / 2 };
  }
  const begin = indicesOf(items, start());
  const order = localSearch(w, n, begin);
  const cost2 = orderCost2(w, n, order);
  const bordaCost2 = orderCost2(w, n, begin);
  if (cost2 > bordaCost2) throw new Error(`kemeny: local search ended above Borda (${cost2 / 2} > ${bordaCost2 / 2})`);
  return { ranking: order.map((i) => items[i]!), exact: false, distance: cost2 / 2 };
}

/**
 * Kemeny ranking. Exact (`exact: true`) for up to `exactLimit` items (default 16, at most 18),
 * ties among optimal rankings broken by name order; above, Borda improved by local search
 * (`exact: false`), never worse than Borda. `distance` is the total Kendall distance.
 */
export function kemeny(table: Table, options: { exactLimit?: number } = {}): KemenyResult {
  return kemenyWithMatrix(table.items, disagreementMatrix(table), () => borda(table).ranking, options);
}
