import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db/client";
import { BENCHMARKS, ALIASES, DECONTAMINATIONS, EVAL_SETS, HOLDINGS } from "@/prisma/seed/benchmarks";
import { seedDatabase } from "./seed";

/** Every row's identity and last change, to prove a second seed touches nothing. */
async function storeState() {
  const db = getDb();
  return {
    datasets: await db.dataset.findMany({ orderBy: { id: "asc" }, select: { id: true, keyNorm: true, updatedAt: true, kind: true } }),
    edges: await db.edge.findMany({ orderBy: { id: "asc" }, select: { id: true, updatedAt: true, confidence: true, relation: true } }),
    evidence: await db.evidence.findMany({ orderBy: { id: "asc" }, select: { id: true, fingerprint: true, quote: true, url: true } }),
    benchmarks: await db.benchmark.findMany({ orderBy: { datasetId: "asc" } }),
    evalSets: await db.evalSet.findMany({ orderBy: { id: "asc" } }),
    holdings: await db.itemHolding.findMany({ orderBy: { id: "asc" } }),
    aliases: await db.alias.findMany({ orderBy: { id: "asc" }, select: { id: true, aliasNorm: true, datasetId: true } }),
  };
}

describe("seedDatabase", () => {
  it("loads the bundled graph, benchmarks and aliases, then changes nothing on a second run", async () => {
    const first = await seedDatabase();
    expect(first.skipped).toEqual([]);
    expect(first.aliasConflicts).toEqual([]);
    // The union of the paper's graph and the Data Provenance Collection's facts.
    expect(first.edges).toBeGreaterThan(4000);
    expect(first.nodes).toBeGreaterThan(4000);
    expect(first.dpi).toMatchObject({ skipped: 0 });
    expect(first.dpi.edgesCreated).toBeGreaterThan(3000);
    expect(first.licences).toBeGreaterThan(5000);
    expect(await getDb().edge.count({ where: { origin: "DPI" } })).toBe(first.dpi.edgesCreated);
    expect(first.evidence).toBeGreaterThanOrEqual(first.edges);
    expect(first.benchmarks).toBe(BENCHMARKS.length);
    expect([first.evalSets, first.holdings]).toEqual([EVAL_SETS.length, HOLDINGS.length]);
    expect(first.edgesRetired).toBe(0);
    expect(first.statementsAdded).toBe(DECONTAMINATIONS.length);
    expect(first.aliases).toBe(ALIASES.length);
    expect([first.edgesCreated + first.dpi.edgesCreated, first.evidenceAdded + first.dpi.evidenceAdded]).toEqual([first.edges, first.evidence]);
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
      registry: { evalSetsCreated: 0, evalSetsUpdated: 0, evalSetsRemoved: 0, holdingsCreated: 0, holdingsUpdated: 0, holdingsRemoved: 0, benchmarksDemoted: 0 },
      aliasesCreated: 0,
      aliasesRetargeted: 0,
      edgesRetired: 0,
      statementsAdded: 0,
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
    const upstreams = metaMath.upstreamEdges.filter((e) => e.origin === "SEED").map((e) => [e.upstream.key, e.split, e.origin, e.actor]).sort();
    expect(upstreams).toEqual([
      ["EleutherAI/hendrycks_math", "TRAIN", "SEED", "oda-reference"],
      ["openai/gsm8k", "TRAIN", "SEED", "oda-reference"],
    ]);
    // The DPI lists MetaMathQA's eight parts (GSM AnsAug …): each is part of it, and took its parent's training split as the whole did.
    const parts = metaMath.upstreamEdges.filter((e) => e.origin === "DPI");
    expect(parts).toHaveLength(8);
    const gsmAnsAug = await db.dataset.findUniqueOrThrow({ where: { keyNorm: "corpus:dpi-metamathqa-gsm-ansaug" }, include: { upstreamEdges: { include: { upstream: true } }, licences: true } });
    expect(gsmAnsAug.upstreamEdges.map((e) => [e.upstream.key, e.split, e.origin])).toEqual([["openai/gsm8k", "TRAIN", "DPI"]]);
    // MIT, plus OpenAI's terms on the answers GPT-3.5 generated.
    expect(gsmAnsAug.licences.map((l) => [l.licenceId, l.source]).sort()).toEqual([["MIT", "DPI"], ["openai-terms-of-use", "DPI"]]);
    expect(metaMath.upstreamEdges.find((e) => e.origin === "SEED")!.evidence[0]).toMatchObject({ source: "CARD", url: "https://huggingface.co/datasets/meta-math/MetaMathQA", quote: null });
    expect(metaMath).toMatchObject({ releaseMonth: "2023-09", paperUrl: "https://arxiv.org/abs/2309.12284", crawlState: "TRACED", domains: ["MATH"] });

    const gsm = await db.dataset.findUniqueOrThrow({ where: { keyNorm: "openai/gsm8k" }, include: { benchmark: true } });
    expect(gsm).toMatchObject({ kind: "BENCHMARK", benchmark: { family: "GSM8K", evalSplits: ["TEST"] } });
    // Free-text "AIME" sources resolve to the competition: a source holding every year's problems, not an evaluation set.
    const aime = await db.dataset.findUniqueOrThrow({ where: { keyNorm: "corpus:aime" }, include: { downstreamEdges: true, benchmark: true, itemHoldings: true } });
    expect(aime).toMatchObject({ kind: "EXTERNAL", displayName: "AIME (competition)", benchmark: null, itemHoldings: [{ family: "AIME", itemsFrom: "1983-03", itemsTo: null }] });
    expect(aime.downstreamEdges.length).toBeGreaterThanOrEqual(4);
    const aime2024 = await db.evalSet.findUniqueOrThrow({ where: { id: "aime-2024" }, include: { dataset: true } });
    expect(aime2024).toMatchObject({ name: "AIME 2024", family: "AIME", itemsFrom: "2024-01", itemsTo: "2024-02", evalSplits: ["ALL"], dataset: { key: "Maxwell-Jia/AIME_2024", kind: "BENCHMARK" } });
    const dated = await db.alias.findUniqueOrThrow({ where: { aliasNorm: "aime19832023" }, include: { dataset: true } });
    expect(dated.dataset.key).toBe("corpus:aime-1983-2023");
    expect(await db.dataset.count({ where: { keyNorm: { in: ["corpus:opencodereasoning", "corpus:gsm8k"] } } })).toBe(0);
    const alias = await db.alias.findUniqueOrThrow({ where: { aliasNorm: "math500" }, include: { dataset: true } });
    expect(alias.dataset.key).toBe("HuggingFaceH4/MATH-500");
  });
});

