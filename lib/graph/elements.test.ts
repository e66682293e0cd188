import { describe, expect, it } from "vitest";
import type { LineageEdge, LineageGraph, LineageNode } from "@/lib/lineage/types";
import { hiddenBadge, toCytoscapeElements } from "./elements";
import { parseEdgeId } from "./ids";

function node(key: string, over: Partial<LineageNode> = {}): LineageNode {
  return {
    key,
    displayName: key.split("/").pop()!,
    scheme: "HUB",
    kind: "DATASET",
    domains: [],
    url: null,
    hubPresence: "UNKNOWN",
    hubDownloads: null,
    hubLikes: null,
    hubCreatedAt: null,
    releaseMonth: null,
    license: null,
    sizeCategory: null,
    tags: [],
    paperUrl: null,
    crawlState: "UNTRACED",
    terminalReason: null,
    terminalDetail: null,
    benchmark: null,
    upstreamCount: 0,
    downstreamCount: 0,
    hiddenUpstream: 0,
    hiddenDownstream: 0,
    ...over,
  };
}

function edge(upstream: string, downstream: string, over: Partial<LineageEdge> = {}): LineageEdge {
  return { upstream, downstream, relation: "DIRECT_INCLUSION", confidence: 0.9, split: "TRAIN", status: "ACCEPTED", origin: "SEED", evidence: [], ...over };
}

const graph: LineageGraph = {
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
  truncated: false,
};

describe("toCytoscapeElements", () => {
  const { nodes, edges } = toCytoscapeElements(graph);

  it("makes one node per lineage node, id = key, with kind, domain and root flag", () => {
    expect(nodes.map((n) => n.data.id)).toEqual(["meta-math/MetaMathQA", "openai/gsm8k", "corpus:stack-exchange"]);
    expect(nodes[0]!.data).toMatchObject({ kind: "DATASET", domain: "MATH", isRoot: true, hiddenDownstream: 2 });
    expect(nodes[1]!.data).toMatchObject({ kind: "BENCHMARK", domain: "MATH", domains: ["MATH", "GENERAL"], isRoot: false });
    expect(nodes[2]!.data).toMatchObject({ kind: "EXTERNAL", domain: "NONE", label: "Stack Exchange" });
  });

  it("adds the hidden-count badge as a second label line", () => {
    expect(nodes[0]!.data.label).toBe("MetaMathQA\n+2 ↓");
    expect(nodes[1]!.data.label).toBe("gsm8k\n+3 ↑");
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
    expect(hiddenBadge({ hiddenUpstream: 1, hiddenDownstream: 4 })).toBe("+1 ↑  +4 ↓");
  });
});
