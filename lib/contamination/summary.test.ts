import { describe, expect, it } from "vitest";
import type { Split } from "@/lib/lineage/types";
import { computeContamination } from "./compute";
import { downstreamFamilies, summarizeByBenchmark } from "./summary";
import type { ContaminationEdge, ContaminationFlag, ContaminationInput, Severity } from "./types";

function edge(upstream: string, downstream: string, split: Split = "UNKNOWN"): ContaminationEdge {
  return { upstream, downstream, relation: "DIRECT_INCLUSION", confidence: 1, split, status: "ACCEPTED", evidence: [] };
}

const flag = (dataset: string, benchmark: string, severity: Severity, via?: string): ContaminationFlag => ({ dataset, benchmark, family: benchmark, severity, distance: 1, via, paths: [] });

// GSM8K's test split feeds a big mix (3 datasets built on it) and a small one; MATH's train split feeds one.
const input: ContaminationInput = {
  edges: [
    edge("openai/gsm8k", "org/mix", "TEST"),
    edge("org/mix", "org/a"),
    edge("org/mix", "org/b"),
    edge("org/a", "org/c"),
    edge("openai/gsm8k", "org/small", "UNKNOWN"),
    edge("org/small", "org/d"),
    edge("math/math", "org/e", "TRAIN"),
    edge("openai/gsm8k", "org/clean", "TEST"),
  ],
  benchmarks: [
    { key: "math/math", family: "MATH", evalSplits: ["TEST"] },
    { key: "openai/gsm8k", family: "GSM8K", evalSplits: ["TEST"] },
    { key: "cais/mmlu", family: "MMLU", evalSplits: ["TEST"] },
  ],
  decontaminations: [{ dataset: "org/clean", benchmark: "openai/gsm8k", evidence: [] }],
};

describe("summarizeByBenchmark", () => {
  it("lists every registered benchmark with counts per severity, most flagged first", () => {
    const reach = summarizeByBenchmark(computeContamination(input, { maxPaths: 0 }), input.benchmarks);
    expect(reach).toEqual([
      { benchmark: "openai/gsm8k", family: "GSM8K", counts: { CONTAMINATED: 4, POSSIBLE: 2, MITIGATED: 1, TRAIN_LINEAGE: 0 }, flagged: 6 },
      { benchmark: "math/math", family: "MATH", counts: { CONTAMINATED: 0, POSSIBLE: 0, MITIGATED: 0, TRAIN_LINEAGE: 1 }, flagged: 0 },
      { benchmark: "cais/mmlu", family: "MMLU", counts: { CONTAMINATED: 0, POSSIBLE: 0, MITIGATED: 0, TRAIN_LINEAGE: 0 }, flagged: 0 },
    ]);
  });

  it("matches flags to the registry case-insensitively, ignores unregistered benchmarks and repeated entries", () => {
    const reach = summarizeByBenchmark(
      [flag("d/x", "OpenAI/GSM8K", "POSSIBLE"), flag("d/y", "other/bench", "CONTAMINATED")],
      [input.benchmarks[1]!, { ...input.benchmarks[1]!, key: "OPENAI/gsm8k" }],
    );
    expect(reach).toHaveLength(1);
    expect(reach[0]).toMatchObject({ benchmark: "openai/gsm8k", flagged: 1, counts: { POSSIBLE: 1 } });
  });
});

describe("downstreamFamilies", () => {
  it("groups flagged datasets by the first dataset after the benchmark, largest first, from flags without paths", () => {
    const families = downstreamFamilies(computeContamination(input, { maxPaths: 0 }));
    expect(families).toEqual([
      { benchmark: "openai/gsm8k", via: "org/mix", datasets: 4 },
      { benchmark: "openai/gsm8k", via: "org/small", datasets: 2 },
    ]);
  });

  it("falls back to the first path when a flag has no via, and honours the limit", () => {
    const withPaths = computeContamination(input).map((f) => ({ ...f, via: undefined }));
    expect(downstreamFamilies(withPaths)).toEqual(downstreamFamilies(computeContamination(input, { maxPaths: 0 })));
    expect(downstreamFamilies(withPaths, { limit: 1 })).toEqual([{ benchmark: "openai/gsm8k", via: "org/mix", datasets: 4 }]);
  });

  it("merges via keys that differ only in case", () => {
    const families = downstreamFamilies([flag("d/a", "b/x", "CONTAMINATED", "Org/Mix"), flag("d/b", "b/x", "POSSIBLE", "org/mix"), flag("d/c", "b/x", "MITIGATED", "org/mix")]);
    expect(families).toEqual([{ benchmark: "b/x", via: "Org/Mix", datasets: 2 }]);
  });
});
