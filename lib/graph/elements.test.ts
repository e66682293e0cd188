import { describe, expect, it } from "vitest";
import type { LineageEdge, LineageNode } from "@/lib/lineage/types";
import { arrange } from "./arrange";
import { groupLabel, hiddenBadge, toCytoscapeElements, type DrawnView } from "./elements";
import { createFanId, parseEdgeId } from "./ids";
import { lineageEdge, lineageNode } from "@/lib/lineage/test-factories";

const node = (key: string, over: Partial<LineageNode> = {}) => lineageNode(key, over);

const edge = (upstream: string, downstream: string, over: Partial<LineageEdge> = {}) =>
  lineageEdge(upstream, downstream, { split: "TRAIN", status: "ACCEPTED", ...over });

const graph = {
  root: "meta-math/MetaMathQA",
  nodes: [
    node("meta-math/MetaMathQA", { domains: ["MATH"], hiddenDownstream: 2 }),
    node("openai/gsm8k", { kind: "BENCHMARK", domains: ["MATH", "GENERAL"], hiddenUpstream: 3 }),
    node("corpus:stack-exchange", { scheme: "CORPUS", kind: "EXTERNAL", displayName: "Stack Exchange" }),
  ],
  edges: [
    edge("openai/gsm8k", "meta-math/MetaMathQA", { relation: "SYNTHETIC_GENERATION", confidence: 0.7, split: "TRAIN" }),
    edge("corpus:stack-exchange", "meta-math/MetaMathQA"),
    edge("corpus:stack-exchange", "meta-math/MetaMathQA"),
    edge("not/drawn", "meta-math/MetaMathQA"),
  ],
};

/** The elements of a view laid out as a one-level upstream view of its root. */
function elements(view: DrawnView, rootId: string, grouping = true) {
  const arrangement = arrange({
    nodes: view.nodes.map((n) => ({ id: n.id, kind: n.kind })),
    edges: view.edges.map((e) => ({ up: e.upstreamId, down: e.downstreamId })),
    root: rootId,
    up: 1,
    down: 0,
    steps: [],
    tidyAt: null,
    grouping,
  });
  return toCytoscapeElements({ view, rootId, arrangement });
}

describe("toCytoscapeElements", () => {
  const { nodes, edges } = elements(graph, "meta-math/metamathqa");

  it("makes one node per lineage node, id = normalised key, with its key, kind, domain, root flag and place", () => {
    expect(nodes.map((n) => n.data.id)).toEqual(["meta-math/metamathqa", "openai/gsm8k", "corpus:stack-exchange"]);
    expect(nodes[0]!.data.key).toBe("meta-math/MetaMathQA");
    expect(nodes[0]!.position.x).toBeGreaterThan(nodes[1]!.position.x);
    expect(nodes[0]!.data).toMatchObject({ kind: "DATASET", domain: "MATH", isRoot: true, hiddenDownstream: 2 });
    expect(nodes[1]!.data).toMatchObject({ kind: "BENCHMARK", domain: "MATH", domains: ["MATH", "GENERAL"], isRoot: false });
    expect(nodes[2]!.data).toMatchObject({ kind: "EXTERNAL", domain: "NONE", label: "Stack Exchange\nexternal source" });
  });

  it("puts the kind and the hidden-count badge on a second label line", () => {
    expect(nodes[0]!.data.label).toBe("MetaMathQA\ndataset · +2↓");
    expect(nodes[1]!.data.label).toBe("gsm8k\nbenchmark · +3↑");
  });

  it("shortens very long names in the label only", () => {
    const long = node("a/b", { displayName: "x".repeat(60) });
    const [drawn] = elements({ nodes: [long], edges: [] }, "a/b").nodes;
    expect(drawn!.data.label.split("\n")[0]).toHaveLength(26);
    expect(drawn!.data.displayName).toHaveLength(60);
  });

  it("draws a node given twice once, and never a self-loop", () => {
    const twice = elements({ nodes: [node("a/b"), node("a/b")], edges: [edge("a/b", "a/b")] }, "a/b");
    expect(twice.nodes).toHaveLength(1);
    expect(twice.edges).toHaveLength(0);
  });

  it("makes one edge per drawn pair, with ids from lib/graph/ids", () => {
    expect(edges).toHaveLength(2);
    expect(parseEdgeId(edges[0]!.data.id)).toEqual({ upstream: "openai/gsm8k", downstream: "meta-math/metamathqa" });
    expect(edges[0]!.data).toMatchObject({ source: "openai/gsm8k", target: "meta-math/metamathqa", bundle: 1, relation: "SYNTHETIC_GENERATION", confidence: 0.7, split: "TRAIN", status: "ACCEPTED" });
  });
});

