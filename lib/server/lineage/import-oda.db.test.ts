import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseOda } from "@/lib/lineage-io/oda";
import { getDb } from "@/lib/server/db/client";
import { exportOdaDirectory } from "./export-oda";
import { importOdaDirectory } from "./import-oda";
import { mergeEdges, upsertAliases, upsertNodes, writeTransaction } from "./write";

const FIXTURE = path.join(import.meta.dirname, "..", "..", "lineage-io", "fixtures", "oda-small");
const temp: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "rootline-oda-"));
  temp.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of temp) await fs.rm(dir, { recursive: true, force: true });
});

async function wipe() {
  await getDb().$executeRawUnsafe("TRUNCATE dataset, edge, evidence, alias, benchmark RESTART IDENTITY CASCADE");
}

async function storeState() {
  const db = getDb();
  return {
    datasets: await db.dataset.findMany({ orderBy: { id: "asc" } }),
    edges: await db.edge.findMany({ orderBy: { id: "asc" } }),
    evidence: await db.evidence.findMany({ orderBy: { id: "asc" } }),
  };
}

/** Edges as facts, independent of ids and row order. */
async function edgeFacts() {
  const edges = await getDb().edge.findMany({ include: { upstream: true, downstream: true, evidence: true } });
  return edges
    .map((e) => ({
      pair: `${e.upstream.key} -> ${e.downstream.key}`,
      relation: e.relation,
      confidence: e.confidence,
      split: e.split,
      evidence: e.evidence.map((v) => `${v.source}|${v.url}|${v.quote}|${v.fingerprint}`).sort(),
    }))
    .sort((a, b) => a.pair.localeCompare(b.pair));
}

describe("importOdaDirectory", () => {
  it("imports the files, reports every skipped line with its reason, and a re-import changes nothing", async () => {
    await wipe();
    await writeTransaction((tx) => upsertAliases(tx, [{ alias: "GSM8K", key: "openai/gsm8k" }]));
    const report = await importOdaDirectory(FIXTURE);
    expect(report).toMatchObject({
      files: ["graph.jsonl", "data.jsonl"],
      graphLines: 17,
      dataLines: 8,
      nodesCreated: 6,
      nodesUpdated: 1, // openai/gsm8k existed as the alias target
      edgesCreated: 6,
      edgesMerged: 0,
      duplicateLinesMerged: 2,
      evidenceAdded: 9,
    });
    expect(report.skipped.map((s) => `${s.file}:${s.line} ${s.reason}`)).toEqual([
      "data.jsonl:6 malformed_json",
      "data.jsonl:7 duplicate_node",
      "data.jsonl:8 missing_field",
      "graph.jsonl:6 malformed_json",
      "graph.jsonl:7 bad_relation",
      "graph.jsonl:8 bad_confidence",
      "graph.jsonl:9 missing_field",
      "graph.jsonl:10 self_loop",
      "graph.jsonl:11 unkeyable_name",
      "graph.jsonl:12 malformed_json",
      "graph.jsonl:14 reverse_edge",
      "graph.jsonl:16 cycle",
    ]);
    expect(report.skipped.find((s) => s.line === 16)!.detail).toContain("would close the cycle");

    const gsm = await getDb().edge.findFirstOrThrow({ where: { upstream: { keyNorm: "openai/gsm8k" } }, include: { evidence: true } });
    expect(gsm).toMatchObject({ relation: "SEMANTIC_EVOLUTION", confidence: 1, split: "TRAIN", origin: "IMPORT", actor: "import:oda" });
    expect(gsm.evidence).toHaveLength(2);

    const before = await storeState();
    const again = await importOdaDirectory(FIXTURE);
    expect(again).toMatchObject({ nodesCreated: 0, nodesUpdated: 0, edgesCreated: 0, edgesMerged: 0, evidenceAdded: 0, evidenceUpdated: 0 });
    expect(await storeState()).toEqual(before);
  });

  it("fills the quotes of quote-less evidence with the same fingerprint instead of adding rows", async () => {
    await wipe();
    const files = { graph: await fs.readFile(path.join(FIXTURE, "graph.jsonl"), "utf8"), data: await fs.readFile(path.join(FIXTURE, "data.jsonl"), "utf8") };
    const parsed = parseOda(files);
    // What the seed does: the same facts and fingerprints, no quotes.
    await writeTransaction(async (tx) => {
      await upsertNodes(tx, parsed.nodes);
      await mergeEdges(tx, parsed.edges.map((e) => ({ ...e, origin: "SEED", evidence: e.evidence.map((v) => ({ ...v, quote: null })) })));
    });
    const seededEvidence = await getDb().evidence.count();
    const report = await importOdaDirectory(FIXTURE);
    expect(report).toMatchObject({ nodesCreated: 0, nodesUpdated: 0, edgesCreated: 0, edgesMerged: 0, evidenceAdded: 0 });
    expect(report.evidenceUpdated).toBe(seededEvidence - 1); // one line has an empty quote
    expect(await getDb().evidence.count()).toBe(seededEvidence);
    expect(await getDb().evidence.count({ where: { quote: null } })).toBe(1);
    expect(await getDb().edge.count({ where: { origin: "SEED" } })).toBe(await getDb().edge.count());
  });

  it("works without data.jsonl and explains what is wrong with a directory", async () => {
    await wipe();
    const dir = await tempDir();
    await fs.copyFile(path.join(FIXTURE, "graph.jsonl"), path.join(dir, "graph.jsonl"));
    expect((await importOdaDirectory(dir)).files).toEqual(["graph.jsonl"]);
    await expect(importOdaDirectory(path.join(dir, "nope"))).rejects.toMatchObject({ code: "bad_request:import", message: expect.stringContaining("does not exist") });
    await expect(importOdaDirectory(path.join(dir, "graph.jsonl"))).rejects.toMatchObject({ message: expect.stringContaining("is not a directory") });
    const empty = await tempDir();
    await expect(importOdaDirectory(empty)).rejects.toMatchObject({ message: expect.stringContaining("has no graph.jsonl") });
  });
});

