import { describe, expect, it } from "vitest";
import type { Split } from "@/lib/lineage/types";
import { computeContamination } from "./compute";
import { downstreamFamilies, summarizeByBenchmark, summarizeByFamily, topOverlap } from "./summary";
import type { ContaminationEdge, ContaminationFlag, ContaminationInput, Severity } from "./types";

function edge(upstream: string, downstream: string, split: Split = "UNKNOWN"): ContaminationEdge {
  return { upstream, downstream, relation: "DIRECT_INCLUSION", confidence: 1, split, status: "ACCEPTED", evidence: [] };
}

const flag = (dataset: string, benchmark: string, severity: Severity, via?: string): ContaminationFlag => ({
  dataset,
  benchmark,
  name: benchmark,
  family: benchmark,
  host: benchmark,
  severity,
  lineageSeverity: severity,
  reason: "eval_split",
  distance: 1,
  via,
  paths: [],
  pathCount: 0,
  measured: [],
  measuredOnly: false,
  measuredAgainst: false,
});
const open = { from: null, to: null };

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
  evalSets: [
    { id: "math-test", name: "MATH test", key: "math/math", family: "MATH", evalSplits: ["TEST"], window: open },
    { id: "gsm8k-test", name: "GSM8K test", key: "openai/gsm8k", family: "GSM8K", evalSplits: ["TEST"], window: open },
    { id: "mmlu-test", name: "MMLU test", key: "cais/mmlu", family: "MMLU", evalSplits: ["TEST"], window: open },
  ],
  decontaminations: [{ dataset: "org/clean", benchmark: "openai/gsm8k", evidence: [] }],
};

describe("summarizeByBenchmark", () => {
  it("lists every registered benchmark with counts per severity, most flagged first", () => {
    const reach = summarizeByBenchmark(computeContamination(input, { maxPaths: 0 }), input.evalSets);
    expect(reach.map(({ benchmark, name, host, counts, flagged, measured }) => ({ benchmark, name, host, counts, flagged, measured }))).toEqual([
      { benchmark: "gsm8k-test", name: "GSM8K test", host: "openai/gsm8k", counts: { CONTAMINATED: 4, POSSIBLE: 2, MITIGATED: 1, TRAIN_LINEAGE: 0 }, flagged: 6, measured: 0 },
      { benchmark: "math-test", name: "MATH test", host: "math/math", counts: { CONTAMINATED: 0, POSSIBLE: 0, MITIGATED: 0, TRAIN_LINEAGE: 1 }, flagged: 0, measured: 0 },
      { benchmark: "mmlu-test", name: "MMLU test", host: "cais/mmlu", counts: { CONTAMINATED: 0, POSSIBLE: 0, MITIGATED: 0, TRAIN_LINEAGE: 0 }, flagged: 0, measured: 0 },
    ]);
  });

  it("matches flags to the registry case-insensitively, ignores unregistered benchmarks and repeated entries", () => {
    const reach = summarizeByBenchmark(
      [flag("d/x", "GSM8K-Test", "POSSIBLE"), flag("d/y", "other-set", "CONTAMINATED")],
      [input.evalSets[1]!, { ...input.evalSets[1]!, id: "GSM8K-TEST" }],
    );
    expect(reach).toHaveLength(1);
    expect(reach[0]).toMatchObject({ benchmark: "gsm8k-test", flagged: 1, counts: { POSSIBLE: 1 } });
  });
});

describe("downstreamFamilies", () => {
  it("groups flagged datasets by the first dataset after the benchmark, largest first, from flags without paths", () => {
    const families = downstreamFamilies(computeContamination(input, { maxPaths: 0 }));
    expect(families).toEqual([
      { benchmark: "gsm8k-test", via: "org/mix", datasets: 4 },
      { benchmark: "gsm8k-test", via: "org/small", datasets: 2 },
    ]);
  });

  it("falls back to the first path when a flag has no via, and honours the limit", () => {
    const withPaths = computeContamination(input).map((f) => ({ ...f, via: undefined }));
    expect(downstreamFamilies(withPaths)).toEqual(downstreamFamilies(computeContamination(input, { maxPaths: 0 })));
    expect(downstreamFamilies(withPaths, { limit: 1 })).toEqual([{ benchmark: "gsm8k-test", via: "org/mix", datasets: 4 }]);
  });

  it("merges via keys that differ only in case", () => {
    const families = downstreamFamilies([flag("d/a", "b/x", "CONTAMINATED", "Org/Mix"), flag("d/b", "b/x", "POSSIBLE", "org/mix"), flag("d/c", "b/x", "MITIGATED", "org/mix")]);
    expect(families).toEqual([{ benchmark: "b/x", via: "Org/Mix", datasets: 2 }]);
  });
});

describe("summarizeByFamily", () => {
  it("counts each dataset once per family, at its worst severity over the family's sets", () => {
    const sets = [
      { id: "aime-2024", name: "AIME 2024", key: "a/24", family: "AIME", evalSplits: ["ALL" as const], window: open },
      { id: "aime-2025", name: "AIME 2025", key: "a/25", family: "AIME", evalSplits: ["ALL" as const], window: open },
      { id: "gpqa", name: "GPQA", key: "g/g", family: "GPQA", evalSplits: ["ALL" as const], window: open },
    ];
    const flags = [
      flag("d/x", "aime-2024", "POSSIBLE"),
      flag("d/x", "aime-2025", "CONTAMINATED"),
      flag("d/y", "aime-2024", "TRAIN_LINEAGE"),
      flag("d/y", "aime-2025", "MITIGATED"),
      flag("d/z", "aime-2025", "POSSIBLE"),
    ].map((f) => ({ ...f, family: "AIME" }));
    expect(summarizeByFamily(flags, sets)).toEqual([
      { family: "AIME", evalSets: ["aime-2024", "aime-2025"], counts: { CONTAMINATED: 1, POSSIBLE: 1, MITIGATED: 1, TRAIN_LINEAGE: 0 }, flagged: 2 },
      { family: "GPQA", evalSets: ["gpqa"], counts: { CONTAMINATED: 0, POSSIBLE: 0, MITIGATED: 0, TRAIN_LINEAGE: 0 }, flagged: 0 },
    ]);
  });

  it("topOverlap reads only the flag's own set's measurements", () => {
    const f = { ...flag("d/x", "aime-2024", "POSSIBLE"), measured: [{ overlap: 0.3, split: "ALL" as const, method: "13-gram", url: null, evalSet: "aime-2025" }] };
    expect(topOverlap(f)).toBeNull();
    expect(topOverlap({ ...f, measured: [...f.measured, { overlap: 0.02, split: "ALL" as const, method: "13-gram", url: null, evalSet: "AIME-2024" }] })).toBe(0.02);
  });
});
