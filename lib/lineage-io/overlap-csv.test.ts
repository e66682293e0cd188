import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkUrl, formatLineError, parseCsvRecords, parseMeasurementSplit, parseOverlapCsv, parseOverlapValue } from "./overlap-csv";

const FIXTURES = path.join(import.meta.dirname, "fixtures", "overlap");
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");

describe("parseCsvRecords", () => {
  it("reads RFC 4180 quoting: commas, line breaks and doubled quotes inside quotes, with the line each record starts on", () => {
    const { records, errors } = parseCsvRecords('a,"b,c","d\r\ne"\r\n\r\n"say ""hi""",,x\nlast');
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ["a", "b,c", "d\r\ne"] },
      { line: 4, fields: ['say "hi"', "", "x"] },
      { line: 5, fields: ["last"] },
    ]);
  });

  it("drops a leading BOM and blank lines, and counts lone CR as a line break", () => {
    expect(parseCsvRecords("\uFEFFh1,h2\r\r\n  \n1,2").records).toEqual([
      { line: 1, fields: ["h1", "h2"] },
      { line: 4, fields: ["1", "2"] },
    ]);
  });

  it("reports broken quoting on the line the record starts and goes on with the next line", () => {
    const { records, errors } = parseCsvRecords('ok,1\nab"c,2\n"x"y,3\nfine,4\n"never closed,5\nlost,6');
    expect(records.map((r) => r.line)).toEqual([1, 4]);
    expect(errors).toEqual([
      { line: 2, reason: 'a quote inside an unquoted field (quote the whole field and write the quote as "")' },
      { line: 3, reason: 'text after a closing quote (inside a quoted field, write a quote as "")' },
      { line: 5, reason: 'a quoted field starting on this line is never closed (a missing ")' },
    ]);
  });
});

describe("field rules", () => {
  it("takes an overlap as a fraction or a percentage, exactly, and nothing else", () => {
    expect(parseOverlapValue("0.042")).toBe(0.042);
    expect(parseOverlapValue("4.2%")).toBe(0.042);
    expect(parseOverlapValue(" 4.2 % ")).toBe(0.042);
    expect(parseOverlapValue("100%")).toBe(1);
    expect(parseOverlapValue("1")).toBe(1);
    expect(parseOverlapValue("0")).toBe(0);
    expect(parseOverlapValue(".5")).toBe(0.5);
    expect(parseOverlapValue("4.2e-2")).toBe(0.042);
    for (const bad of ["", "%", "5", "1.0001", "100.1%", "-0.1", "-1%", "0x1", "Infinity", "NaN", "4,2%", "4.2%%", "abc", "1e400"]) {
      expect(parseOverlapValue(bad), bad).toBeNull();
    }
  });

  it("knows four splits in any case and refuses the rest", () => {
    expect(["train", "TEST", "Validation", "all"].map(parseMeasurementSplit)).toEqual(["TRAIN", "TEST", "VALIDATION", "ALL"]);
    for (const bad of ["dev", "val", "eval", "unknown", ""]) expect(parseMeasurementSplit(bad), bad).toBeNull();
  });

  it("takes an empty URL as none and refuses anything but http(s)", () => {
    expect(checkUrl("  ")).toEqual({ ok: true, url: null });
    expect(checkUrl(" https://example.org/a?b=1 ")).toEqual({ ok: true, url: "https://example.org/a?b=1" });
    for (const bad of ["ftp://example.org/x", "javascript:alert(1)", "example.org/x", "http://", `https://example.org/${"x".repeat(2000)}`]) {
      expect(checkUrl(bad).ok, bad).toBe(false);
    }
  });
});

