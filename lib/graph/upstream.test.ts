import { describe, expect, it } from "vitest";
import type { LineageGraph } from "@/lib/lineage/types";
import { lineageEdge, lineageNode } from "@/lib/lineage/test-factories";
import { incomingEdges, upstreamOf } from "./upstream";

const node = (key: string) => lineageNode(key);
const edge = (upstream: string, downstream: string, confidence = 0.9) => lineageEdge(upstream, downstream, { confidence });

const graph: LineageGraph = {
  root: "meta-math/MetaMathQA",
  nodes: ["meta-math/MetaMathQA", "openai/gsm8k", "EleutherAI/hendrycks_math", "corpus:aops", "user/derived"].map(node),
  edges: [
    edge("openai/gsm8k", "meta-math/MetaMathQA", 0.6),
    edge("EleutherAI/hendrycks_math", "meta-math/MetaMathQA", 0.95),
    edge("corpus:aops", "EleutherAI/hendrycks_math"),
    edge("corpus:aops", "meta-math/MetaMathQA"),
    edge("meta-math/MetaMathQA", "user/derived"),
  ],
  truncated: false,
};

describe("upstreamOf", () => {
  it("lists ancestors nearest first with their depth, never the root or its descendants", () => {
    const list = upstreamOf(graph);
    expect(list.map((e) => [e.node.key, e.depth])).toEqual([
      ["corpus:aops", 1],
      ["EleutherAI/hendrycks_math", 1],
      ["openai/gsm8k", 1],
    ]);
    expect(list[0]!.feeds.map((e) => e.downstream).sort()).toEqual(["EleutherAI/hendrycks_math", "meta-math/MetaMathQA"]);
  });

  it("matches keys case-insensitively", () => {
    expect(upstreamOf({ ...graph, root: "META-MATH/metamathqa" })).toHaveLength(3);
  });
});

describe("incomingEdges", () => {
  it("returns a node's sources, strongest first", () => {
    expect(incomingEdges(graph, "meta-math/MetaMathQA").map((e) => e.upstream)).toEqual(["EleutherAI/hendrycks_math", "corpus:aops", "openai/gsm8k"]);
    expect(incomingEdges(graph, "openai/gsm8k")).toEqual([]);
  });
});
