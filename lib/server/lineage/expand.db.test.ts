import { beforeAll, describe, expect, it, vi } from "vitest";
import { mergeExpansion } from "@/lib/graph/merge-expansion";
import { displayNameFor, normalizeKey, parseKey } from "@/lib/keys";
import { VIEW_MAX_NODES } from "@/lib/limits";
import type { LineageEdge, LineageNode } from "@/lib/lineage/types";
import { getDb } from "@/lib/server/db/client";
import { errorCode } from "@/test-support/server/error-code";
import { buildLayeredGraph } from "@/test-support/server/fixture-graph";
import type { ViewState } from "@/lib/view/state";
import { viewState } from "@/lib/view/testing";
import { getExpansion, getView } from "./queries";

/**
 * A hand-made store (arrows point downstream):
 *
 *   corpus:ex-source → ex/p ─(rejected)→ ex/a → Ex/Root → ex/m → ex/n → ex/o
 *                      ex/p → ex/q (0.2) → ex/a           ex/m ────────→ ex/o
 *                             ex/q → ex/b (0.4) → Ex/Root  ex/a → ex/n;  ex/x → ex/o
 *   ex/s → ex/r → ex/a;  bench/ex-bench (benchmark) → ex/b;  solo/ex (no edges)
 *
 * At up=1, down=1 the view is Ex/Root, ex/a, ex/b, ex/m. Expanding ex/a upstream brings
 * ex/p, ex/q, ex/r, which link to each other (p → q) and to a drawn node (q → b); expanding
 * ex/m downstream brings ex/n, ex/o, linked to each other (n → o) and to a drawn node (a → n).
 */
const ROOT = "Ex/Root";
const NODES = ["Ex/Root", "ex/a", "ex/b", "ex/p", "ex/q", "ex/r", "ex/s", "ex/m", "ex/n", "ex/o", "ex/x", "corpus:ex-source", "bench/ex-bench", "solo/ex"];
type Spec = { from: string; to: string; confidence?: number; status?: "PROPOSED" | "ACCEPTED" | "REJECTED"; evidence?: { source: "CARD" | "PAPER"; url: string; quote?: string }[] };
const EDGES: Spec[] = [
  {
    from: "ex/a",
    to: ROOT,
    status: "ACCEPTED",
    evidence: [
      { source: "CARD", url: "https://huggingface.co/datasets/Ex/Root", quote: "built from a" },
      { source: "PAPER", url: "https://arxiv.org/abs/2401.00002" },
    ],
  },
  { from: "ex/b", to: ROOT, confidence: 0.4 },
  { from: "ex/p", to: "ex/a", status: "REJECTED", evidence: [{ source: "CARD", url: "https://huggingface.co/datasets/ex/a", quote: "not really p" }] },
  { from: "ex/q", to: "ex/a", confidence: 0.2 },
  { from: "ex/r", to: "ex/a" },
  { from: "ex/p", to: "ex/q", evidence: [{ source: "PAPER", url: "https://arxiv.org/abs/2401.00003", quote: "q extends p" }] },
  { from: "ex/q", to: "ex/b" },
  { from: "ex/s", to: "ex/r" },
  { from: "corpus:ex-source", to: "ex/p" },
  { from: "bench/ex-bench", to: "ex/b" },
  { from: ROOT, to: "ex/m" },
  { from: "ex/m", to: "ex/n" },
  { from: "ex/m", to: "ex/o", status: "REJECTED" },
  { from: "ex/n", to: "ex/o" },
  { from: "ex/a", to: "ex/n", confidence: 0.3 },
  { from: "ex/x", to: "ex/o" },
];

