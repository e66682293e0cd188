import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db/client";
import { BENCHMARKS, ALIASES } from "@/prisma/seed/benchmarks";
import { seedDatabase } from "./seed";

/** Every row's identity and last change, to prove a second seed touches nothing. */
async function storeState() {
  const db = getDb();
  return {
    datasets: await db.dataset.findMany({ orderBy: { id: "asc" }, select: { id: true, keyNorm: true, updatedAt: true, kind: true } }),
    edges: await db.edge.findMany({ orderBy: { id: "asc" }, select: { id: true, updatedAt: true, confidence: true, relation: true } }),
    evidence: await db.evidence.findMany({ orderBy: { id: "asc" }, select: { id: true, fingerprint: true, quote: true, url: true } }),
    benchmarks: await db.benchmark.findMany({ orderBy: { datasetId: "asc" } }),
    aliases: await db.alias.findMany({ orderBy: { id: "asc" }, select: { id: true, aliasNorm: true, datasetId: true } }),
  };
}

describe("seedDatabase", () => {
  it("loads the bundled graph, benchmarks and aliases, then changes nothing on a second run", async () => {
    const first = await seedDatabase();
    expect(first.skipped).toEqual([]);
    expect(first.aliasConflicts).toEqual([]);
    expect(first.edges).toBeGreaterThan(1000);
    expect(first.nodes).toBeGreaterThan(700);
    expect(first.evidence).toBeGreaterThanOrEqual(first.edges);
    expect(first.benchmarks).toBe(BENCHMARKS.length);
    expect(first.aliases).toBe(ALIASES.length);
    expect([first.edgesCreated, first.evidenceAdded]).toEqual([first.edges, first.evidence]);
    // No quote ships in the repository.
    expect(await getDb().evidence.count({ where: { quote: { not: null } } })).toBe(0);

    const before = await storeState();
    const second = await seedDatabase();
    expect(second).toMatchObject({
      nodesCreated: 0,
      nodesUpdated: 0,
      edgesCreated: 0,
      edgesUpdated: 0,
      evidenceAdded: 0,
      evidenceUpdated: 0,
      benchmarksCreated: 0,
      benchmarksUpdated: 0,
      aliasesCreated: 0,
      nodes: first.nodes,
      edges: first.edges,
      evidence: first.evidence,
    });
    expect(await storeState()).toEqual(before);
  });

  it("seeds the lineage the app is built around", async () => {
    const db = getDb();
    const metaMath = await db.dataset.findUniqueOrThrow({
      where: { keyNorm: "meta-math/metamathqa" },
      include: { upstreamEdges: { include: { upstream: true, evidence: true } } },
    });
    const upstreams = metaMath.upstreamEdges.map((e) => [e.upstream.key, e.split, e.origin, e.actor]).sort();
    expect(upstreams).toEqual([
      ["EleutherAI/hendrycks_math", "TRAIN", "SEED", "oda-reference"],
      ["openai/gsm8k", "TRAIN", "SEED", "oda-reference"],
    ]);
    expect(metaMath.upstreamEdges[0]!.evidence[0]).toMatchObject({ source: "CARD", url: "https://huggingface.co/datasets/meta-math/MetaMathQA", quote: null });
    expect(metaMath).toMatchObject({ releaseMonth: "2023-09", paperUrl: "https://arxiv.org/abs/2309.12284", crawlState: "TRACED", domains: ["MATH"] });

    const gsm = await db.dataset.findUniqueOrThrow({ where: { keyNorm: "openai/gsm8k" }, include: { benchmark: true } });
    expect(gsm).toMatchObject({ kind: "BENCHMARK", benchmark: { family: "GSM8K", evalSplits: ["TEST"] } });
    // Free-text "AIME" sources resolve to the competition node, registered as a benchmark.
    const aime = await db.dataset.findUniqueOrThrow({ where: { keyNorm: "corpus:aime" }, include: { downstreamEdges: true, benchmark: true } });
    expect(aime).toMatchObject({ kind: "BENCHMARK", displayName: "AIME", benchmark: { family: "AIME" } });
    expect(aime.downstreamEdges.length).toBeGreaterThanOrEqual(4);
    expect(await db.dataset.count({ where: { keyNorm: { in: ["corpus:opencodereasoning", "corpus:gsm8k"] } } })).toBe(0);
    const alias = await db.alias.findUniqueOrThrow({ where: { aliasNorm: "math500" }, include: { dataset: true } });
    expect(alias.dataset.key).toBe("HuggingFaceH4/MATH-500");
  });
});
