import { describe, expect, it } from "vitest";
import { parseCell, parseCsvRecords, parseCsvTable } from "./csv";
import { MAX_CRITERIA, MAX_ITEMS, RankingInputError } from "./types";

function thrown(fn: () => unknown): RankingInputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RankingInputError);
    return e as RankingInputError;
  }
  throw new Error("expected a RankingInputError");
}

describe("parseCsvRecords (RFC 4180)", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    expect(parseCsvRecords('a,"b, c","say ""hi""","two\nlines"\n')).toEqual([["a", "b, c", 'say "hi"', "two\nlines"]]);
  });

  it("takes CRLF, LF and CR line ends, a BOM, empty fields and no final newline", () => {
    expect(parseCsvRecords("\uFEFFx,y\r\n1,\r\n,2\n3,4\r5,6")).toEqual([
      ["x", "y"],
      ["1", ""],
      ["", "2"],
      ["3", "4"],
      ["5", "6"],
    ]);
    expect(parseCsvRecords("a,b,")).toEqual([["a", "b", ""]]);
    expect(parseCsvRecords('"",x')).toEqual([["", "x"]]);
  });

  it("drops empty lines", () => {
    expect(parseCsvRecords("\na,b\n\n1,2\n\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsvRecords("")).toEqual([]);
  });

  it("refuses malformed quoting, naming the row", () => {
    const open = thrown(() => parseCsvRecords('h,k\nx,"never closed\n'));
    expect([open.row, open.message]).toEqual([1, "Row 1: a quoted field is never closed."]);
    const after = thrown(() => parseCsvRecords('h,k\nx,y\nz,"q"w\n'));
    expect([after.row, after.message]).toEqual([2, 'Row 2: unexpected text after a closing quote (a quote inside a field is written "").']);
    const stray = thrown(() => parseCsvRecords('h,k"\n'));
    expect([stray.row, stray.message]).toEqual([undefined, "The header row: a quote inside an unquoted field (quote the whole field and double the quote)."]);
  });
});

describe("parseCell", () => {
  it("accepts plain decimals, a sign and scientific notation; empty is missing", () => {
    expect(["12", " -0.5 ", "+3", ".5", "1.", "1e6", "2.5E-3", "-1e+2"].map(parseCell)).toEqual([12, -0.5, 3, 0.5, 1, 1e6, 0.0025, -100]);
    expect(parseCell("   ")).toBeNull();
  });

  it("refuses anything else", () => {
    for (const bad of ["1e", "0x10", "1,5", "85%%", "NaN", "Infinity", ".", "1 2", "1_000", "0b1", "e5", "1,23", "12,3456", "85 ± x", "abc"]) expect(parseCell(bad), bad).toBeUndefined();
  });

  it("reads leaderboard notation through: no-result marks, emphasis, footnotes, percents, uncertainties, minus signs, thousands", () => {
    for (const missing of ["-", "–", "—", "n/a", "N/A", "NA", "?"]) expect(parseCell(missing), missing).toBeNull();
    const cases: [string, number][] = [
      ["**85.3**", 85.3],
      ["_85.3_", 85.3],
      ["85.3†", 85.3],
      ["85.3*", 85.3],
      ["**85.3†**", 85.3],
      ["85.3^a", 85.3],
      ["85.3%", 85.3],
      ["85.3 %", 85.3],
      ["85.3 ± 0.4", 85.3],
      ["85.3±0.4", 85.3],
      ["85.3 +/- 0.4", 85.3],
      ["85.3 (0.4)", 85.3],
      ["71.2% ± 1.1%", 71.2],
      ["−3.5", -3.5],
      ["1,234", 1234],
      ["12,345.6", 12345.6],
      ["-1,000,000", -1000000],
    ];
    for (const [cell, value] of cases) expect(parseCell(cell), cell).toBe(value);
  });
});

