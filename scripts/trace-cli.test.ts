import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeHub, type FakeHub } from "@/test-support/fake-hub/fake-hub";

// `lineage trace` and `lineage crawl` as a user runs them: real processes, a store of their
// own in a temporary folder, the Hub played by a local fake.
const ROOT = path.resolve(import.meta.dirname, "..");
let tmp: string;
let hub: FakeHub;

type Result = { code: number; stdout: string; stderr: string };

function lineage(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", path.join(ROOT, "scripts/lineage.ts"), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: "", ROOTLINE_DATA_DIR: path.join(tmp, "pglite"), HF_ENDPOINT: hub.url, ROOTLINE_ALLOWED_HOSTS: new URL(hub.url).host, LINEAGE_MODEL: "", ...env },
        timeout: 120_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "rootline-trace-"));
  hub = await startFakeHub({
    datasets: {
      "cli-org/top-set": { card: "# Top\nA subset of cli-org/middle-set, filtered for quality.\n", info: { createdAt: "2024-03-01T00:00:00.000Z" } },
      "cli-org/middle-set": { card: "# Middle\nSolutions distilled from DeepSeek-R1 for the problems of cli-org/bottom-set.\n", info: { createdAt: "2024-02-01T00:00:00.000Z" } },
      "cli-org/bottom-set": { card: "# Bottom\nWritten by hand.\n", info: { createdAt: "2024-01-01T00:00:00.000Z" } },
      "cli-org/other-set": { card: "# Other\nBuilt from cli-org/bottom-set.\n", info: { createdAt: "2024-05-01T00:00:00.000Z" } },
    },
  });
});
afterAll(async () => {
  await hub?.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("npm run lineage -- trace / crawl", { timeout: 120_000 }, () => {
  it("traces a dataset to the given depth, stores it, and reports the steps and the counts", async () => {
    const result = await lineage(["trace", "--id", "cli-org/top-set", "--depth", "1"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Sourcing\s+cli-org\/top-set/);
    expect(result.stdout).toMatch(/^succeeded: traced 1 datasets .*1 edges added/m);

    const json = await lineage(["trace", "--id", "cli-org/middle-set", "--depth", "2", "--json"]);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ state: "SUCCEEDED", counts: { traced: 2, edgesCreated: 1 } });
  });

  it("crawls a seeds file, answering what is already traced from the store", async () => {
    const seeds = path.join(tmp, "seeds.txt");
    await fs.writeFile(seeds, "# datasets to crawl\ncli-org/other-set\ncli-org/top-set   # again: from the store\n\n");
    const result = await lineage(["crawl", "--seeds", seeds, "--depth", "3", "--concurrency", "2", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    // other-set and bottom-set (from other-set's card), top-set, middle-set and bottom-set from the store: 4 datasets, 1 traced.
    expect(JSON.parse(result.stdout)).toMatchObject({ state: "SUCCEEDED", counts: { traced: 1, edgesCreated: 1 }, progress: { done: 4, queued: 0, running: 0, failed: 0 } });
    // Where it stands, on stderr (stdout stays one JSON document): the last line is the end.
    expect(result.stderr.trim().split("\n").at(-1)).toMatch(/^progress: 4 done, 0 queued, 0 failed · [\d.]+ datasets\/min$/);
  });

  it("says plainly when the Hub has no such dataset, or cannot be reached, and exits 1", async () => {
    const missing = await lineage(["trace", "--id", "cli-org/no-such-set"]);
    expect([missing.code, missing.stdout.trim()]).toEqual([1, "failed (not on the Hub): No dataset “cli-org/no-such-set” on the Hugging Face Hub. Check the spelling; ids are owner/name."]);
    const json = await lineage(["trace", "--id", "cli-org/no-such-set", "--json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ state: "FAILED", failureKind: "NOT_ON_HUB" });

    // Nothing listens on port 9 here: the connection is refused. (An id the store has not traced: one it has is answered from the store.)
    const offline = await lineage(["trace", "--id", "cli-org/not-yet-traced", "--depth", "1"], { HF_ENDPOINT: "http://127.0.0.1:9" });
    expect(offline.code).toBe(1);
    expect(offline.stdout.trim()).toMatch(/^failed \(Hub unreachable\): Could not reach the Hugging Face Hub at http:\/\/127\.0\.0\.1:9 \(HF_ENDPOINT\) to read “cli-org\/not-yet-traced”\. .*try again later\.$/);
  });

  it("refuses bad input with a message and exit code 2, before touching the store", async () => {
    const notHub = await lineage(["trace", "--id", "corpus:web"]);
    expect([notHub.code, notHub.stderr]).toEqual([2, expect.stringMatching(/not a Hub dataset id/)]);
    const depth = await lineage(["trace", "--id", "a/b", "--depth", "zero"]);
    expect([depth.code, depth.stderr]).toEqual([2, expect.stringMatching(/--depth must be a whole number/)]);
    const bad = path.join(tmp, "bad-seeds.txt");
    await fs.writeFile(bad, "cli-org/top-set\nnot a dataset\n");
    const seeds = await lineage(["crawl", "--seeds", bad]);
    expect([seeds.code, seeds.stderr]).toEqual([2, expect.stringMatching(/bad-seeds\.txt:2: "not a dataset" is not a Hub dataset id/)]);
    const missing = await lineage(["crawl", "--seeds", path.join(tmp, "nope.txt")]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/cannot read seeds file .*ENOENT/)]);
  });
});