beforeAll(async () => {
  const db = getDb();
  await db.dataset.createMany({
    data: NODES.map((key) => {
      const parsed = parseKey(key)!;
      return { key, keyNorm: normalizeKey(key), scheme: parsed.scheme, displayName: displayNameFor(parsed), kind: key.startsWith("bench/") ? "BENCHMARK" : key.startsWith("corpus:") ? "EXTERNAL" : "DATASET" };
    }),
  });
  const ids = new Map((await db.dataset.findMany({ select: { id: true, key: true } })).map((row) => [row.key, row.id]));
  for (const edge of EDGES) {
    await db.edge.create({
      data: {
        upstreamId: ids.get(edge.from)!,
        downstreamId: ids.get(edge.to)!,
        relation: "STRUCTURED_FUSION",
        confidence: edge.confidence ?? 0.9,
        status: edge.status ?? "PROPOSED",
        origin: "SEED",
        evidence: edge.evidence ? { create: edge.evidence.map((item, i) => ({ ...item, fingerprint: `f${i}` })) } : undefined,
      },
    });
  }
  await db.benchmark.create({ data: { datasetId: ids.get("bench/ex-bench")!, family: "ExBench", evalSplits: ["TEST"] } });
});

const state = viewState;
const byKey = (a: { key: string }, b: { key: string }) => (normalizeKey(a.key) < normalizeKey(b.key) ? -1 : 1);
const pairOf = (e: LineageEdge) => `${normalizeKey(e.upstream)}>${normalizeKey(e.downstream)}`;
const nodesOf = (g: { nodes: LineageNode[] }) => [...g.nodes].sort(byKey);
const edgesOf = (g: { edges: LineageEdge[] }) => [...g.edges].sort((a, b) => (pairOf(a) < pairOf(b) ? -1 : 1));
const keys = (nodes: LineageNode[]) => nodes.map((n) => n.key);
const pairs = (edges: LineageEdge[]) => edges.map(pairOf).sort();

/**
 * The equivalence getExpansion promises: getView(base) with the expansion merged in has the
 * same nodes (every field, hidden counts included) and the same edges (every field, evidence
 * included) as getView(base state with the expansion added); and the expansion holds exactly
 * what the second view has beyond the first.
 */
async function expectSameAsView(base: ViewState, key: string, direction: "up" | "down", options: { shout?: boolean; root?: string; maxNodes?: number } = {}) {
  const root = options.root ?? ROOT;
  const { maxNodes } = options;
  const before = (await getView({ key: root, state: base, maxNodes })).graph;
  const have = keys(before.nodes).map((k) => (options.shout ? k.toUpperCase() : k));
  const expansion = await getExpansion({ key, direction, have, maxNodes });
  const after = (await getView({ key: root, state: { ...base, steps: [...base.steps, { op: direction, key }] }, maxNodes })).graph;

  const merged = mergeExpansion(before, { ...expansion, direction });
  expect(keys(nodesOf(merged))).toEqual(keys(nodesOf(after)));
  expect(pairs(merged.edges)).toEqual(pairs(after.edges));
  expect(nodesOf(merged)).toEqual(nodesOf(after));
  expect(edgesOf(merged)).toEqual(edgesOf(after));

  const drawn = new Set(before.nodes.map((n) => normalizeKey(n.key)));
  const drawnPairs = new Set(before.edges.map(pairOf));
  expect(keys(expansion.nodes)).toEqual(keys(after.nodes.filter((n) => !drawn.has(normalizeKey(n.key)))).sort((a, b) => (normalizeKey(a) < normalizeKey(b) ? -1 : 1)));
  expect(pairs(expansion.edges)).toEqual(pairs(after.edges.filter((e) => !drawnPairs.has(pairOf(e)))));
  expect(expansion.node).toMatchObject({ key: after.nodes.find((n) => normalizeKey(n.key) === normalizeKey(key))!.key });
  return { before, expansion, after, merged };
}

