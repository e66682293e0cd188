import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The CLIs as a user runs them: real processes on a throwaway embedded database.
const ROOT = path.resolve(import.meta.dirname, "..");
const FIXTURE = path.join(ROOT, "lib/lineage-io/fixtures/oda-small");
const OVERLAP_GOOD = path.join(ROOT, "lib/lineage-io/fixtures/overlap/good.csv");
const OVERLAP_BAD = path.join(ROOT, "lib/lineage-io/fixtures/overlap/bad.csv");
const DECON = path.join(ROOT, "lib/lineage-io/fixtures/decon-small");
let tmp: string;

type Result = { code: number; stdout: string; stderr: string };

function run(script: "db" | "lineage" | "contamination-report", args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", path.join(ROOT, `scripts/${script}.ts`), ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: "", ROOTLINE_DATA_DIR: path.join(tmp, "pglite"), ...env }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "rootline-cli-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("npm run lineage", () => {
  it("rejects bad usage with a message and exit code 2", async () => {
    const cases: [string[], RegExp][] = [
      [["frobnicate"], /Unknown command "frobnicate"/],
      [["import", FIXTURE], /needs --format/],
      [["import", "--format", "csv", FIXTURE], /Unknown format "csv"/],
      [["import", "--format", "oda", path.join(tmp, "missing")], /missing/],
    ];
    for (const [args, message] of cases) {
      const result = await run("lineage", args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    }
  }, 120_000);

  it("imports into a fresh store, reports skipped lines, and a re-import changes nothing", async () => {
    const first = await run("lineage", ["import", "--format", "oda", "--json", FIXTURE]);
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.edgesCreated).toBeGreaterThan(0);
    expect(new Set(report.skipped.map((s: { reason: string }) => s.reason))).toEqual(
      new Set(["malformed_json", "missing_field", "duplicate_node", "bad_relation", "bad_confidence", "self_loop", "unkeyable_name", "reverse_edge", "cycle"]),
    );

    const second = JSON.parse((await run("lineage", ["import", "--format", "oda", "--json", FIXTURE])).stdout);
    expect([second.nodesCreated, second.nodesUpdated, second.edgesCreated, second.edgesMerged, second.evidenceAdded]).toEqual([0, 0, 0, 0, 0]);

    const out = path.join(tmp, "export");
    const exported = await run("lineage", ["export", "--format", "oda", out]);
    expect(exported.code, exported.stderr).toBe(0);
    const graph = (await fs.readFile(path.join(out, "graph.jsonl"), "utf8")).trim().split("\n");
    // One line per piece of evidence, covering exactly the edges that were created.
    expect(graph).toHaveLength(report.evidenceAdded);
    const pairs = new Set(graph.map((line) => { const { source, target } = JSON.parse(line); return `${source} ${target}`; }));
    expect(pairs.size).toBe(report.edgesCreated);
  }, 120_000);
});

describe("npm run lineage -- import --format overlap | decon", () => {
  const store = () => ({ ROOTLINE_DATA_DIR: path.join(tmp, "measure-store") });

  /** Row counts read straight from the embedded store (no CLI holds it between runs). */
  async function counts(): Promise<{ measurements: number; datasets: number }> {
    const db = new PGlite(store().ROOTLINE_DATA_DIR);
    try {
      const { rows } = await db.query<{ measurements: number; datasets: number }>("SELECT (SELECT count(*)::int FROM overlap_measurement) AS measurements, (SELECT count(*)::int FROM dataset) AS datasets");
      return rows[0]!;
    } finally {
      await db.close();
    }
  }

  it("rejects bad usage with a message and exit code 2", async () => {
    const csvDir = path.join(tmp, "csv-dir");
    await fs.mkdir(csvDir, { recursive: true });
    const cases: [string[], RegExp][] = [
      [["import", "--format", "overlap"], /import --format overlap needs exactly one CSV file/],
      [["import", "--format", "decon", DECON, "--samples", "10"], /import --format decon needs --dataset KEY/],
      [["import", "--format", "decon", DECON, "--dataset", "x/y"], /import --format decon needs --samples N/],
      [["import", "--format", "decon", DECON, "--dataset", "x/y", "--samples", "0"], /--samples needs a positive whole number/],
      [["import", "--format", "decon", DECON, "--dataset", "x/y", "--samples", "12.5"], /--samples needs a positive whole number/],
      [["import", "--format", "overlap", "--dataset", "x/y", OVERLAP_GOOD], /--dataset does not apply to --format overlap/],
      [["import", "--format", "oda", "--samples", "3", FIXTURE], /--samples does not apply to --format oda/],
      [["export", "--format", "overlap", csvDir], /Unknown format "overlap" \(known: oda, json\)/],
      [["import", "--format", "overlap", csvDir], /csv-dir is a directory; an overlap CSV is one file/],
      [["import", "--format", "overlap", path.join(tmp, "missing.csv")], /missing\.csv does not exist/],
      [["import", "--format", "decon", OVERLAP_GOOD, "--dataset", "x/y", "--samples", "10"], /good\.csv is not a directory/],
      [["import", "--format", "decon", csvDir, "--dataset", "x/y", "--samples", "10"], /holds no decon reports/],
      [["import", "--format", "decon", DECON, "--dataset", "not a key", "--samples", "10"], /--dataset "not a key" is not a node key/],
    ];
    for (const [args, message] of cases) {
      const result = await run("lineage", args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  }, 180_000);

  it("refuses a bad file whole (every line listed, store unchanged), imports a good one, and a re-import changes nothing", async () => {
    const setup = await run("db", ["setup"], store());
    expect(setup.code, setup.stderr).toBe(0);
    const before = await counts();

    const bad = await run("lineage", ["import", "--format", "overlap", OVERLAP_BAD], store());
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    const listed = bad.stderr.trim().split("\n");
    expect(listed[0]).toBe(`error: ${OVERLAP_BAD}: 12 errors on 12 lines; nothing was imported.`);
    expect(listed.slice(1).map((l) => l.trim().split("  ")[0])).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((n) => `bad.csv:${n}`));
    expect(listed).toContain('  bad.csv:6  unknown split "dev" (allowed: train, test, validation, all)');
    expect(listed).toContain('  bad.csv:7  overlap must be a fraction from 0 to 1, or a percentage like 4.2% (got "5")');
    expect(await counts()).toEqual(before);

    const refusedJson = await run("lineage", ["import", "--format", "overlap", "--json", OVERLAP_BAD], store());
    expect(refusedJson.code).toBe(2);
    expect(JSON.parse(refusedJson.stdout).errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);

    const good = await run("lineage", ["import", "--format", "overlap", "--json", OVERLAP_GOOD], store());
    expect(good.code, good.stderr).toBe(0);
    const report = JSON.parse(good.stdout);
    expect([report.rowsRead, report.created, report.updated, report.unchanged, report.nodesCreated, report.duplicatesFolded]).toEqual([5, 4, 0, 0, 1, 1]);
    expect(report.rows.map((r: { dataset: string; evalSet: string; split: string; overlap: number }) => `${r.dataset} ${r.evalSet} ${r.split} ${r.overlap}`)).toEqual([
      "meta-math/MetaMathQA gsm8k-test TEST 0.042",
      "meta-math/MetaMathQA math-test TEST 0.0015",
      "corpus:fixture-synthetic-mix aime-2025 ALL 0",
      "corpus:fixture-synthetic-mix aime-2024 ALL 0.125",
    ]);
    expect(await counts()).toEqual({ measurements: before.measurements + 4, datasets: before.datasets + 1 });

    const again = await run("lineage", ["import", "--format", "overlap", OVERLAP_GOOD], store());
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("  measurements  0 created, 0 updated, 4 unchanged (1 repeated line folded in)\n  nodes         0 created\n");
    expect(again.stdout).toMatch(/meta-math\/MetaMathQA\s+gsm8k-test\s+test\s+4\.2%\s+13-gram\s+unchanged\s+good\.csv:2/);
  }, 180_000);

  it("imports a folder of decon reports (gzipped too), lists the suites it skipped, and a re-import changes nothing", async () => {
    const dir = path.join(tmp, "decon-reports");
    await fs.mkdir(path.join(dir, "gz"), { recursive: true });
    await fs.copyFile(path.join(DECON, "reports/part-0.jsonl"), path.join(dir, "part-0.jsonl"));
    await fs.writeFile(path.join(dir, "gz/part-1.jsonl.gz"), gzipSync(await fs.readFile(path.join(DECON, "reports/nested/part-1.jsonl"))));
    const args = ["import", "--format", "decon", dir, "--dataset", "fixture-org/decon-mix", "--samples", "1000", "--url", "https://example.org/decon-run"];

    const first = await run("lineage", [...args, "--json"], store());
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout);
    expect([report.rowsRead, report.created, report.updated, report.unchanged, report.nodesCreated]).toEqual([15, 5, 0, 0, 1]);
    expect(report.files).toEqual(["gz/part-1.jsonl.gz", "part-0.jsonl"]);
    expect(report.rows.map((r: { evalSet: string; split: string; matched: number; overlap: number }) => `${r.evalSet} ${r.split} ${r.matched} ${r.overlap}`)).toEqual([
      "aime-2025 ALL 1 0.001",
      "gsm8k-test TEST 3 0.003",
      "gsm8k-test TRAIN 1 0.001",
      "math-500 TEST 1 0.001",
      "math-test TEST 2 0.002",
    ]);
    expect(report.skipped.map((s: { evalKey: string; documents: number }) => `${s.evalKey} ${s.documents}`)).toEqual(["gsm_plus 2", "livecodebench 1", "mmlu 1"]);

    const again = await run("lineage", args, store());
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("  measurements  0 created, 0 updated, 5 unchanged\n");
    expect(again.stdout).toMatch(/gsm_plus \(test\)\s+2 documents\s+not a registered evaluation set/);
    expect(again.stdout).toMatch(/hendrycks_math_algebra\s+→ math-test\s+\(as "hendrycks_math"\)/);
    expect(again.stdout).toMatch(/fixture-org\/decon-mix\s+math-test\s+test\s+0\.2%\s+2 of 1000\s+unchanged\s+hendrycks_math_algebra, hendrycks_math_geometry/);
  }, 180_000);
});

describe("npm run db", () => {
  it("reports migration status and refuses unknown commands", async () => {
    const status = await run("db", ["migrate:status"]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/Pending \(0\)/);
    const bad = await run("db", ["migrate:sideways"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown command "migrate:sideways"/);
  }, 120_000);
});

describe("npm run contamination", () => {
  it("rejects stray arguments, says when the store has no benchmarks, and prints every evaluation set's and family's reach once seeded", async () => {
    for (const args of [["--bogus"], ["stray"], ["--benchmark"]]) {
      const bad = await run("contamination-report", args);
      expect(bad.code, args.join(" ")).toBe(2);
      expect(bad.stderr).toMatch(/usage: npm run --silent contamination/);
    }
    const emptyStore = { ROOTLINE_DATA_DIR: path.join(tmp, "empty-store") };
    const empty = await run("contamination-report", [], emptyStore);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/no registered benchmarks.*npm run db -- setup/);
    const unknown = await run("contamination-report", ["--benchmark", "openai/gsm8k"], emptyStore);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No evaluation set is registered yet/);

    const store = { ROOTLINE_DATA_DIR: path.join(tmp, "seeded-store"), ROOTLINE_SEED_FIRST: "1" };
    const seeded = await run("contamination-report", [], store);
    expect(seeded.code, seeded.stderr).toBe(0);
    const [sets, families] = seeded.stdout.trim().split("\n\n");
    const [header, ...table] = sets!.split("\n");
    expect(table.length).toBeGreaterThan(20);
    // Every count column starts where the header's does, however long an evaluation set's label is.
    const firstCount = header!.indexOf("CONTAMINATED") - 2;
    for (const row of table) expect(row.slice(0, firstCount).trimEnd().length, row).toBeLessThan(firstCount);
    expect(table.some((row) => row.startsWith("LiveCodeBench v5 (Aug 2024 – Jan 2025) (LiveCodeBench) [livecodebench-v5]"))).toBe(true);
    const familyRows = families!.split("\n");
    expect(familyRows[0]).toMatch(/^family \(each dataset once\)\s+CONTAMINATED/);
    expect(familyRows.find((r) => r.startsWith("AIME "))).toBeDefined();
    expect(familyRows.at(-1)).toMatch(/^\d+ flags, computed in .*; measured overlap counts from 1\.00 %$/);

    // One set's reach by id, name or host; an unknown name is a usage error naming the nearest sets.
    const reach = await run("contamination-report", ["--benchmark", "TruthfulQA"], store);
    expect(reach.code, reach.stderr).toBe(0);
    expect(reach.stdout.split("\n")[0]).toMatch(/^TruthfulQA: items Sep 2021, host truthfulqa\/truthful_qa; \d+ datasets reached$/);
    expect(reach.stdout).toMatch(/^CONTAMINATED\s+1\s+openbmb\/UltraFeedback$/m);
    const near = await run("contamination-report", ["--benchmark", "aime 2023"], store);
    expect(near.code).toBe(2);
    expect(near.stderr).toMatch(/aime 2023 is not a registered evaluation set\. Did you mean aime-20/);
    const ambiguous = await run("contamination-report", ["--benchmark", "livecodebench/code_generation_lite"], store);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/has 2 evaluation sets; name one: livecodebench-v5 .*, livecodebench-v6/);
  }, 180_000);
});
