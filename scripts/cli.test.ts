import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The CLIs as a user runs them: real processes on a throwaway embedded database.
const ROOT = path.resolve(import.meta.dirname, "..");
const FIXTURE = path.join(ROOT, "lib/lineage-io/fixtures/oda-small");
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
  it("rejects stray arguments, says when the store has no benchmarks, and prints every benchmark's reach once seeded", async () => {
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
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/not a registered benchmark\. No benchmark is registered yet\./);

    const seeded = await run("contamination-report", [], { ROOTLINE_DATA_DIR: path.join(tmp, "seeded-store"), ROOTLINE_SEED_FIRST: "1" });
    expect(seeded.code, seeded.stderr).toBe(0);
    const [header, ...rows] = seeded.stdout.trim().split("\n");
    const table = rows.slice(0, -1);
    expect(table.length).toBeGreaterThan(20);
    // Every count column starts where the header's does, however long a benchmark's label is.
    const firstCount = header!.indexOf("CONTAMINATED") - 2;
    for (const row of table) expect(row.slice(0, firstCount).trimEnd().length, row).toBeLessThan(firstCount);
    expect(table.some((row) => row.startsWith("LiveCodeBench (livecodebench/code_generation_lite)"))).toBe(true);
    expect(rows.at(-1)).toMatch(/^\d+ flags, computed in/);
  }, 180_000);
});