describe("getExpansion", () => {
  const base = state({ up: 1, down: 1 });

  it("upstream: new sources that link to each other and to drawn nodes, with every edge getView would add", async () => {
    const { expansion, after, merged } = await expectSameAsView(base, "ex/a", "up");
    expect(keys(expansion.nodes)).toEqual(["ex/p", "ex/q", "ex/r"]);
    // The rejected and the weak edge come too, as getView loads them.
    expect(pairs(expansion.edges)).toEqual(["ex/p>ex/a", "ex/p>ex/q", "ex/q>ex/a", "ex/q>ex/b", "ex/r>ex/a"]);
    expect(expansion.edges.find((e) => pairOf(e) === "ex/p>ex/a")).toMatchObject({
      status: "REJECTED",
      evidence: [{ source: "CARD", url: "https://huggingface.co/datasets/ex/a", quote: "not really p" }],
    });
    expect(expansion.notices).toEqual([]);
    // Counts against have ∪ new: ex/r still has ex/s beyond it, ex/p has the corpus.
    expect(expansion.node).toMatchObject({ key: "ex/a", upstreamCount: 3, hiddenUpstream: 0, downstreamCount: 2, hiddenDownstream: 1 });
    expect(expansion.nodes.find((n) => n.key === "ex/r")).toMatchObject({ hiddenUpstream: 1, hiddenDownstream: 0 });
    expect(expansion.nodes.find((n) => n.key === "ex/p")).toMatchObject({ hiddenUpstream: 1, hiddenDownstream: 0 });
    expect(merged.truncated).toBe(after.truncated);
  });

  it("downstream: new uses that link to each other and to a drawn node", async () => {
    const { expansion, after, merged } = await expectSameAsView(base, "ex/m", "down");
    expect(keys(expansion.nodes)).toEqual(["ex/n", "ex/o"]);
    expect(pairs(expansion.edges)).toEqual(["ex/a>ex/n", "ex/m>ex/n", "ex/m>ex/o", "ex/n>ex/o"]);
    expect(expansion.nodes.find((n) => n.key === "ex/o")).toMatchObject({ upstreamCount: 3, hiddenUpstream: 1 });
    expect(merged.truncated).toBe(after.truncated);
  });

  it("compares drawn keys normalised, and chains onto earlier expansions", async () => {
    await expectSameAsView(base, "ex/a", "up", { shout: true });
    await expectSameAsView(state({ up: 1, down: 1, expandUp: ["ex/a"] }), "ex/p", "up");
    await expectSameAsView(state({ up: 1, down: 1, expandUp: ["ex/a"], expandDown: ["ex/m"] }), "ex/q", "down");
    await expectSameAsView(state({ up: 0, down: 0 }), ROOT, "down");
  });

  it("with no new neighbours, returns the node alone, freshly counted", async () => {
    const { expansion } = await expectSameAsView(base, ROOT, "up");
    expect(expansion.nodes).toEqual([]);
    expect(expansion.edges).toEqual([]);
    expect(expansion.node).toMatchObject({ key: ROOT, upstreamCount: 2, hiddenUpstream: 0, downstreamCount: 1, hiddenDownstream: 0 });
    const leaf = await expectSameAsView(base, "ex/m", "up");
    expect(leaf.expansion.nodes).toEqual([]);
    const solo = await getExpansion({ key: "SOLO/EX", direction: "down", have: ["solo/ex"] });
    expect(solo).toEqual({ node: expect.objectContaining({ key: "solo/ex", upstreamCount: 0, downstreamCount: 0 }), nodes: [], edges: [], notices: [] });
  });

  it("ignores drawn keys the store lacks, and says so when the node itself is not drawn", async () => {
    const { expansion } = await expectSameAsView(base, "ex/m", "down");
    const withStrangers = await getExpansion({ key: "ex/m", direction: "down", have: [ROOT, "ex/a", "ex/b", "ex/m", "nobody/here", "corpus:nothing"] });
    expect(withStrangers).toEqual(expansion);
    const undrawn = await getExpansion({ key: "ex/r", direction: "up", have: [ROOT] });
    expect(keys(undrawn.nodes)).toEqual(["ex/s"]);
    expect(undrawn.notices).toEqual(['"ex/r" is not among the drawn nodes; what it brings in is not linked to them.']);
  });

  it("rejects bad keys, unknown nodes, bad directions and oversized or malformed have lists", async () => {
    expect(await errorCode(getExpansion({ key: "not a key", direction: "up", have: [] }))).toBe("bad_request:key");
    expect(await errorCode(getExpansion({ key: "no/such-set", direction: "up", have: [] }))).toBe("not_found:dataset");
    expect(await errorCode(getExpansion({ key: ROOT, direction: "sideways" as "up", have: [] }))).toBe("bad_request:params");
    expect(await errorCode(getExpansion({ key: ROOT, direction: "up", have: Array.from({ length: VIEW_MAX_NODES + 1 }, (_, i) => `many/n${i}`) }))).toBe("bad_request:params");
    expect(await errorCode(getExpansion({ key: ROOT, direction: "up", have: "ex/a" as unknown as string[] }))).toBe("bad_request:params");
    const bad = getExpansion({ key: ROOT, direction: "up", have: ["ex/a", "<script>", "two words", "a/b/c", "also bad"] });
    await expect(bad).rejects.toMatchObject({
      code: "bad_request:key",
      message: 'have must hold dataset keys (owner/name, github:, arxiv:, web:, corpus:); these are not: "<script>", "two words", "a/b/c" and 1 more.',
    });
  });
});

