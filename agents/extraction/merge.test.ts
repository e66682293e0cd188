import { describe, expect, it } from "vitest";
import type { Candidate } from "@/agents/pipeline/types";
import { MAX_QUOTES_PER_EDGE, mergeCandidates } from "./merge";

const candidate = (over: Partial<Candidate>): Candidate => ({
  upstream: "a/b",
  relation: "DIRECT_INCLUSION",
  confidence: 0.6,
  split: "UNKNOWN",
  evidence: { source: "card", quote: "q1" },
  url: "https://hub/card",
  ...over,
});

describe("mergeCandidates", () => {
  it("keeps one proposal per upstream (any casing) with the best confidence, its relation, a stated split and every distinct quote", () => {
    const merged = mergeCandidates([
      candidate({}),
      candidate({ upstream: "A/B", relation: "COT_DISTILLATION", confidence: 0.9, evidence: { source: "paper", quote: "q2" }, url: "https://arxiv/x" }),
      candidate({ split: "TRAIN", evidence: { source: "card", quote: "q1" } }),
      candidate({ upstream: "c/d" }),
    ]);
    expect(merged).toHaveLength(2);
    expect(merged[0]).toMatchObject({ upstream: "a/b", relation: "COT_DISTILLATION", confidence: 0.9, split: "TRAIN" });
    expect(merged[0]!.evidence.map((e) => e.quote)).toEqual(["q1", "q2"]);
  });

  it("bounds the quotes kept per edge", () => {
    const many = Array.from({ length: 9 }, (_, i) => candidate({ evidence: { source: "card", quote: `q${i}` } }));
    expect(mergeCandidates(many)[0]!.evidence).toHaveLength(MAX_QUOTES_PER_EDGE);
  });
});
