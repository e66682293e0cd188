import { describe, expect, it } from "vitest";
import { borda } from "./borda";
import { KEMENY_EXACT_LIMIT, disagreementMatrix, kemeny, kemenyDistance } from "./kemeny";
import { validateTable } from "./table";
import type { Table } from "./types";

/** mulberry32, so every run draws the same tables. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ["delta", "alpha", "Echo", "bravo", "charlie", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"];

/** A random valid table: small integer scores (many ties), some missing, random directions. */
function randomTable(rand: () => number, n: number, valueRange: number, missing: number): Table {
  for (;;) {
    const items = NAMES.slice(0, n).sort(() => rand() - 0.5);
    const m = 1 + Math.floor(rand() * 5);
    const criteria = Array.from({ length: m }, (_, j) => ({ name: `c${j}`, higherIsBetter: rand() < 0.6 }));
    const scores = items.map(() => criteria.map(() => (rand() < missing ? null : Math.floor(rand() * valueRange))));
    try {
      return validateTable({ items, criteria, scores });
    } catch {
      // unrankable column or empty row: draw again
    }
  }
}

/** Kemeny–Snell distance straight from the raw scores (independent of ranks and W). */
function bruteDistance(t: Table, order: string[]): number {
  const idx = order.map((name) => t.items.indexOf(name));
  let d = 0;
  t.criteria.forEach((c, j) => {
    for (let x = 0; x < idx.length; x++) {
      for (let y = x + 1; y < idx.length; y++) {
        const a = t.scores[idx[x]!]![j];
        const b = t.scores[idx[y]!]![j];
        if (a === null || b === null || a === undefined || b === undefined) continue;
        if (a === b) d += 0.5;
        else if (c.higherIsBetter ? b > a : b < a) d += 1; // the later item is better: disagreement
      }
    }
  });
  return d;
}

/** Every permutation, in lexicographic order of names (JS default string order). */
function* permutations(names: string[]): Generator<string[]> {
  const sorted = [...names].sort();
  if (sorted.length <= 1) {
    yield sorted;
    return;
  }
  for (let i = 0; i < sorted.length; i++) {
    const rest = [...sorted.slice(0, i), ...sorted.slice(i + 1)];
    for (const p of permutations(rest)) yield [sorted[i]!, ...p];
  }
}

function bruteKemeny(t: Table): { ranking: string[]; distance: number } {
  let best: { ranking: string[]; distance: number } | null = null;
  for (const p of permutations(t.items)) {
    const d = bruteDistance(t, p);
    if (best === null || d < best.distance) best = { ranking: p, distance: d }; // strict: first optimum in name order kept
  }
  return best!;
}