describe("parseOverlapCsv", () => {
  it("reads the good fixture: any column order and case, BOM, CRLF, quoted fields, a blank line", () => {
    const result = parseOverlapCsv({ text: read("good.csv"), file: "good.csv" });
    expect(result.errors).toEqual([]);
    expect(result.records).toBe(5);
    expect(result.rows).toEqual([
      { line: 2, dataset: "meta-math/MetaMathQA", benchmark: "GSM8K", split: "TEST", overlap: 0.042, method: "13-gram", url: "https://example.org/metamath-overlap" },
      { line: 3, dataset: "meta-math/MetaMathQA", benchmark: "math-test", split: "TEST", overlap: 0.0015, method: "embedding cosine>=0.9, top-1", url: null },
      { line: 4, dataset: "corpus:fixture-synthetic-mix", benchmark: "AIME 2025", split: "ALL", overlap: 0, method: "decon", url: "https://example.org/reports/a,b" },
      // A quoted line break in a method is folded to a space; the record starts on line 6.
      { line: 6, dataset: "corpus:fixture-synthetic-mix", benchmark: "Maxwell-Jia/AIME_2024", split: "ALL", overlap: 0.125, method: '13-gram "exact" match', url: null },
      { line: 8, dataset: "meta-math/MetaMathQA", benchmark: "GSM8K", split: "TEST", overlap: 0.042, method: "13-gram", url: "https://example.org/metamath-overlap" },
    ]);
  });

  it("reports every bad line of the bad fixture with its line number and reason", () => {
    const result = parseOverlapCsv({ text: read("bad.csv"), file: "bad.csv" });
    expect(result.errors.map(formatLineError)).toEqual([
      'bad.csv:3  dataset "not a key" is not a node key (owner/name, corpus:slug, github:owner/repo, arxiv:id or web:host/path)',
      'bad.csv:6  unknown split "dev" (allowed: train, test, validation, all)',
      'bad.csv:7  overlap must be a fraction from 0 to 1, or a percentage like 4.2% (got "5")',
      'bad.csv:8  overlap must be a fraction from 0 to 1, or a percentage like 4.2% (got "-1%")',
      "bad.csv:9  method is empty (say how the overlap was measured, e.g. 13-gram)",
      'bad.csv:10  url must be empty or an http(s) URL (got "ftp://example.org/x")',
      "bad.csv:11  expected 6 fields (dataset, benchmark, split, overlap, method, url), found 5",
      'bad.csv:13  a quote inside an unquoted field (quote the whole field and write the quote as "")',
      'bad.csv:14  a quoted field starting on this line is never closed (a missing ")',
    ]);
    // Benchmark names are the importer's to resolve: GSM9K (4), AIME (5) and the repeat of
    // line 2 (12) pass here.
    expect(result.rows.map((r) => r.line)).toEqual([2, 4, 5, 12]);
  });

  it("lists each problem of a line separately", () => {
    const result = parseOverlapCsv({ text: "dataset,benchmark,split,overlap,method,url\n,, dev ,x,,mailto:a@b.c\n", file: "f.csv" });
    expect(result.errors.map((e) => `${e.line} ${e.reason.split(" (")[0]}`)).toEqual([
      "2 dataset is empty",
      "2 benchmark is empty",
      '2 unknown split "dev"',
      "2 overlap must be a fraction from 0 to 1, or a percentage like 4.2%",
      "2 method is empty",
      "2 url must be empty or an http(s) URL",
    ]);
    expect(result.rows).toEqual([]);
  });

  it("refuses a bad header once, naming unknown, repeated and missing columns, and reads no line", () => {
    const result = parseOverlapCsv({ text: "Dataset,benchmark,notes,split,split,overlap\nx/y,GSM8K,hi,test,test,1%\n", file: "h.csv" });
    expect(result.errors.map(formatLineError)).toEqual([
      'h.csv:1  unknown column "notes" (columns are dataset, benchmark, split, overlap, method, url)',
      'h.csv:1  column "split" appears twice',
      "h.csv:1  missing column method (the first line must be the header: dataset,benchmark,split,overlap,method,url)",
    ]);
    expect(result.rows).toEqual([]);
    expect(result.records).toBe(1);
  });

  it("accepts a file without the url column, lower-cases a key only when that is what parses, and refuses an empty file", () => {
    const noUrl = parseOverlapCsv({ text: "overlap,method,split,benchmark,dataset\n1%,13-gram,test,GSM8K,Corpus:mix\n", file: "n.csv" });
    expect(noUrl.errors).toEqual([]);
    expect(noUrl.rows).toEqual([{ line: 2, dataset: "corpus:mix", benchmark: "GSM8K", split: "TEST", overlap: 0.01, method: "13-gram", url: null }]);
    expect(parseOverlapCsv({ text: "\uFEFF\n\n", file: "e.csv" }).errors.map(formatLineError)).toEqual([
      "e.csv  the file is empty; it needs a header line: dataset,benchmark,split,overlap,method,url",
    ]);
    expect(parseOverlapCsv({ text: "dataset,benchmark,split,overlap,method,url\n", file: "h.csv" })).toEqual({ rows: [], errors: [], records: 0 });
  });
});
