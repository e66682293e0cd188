import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeHub } from "@/test-support/fake-hub/fake-hub";

// `lineage extract` as a user runs it: a real process that must never touch a database.
const ROOT = path.resolve(import.meta.dirname, "..");
const CARD = path.join(ROOT, "agents/extraction/fixtures/mixture-card.md");
let tmp: string;

type Result = { code: number; stdout: string; stderr: string };

function extract(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", path.join(ROOT, "scripts/lineage.ts"), "extract", ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: "", ROOTLINE_DATA_DIR: path.join(tmp, "pglite"), ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "rootline-extract-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("npm run lineage -- extract", () => {
  it("prints the card's upstreams as JSON without creating a database", async () => {
    const result = await extract(["--id", "acme/math-mix", "--card", CARD]);
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.dataset).toBe("acme/math-mix");
    expect(out.edges.map((e: { upstream: string }) => e.upstream)).toEqual([
      "openai/gsm8k",
      "meta-math/MetaMathQA",
      "AI-MO/NuminaMath-CoT",
      "TIGER-Lab/MathInstruct",
      "microsoft/orca-math-word-problems-200k",
      "hendrycks/competition_math",
      "nvidia/OpenMathInstruct-2",
    ]);
    expect(out.edges[5]).toEqual({
      upstream: "hendrycks/competition_math",
      relation: "SEMANTIC_EVOLUTION",
      confidence: 0.75,
      split: "train",
      resolved: true,
      via: "hub_id",
      evidence: { source: "card", quote: expect.stringContaining("training split of hendrycks/competition_math") },
    });
    await expect(fs.access(path.join(tmp, "pglite"))).rejects.toThrow();
  }, 60_000);

  it("rejects bad usage with a message and exit code 2", async () => {
    const cases: [string[], RegExp][] = [
      [["--id", "not an id", "--card", CARD], /not a Hub dataset id/],
      [["--card", CARD], /needs --id/],
      [["--id", "acme/x", "--card", path.join(tmp, "missing.md")], /cannot read card file/],
      [["--id", "acme/x", "--card", CARD, "--model", "gpt-4o-mini"], /Unknown model "gpt-4o-mini": use "rules" or provider:model/],
      [["--id", "acme/x", "--card", CARD, "--model=magic:m1"], /Unknown model provider "magic"/],
    ];
    for (const [args, message] of cases) {
      const result = await extract(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe("");
    }
  }, 120_000);

  // No provider package ships with Rootline: asking for a model explains what to install.
  it("fails with exit code 1 and the install hint when the model's provider package is missing", async () => {
    const result = await extract(["--id", "acme/x", "--card", CARD, "--model", "openai:gpt-4o-mini"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: The model openai:gpt-4o-mini needs the @langchain/openai package: npm install @langchain/openai, and OPENAI_API_KEY.");
    expect(result.stdout).toBe("");
  }, 60_000);

  // The same card, offline and then with the Hub asked: a free name nothing bundled knows stays
  // a corpus: key marked unresolved offline, and the Hub's strict search resolves it; an id the
  // Hub answers 404 for is never an upstream, only an unresolved mention with its quote.
  it("resolves names as a run would: offline by the bundled names, with --hub by the Hub too", async () => {
    const card = path.join(tmp, "unseen.md");
    await fs.writeFile(card, "# Probe Mix\n\nPrompts were sampled from QuokkaChat and openai/gsm8k.\n\nWe also used acme/typo-set for a few answers.\n");
    const offline = await extract(["--id", "probe/mix", "--card", card]);
    expect(offline.code, offline.stderr).toBe(0);
    const before = JSON.parse(offline.stdout);
    expect(before.edges.map((e: { upstream: string; resolved: boolean }) => [e.upstream, e.resolved])).toEqual([
      ["openai/gsm8k", true],
      ["corpus:quokkachat", false],
      ["acme/typo-set", true],
    ]);

    const hub = await startFakeHub({
      datasets: {
        "probe/mix": { card: null, info: { createdAt: "2025-01-01T00:00:00.000Z" } },
        "openai/gsm8k": { card: null, info: { createdAt: "2021-10-01T00:00:00.000Z" } },
        "zoo-lab/QuokkaChat": { card: null, info: { createdAt: "2024-01-01T00:00:00.000Z", downloads: 900 } },
      },
    });
    try {
      const online = await extract(["--id", "probe/mix", "--card", card, "--hub"], { HF_ENDPOINT: hub.url });
      expect(online.code, online.stderr).toBe(0);
      const after = JSON.parse(online.stdout);
      expect(after.edges.map((e: { upstream: string; via: string }) => [e.upstream, e.via])).toEqual([
        ["openai/gsm8k", "hub_id"],
        ["zoo-lab/QuokkaChat", "hub_search"],
      ]);
      expect(after.unresolved).toEqual([
        { mention: "acme/typo-set", reason: expect.stringMatching(/^not on the Hub/), quote: "We also used acme/typo-set for a few answers." },
      ]);
    } finally {
      await hub.close();
    }
  }, 120_000);
});
