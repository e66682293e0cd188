import { displayNameFor, normalizeKey, parseKey } from "@/lib/keys";
import { aliasNorm } from "@/lib/lineage-io/names";
import type { Db } from "@/lib/server/db/client";
import type { Prisma } from "@/lib/server/generated/prisma/client";

/**
 * A small hand-built lineage graph for query tests (arrows point downstream):
 *
 *   github:ghorg/gen-repo → up/d → up/c ⇉ up/a, up/b → Org/Root-Set → down/m, down/n → down/p → down/q
 *   up/x → up/c and up/x → Org/Root-Set          (diamond with a short cut: up/x is 1 hop away)
 *   corpus:web-crawl → up/b;  bench/gsm-like (benchmark) → up/a
 *   up/rejected → Org/Root-Set (REJECTED);  up/b → Org/Root-Set has confidence 0.4
 *   chain/c00 → chain/c01 → … → chain/c12        (longer than the depth limit)
 *   solo/alone                                   (no edges)
 *   search/mathpile, other/MathPile-Extended, x/open-mathpile, misc/under_score (search ranking)
 */
export type FixtureEdge = {
  from: string;
  to: string;
  confidence?: number;
  status?: "PROPOSED" | "ACCEPTED" | "REJECTED";
  split?: "TRAIN" | "TEST" | "VALIDATION" | "ALL" | "UNKNOWN";
  evidence?: { source: "CARD" | "PAPER" | "GITHUB"; url?: string; quote?: string }[];
};

export const ROOT = "Org/Root-Set";
export const CHAIN = Array.from({ length: 13 }, (_, i) => `chain/c${String(i).padStart(2, "0")}`);

const NODES: { key: string; displayName?: string; kind?: "DATASET" | "BENCHMARK" | "EXTERNAL"; hubDownloads?: number }[] = [
  { key: ROOT },
  { key: "up/a", hubDownloads: 1000 },
  { key: "up/b", hubDownloads: 500 },
  { key: "up/c" },
  { key: "up/d" },
  { key: "up/x", hubDownloads: 10 },
  { key: "up/rejected" },
  { key: "github:ghorg/gen-repo", kind: "EXTERNAL" },
  { key: "corpus:web-crawl", displayName: "Web Crawl", kind: "EXTERNAL" },
  { key: "bench/gsm-like", kind: "BENCHMARK" },
  { key: "down/m" },
  { key: "down/n" },
  { key: "down/p" },
  { key: "down/q" },
  { key: "solo/alone" },
  { key: "search/mathpile" },
  { key: "other/MathPile-Extended" },
  { key: "x/open-mathpile" },
  { key: "misc/under_score" },
  ...CHAIN.map((key) => ({ key })),
];

const EDGES: FixtureEdge[] = [
  {
    from: "up/a",
    to: ROOT,
    confidence: 0.9,
    status: "ACCEPTED",
    evidence: [
      { source: "CARD", url: "https://huggingface.co/datasets/Org/Root-Set", quote: "built from a" },
      { source: "PAPER", url: "https://arxiv.org/abs/2401.00001" },
    ],
  },
  { from: "up/b", to: ROOT, confidence: 0.4 },
  { from: "up/x", to: ROOT, confidence: 0.9 },
  { from: "up/rejected", to: ROOT, confidence: 0.95, status: "REJECTED" },
  { from: "up/c", to: "up/a", confidence: 0.9 },
  { from: "up/c", to: "up/b", confidence: 0.9 },
  { from: "up/x", to: "up/c", confidence: 0.9 },
  { from: "up/d", to: "up/c", confidence: 0.9 },
  { from: "github:ghorg/gen-repo", to: "up/d", confidence: 0.8 },
  { from: "corpus:web-crawl", to: "up/b", confidence: 0.9 },
  { from: "bench/gsm-like", to: "up/a", confidence: 0.6, split: "TEST" },
  { from: ROOT, to: "down/m", confidence: 0.9 },
  { from: ROOT, to: "down/n", confidence: 0.5 },
  { from: "down/m", to: "down/p", confidence: 0.9 },
  { from: "down/n", to: "down/p", confidence: 0.9 },
  { from: "down/p", to: "down/q", confidence: 0.9 },
  ...CHAIN.slice(1).map((key, i) => ({ from: CHAIN[i]!, to: key, confidence: 1 })),
];