describe("exportOdaDirectory", () => {
  it("round-trips: import → export → import into an empty store gives the same edges", async () => {
    await wipe();
    await writeTransaction((tx) => upsertAliases(tx, [{ alias: "GSM8K", key: "openai/gsm8k" }]));
    await importOdaDirectory(FIXTURE);
    // A person's edge with a URL no reader would derive, and no quote.
    await writeTransaction((tx) =>
      mergeEdges(tx, [{ upstream: "corpus:codeforces", downstream: "acme/chat-mix", relation: "STRUCTURED_FUSION", confidence: 0.4, origin: "PERSON", evidence: [{ source: "GITHUB", url: "https://github.com/acme/chat" }] }]),
    );
    const original = await edgeFacts();
    const nodeCount = await getDb().dataset.count();

    const dir = await tempDir();
    const exported = await exportOdaDirectory(dir);
    expect(exported).toMatchObject({ files: ["graph.jsonl", "data.jsonl"], nodes: nodeCount, edges: original.length });
    expect(exported.graphLines).toBe(original.reduce((n, e) => n + Math.max(1, e.evidence.length), 0));

    await wipe();
    const back = await importOdaDirectory(dir);
    expect(back.skipped).toEqual([]);
    expect(await edgeFacts()).toEqual(original);
    expect(await getDb().dataset.count()).toBe(nodeCount);
    const math = await getDb().dataset.findUniqueOrThrow({ where: { keyNorm: "acme/math-mix" } });
    expect(math).toMatchObject({ domains: ["MATH"], generation: "SYNTHETIC", releaseMonth: "2024-02", hubDownloads: 1234, crawlState: "TRACED" });
    const corpus = await getDb().dataset.findUniqueOrThrow({ where: { keyNorm: "corpus:codeforces" } });
    expect(corpus).toMatchObject({ displayName: "Codeforces", kind: "EXTERNAL", crawlState: "TERMINAL", terminalReason: "NO_SOURCES_FOUND" });
    // And back into the store it came from: nothing new.
    const before = await storeState();
    const again = await importOdaDirectory(dir);
    expect(again).toMatchObject({ nodesCreated: 0, nodesUpdated: 0, edgesCreated: 0, edgesMerged: 0, evidenceAdded: 0, evidenceUpdated: 0 });
    expect(await storeState()).toEqual(before);
  });

  it("exports a subgraph and refuses a directory it cannot write", async () => {
    const dir = await tempDir();
    const report = await exportOdaDirectory(dir, { keys: ["acme/math-mix", "OPENAI/GSM8K", "acme/chat-mix"] });
    expect([report.nodes, report.edges]).toEqual([3, 2]);
    const lines = (await fs.readFile(path.join(dir, "graph.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    expect(new Set(lines.map((l) => `${l.source} -> ${l.target}`))).toEqual(new Set(["openai/gsm8k -> acme/math-mix", "acme/chat-mix -> acme/math-mix"]));
    const blocker = path.join(dir, "file");
    await fs.writeFile(blocker, "");
    await expect(exportOdaDirectory(path.join(blocker, "sub"))).rejects.toMatchObject({ code: "bad_request:params", message: expect.stringContaining("is a file, not a directory") });
    // Node's own recursive mkdir never returns for this path.
    if (process.platform === "linux") await expect(exportOdaDirectory("/proc/rootline-nope/x")).rejects.toMatchObject({ code: "bad_request:params" });
  });
});