describe("seeding over an older seed", () => {
  it("moves the seed's own aliases, retires the seed edges that moved with them, demotes old benchmarks, and keeps reviewed edges", async () => {
    const db = getDb();
    await seedDatabase();
    // What the previous seed wrote: "AIME 1983-2023" meant the competition node, and STILL-3's edge came from it.
    const aime = await db.dataset.findUniqueOrThrow({ where: { keyNorm: "corpus:aime" } });
    const still = await db.dataset.findUniqueOrThrow({ where: { keyNorm: "ruc-aibox/still-3-preview-rl-data" } });
    const limo = await db.dataset.findUniqueOrThrow({ where: { keyNorm: "gair/limo" } });
    await db.alias.update({ where: { aliasNorm: "aime19832023" }, data: { datasetId: aime.id } });
    await db.edge.create({ data: { upstreamId: aime.id, downstreamId: still.id, relation: "STRUCTURED_FUSION", confidence: 1, origin: "SEED", actor: "oda-reference", evidence: { create: [{ source: "CARD", fingerprint: "old", locator: "oda:graph.jsonl:493" }] } } });
    await db.benchmark.create({ data: { datasetId: aime.id, family: "AIME", evalSplits: ["ALL"] } });
    await db.dataset.update({ where: { id: aime.id }, data: { kind: "BENCHMARK" } });
    // A person accepted a seed edge: it stays whatever the seed says later.
    const reviewed = await db.edge.create({ data: { upstreamId: still.id, downstreamId: limo.id, relation: "DIRECT_INCLUSION", confidence: 0.5, origin: "SEED", actor: "oda-reference", status: "ACCEPTED" } });

    const report = await seedDatabase();
    expect(report).toMatchObject({ aliasesRetargeted: 1, edgesRetired: 1, registry: { benchmarksDemoted: 1 } });
    expect((await db.alias.findUniqueOrThrow({ where: { aliasNorm: "aime19832023" }, include: { dataset: true } })).dataset.key).toBe("corpus:aime-1983-2023");
    expect(await db.edge.count({ where: { upstreamId: aime.id, downstreamId: still.id } })).toBe(0);
    expect(await db.dataset.findUniqueOrThrow({ where: { id: aime.id }, include: { benchmark: true } })).toMatchObject({ kind: "EXTERNAL", benchmark: null });
    expect(await db.edge.findUnique({ where: { id: reviewed.id } })).toMatchObject({ status: "ACCEPTED" });
  });
});
