import { beforeAll, describe, expect, it } from "vitest";
import type { LineageGraph } from "@/lib/lineage/types";
import { getDb } from "@/lib/server/db/client";
import { errorCode } from "@/test-support/server/error-code";
import { buildFixtureGraph, CHAIN, ROOT } from "@/test-support/server/fixture-graph";
import { getLineage, neighbours } from "./queries";

beforeAll(async () => {
  await buildFixtureGraph(getDb());
});


const keys = (graph: LineageGraph) => graph.nodes.map((node) => node.key).sort();
const edgeKeys = (graph: LineageGraph) => graph.edges.map((edge) => `${edge.upstream} > ${edge.downstream}`).sort();
const node = (graph: LineageGraph, key: string) => graph.nodes.find((n) => n.key === key) ?? expect.unreachable(`${key} missing`);

describe("getLineage", () => {
  it("returns the nodes within up/down hops, the edges among them and the stored root casing", async () => {
    const graph = await getLineage({ key: "org/ROOT-set", up: 1, down: 1 });
    expect(graph.root).toBe(ROOT);
    expect(graph.nodes[0]!.key).toBe(ROOT);
    expect(keys(graph)).toEqual([ROOT, "down/m", "down/n", "up/a", "up/b", "up/rejected", "up/x"].sort());
    expect(edgeKeys(graph)).toEqual(
      [`up/a > ${ROOT}`, `up/b > ${ROOT}`, `up/x > ${ROOT}`, `up/rejected > ${ROOT}`, `${ROOT} > down/m`, `${ROOT} > down/n`].sort(),
    );
    expect(graph.truncated).toBe(true);
  });

  it("grows by depth with exact node sets", async () => {
    const up2 = await getLineage({ key: ROOT, up: 2, down: 0 });
    expect(keys(up2)).toEqual([ROOT, "up/a", "up/b", "up/x", "up/rejected", "up/c", "corpus:web-crawl", "bench/gsm-like"].sort());
    const up3 = await getLineage({ key: ROOT, up: 3, down: 0 });
    expect(keys(up3)).toEqual([...keys(up2), "up/d"].sort());
    const down3 = await getLineage({ key: ROOT, up: 0, down: 3 });
    expect(keys(down3)).toEqual([ROOT, "down/m", "down/n", "down/p", "down/q"].sort());
    // up = 0 makes the root the upstream frontier, and it has sources.
    expect(down3.truncated).toBe(true);
    // The diamond's short cut up/x → up/c is drawn once both ends are in.
    expect(edgeKeys(up2)).toContain("up/x > up/c");
  });

  it("maps nodes, edges and evidence", async () => {
    const graph = await getLineage({ key: ROOT, up: 2, down: 0 });
    const edge = graph.edges.find((e) => e.upstream === "up/a" && e.downstream === ROOT)!;
    expect(edge).toMatchObject({ relation: "DIRECT_INCLUSION", confidence: 0.9, status: "ACCEPTED", origin: "SEED", split: "UNKNOWN" });
    expect(edge.evidence).toEqual([
      { source: "CARD", url: "https://huggingface.co/datasets/Org/Root-Set", quote: "built from a", locator: null },
      { source: "PAPER", url: "https://arxiv.org/abs/2401.00001", quote: null, locator: null },
    ]);
    expect(graph.edges.find((e) => e.upstream === "up/x")!.evidence).toEqual([]);
    expect(graph.edges.find((e) => e.upstream === "bench/gsm-like")!.split).toBe("TEST");
    expect(node(graph, "bench/gsm-like")).toMatchObject({ kind: "BENCHMARK", benchmark: { family: "GSMLike", evalSplits: ["TEST"] } });
    expect(node(graph, "up/a")).toMatchObject({
      displayName: "a",
      scheme: "HUB",
      domains: ["MATH"],
      url: "https://huggingface.co/datasets/up/a",
      hubDownloads: 1000,
      benchmark: null,
      crawlState: "UNTRACED",
    });
    expect(node(graph, "corpus:web-crawl")).toMatchObject({ scheme: "CORPUS", url: null, displayName: "Web Crawl", kind: "EXTERNAL" });
    expect(node(graph, ROOT).url).toBe("https://huggingface.co/datasets/Org/Root-Set");
  });

  it("counts all and hidden edges per node, and flags the frontier", async () => {
    const graph = await getLineage({ key: ROOT, up: 1, down: 1 });
    expect(node(graph, ROOT)).toMatchObject({ upstreamCount: 4, downstreamCount: 2, hiddenUpstream: 0, hiddenDownstream: 0 });
    expect(node(graph, "up/a")).toMatchObject({ upstreamCount: 2, downstreamCount: 1, hiddenUpstream: 2, hiddenDownstream: 0 });
    expect(node(graph, "up/x")).toMatchObject({ upstreamCount: 0, downstreamCount: 2, hiddenUpstream: 0, hiddenDownstream: 1 });
    expect(node(graph, "down/m")).toMatchObject({ upstreamCount: 1, downstreamCount: 1, hiddenUpstream: 0, hiddenDownstream: 1 });
    expect(graph.truncated).toBe(true);

    // Everything upstream fits in 4 hops; hidden edges that point away from the walk do not truncate.
    const all = await getLineage({ key: ROOT, up: 4, down: 3 });
    expect(all.truncated).toBe(false);
    expect(all.nodes.every((n) => n.hiddenUpstream === 0 && n.hiddenDownstream === 0)).toBe(true);
    expect(all.edges).toHaveLength(16);
  });

  it("applies minConfidence and includeRejected to the walk, the edges and the counts", async () => {
    const graph = await getLineage({ key: ROOT, up: 1, down: 1, minConfidence: 0.5, includeRejected: false });
    expect(keys(graph)).toEqual([ROOT, "down/m", "down/n", "up/a", "up/x"].sort());
    expect(node(graph, ROOT)).toMatchObject({ upstreamCount: 2, downstreamCount: 2 });
    const strict = await getLineage({ key: ROOT, up: 1, down: 1, minConfidence: 0.6 });
    expect(keys(strict)).not.toContain("down/n");
    expect(graph.edges.some((e) => e.status === "REJECTED")).toBe(false);
    const withRejected = await getLineage({ key: ROOT, up: 1, down: 0 });
    expect(withRejected.edges.find((e) => e.upstream === "up/rejected")!.status).toBe("REJECTED");
  });

  it("truncates a chain deeper than the limit, and not one that fits", async () => {
    const tail = await getLineage({ key: CHAIN[12]!, up: 10, down: 0 });
    expect(keys(tail)).toEqual(CHAIN.slice(2).sort());
    expect(tail.truncated).toBe(true);
    expect(node(tail, CHAIN[2]!)).toMatchObject({ hiddenUpstream: 1, upstreamCount: 1 });
    const fits = await getLineage({ key: CHAIN[10]!, up: 10, down: 2 });
    expect(keys(fits)).toEqual(CHAIN);
    expect(fits.truncated).toBe(false);
    expect(fits.edges).toHaveLength(12);
    const rootOnly = await getLineage({ key: CHAIN[10]!, up: 0, down: 0 });
    expect(rootOnly).toMatchObject({ truncated: true, edges: [] });
    expect(rootOnly.nodes).toHaveLength(1);
  });

  it("keeps the nearest nodes when maxNodes cuts the set", async () => {
    const full = await getLineage({ key: ROOT, up: 4, down: 3 });
    const cut = await getLineage({ key: ROOT, up: 4, down: 3, maxNodes: 5 });
    expect(cut.truncated).toBe(true);
    expect(cut.nodes).toHaveLength(5);
    expect(cut.nodes[0]!.key).toBe(ROOT);
    // Distance 1 has six nodes; the first four by key are kept.
    expect(keys(cut)).toEqual([ROOT, "down/m", "down/n", "up/a", "up/b"].sort());
    const seven = await getLineage({ key: ROOT, up: 4, down: 3, maxNodes: 7 });
    expect(keys(seven)).toEqual([ROOT, "down/m", "down/n", "up/a", "up/b", "up/rejected", "up/x"].sort());
    expect(full.nodes.length).toBeGreaterThan(7);
    expect(node(seven, "up/a").hiddenUpstream).toBe(2);
  });

  it("shows a lone node as itself", async () => {
    const graph = await getLineage({ key: "solo/alone", up: 3, down: 3 });
    expect(graph).toMatchObject({ root: "solo/alone", edges: [], truncated: false });
    expect(graph.nodes.map((n) => n.key)).toEqual(["solo/alone"]);
  });

  it("rejects bad input", async () => {
    expect(await errorCode(getLineage({ key: "nobody/nothing", up: 1, down: 1 }))).toBe("not_found:dataset");
    expect(await errorCode(getLineage({ key: "a/b/c", up: 1, down: 1 }))).toBe("bad_request:key");
    expect(await errorCode(getLineage({ key: ROOT, up: 11, down: 1 }))).toBe("bad_request:params");
    expect(await errorCode(getLineage({ key: ROOT, up: 1, down: -1 }))).toBe("bad_request:params");
    expect(await errorCode(getLineage({ key: ROOT, up: 1, down: 1, maxNodes: 0 }))).toBe("bad_request:params");
    expect(await errorCode(getLineage({ key: ROOT, up: 1, down: 1, minConfidence: -0.1 }))).toBe("bad_request:params");
  });
});