describe("getExpansion on a 2,601-node layered graph", () => {
  const LAYERS = 10;
  const WIDTH = 130;
  let root = "";
  const layered = (patch: Parameters<typeof viewState>[0]) => state({ up: 0, down: 0, ...patch });

  beforeAll(async () => {
    ({ root } = await buildLayeredGraph(getDb(), LAYERS, WIDTH));
  });

  it("answers in a fixed number of queries, whatever the size, and matches getView", async () => {
    const base = layered({ up: 9, down: 10 });
    const before = (await getView({ key: root, state: base })).graph;
    expect(before.nodes.length).toBe(1 + 19 * WIDTH);
    const spy = vi.spyOn(getDb(), "$queryRaw");
    const started = performance.now();
    const expansion = await getExpansion({ key: "layered/lm9-n0", direction: "up", have: keys(before.nodes) });
    const elapsed = performance.now() - started;
    const queries = spy.mock.calls.length;
    spy.mockRestore();
    console.log(`[${process.env.ROOTLINE_TEST_DB}] getExpansion against ${before.nodes.length} drawn nodes: ${expansion.nodes.length} nodes, ${expansion.edges.length} edges in ${elapsed.toFixed(0)} ms, ${queries} queries`);
    expect(queries).toBe(5);
    // Node j of a layer feeds nodes j and j+1 of the next: lm9-n0's sources are lm10-n0 and lm10-n129.
    expect(keys(expansion.nodes)).toEqual(["layered/lm10-n0", `layered/lm10-n${WIDTH - 1}`]);
    await expectSameAsView(base, "layered/lm9-n0", "up", { root });
  });

  it("with nothing new, in three queries", async () => {
    const before = (await getView({ key: root, state: layered({ up: 9, down: 10 }) })).graph;
    const spy = vi.spyOn(getDb(), "$queryRaw");
    const expansion = await getExpansion({ key: "layered/lp3-n5", direction: "down", have: keys(before.nodes) });
    const queries = spy.mock.calls.length;
    spy.mockRestore();
    expect(expansion.nodes).toEqual([]);
    expect(queries).toBe(3);
  });

  it("stops at the view's node cap as getView does, with a notice", async () => {
    // up=10, down=10 is 2,601 nodes: with a cap of 2,500 getView keeps the nearest (every lm10 node, 29 of lp10's).
    const base = layered({ up: 10, down: 10 });
    const { expansion, before } = await expectSameAsView(base, "layered/lp9-n50", "down", { root, maxNodes: 2500 });
    expect(before.nodes).toHaveLength(2500);
    expect(expansion.nodes).toEqual([]);
    expect(expansion.notices).toEqual([expect.stringMatching(/only the nearest 2500 are shown/)]);
  });
});