describe("parseCsvTable", () => {
  it("reads a header, item names and criteria, higher-is-better unless named in lower", () => {
    const t = parseCsvTable('\uFEFFmodel,accuracy,"latency, ms"\r\n"Model ""A""",0.9,120\r\nB,0.8,\r\nC,,80\r\n', { lower: ["latency, ms"] });
    expect(t).toEqual({
      items: ['Model "A"', "B", "C"],
      criteria: [
        { name: "accuracy", higherIsBetter: true },
        { name: "latency, ms", higherIsBetter: false },
      ],
      scores: [
        [0.9, 120],
        [0.8, null],
        [null, 80],
      ],
    });
  });

  it("refuses unknown names in lower, naming them", () => {
    const e = thrown(() => parseCsvTable("m,acc,f1\na,1,2\nb,2,1\n", { lower: ["f1", "latency", "size"] }));
    expect([e.column, e.message]).toEqual(["latency", 'Lower-is-better names columns the CSV does not have: "latency", "size".']);
    expect(thrown(() => parseCsvTable("m,acc\na,1\nb,2\n", { lower: ["ACC"] })).message).toBe('Lower-is-better names a column the CSV does not have: "ACC".');
  });

  it("refuses a non-number cell, naming row (first item = row 1) and column", () => {
    const e = thrown(() => parseCsvTable("m,acc,f1\na,1,2\nb,0x10,1\n"));
    expect([e.row, e.column, e.message]).toEqual([2, "acc", 'Row 2 ("b"), column "acc": "0x10" is not a number.']);
    expect(thrown(() => parseCsvTable("m,acc,f1\na,1e,2\nb,3,1\n")).message).toBe('Row 1 ("a"), column "acc": "1e" is not a number.');
  });

  it("refuses ragged rows, an empty CSV, a header without criteria and nameless columns", () => {
    const ragged = thrown(() => parseCsvTable("m,acc,f1\na,1,2\nb,2\n"));
    expect([ragged.row, ragged.message]).toEqual([2, "Row 2 has 2 cells; the header row has 3."]);
    expect(thrown(() => parseCsvTable("\n\n")).message).toBe("The CSV is empty: it needs a header row and one row per item.");
    expect(thrown(() => parseCsvTable("m\na\n")).message).toBe("The header row needs an item column and at least one criterion column.");
    expect(thrown(() => parseCsvTable("m,acc, \na,1,2\n")).message).toBe("The header row: column 3 has no criterion name.");
  });

  it("passes the table through validateTable (duplicates, unrankable columns, empty rows)", () => {
    expect(thrown(() => parseCsvTable("m,acc\na,1\n a ,2\n")).message).toBe('Rows 1 and 2 have the same item name "a".');
    expect(thrown(() => parseCsvTable("m,acc,acc\na,1,2\nb,2,1\n")).column).toBe("acc");
    expect(thrown(() => parseCsvTable("m,acc,f1\na,1,1\nb,2,1\n")).column).toBe("f1");
    expect(thrown(() => parseCsvTable("m,acc,f1\na,1,1\nb,,\nc,2,2\n")).row).toBe(2);
    expect(thrown(() => parseCsvTable("m,acc\na,1e999\nb,2\n")).message).toBe('Row 1 ("a"), column "acc": Infinity is not a finite number.');
  });

  it("answers too large on row or column count before reading cells", () => {
    const rows = Array.from({ length: MAX_ITEMS + 1 }, (_, i) => `m${i},x`).join("\n");
    expect(thrown(() => parseCsvTable(`m,acc\n${rows}\n`)).tooLarge).toBe(true);
    const header = ["m", ...Array.from({ length: MAX_CRITERIA + 1 }, (_, j) => `c${j}`)].join(",");
    expect(thrown(() => parseCsvTable(`${header}\n`)).tooLarge).toBe(true);
  });
});

describe("leaderboard tables as people paste them", () => {
  it("reads a tab-separated table with percents, uncertainties, footnotes and missing results", () => {
    const text = "Model\tMMLU\tGSM8K\tHumanEval\nA\t**71.2%**\t85.3 ± 0.4\t—\nB\t68.0%†\t88.1\t45.7\nC\t70.5%\tn/a\t50.0\n";
    const table = parseCsvTable(text);
    expect(table.items).toEqual(["A", "B", "C"]);
    expect(table.criteria.map((c) => c.name)).toEqual(["MMLU", "GSM8K", "HumanEval"]);
    expect(table.scores).toEqual([
      [71.2, 85.3, null],
      [68, 88.1, 45.7],
      [70.5, null, 50],
    ]);
  });

  it("keeps commas inside quoted tab-separated cells and still refuses what is no number", () => {
    expect(parseCsvRecords('a\tb\n"x, y"\t"1,234"\n')).toEqual([
      ["a", "b"],
      ["x, y", "1,234"],
    ]);
    expect(() => parseCsvTable("m\tacc\nA\t85 percent\nB\t80\n")).toThrow(/Row 1 \("A"\), column "acc": "85 percent" is not a number/);
  });
});