function nodeData(key: string, extra: Partial<Prisma.DatasetCreateManyInput> = {}): Prisma.DatasetCreateManyInput {
  const parsed = parseKey(key);
  if (!parsed) throw new Error(`fixture key ${key} is not a key`);
  return { key, keyNorm: normalizeKey(key), scheme: parsed.scheme, displayName: displayNameFor(parsed), ...extra };
}

/** Insert the fixture graph; returns the node ids by stored key. */
export async function buildFixtureGraph(db: Db): Promise<Map<string, number>> {
  await db.dataset.createMany({
    data: NODES.map((node) =>
      nodeData(node.key, {
        ...(node.displayName ? { displayName: node.displayName } : {}),
        kind: node.kind ?? "DATASET",
        hubDownloads: node.hubDownloads ?? null,
        domains: node.key.startsWith("up/") ? ["MATH"] : [],
      }),
    ),
  });
  const ids = new Map((await db.dataset.findMany({ select: { id: true, key: true } })).map((row) => [row.key, row.id]));
  const id = (key: string) => ids.get(key) ?? raise(`fixture node ${key} missing`);
  for (const edge of EDGES) {
    await db.edge.create({
      data: {
        upstreamId: id(edge.from),
        downstreamId: id(edge.to),
        relation: "DIRECT_INCLUSION",
        confidence: edge.confidence ?? 0.9,
        status: edge.status ?? "PROPOSED",
        split: edge.split ?? "UNKNOWN",
        origin: "SEED",
        evidence: edge.evidence
          ? { create: edge.evidence.map((item, i) => ({ source: item.source, url: item.url ?? null, quote: item.quote ?? null, fingerprint: `f${i}` })) }
          : undefined,
      },
    });
  }
  await db.benchmark.create({ data: { datasetId: id("bench/gsm-like"), family: "GSMLike", evalSplits: ["TEST"] } });
  await db.alias.createMany({
    data: [
      { alias: "GSM Like", aliasNorm: aliasNorm("GSM Like"), datasetId: id("bench/gsm-like") },
      { alias: "RootSet Classic", aliasNorm: aliasNorm("RootSet Classic"), datasetId: id(ROOT) },
    ],
  });
  return ids;
}

/**
 * A layered graph for size tests: `layers` layers of `width` nodes upstream of one root and
 * as many downstream. The nodes next to the root all link to it; node j of a layer links to
 * nodes j and j+1 of the next layer downstream, so every node reaches the root.
 */
export async function buildLayeredGraph(db: Db, layers: number, width: number): Promise<{ root: string; nodes: number; edges: number }> {
  const root = "layered/root";
  const keyAt = (layer: number, j: number) => `layered/l${layer < 0 ? "m" : "p"}${Math.abs(layer)}-n${j}`;
  const keys = [root];
  for (let layer = -layers; layer <= layers; layer++) {
    if (layer !== 0) for (let j = 0; j < width; j++) keys.push(keyAt(layer, j));
  }
  await db.dataset.createMany({ data: keys.map((key) => nodeData(key)) });
  const ids = new Map(
    (await db.dataset.findMany({ where: { keyNorm: { startsWith: "layered/" } }, select: { id: true, key: true } })).map((row) => [row.key, row.id]),
  );
  const id = (key: string) => ids.get(key) ?? raise(`layered node ${key} missing`);
  const edges: Prisma.EdgeCreateManyInput[] = [];
  const link = (from: string, to: string) =>
    edges.push({ upstreamId: id(from), downstreamId: id(to), relation: "STRUCTURED_FUSION", confidence: 0.8, origin: "SEED" });
  for (let j = 0; j < width; j++) {
    link(keyAt(-1, j), root);
    link(root, keyAt(1, j));
  }
  for (let layer = -layers; layer < layers; layer++) {
    if (layer === -1 || layer === 0) continue;
    for (let j = 0; j < width; j++) {
      link(keyAt(layer, j), keyAt(layer + 1, j));
      link(keyAt(layer, j), keyAt(layer + 1, (j + 1) % width));
    }
  }
  await db.edge.createMany({ data: edges });
  return { root, nodes: keys.length, edges: edges.length };
}

function raise(message: string): never {
  throw new Error(message);
}
