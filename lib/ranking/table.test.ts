import { describe, expect, it } from "vitest";
import { validateTable } from "./table";
import { MAX_CRITERIA, MAX_ITEMS, RankingInputError, RankingTooLargeError } from "./types";

const criteria = [
  { name: "acc", higherIsBetter: true },
  { name: "latency", higherIsBetter: false },
];

/** Runs `fn`, expecting a RankingInputError; returns it for inspection. */
function thrown(fn: () => unknown): RankingInputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RankingInputError);
    return e as RankingInputError;
  }
  throw new Error("expected a RankingInputError");
}

describe("validateTable", () => {
  it("accepts a good table and trims names", () => {
    const t = validateTable({ items: [" a ", "b"], criteria: [{ name: " acc ", higherIsBetter: true }], scores: [[1], [2]] });
    expect(t).toEqual({ items: ["a", "b"], criteria: [{ name: "acc", higherIsBetter: true }], scores: [[1], [2]] });
  });

  it("refuses what is not a table", () => {
    expect(thrown(() => validateTable(null)).message).toMatch(/must be an object/);
    expect(thrown(() => validateTable([])).message).toMatch(/must be an object/);
    expect(thrown(() => validateTable({ items: "a", criteria, scores: [] })).message).toMatch(/`items`/);
    expect(thrown(() => validateTable({ items: ["a"], criteria: {}, scores: [] })).message).toMatch(/`criteria`/);
    expect(thrown(() => validateTable({ items: ["a", "b"], criteria, scores: null })).message).toMatch(/`scores`/);
  });

  it("refuses an empty table: no items, or no criteria", () => {
    expect(thrown(() => validateTable({ items: [], criteria, scores: [] })).message).toMatch(/no items/);
    expect(thrown(() => validateTable({ items: ["a", "b"], criteria: [], scores: [[], []] })).message).toMatch(/no criteria/);
  });

  it("names the row of a bad item name, counting the first item as row 1", () => {
    const e = thrown(() => validateTable({ items: ["a", "  "], criteria, scores: [[1, 1], [2, 2]] }));
    expect([e.row, e.message]).toEqual([2, "Row 2 has no item name."]);
    expect(thrown(() => validateTable({ items: [3], criteria, scores: [[1, 1]] })).row).toBe(1);
  });

  it("names the column of a criterion without direction, and refuses a nameless one", () => {
    const e = thrown(() => validateTable({ items: ["a", "b"], criteria: [{ name: "acc", higherIsBetter: "yes" }], scores: [[1], [2]] }));
    expect([e.column, e.message]).toEqual(["acc", 'Column "acc": say whether higher is better (higherIsBetter: true or false).']);
    expect(thrown(() => validateTable({ items: ["a"], criteria: [{ higherIsBetter: true }], scores: [[1]] })).message).toBe("Criterion 1 has no name.");
  });

  it("refuses ragged rows, naming the row", () => {
    const e = thrown(() => validateTable({ items: ["a", "b"], criteria, scores: [[1, 2], [3]] }));
    expect([e.row, e.message]).toEqual([2, 'Row 2 ("b") has 1 values; there are 2 criteria.']);
    const missingRow = thrown(() => validateTable({ items: ["a", "b"], criteria, scores: [[1, 2]] }));
    expect([missingRow.row, missingRow.message]).toEqual([2, "There are 2 items but 1 rows of scores."]);
    expect(thrown(() => validateTable({ items: ["a"], criteria, scores: ["1,2"] })).message).toBe('Row 1 ("a") is not a list of values.');
  });

  it("refuses non-numeric cells, NaN and ±Infinity, naming row and column", () => {
    const base = { items: ["a", "b", "c"], criteria };
    const cases: [unknown, string][] = [
      ["0.9", 'Row 2 ("b"), column "latency": "0.9" is not a number.'],
      [undefined, 'Row 2 ("b"), column "latency": nothing is not a number.'],
      [true, 'Row 2 ("b"), column "latency": boolean is not a number.'],
      [Number.NaN, 'Row 2 ("b"), column "latency": NaN is not a score (leave the cell empty for a missing value).'],
      [Number.POSITIVE_INFINITY, 'Row 2 ("b"), column "latency": Infinity is not a finite number.'],
      [Number.NEGATIVE_INFINITY, 'Row 2 ("b"), column "latency": -Infinity is not a finite number.'],
    ];
    for (const [bad, message] of cases) {
      const e = thrown(() => validateTable({ ...base, scores: [[1, 1], [2, bad], [3, 3]] }));
      expect([e.row, e.column, e.message]).toEqual([2, "latency", message]);
    }
  });

  it("refuses duplicate item names after trimming (case-sensitive), naming both rows", () => {
    const e = thrown(() => validateTable({ items: ["a", "b", " a"], criteria, scores: [[1, 1], [2, 2], [3, 3]] }));
    expect([e.row, e.message]).toEqual([3, 'Rows 1 and 3 have the same item name "a".']);
    expect(() => validateTable({ items: ["a", "A"], criteria, scores: [[1, 1], [2, 2]] })).not.toThrow();
  });

  it("refuses duplicate criterion names, naming the column", () => {
    const e = thrown(() =>
      validateTable({
        items: ["a", "b"],
        criteria: [...criteria, { name: "acc ", higherIsBetter: false }],
        scores: [
          [1, 1, 1],
          [2, 2, 2],
        ],
      }),
    );
    expect([e.column, e.message]).toEqual(["acc", 'Criteria 1 and 3 have the same name "acc".']);
  });

  it("refuses a criterion with fewer than 2 distinct values: cannot rank on it", () => {
    const same = thrown(() => validateTable({ items: ["a", "b", "c"], criteria, scores: [[1, 5], [2, 5], [3, null]] }));
    expect([same.column, same.message]).toEqual(["latency", 'Column "latency" has the same value for every item that has one: it cannot rank on it (it needs at least 2 distinct values).']);
    const none = thrown(() => validateTable({ items: ["a", "b"], criteria, scores: [[null, 1], [null, 2]] }));
    expect([none.column, none.message]).toEqual(["acc", 'Column "acc" has no values: it cannot rank on it (it needs at least 2 distinct values).']);
  });

  it("refuses an item with no value at all, naming the row", () => {
    const e = thrown(() => validateTable({ items: ["a", "b", "c"], criteria, scores: [[1, 1], [null, null], [3, 3]] }));
    expect([e.row, e.message]).toEqual([2, 'Row 2 ("b") has no value for any criterion: it cannot be ranked.']);
  });

  it("answers too large past the limits, before looking at any cell", () => {
    const items = Array.from({ length: MAX_ITEMS + 1 }, (_, i) => `m${i}`);
    const big = thrown(() => validateTable({ items, criteria, scores: [] }));
    expect(big).toBeInstanceOf(RankingTooLargeError);
    expect([big.tooLarge, big.message]).toEqual([true, `The table has ${MAX_ITEMS + 1} items; at most ${MAX_ITEMS} can be ranked.`]);
    const wide = thrown(() => validateTable({ items: ["a"], criteria: Array.from({ length: MAX_CRITERIA + 1 }, (_, j) => ({ name: `c${j}`, higherIsBetter: true })), scores: [] }));
    expect([wide.tooLarge, wide.message]).toEqual([true, `The table has ${MAX_CRITERIA + 1} criteria; at most ${MAX_CRITERIA} can be ranked on.`]);
    // At the limits exactly, the table is fine.
    const atLimit = { items: items.slice(0, MAX_ITEMS), criteria: [criteria[0]!], scores: items.slice(0, MAX_ITEMS).map((_, i) => [i]) };
    expect(validateTable(atLimit).items).toHaveLength(MAX_ITEMS);
    expect(thrown(() => validateTable({ items: ["a"], criteria, scores: [["x", 1]] })).tooLarge).toBe(false);
  });
});