describe("kemeny, exact", () => {
  it("matches brute force over all permutations on 250 random tables (n ≤ 7, ties, missing values)", () => {
    const rand = prng(20221128);
    for (let k = 0; k < 250; k++) {
      const n = 2 + Math.floor(rand() * 6);
      const t = randomTable(rand, n, 2 + Math.floor(rand() * 4), rand() * 0.3);
      const got = kemeny(t);
      const want = bruteKemeny(t);
      expect(got.exact).toBe(true);
      expect(got.distance).toBe(want.distance);
      expect(bruteDistance(t, got.ranking)).toBe(got.distance);
      expect(kemenyDistance(t, got.ranking)).toBe(got.distance);
      // among equal-distance optima, the one first in name order
      expect(got.ranking).toEqual(want.ranking);
      // the local search is never better than the optimum, never worse than Borda
      const heuristic = kemeny(t, { exactLimit: 0 });
      expect(heuristic.exact).toBe(false);
      expect(heuristic.distance).toBeGreaterThanOrEqual(want.distance);
      expect(heuristic.distance).toBeLessThanOrEqual(kemenyDistance(t, borda(t).ranking));
    }
  });

  it("breaks ties among optimal rankings by item name (a Condorcet cycle)", () => {
    // c1: alpha > mid > zeta, c2: mid > zeta > alpha, c3: zeta > alpha > mid.
    // alpha,mid,zeta disagrees with c2 on one pair and with c3 on two pairs and... in all:
    // (alpha,mid) 1 [c2] + (alpha,zeta) 2 [c2, c3] + (mid,zeta) 1 [c3] = 4; each rotation costs 4,
    // each reversal 5. Of the three optimal rotations the first in name order wins, whatever
    // the table order.
    const t: Table = {
      items: ["zeta", "alpha", "mid"],
      criteria: ["c1", "c2", "c3"].map((name) => ({ name, higherIsBetter: true })),
      scores: [
        [1, 2, 3],
        [3, 1, 2],
        [2, 3, 1],
      ],
    };
    for (const rotation of [["alpha", "mid", "zeta"], ["mid", "zeta", "alpha"], ["zeta", "alpha", "mid"]]) expect(kemenyDistance(t, rotation)).toBe(4);
    expect(kemenyDistance(t, ["alpha", "zeta", "mid"])).toBe(5);
    expect(kemeny(t)).toEqual({ ranking: ["alpha", "mid", "zeta"], exact: true, distance: 4 });
    const reordered = { ...t, items: ["mid", "zeta", "alpha"], scores: [t.scores[2]!, t.scores[0]!, t.scores[1]!] };
    expect(kemeny(reordered).ranking).toEqual(["alpha", "mid", "zeta"]);
  });

  it("counts a tied pair 0.5 whatever the order", () => {
    const t: Table = {
      items: ["b", "a", "c"],
      criteria: [{ name: "x", higherIsBetter: true }],
      scores: [[1], [1], [0]],
    };
    // a and b tie (0.5 either way); c is last → distance 0.5, ties in name order: a, b, c
    expect(kemeny(t)).toEqual({ ranking: ["a", "b", "c"], exact: true, distance: 0.5 });
    expect(kemenyDistance(t, ["b", "a", "c"])).toBe(0.5);
    expect(kemenyDistance(t, ["c", "b", "a"])).toBe(2.5);
  });

  it("builds W[a][b] = cost of placing a before b, doubled", () => {
    const t: Table = {
      items: ["p", "q", "r"],
      criteria: [
        { name: "x", higherIsBetter: true },
        { name: "y", higherIsBetter: false },
      ],
      // x: p 3, q 2, r 2 (q, r tied); y (lower better): p 5, q 1, r missing
      scores: [
        [3, 5],
        [2, 1],
        [2, null],
      ],
    };
    // p before q: x agrees (0), y disagrees (1) → 1 → 2; q before p: x 1 → 2
    // p before r: x agrees → 0; r before p: x 1 → 2; q/r: x tie 0.5 each way → 1 (y: r missing)
    expect(Array.from(disagreementMatrix(t))).toEqual([0, 2, 0, 2, 0, 1, 2, 1, 0]);
  });

  it("is exact up to 16 items (the default limit), e.g. at n = 12, and at n = 16", () => {
    const rand = prng(7);
    const t12 = randomTable(rand, 12, 100, 0.1);
    const r12 = kemeny(t12);
    expect(KEMENY_EXACT_LIMIT).toBe(16);
    expect(r12.exact).toBe(true);
    expect(r12.distance).toBeLessThanOrEqual(kemenyDistance(t12, borda(t12).ranking));
    expect(kemenyDistance(t12, r12.ranking)).toBe(r12.distance);

    const items = Array.from({ length: 16 }, (_, i) => `m${String(i).padStart(2, "0")}`);
    const criteria = Array.from({ length: 8 }, (_, j) => ({ name: `c${j}`, higherIsBetter: true }));
    const t16 = validateTable({ items, criteria, scores: items.map(() => criteria.map(() => Math.floor(rand() * 1000))) });
    const start = performance.now();
    const r16 = kemeny(t16);
    const ms = performance.now() - start;
    console.info(`exact Kemeny, n = 16, 8 criteria: ${ms.toFixed(1)} ms (informal, not asserted)`);
    expect(r16.exact).toBe(true);
    expect(r16.distance).toBeLessThanOrEqual(kemeny(t16, { exactLimit: 0 }).distance);
  });
});

describe("kemeny, above the exact limit", () => {
  it("is never worse than Borda and is a local optimum for insertion moves (n = 25)", () => {
    const rand = prng(42);
    for (let k = 0; k < 5; k++) {
      const items = Array.from({ length: 25 }, (_, i) => `s${i}`);
      const criteria = Array.from({ length: 6 }, (_, j) => ({ name: `c${j}`, higherIsBetter: j % 2 === 0 }));
      const scores = items.map(() => criteria.map(() => (rand() < 0.1 ? null : Math.round(rand() * 20))));
      const t = validateTable({ items, criteria, scores });
      const r = kemeny(t);
      expect(r.exact).toBe(false);
      expect(new Set(r.ranking).size).toBe(25);
      expect(kemenyDistance(t, r.ranking)).toBe(r.distance);
      expect(r.distance).toBeLessThanOrEqual(kemenyDistance(t, borda(t).ranking));
      // no single move of one item to another place lowers the distance
      for (let i = 0; i < 25; i++) {
        for (let j = 0; j < 25; j++) {
          const moved = [...r.ranking];
          const [x] = moved.splice(i, 1);
          moved.splice(j, 0, x!);
          expect(kemenyDistance(t, moved)).toBeGreaterThanOrEqual(r.distance);
        }
      }
    }
  });
});