describe("groups", () => {
  const dumps = Array.from({ length: 15 }, (_, i) => node(`corpus:cc-main-${2013 + i}`, { displayName: `CC-MAIN-${2013 + i}-20`, domains: ["GENERAL"] }));
  const fineweb: DrawnView = {
    nodes: [node("HuggingFaceFW/fineweb", { domains: ["GENERAL"] }), node("openai/gsm8k", { kind: "BENCHMARK" }), ...dumps],
    edges: [...dumps.map((d) => edge(d.key, "HuggingFaceFW/fineweb", { confidence: d.key.endsWith("2020") ? 0.95 : 0.5 })), edge("openai/gsm8k", "HuggingFaceFW/fineweb")],
  };

  it("draws a wide fan as one group node with one edge standing for its members' edges", () => {
    const { nodes, edges } = elements(fineweb, "huggingfacefw/fineweb");
    const fanId = createFanId("huggingfacefw/fineweb", "up");
    expect(nodes.map((n) => n.data.id).sort()).toEqual([fanId, "huggingfacefw/fineweb", "openai/gsm8k"].sort());
    const group = nodes.find((n) => n.data.id === fanId)!;
    expect(group.data).toMatchObject({ kind: "GROUP", count: 15, groupOf: "huggingfacefw/fineweb", dir: "up", name: "+15 sources (CC-MAIN-…)", domain: "GENERAL" });
    const link = edges.find((e) => e.data.source === fanId)!;
    expect(link.data).toMatchObject({ target: "huggingfacefw/fineweb", bundle: 15, confidence: 0.95 });
  });

  it("counts only the members a filter leaves drawn", () => {
    const filtered: DrawnView = { nodes: fineweb.nodes.filter((n) => !n.key.endsWith("2014")), edges: fineweb.edges.filter((e) => !e.upstream.endsWith("2014")) };
    const arrangement = arrange({
      nodes: fineweb.nodes.map((n) => ({ id: n.id, kind: n.kind })),
      edges: fineweb.edges.map((e) => ({ up: e.upstreamId, down: e.downstreamId })),
      root: "huggingfacefw/fineweb",
      up: 1,
      down: 0,
      steps: [],
      tidyAt: null,
      grouping: true,
    });
    const { nodes } = toCytoscapeElements({ view: filtered, rootId: "huggingfacefw/fineweb", arrangement });
    expect(nodes.find((n) => n.data.kind === "GROUP")!.data.count).toBe(14);
  });

  it("names a group by its members' shared start, else their domain", () => {
    expect(groupLabel([{ displayName: "alpha", domains: ["MATH"] }, { displayName: "beta", domains: ["MATH"] }], "down").name).toBe("+2 uses (math)");
    expect(groupLabel([{ displayName: "x", domains: [] }], "up").name).toBe("+1 source");
  });
});

describe("hiddenBadge", () => {
  it("shows only what is hidden", () => {
    expect(hiddenBadge({ hiddenUpstream: 0, hiddenDownstream: 0 })).toBe("");
    expect(hiddenBadge({ hiddenUpstream: 1, hiddenDownstream: 4 })).toBe("+1↑ +4↓");
    expect(hiddenBadge({ hiddenUpstream: 0, hiddenDownstream: 2 })).toBe("+2↓");
  });
});
