import { describe, expect, it } from "vitest";
import { aggregate } from "./aggregate";
import { borda, bordaScores } from "./borda";
import { kemeny } from "./kemeny";
import { mean, meanNormalised } from "./mean";
import type { Table } from "./types";

/**
 * Hand-worked table. Ranks per criterion:
 *   c1 (higher): A 9, B 7, C 7, D 3        → A 1, B 2.5, C 2.5, D 4
 *   c2 (higher): A 1, B 4, C 3, D 2        → A 4, B 1,   C 2,   D 3
 *   c3 (lower):  A 10, B 30, C 20, D 20    → A 1, B 4,   C 2.5, D 2.5
 * Borda (mean rank): A (1+4+1)/3 = 2, B (2.5+1+4)/3 = 2.5, C (2.5+2+2.5)/3 = 2.3333, D (4+3+2.5)/3 = 3.1667
 * Sums 6, 7.5, 7, 9.5 order the same: A, C, B, D.
 */
const HAND: Table = {
  items: ["A", "B", "C", "D"],
  criteria: [
    { name: "c1", higherIsBetter: true },
    { name: "c2", higherIsBetter: true },
    { name: "c3", higherIsBetter: false },
  ],
  scores: [
    [9, 1, 10],
    [7, 4, 30],
    [7, 3, 20],
    [3, 2, 20],
  ],
};

describe("borda", () => {
  it("orders by mean rank on a hand-worked table", () => {
    expect(bordaScores(HAND)).toEqual([2, 2.5, 7 / 3, 9.5 / 3]);
    expect(borda(HAND)).toEqual({ ranking: ["A", "C", "B", "D"], scores: [2, 2.3333, 2.5, 3.1667] });
  });

  it("breaks ties by item name", () => {
    // b: ranks 2, 1 → 1.5; a: ranks 1, 2 → 1.5 → tie → a first.
    const t: Table = {
      items: ["b", "a"],
      criteria: [
        { name: "x", higherIsBetter: true },
        { name: "y", higherIsBetter: true },
      ],
      scores: [
        [1, 2],
        [2, 1],
      ],
    };
    expect(borda(t)).toEqual({ ranking: ["a", "b"], scores: [1.5, 1.5] });
  });
});

describe("mean and meanNormalised", () => {
  it("averages oriented raw scores; a lower-is-better criterion enters as −score", () => {
    // A (9 + 1 − 10)/3 = 0, B (7 + 4 − 30)/3 = −6.3333, C (7 + 3 − 20)/3 = −3.3333, D (3 + 2 − 20)/3 = −5
    expect(mean(HAND)).toEqual({ ranking: ["A", "C", "D", "B"], scores: [0, -3.3333, -5, -6.3333] });
  });

  it("min–max normalises each criterion to 0 (worst) … 1 (best) before averaging", () => {
    // c1: (v−3)/6 → A 1, B 2/3, C 2/3, D 0; c2: (v−1)/3 → A 0, B 1, C 2/3, D 1/3; c3: (30−v)/20 → A 1, B 0, C .5, D .5
    // A 2/3 = .6667, B (2/3+1)/3 = .5556, C (2/3+2/3+.5)/3 = .6111, D (0+1/3+.5)/3 = .2778
    expect(meanNormalised(HAND)).toEqual({ ranking: ["A", "C", "B", "D"], scores: [0.6667, 0.6111, 0.5556, 0.2778] });
  });
});

describe("a criterion on a large scale", () => {
  // downloads (millions) swamps the raw mean; ranks are scale-free.
  //   ranks: A 1,1,1,3 → Borda 1.5; B 2,2,2,1 → 1.75; C 3,3,3,2 → 2.75
  //   Kemeny: A beats B on 3 of 4 criteria, A beats C 3:1, B beats C 4:0 → A, B, C (distance 1 + 1 + 0 = 2)
  //   mean: A ≈ 250,000.5, B ≈ 1,250,000.5, C ≈ 500,000.4 → B first
  const t: Table = {
    items: ["A", "B", "C"],
    criteria: ["accuracy", "f1", "bleu", "downloads"].map((name) => ({ name, higherIsBetter: true })),
    scores: [
      [0.9, 0.88, 0.4, 1_000_000],
      [0.8, 0.79, 0.35, 5_000_000],
      [0.7, 0.75, 0.3, 2_000_000],
    ],
  };

  it("makes the mean pick a different top item than Borda and Kemeny", () => {
    expect(mean(t).ranking).toEqual(["B", "C", "A"]);
    expect(borda(t)).toEqual({ ranking: ["A", "B", "C"], scores: [1.5, 1.75, 2.75] });
    expect(kemeny(t)).toEqual({ ranking: ["A", "B", "C"], exact: true, distance: 2 });
    expect(meanNormalised(t).ranking[0]).toBe("A");
    const r = aggregate(t);
    expect([r.borda.ranking[0], r.kemeny.ranking[0], r.mean.ranking[0]]).toEqual(["A", "A", "B"]);
    // B, C, A against A, B, C: (A,B) and (A,C) discordant, (B,C) concordant → (1 − 2)/3
    expect(r.kendallTau).toEqual({ bordaVsMean: -0.3333, kemenyVsMean: -0.3333, bordaVsKemeny: 1 });
  });
});

describe("missing values", () => {
  // D has no value for y. x: D 1, A 2, B 3, C 4; y: A 1, B 2, C 3; z: D 1, A 2, B 3, C 4
  // Borda: D (1+1)/2 = 1, A (2+1+2)/3 = 1.6667, B (3+2+3)/3 = 2.6667, C (4+3+4)/3 = 3.6667
  const t: Table = {
    items: ["A", "B", "C", "D"],
    criteria: ["x", "y", "z"].map((name) => ({ name, higherIsBetter: true })),
    scores: [
      [4, 3, 5],
      [3, 2, 4],
      [2, 1, 1],
      [10, null, 9],
    ],
  };

  it("still ranks an item missing a criterion by the others, and leaves it out of that criterion", () => {
    expect(borda(t)).toEqual({ ranking: ["D", "A", "B", "C"], scores: [1, 1.6667, 2.6667, 3.6667] });
    // no pair is contradicted by any criterion that ranks both
    expect(kemeny(t)).toEqual({ ranking: ["D", "A", "B", "C"], exact: true, distance: 0 });
    expect(mean(t).ranking[0]).toBe("D"); // (10 + 9)/2 = 9.5
    const r = aggregate(t);
    expect(r.perCriterion).toEqual([
      { criterion: "x", ranking: ["D", "A", "B", "C"] },
      { criterion: "y", ranking: ["A", "B", "C"] },
      { criterion: "z", ranking: ["D", "A", "B", "C"] },
    ]);
    expect(r.distortion).toEqual({ borda: 0, kemeny: 0, mean: 0 });
  });
});
