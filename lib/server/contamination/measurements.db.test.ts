import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatLineError } from "@/lib/lineage-io/overlap-csv";
import { getDb } from "@/lib/server/db/client";
import { syncRegistry } from "@/lib/server/lineage/registry";
import { upsertAliases, writeTransaction } from "@/lib/server/lineage/write";
import { errorCode } from "@/test-support/server/error-code";
import { ALIASES, EVAL_SETS, HOLDINGS } from "@/prisma/seed/benchmarks";
import { importDeconReports, importLineErrors, importOverlapCsv, listMeasurements, type MeasurementImportReport } from "./measurements";

const FIXTURES = path.join(import.meta.dirname, "..", "..", "lineage-io", "fixtures");
const GOOD = path.join(FIXTURES, "overlap", "good.csv");
const BAD = path.join(FIXTURES, "overlap", "bad.csv");
const MIX = "corpus:fixture-synthetic-mix";
const DECON_DATASET = "fixture-org/decon-mix";

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "rootline-measure-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** The registry and aliases the seed loads, without its lineage graph. */
async function seedRegistry() {
  await writeTransaction(async (tx) => {
    await syncRegistry(tx, { evalSets: EVAL_SETS, holdings: HOLDINGS });
    await upsertAliases(tx, ALIASES.map((a) => ({ ...a, origin: "SEED" as const })));
  });
}

/** Everything an import could change, to compare before and after a refused one. */
async function storeState() {
  const db = getDb();
  return {
    datasets: await db.dataset.count(),
    measurements: await db.overlapMeasurement.findMany({ orderBy: { id: "asc" } }),
  };
}

async function refusal(promise: Promise<unknown>): Promise<{ message: string; errors: string[] }> {
  try {
    await promise;
  } catch (error) {
    const errors = importLineErrors(error);
    if (!errors) throw error;
    return { message: (error as Error).message, errors: errors.map(formatLineError) };
  }
  throw new Error("the import was not refused");
}

const summary = (r: MeasurementImportReport) => [r.rowsRead, r.created, r.updated, r.unchanged, r.nodesCreated, r.duplicatesFolded];

