import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseGenerateArgs } from "./generate-command";

// `npm run lineage -- generate` as a user runs it: a real process on a throwaway embedded
// database (the loader itself is checked in lib/server/generate/load-store.db.test.ts).
const ROOT = path.resolve(import.meta.dirname, "..");
let tmp: string;

type Result = { code: number; stdout: string; stderr: string };

function lineage(args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", path.join(ROOT, "scripts/lineage.ts"), "generate", ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: "", ROOTLINE_DATA_DIR: path.join(tmp, "store") }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "rootline-generate-cli-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("npm run lineage -- generate", () => {
  it("refuses bad arguments with a message and exit code 2", async () => {
    const cases: [string[], RegExp][] = [
      [["--nodes", "100"], /generate needs --nodes and --edges/],
      [["--nodes", "1e5", "--edges", "10"], /--nodes must be a whole number \(got "1e5"\)/],
      [["--nodes", "10", "--edges", "100"], /cannot fit in 10 nodes without cycles \(at most 45\)/],
      [["--nodes", "100", "--edges", "300", "--colour", "red"], /Unknown argument --colour/],
    ];
    for (const [args, message] of cases) expect(() => parseGenerateArgs(args), args.join(" ")).toThrow(message);
    expect(parseGenerateArgs(["--nodes=100_000", "--edges", "300000", "--replace"])).toEqual({ spec: { nodes: 100_000, edges: 300_000, seed: 1 }, replace: true, json: false });
    // One real process, for the exit code and the message without a stack trace.
    const result = await lineage(cases[2]![0]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(cases[2]![1]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  // --replace itself is checked on the loader (load-store.db.test.ts): each process here
  // migrates a fresh embedded store, which is most of this test's time.
  it("fills an empty store, and refuses a full one without --replace", async () => {
    const first = await lineage(["--nodes", "300", "--edges", "900", "--seed", "4"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Generated v\d+-n300-e900-s4 into embedded PGlite .*: 300 nodes \(\d+ benchmarks\), 900 edges; generated in [\d.]+ s, loaded in [\d.]+ s\./);
    const again = await lineage(["--nodes", "300", "--edges", "900"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty .*--replace/);
    expect(again.stderr).not.toMatch(/\n\s+at /);
  }, 240_000);
});