describe("neighbours", () => {
  it("returns direct neighbours in the asked direction with hidden counts", async () => {
    const up = await neighbours({ key: "up/c", direction: "up" });
    expect(keys(up)).toEqual(["up/c", "up/d", "up/x"]);
    expect(node(up, "up/c")).toMatchObject({ upstreamCount: 2, downstreamCount: 2, hiddenUpstream: 0, hiddenDownstream: 2 });
    expect(node(up, "up/x")).toMatchObject({ hiddenDownstream: 1 });
    expect(up.truncated).toBe(true);
    const down = await neighbours({ key: "up/c", direction: "down" });
    expect(keys(down)).toEqual(["up/a", "up/b", "up/c"]);
    const both = await neighbours({ key: "up/c", direction: "both" });
    expect(keys(both)).toEqual(["up/a", "up/b", "up/c", "up/d", "up/x"]);
    expect(edgeKeys(both)).toEqual(["up/c > up/a", "up/c > up/b", "up/d > up/c", "up/x > up/c"]);
    expect(await errorCode(neighbours({ key: "up/c", direction: "sideways" as "up" }))).toBe("bad_request:params");
  });
});

describe("a cycle that slipped into the store", () => {
  it("still gives a finite graph", async () => {
    const db = getDb();
    const keys = ["cyc/a", "cyc/b"];
    await db.dataset.createMany({ data: keys.map((key) => ({ key, keyNorm: key, scheme: "HUB" as const, displayName: key })) });
    const [a, b] = await Promise.all(keys.map((key) => db.dataset.findUniqueOrThrow({ where: { key } })));
    await db.edge.createMany({
      data: [
        { upstreamId: a!.id, downstreamId: b!.id, relation: "DIRECT_INCLUSION", confidence: 1, origin: "SEED" },
        { upstreamId: b!.id, downstreamId: a!.id, relation: "DIRECT_INCLUSION", confidence: 1, origin: "SEED" },
      ],
    });
    const graph = await getLineage({ key: "cyc/a", up: 10, down: 10 });
    expect(keys.sort()).toEqual(graph.nodes.map((n) => n.key).sort());
    expect(graph.edges).toHaveLength(2);
    expect(graph.truncated).toBe(false);
  });
});