describe("importOverlapCsv", () => {
  it("refuses to import into a store with no registered evaluation sets", async () => {
    expect(await errorCode(importOverlapCsv({ file: GOOD }))).toBe("bad_request:import");
    await expect(importOverlapCsv({ file: GOOD })).rejects.toThrow(/no registered evaluation sets yet/);
    expect((await storeState()).measurements).toEqual([]);
    await seedRegistry();
  });

  it("imports the good file, creating the dataset it names that the store lacks, and folds a repeated line", async () => {
    const datasetsBefore = await getDb().dataset.count();
    const report = await importOverlapCsv({ file: GOOD });
    // rows read, created, updated, unchanged, nodes created, folded
    expect(summary(report)).toEqual([5, 4, 0, 0, 1, 1]);
    expect(report).toMatchObject({ format: "overlap-csv", source: GOOD, files: ["good.csv"], skipped: [], evalKeys: [] });
    expect(report.rows.map((r) => [r.dataset, r.evalSet, r.split, r.overlap, r.method, r.url, r.locator, r.outcome])).toEqual([
      ["meta-math/MetaMathQA", "gsm8k-test", "TEST", 0.042, "13-gram", "https://example.org/metamath-overlap", "good.csv:2", "created"],
      ["meta-math/MetaMathQA", "math-test", "TEST", 0.0015, "embedding cosine>=0.9, top-1", null, "good.csv:3", "created"],
      [MIX, "aime-2025", "ALL", 0, "decon", "https://example.org/reports/a,b", "good.csv:4", "created"],
      [MIX, "aime-2024", "ALL", 0.125, '13-gram "exact" match', null, "good.csv:6", "created"],
    ]);
    expect(await getDb().dataset.count()).toBe(datasetsBefore + 1);
    expect(await getDb().dataset.findUnique({ where: { keyNorm: MIX }, select: { kind: true } })).toEqual({ kind: "EXTERNAL" });

    const stored = await listMeasurements({ key: "META-MATH/metamathqa" });
    expect(stored.map((m) => [m.dataset, m.evalSet, m.evalSetName, m.family, m.split, m.overlap, m.format, m.locator, m.matched, m.samples])).toEqual([
      ["meta-math/MetaMathQA", "gsm8k-test", "GSM8K test", "GSM8K", "TEST", 0.042, "overlap-csv", "good.csv:2", null, null],
      ["meta-math/MetaMathQA", "math-test", "MATH test", "MATH", "TEST", 0.0015, "overlap-csv", "good.csv:3", null, null],
    ]);
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await storeState();
    const again = await importOverlapCsv({ file: GOOD });
    expect(summary(again)).toEqual([5, 0, 0, 4, 0, 1]);
    expect(again.rows.map((r) => r.outcome)).toEqual(["unchanged", "unchanged", "unchanged", "unchanged"]);
    expect(await storeState()).toEqual(before);
  });

  it("updates the row of the same dataset, set, split, method and URL when its number changes", async () => {
    const file = path.join(tmp, "newer.csv");
    await fs.writeFile(file, "dataset,benchmark,split,overlap,method,url\nmeta-math/metamathqa,openai/gsm8k,Test,5%,13-gram,https://example.org/metamath-overlap\n");
    const before = await getDb().overlapMeasurement.count();
    const report = await importOverlapCsv({ file });
    expect(summary(report)).toEqual([1, 0, 1, 0, 0, 0]);
    expect(await getDb().overlapMeasurement.count()).toBe(before);
    const row = (await listMeasurements({ key: "meta-math/MetaMathQA" })).find((m) => m.evalSet === "gsm8k-test")!;
    expect([row.overlap, row.locator]).toEqual([0.05, "newer.csv:2"]);
  });

  it("refuses a file with any bad line, listing every line's error, and leaves the store as it was", async () => {
    const before = await storeState();
    const refused = await refusal(importOverlapCsv({ file: BAD }));
    expect(refused.message).toBe(`${BAD}: 12 errors on 12 lines; nothing was imported.`);
    expect(refused.errors).toEqual([
      'bad.csv:3  dataset "not a key" is not a node key (owner/name, corpus:slug, github:owner/repo, arxiv:id or web:host/path)',
      expect.stringMatching(/^bad\.csv:4 {2}benchmark "GSM9K" is not a registered evaluation set; did you mean gsm8k-test\b/),
      expect.stringMatching(/^bad\.csv:5 {2}benchmark "AIME" is ambiguous: The AIME family has 3 evaluation sets; name one: aime-2024 \(AIME 2024\), aime-2025 \(AIME 2025\), aimo-validation-aime /),
      'bad.csv:6  unknown split "dev" (allowed: train, test, validation, all)',
      'bad.csv:7  overlap must be a fraction from 0 to 1, or a percentage like 4.2% (got "5")',
      'bad.csv:8  overlap must be a fraction from 0 to 1, or a percentage like 4.2% (got "-1%")',
      "bad.csv:9  method is empty (say how the overlap was measured, e.g. 13-gram)",
      'bad.csv:10  url must be empty or an http(s) URL (got "ftp://example.org/x")',
      "bad.csv:11  expected 6 fields (dataset, benchmark, split, overlap, method, url), found 5",
      "bad.csv:12  line 2 measures the same dataset, evaluation set (gsm8k-test), split, method and url with a different overlap (4.2% there, 30% here)",
      'bad.csv:13  a quote inside an unquoted field (quote the whole field and write the quote as "")',
      'bad.csv:14  a quoted field starting on this line is never closed (a missing ")',
    ]);
    expect(await storeState()).toEqual(before);
  });

  it("refuses the whole file for one unknown benchmark: no line of it is half-imported", async () => {
    const file = path.join(tmp, "one-bad.csv");
    await fs.writeFile(file, "dataset,benchmark,split,overlap,method,url\nfixture-org/new-one,GSM8K,test,1%,13-gram,\nfixture-org/new-two,No Such Bench,test,1%,13-gram,\n");
    const before = await storeState();
    const refused = await refusal(importOverlapCsv({ file }));
    expect(refused.errors).toEqual([expect.stringMatching(/^one-bad\.csv:3 {2}benchmark "No Such Bench" is not a registered evaluation set/)]);
    // Line 2 was fine, but its dataset was not created either.
    expect(await storeState()).toEqual(before);
  });

  it("says what is wrong with the path instead of reading it", async () => {
    expect(await errorCode(importOverlapCsv({ file: path.join(tmp, "missing.csv") }))).toBe("bad_request:import");
    await expect(importOverlapCsv({ file: tmp })).rejects.toThrow(/is a directory; an overlap CSV is one file/);
  });
});

