import { describe, expect, it } from "vitest";
import { compareNames, criterionRanks, orderByScore, perCriterionRankings, rankValues, round4 } from "./ranks";

describe("rankValues", () => {
  it("ranks 1 = best and gives ties the average of the ranks they span", () => {
    // 9 > 7 = 7 > 3: positions 1, 2, 3, 4; the two 7s span ranks 2 and 3 → (2 + 3) / 2 = 2.5
    expect(rankValues([7, 9, 3, 7], true)).toEqual([2.5, 1, 4, 2.5]);
    // lower is better: 3 < 7 = 7 < 9 → 1, 2.5, 2.5, 4
    expect(rankValues([7, 9, 3, 7], false)).toEqual([2.5, 4, 1, 2.5]);
    // three-way tie at the top spans ranks 1..3 → 2; the last item is rank 4
    expect(rankValues([5, 5, 5, 1], true)).toEqual([2, 2, 2, 4]);
  });

  it("leaves missing values out: the present items are ranked among themselves", () => {
    // present: 10, 30, 20 → ranks 3, 1, 2 (out of 3, not 4)
    expect(rankValues([10, null, 30, 20], true)).toEqual([3, null, 1, 2]);
  });
});

describe("criterionRanks and perCriterionRankings", () => {
  const table = {
    items: ["b", "a", "c", "d"],
    criteria: [
      { name: "acc", higherIsBetter: true },
      { name: "cost", higherIsBetter: false },
    ],
    scores: [
      [0.8, 3],
      [0.8, null],
      [0.9, 1],
      [0.1, 2],
    ],
  };

  it("ranks every criterion, missing stays null", () => {
    expect(criterionRanks(table)).toEqual([
      [2.5, 2.5, 1, 4],
      [3, null, 1, 2],
    ]);
  });

  it("lists each criterion's ranking best first, ties in name order, missing items left out", () => {
    expect(perCriterionRankings(table)).toEqual([
      { criterion: "acc", ranking: ["c", "a", "b", "d"] },
      { criterion: "cost", ranking: ["c", "d", "b"] },
    ]);
  });
});

describe("helpers", () => {
  it("compares names by code units, the same in every locale", () => {
    expect(["b", "B", "a", "Ä", "A"].sort(compareNames)).toEqual(["A", "B", "a", "b", "Ä"]);
  });

  it("rounds to 4 decimals without −0", () => {
    expect([round4(1 / 3), round4(2.00005), round4(-0.00001)]).toEqual([0.3333, 2.0001, 0]);
    expect(Object.is(round4(-0.00001), 0)).toBe(true);
  });

  it("orders by score then name, ignoring float noise below 12 significant digits", () => {
    // 0.1 + 0.2 = 0.30000000000000004 ties 0.3 at 12 digits, so name order decides.
    expect(orderByScore(["z", "y", "x"], [0.1 + 0.2, 0.3, 0.5], "higher")).toEqual({ ranking: ["x", "y", "z"], scores: [0.5, 0.3, 0.3] });
    expect(orderByScore(["z", "y", "x"], [2, 1, 2], "lower").ranking).toEqual(["y", "x", "z"]);
  });
});
