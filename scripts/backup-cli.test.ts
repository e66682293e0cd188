import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `npm run lineage -- export|import --format json FILE` as a user runs it: real processes
// on throwaway embedded databases.
const ROOT = path.resolve(import.meta.dirname, "..");
const FIXTURE = path.join(ROOT, "lib/lineage-io/fixtures/oda-small");
let tmp: string;

type Result = { code: number; stdout: string; stderr: string };

function lineage(args: string[], store: string): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", path.join(ROOT, "scripts/lineage.ts"), ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: "", ROOTLINE_DATA_DIR: path.join(tmp, store) }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "rootline-backup-cli-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("npm run lineage -- export | import --format json", () => {
  it("refuses bad usage and bad files with a message and exit code 2", async () => {
    const notBackup = path.join(tmp, "not-a-backup.json");
    await fs.writeFile(notBackup, '{"hello": "world"}\n');
    const cases: [string[], RegExp][] = [
      [["export", "--format", "json"], /export --format json needs exactly one file/],
      [["import", "--format", "oda", "--replace", FIXTURE], /--replace does not apply to --format oda/],
      [["import", "--format", "json", path.join(tmp, "missing.json")], /missing\.json does not exist/],
      [["import", "--format", "json", notBackup], /not-a-backup\.json is not a Rootline backup/],
    ];
    for (const [args, message] of cases) {
      const result = await lineage(args, "empty-store");
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    }
    const json = await lineage(["import", "--format", "json", "--json", notBackup], "empty-store");
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: "bad_request:import", message: expect.stringMatching(/is not a Rootline backup/) } });
  }, 240_000);

  it("backs a store up and restores it into an empty one; a store with rows needs --replace", async () => {
    const imported = await lineage(["import", "--format", "oda", "--json", FIXTURE], "source");
    expect(imported.code, imported.stderr).toBe(0);
    const file = path.join(tmp, "backup.json");
    const exported = await lineage(["export", "--format", "json", file], "source");
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^Exported \d+ tables \([\d,]+ rows\) from embedded PGlite .* to .*backup\.json/);
    expect(exported.stdout).toMatch(/^ {2}dataset\s+\d+$/m);

    // The failed attempt above left "empty-store" empty: a restore needs no --replace.
    const restored = await lineage(["import", "--format", "json", "--json", file], "empty-store");
    expect(restored.code, restored.stderr).toBe(0);
    const report = JSON.parse(restored.stdout);
    expect(report.replaced).toBe(false);
    expect(report.tables.find((t: { name: string }) => t.name === "edge").rows).toBe(JSON.parse(imported.stdout).edgesCreated);

    const again = await lineage(["import", "--format", "json", file], "empty-store");
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/This store is not empty \(.*dataset.*\)\. .*--replace/);
    const replaced = await lineage(["import", "--format", "json", "--replace", file], "empty-store");
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stdout).toMatch(/^Restored .*backup\.json .* replacing what the store held\./);
  }, 240_000);
});
