import { describe, expect, it } from "vitest";
import { kemenyDistance } from "./kemeny";
import { distortion, kendallDistance, kendallTau } from "./stats";
import type { Table } from "./types";

describe("kendallDistance and kendallTau (τ-b on permutations)", () => {
  it("counts discordant pairs and turns them into τ = (pairs − 2·discordant) / pairs", () => {
    const base = ["A", "B", "C", "D"]; // 4 items → 6 pairs
    // B,A,D,C: (A,B) and (C,D) swapped → 2 discordant; τ = (6 − 4)/6 = 1/3
    expect(kendallDistance(base, ["B", "A", "D", "C"])).toBe(2);
    expect(kendallTau(base, ["B", "A", "D", "C"])).toBeCloseTo(1 / 3, 12);
    // A,C,B,D: only (B,C) → τ = (6 − 2)/6 = 2/3
    expect(kendallTau(base, ["A", "C", "B", "D"])).toBeCloseTo(2 / 3, 12);
    // reversed: all 6 discordant → τ = −1; identical → 1
    expect(kendallDistance(base, ["D", "C", "B", "A"])).toBe(6);
    expect(kendallTau(base, ["D", "C", "B", "A"])).toBe(-1);
    expect(kendallTau(base, base)).toBe(1);
    // 5 items, 10 pairs: E moved from last to first crosses 4 items → τ = (10 − 8)/10 = 0.2
    expect(kendallTau(["A", "B", "C", "D", "E"], ["E", "A", "B", "C", "D"])).toBeCloseTo(0.2, 12);
  });

  it("is symmetric, gives 1 for fewer than two items, and refuses different item sets", () => {
    expect(kendallTau(["A", "C", "B"], ["B", "A", "C"])).toBe(kendallTau(["B", "A", "C"], ["A", "C", "B"]));
    expect(kendallTau(["A"], ["A"])).toBe(1);
    expect(kendallTau([], [])).toBe(1);
    expect(() => kendallTau(["A", "B"], ["A", "C"])).toThrow(/one ranking only/);
    expect(() => kendallTau(["A", "B"], ["A", "B", "C"])).toThrow(/same items/);
    expect(() => kendallTau(["A", "A"], ["A", "B"])).toThrow(/same items/);
  });
});

describe("distortion", () => {
  // Ranks: c1 A 1, B 2.5, C 2.5, D 4; c2 A 4, B 1, C 2, D 3; c3 A 1, B 4, C 2.5, D 2.5
  const table: Table = {
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

  it("averages the per-criterion Kendall distance over the pairs each criterion ranks", () => {
    // Ranking A, C, B, D against
    //   c1: only (C,B) is tied → 0.5 of 6 pairs
    //   c2: (A,C), (A,B), (A,D), (C,B) reversed → 4 of 6
    //   c3: (C,D) tied 0.5, (B,D) reversed 1 → 1.5 of 6
    // distortion = (0.5 + 4 + 1.5) / 6 / 3 = 1/3; Kemeny distance = 0.5 + 4 + 1.5 = 6
    expect(distortion(table, ["A", "C", "B", "D"])).toBeCloseTo(1 / 3, 12);
    expect(kemenyDistance(table, ["A", "C", "B", "D"])).toBe(6);
  });

  it("normalises per criterion, so a criterion missing items weighs the same", () => {
    // x ranks a, b, c (3 pairs); y ranks a, b only (1 pair). Ranking c, b, a:
    //   x: all 3 pairs reversed → 1; y: (b,a) reversed → 1; mean 1
    const t: Table = {
      items: ["a", "b", "c"],
      criteria: [
        { name: "x", higherIsBetter: true },
        { name: "y", higherIsBetter: true },
      ],
      scores: [
        [3, 2],
        [2, 1],
        [1, null],
      ],
    };
    expect(distortion(t, ["c", "b", "a"])).toBe(1);
    expect(distortion(t, ["a", "b", "c"])).toBe(0);
    expect(() => distortion(t, ["a", "z"])).toThrow(/not an item/);
  });
});
