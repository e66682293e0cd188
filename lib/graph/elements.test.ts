import { describe, expect, it } from "vitest";
import type { LineageEdge, LineageNode } from "@/lib/lineage/types";
import { hiddenBadge, toCytoscapeElements } from "./elements";
import { parseEdgeId } from "./ids";
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

describe("toCytoscapeElements", () => {
  const { nodes, edges } = toCytoscapeElements(graph, "META-MATH/metamathqa");

  it("makes one node per lineage node, id = key, with kind, domain and root flag", () => {
    expect(nodes.map((n) => n.data.id)).toEqual(["meta-math/MetaMathQA", "openai/gsm8k", "corpus:stack-exchange"]);
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
    const [drawn] = toCytoscapeElements({ nodes: [long], edges: [] }, "a/b").nodes;
    expect(drawn!.data.label.split("\n")[0]).toHaveLength(26);
    expect(drawn!.data.displayName).toHaveLength(60);
  });

  it("draws a node given twice once, and never a self-loop", () => {
    const twice = toCytoscapeElements({ nodes: [node("a/b"), node("a/b")], edges: [edge("a/b", "a/b")] }, "a/b");
    expect(twice.nodes).toHaveLength(1);
    expect(twice.edges).toHaveLength(0);
  });

  it("makes one edge per drawn pair, with ids from lib/graph/ids", () => {
    expect(edges).toHaveLength(2);
    expect(parseEdgeId(edges[0]!.data.id)).toEqual({ upstream: "openai/gsm8k", downstream: "meta-math/MetaMathQA" });
    expect(edges[0]!.data).toMatchObject({ source: "openai/gsm8k", target: "meta-math/MetaMathQA", relation: "SYNTHETIC_GENERATION", confidence: 0.7, split: "TRAIN", status: "ACCEPTED" });
  });
});

describe("hiddenBadge", () => {
  it("shows only what is hidden", () => {
    expect(hiddenBadge({ hiddenUpstream: 0, hiddenDownstream: 0 })).toBe("");
    expect(hiddenBadge({ hiddenUpstream: 1, hiddenDownstream: 4 })).toBe("+1↑ +4↓");
    expect(hiddenBadge({ hiddenUpstream: 0, hiddenDownstream: 2 })).toBe("+2↓");
  });
});