describe("importDeconReports", () => {
  /** The decon fixture, with the nested report gzipped as decon writes them on request. */
  async function deconDir(): Promise<string> {
    const dir = path.join(tmp, "decon-run");
    await fs.rm(dir, { recursive: true, force: true });
    await fs.mkdir(path.join(dir, "nested"), { recursive: true });
    await fs.copyFile(path.join(FIXTURES, "decon-small", "reports", "part-0.jsonl"), path.join(dir, "part-0.jsonl"));
    await fs.writeFile(path.join(dir, "nested", "part-1.jsonl.gz"), gzipSync(await fs.readFile(path.join(FIXTURES, "decon-small", "reports", "nested", "part-1.jsonl"))));
    await fs.writeFile(path.join(dir, "notes.txt"), "not a report");
    return dir;
  }

  it("imports distinct matched documents per evaluation set and split, and reports the suites it skipped", async () => {
    const dir = await deconDir();
    const report = await importDeconReports({ dir, dataset: DECON_DATASET, samples: 1000 });
    expect(summary(report)).toEqual([15, 5, 0, 0, 1, 0]);
    expect(report.files).toEqual(["nested/part-1.jsonl.gz", "part-0.jsonl"]);
    expect(report.rows.map((r) => [r.evalSet, r.split, r.matched, r.samples, r.overlap, r.method, r.locator, r.evalKeys])).toEqual([
      ["aime-2025", "ALL", 1, 1000, 0.001, "decon", "decon-run:decon", ["aime_2025_i", "aime_2025_ii"]],
      ["gsm8k-test", "TEST", 3, 1000, 0.003, "decon", "decon-run:decon", ["gsm8k"]],
      ["gsm8k-test", "TRAIN", 1, 1000, 0.001, "decon", "decon-run:decon", ["gsm8k"]],
      ["math-500", "TEST", 1, 1000, 0.001, "decon", "decon-run:decon", ["math_500"]],
      ["math-test", "TEST", 2, 1000, 0.002, "decon", "decon-run:decon", ["hendrycks_math_algebra", "hendrycks_math_geometry"]],
    ]);
    expect(report.skipped.map((s) => [s.evalKey, s.split, s.documents, s.reason.split(":")[0]])).toEqual([
      ["gsm_plus", "test", 2, "not a registered evaluation set"],
      ["livecodebench", "test", 1, "ambiguous"],
      ["mmlu", "dev", 1, 'split "dev" is not one Rootline records (train, test, validation, all)'],
    ]);
    expect(report.evalKeys.filter((k) => k.via !== k.evalKey)).toEqual([
      { evalKey: "aime_2025_i", evalSet: "aime-2025", via: "aime_2025" },
      { evalKey: "aime_2025_ii", evalSet: "aime-2025", via: "aime_2025" },
      { evalKey: "hendrycks_math_algebra", evalSet: "math-test", via: "hendrycks_math" },
      { evalKey: "hendrycks_math_geometry", evalSet: "math-test", via: "hendrycks_math" },
    ]);
    expect((await listMeasurements({ key: DECON_DATASET })).map((m) => [m.evalSet, m.split, m.overlap, m.format])).toEqual([
      ["gsm8k-test", "TEST", 0.003, "decon"],
      ["math-test", "TEST", 0.002, "decon"],
      ["aime-2025", "ALL", 0.001, "decon"],
      ["gsm8k-test", "TRAIN", 0.001, "decon"],
      ["math-500", "TEST", 0.001, "decon"],
    ]);
  });

  it("changes nothing on a re-import, updates every row for a new document count, and keeps another method apart", async () => {
    const dir = await deconDir();
    const before = await storeState();
    expect(summary(await importDeconReports({ dir, dataset: DECON_DATASET, samples: 1000 }))).toEqual([15, 0, 0, 5, 0, 0]);
    expect(await storeState()).toEqual(before);

    expect(summary(await importDeconReports({ dir, dataset: DECON_DATASET, samples: 2000 }))).toEqual([15, 0, 5, 0, 0, 0]);
    expect((await listMeasurements({ key: DECON_DATASET })).map((m) => m.overlap)).toEqual([0.0015, 0.001, 0.0005, 0.0005, 0.0005]);

    const other = await importDeconReports({ dir, dataset: DECON_DATASET, samples: 2000, method: "decon simple, 0.8", url: "https://example.org/decon-run" });
    expect(summary(other)).toEqual([15, 5, 0, 0, 0, 0]);
    expect(await getDb().overlapMeasurement.count()).toBe(before.measurements.length + 5);
  });

  it("refuses reports with bad lines (or a broken gzip file), listing each, and leaves the store as it was", async () => {
    const dir = path.join(tmp, "decon-bad");
    await fs.mkdir(dir, { recursive: true });
    await fs.copyFile(path.join(FIXTURES, "decon-bad", "report.jsonl"), path.join(dir, "report.jsonl"));
    await fs.writeFile(path.join(dir, "broken.jsonl.gz"), "not gzip at all");
    const before = await storeState();
    const refused = await refusal(importDeconReports({ dir, dataset: "fixture-org/never-created", samples: 100 }));
    expect(refused.errors).toEqual([
      expect.stringMatching(/^broken\.jsonl\.gz {2}cannot be gunzipped: /),
      expect.stringMatching(/^report\.jsonl:2 {2}not JSON: /),
      "report.jsonl:3  no training_line",
      "report.jsonl:4  a line must hold one JSON object",
      "report.jsonl:5  no eval_key (nor eval_dataset)",
      'report.jsonl:6  training_line must be a whole number (got "7")',
    ]);
    expect(await storeState()).toEqual(before);
  });

  it("refuses a document count smaller than what was matched, and bad arguments, before writing", async () => {
    const dir = await deconDir();
    const before = await storeState();
    await expect(importDeconReports({ dir, dataset: "fixture-org/small", samples: 2 })).rejects.toThrow(/--samples 2 is fewer than the 3 documents matched for gsm8k-test \(test\)/);
    const codes = await Promise.all([
      errorCode(importDeconReports({ dir, dataset: "not a key", samples: 10 })),
      errorCode(importDeconReports({ dir, dataset: DECON_DATASET, samples: 0 })),
      errorCode(importDeconReports({ dir, dataset: DECON_DATASET, samples: 1.5 })),
      errorCode(importDeconReports({ dir, dataset: DECON_DATASET, samples: 10, url: "file:///etc/passwd" })),
      errorCode(importDeconReports({ dir, dataset: DECON_DATASET, samples: 10, method: "  " })),
      errorCode(importDeconReports({ dir: GOOD, dataset: DECON_DATASET, samples: 10 })),
      errorCode(importDeconReports({ dir: path.join(tmp, "nowhere"), dataset: DECON_DATASET, samples: 10 })),
    ]);
    expect(codes).toEqual(Array(7).fill("bad_request:import"));
    const empty = path.join(tmp, "empty-reports");
    await fs.mkdir(empty, { recursive: true });
    await expect(importDeconReports({ dir: empty, dataset: DECON_DATASET, samples: 10 })).rejects.toThrow(/holds no decon reports/);
    expect(await storeState()).toEqual(before);
  });
});

describe("listMeasurements", () => {
  it("answers not_found for a key the store lacks and bad_request for a malformed one", async () => {
    expect(await errorCode(listMeasurements({ key: "fixture-org/absent" }))).toBe("not_found:dataset");
    expect(await errorCode(listMeasurements({ key: "not a key" }))).toBe("bad_request:key");
    expect(await listMeasurements({ key: "openai/gsm8k" })).toEqual([]);
  });
});
