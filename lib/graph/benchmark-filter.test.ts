import { describe, expect, it } from "vitest";
import { lineageEdge as testEdge, lineageNode as testNode } from "@/lib/lineage/test-factories";
import { benchmarkView } from "./benchmark-filter";

// aime24 (host) → x → y; corpus:aime (holder) → z; w is flagged only by another set; u is clean.
const view = {
  nodes: ["a/aime24", "corpus:aime", "d/x", "d/y", "d/z", "d/w", "d/u"].map((key) => testNode(key)),
  edges: [testEdge("a/aime24", "d/x"), testEdge("d/x", "d/y"), testEdge("corpus:aime", "d/z"), testEdge("d/u", "d/y"), testEdge("d/w", "d/x")],
};
const marks = {
  "d/x": { severity: "CONTAMINATED", benchmarks: ["aime-2024"], bySet: { "aime-2024": "CONTAMINATED" } },
  "d/y": { severity: "CONTAMINATED", benchmarks: ["gsm8k-test"], bySet: { "gsm8k-test": "CONTAMINATED", "aime-2024": "POSSIBLE" } },
  "d/z": { severity: "POSSIBLE", benchmarks: ["aime-2024"], bySet: { "aime-2024": "POSSIBLE" } },
  "d/w": { severity: "CONTAMINATED", benchmarks: ["gsm8k-test"], bySet: { "gsm8k-test": "CONTAMINATED" } },
};

describe("benchmarkView", () => {
  it("keeps the set's reach and entries with the edges among them, coloured by that set's severity", () => {
    const out = benchmarkView(view, { set: "AIME-2024", marks, entries: ["A/AIME24", "corpus:aime", "corpus:elsewhere"] });
    expect(out.view.nodes.map((n) => n.key)).toEqual(["a/aime24", "corpus:aime", "d/x", "d/y", "d/z"]);
    expect(out.view.edges.map((e) => `${e.upstream}>${e.downstream}`)).toEqual(["a/aime24>d/x", "d/x>d/y", "corpus:aime>d/z"]);
    expect(out.marks["d/y"]).toEqual({ severity: "POSSIBLE", benchmarks: ["AIME-2024"] });
    expect([out.reached, out.entries]).toEqual([3, 2]);
  });

  it("draws nothing for a set that reaches nothing drawn", () => {
    expect(benchmarkView(view, { set: "mmlu-test", marks, entries: [] })).toMatchObject({ view: { nodes: [], edges: [] }, reached: 0, entries: 0 });
  });
});
