/**
 * The time-aware rules on small hand-made graphs: which nodes carry an evaluation set's items
 * (host, holders, the family's other sets), windows that do or do not meet, datasets created
 * before the items existed, and datasets that hold the items themselves. Every expectation
 * below was worked out by hand from the graph drawn in its comment.
 */
import { describe, expect, it } from "vitest";
import type { LineageEvidence, NodeKind, Split } from "@/lib/lineage/types";
import { computeContamination } from "./compute";
import type { ContaminationEdge, ContaminationFlag, ContaminationNode, EvalSet, ItemHolding } from "./types";

const ev = (text: string): LineageEvidence[] => [{ source: "CARD", url: null, quote: text, locator: null }];
const edge = (upstream: string, downstream: string, split: Split = "UNKNOWN"): ContaminationEdge => ({
  upstream,
  downstream,
  relation: "DIRECT_INCLUSION",
  confidence: 1,
  split,
  status: "ACCEPTED",
  evidence: ev(`${upstream} -> ${downstream}`),
});
const node = (key: string, created: string | null, kind: NodeKind = "DATASET"): ContaminationNode => ({ key, created, kind });
const flagOf = (flags: ContaminationFlag[], dataset: string, set: string) => flags.find((f) => f.dataset === dataset && f.benchmark === set);
const summary = (flags: ContaminationFlag[]) => flags.map((f) => `${f.dataset} ${f.benchmark} ${f.severity} ${f.distance} ${f.reason}`);

/*
 * AIME, as the seed models it:
 *
 *   corpus:aime (competition, 1983–ongoing, external) ──► org/math (2021-03) ──TRAIN──► org/metamath (2023-09)
 *                                                     └──► org/limo (2025-02)
 *   corpus:aime-1983-2023 (external, 1983–Feb 2023) ──────► org/still (2025-01)
 *   org/prompt48 (1983–2024, dataset) ──► org/gneubig (1983–2024, dataset) ──► org/skywork (2025-04)
 *   org/aime24-copy (exactly Feb 2024, dataset) ──TRAIN──► org/user (2024-06)
 *   sets: aime-2024 on org/aime24 (Feb 2024), aime-2025 on org/aime25 (Feb 2025)
 */
describe("AIME: evaluation sets are dated, holders carry them only where windows meet", () => {
  const sets: EvalSet[] = [
    { id: "aime-2024", name: "AIME 2024", family: "AIME", key: "org/aime24", evalSplits: ["ALL"], window: { from: "2024-02", to: "2024-02" } },
    { id: "aime-2025", name: "AIME 2025", family: "AIME", key: "org/aime25", evalSplits: ["ALL"], window: { from: "2025-02", to: "2025-02" } },
  ];
  const holdings: ItemHolding[] = [
    { key: "corpus:aime", family: "AIME", window: { from: "1983-03", to: null } },
    { key: "corpus:aime-1983-2023", family: "AIME", window: { from: "1983-03", to: "2023-02" } },
    { key: "org/prompt48", family: "AIME", window: { from: "1983-03", to: "2024-02" } },
    { key: "org/gneubig", family: "aime", window: { from: "1983-03", to: "2024-02" } },
    { key: "org/aime24-copy", family: "AIME", window: { from: "2024-02", to: "2024-02" } },
  ];
  const nodes = [
    node("corpus:aime", null, "EXTERNAL"),
    node("corpus:aime-1983-2023", null, "EXTERNAL"),
    node("org/aime24", "2024-03", "BENCHMARK"),
    node("org/aime25", "2025-02", "BENCHMARK"),
    node("org/math", "2021-03"),
    node("org/metamath", "2023-09"),
    node("org/limo", "2025-02"),
    node("org/still", "2025-01"),
    node("org/prompt48", "2024-12"),
    node("org/gneubig", "2024-12"),
    node("org/skywork", "2025-04"),
    node("org/aime24-copy", "2024-05"),
    node("org/user", "2024-06"),
  ];
  const edges = [
    edge("corpus:aime", "org/math"),
    edge("org/math", "org/metamath", "TRAIN"),
    edge("corpus:aime", "org/limo"),
    edge("corpus:aime-1983-2023", "org/still"),
    edge("org/prompt48", "org/gneubig"),
    edge("org/gneubig", "org/skywork"),
    edge("org/aime24-copy", "org/user", "TRAIN"),
  ];
  const flags = computeContamination({ edges, evalSets: sets, holdings, nodes, decontaminations: [] }, { maxPaths: 20 });

  it("flags exactly what the windows and dates allow", () => {
    expect(summary(flags)).toEqual([
      // A copy of AIME 2024 holds its items (distance 0); whatever split a dataset took of it, it took them.
      "org/aime24-copy aime-2024 CONTAMINATED 0 holds_items",
      // A 1983–2024 set holds AIME 2024 among older years: it is contaminated, its users possibly.
      "org/gneubig aime-2024 CONTAMINATED 0 holds_items",
      // The open-ended competition corpus meets both years; LIMO (Feb 2025) is not before Feb 2025.
      "org/limo aime-2024 POSSIBLE 1 wider_holder",
      "org/limo aime-2025 POSSIBLE 1 wider_holder",
      "org/prompt48 aime-2024 CONTAMINATED 0 holds_items",
      "org/skywork aime-2024 POSSIBLE 1 wider_holder",
      "org/user aime-2024 CONTAMINATED 1 eval_split",
    ]);
  });

  it("a dataset created before the items existed is never flagged, nor anything through it", () => {
    expect(flags.filter((f) => f.dataset === "org/math" || f.dataset === "org/metamath")).toEqual([]);
  });

  it("a holder whose window ends before the set's items is no source of them", () => {
    expect(flags.filter((f) => f.dataset === "org/still")).toEqual([]);
    expect(flags.some((f) => f.benchmark === "aime-2025" && f.dataset !== "org/limo")).toBe(false);
  });

  it("external corpora and benchmarks hold items without being flagged themselves", () => {
    expect(flags.some((f) => f.dataset.startsWith("corpus:") || f.dataset === "org/aime24" || f.dataset === "org/aime25")).toBe(false);
  });

  it("lists every path with where the items entered, each step dated, and counts them", () => {
    const sky = flagOf(flags, "org/skywork", "aime-2024")!;
    expect(sky.pathCount).toBe(2);
    expect(sky.paths.map((p) => [p.keys.join(" > "), p.entry.key, p.entry.role, p.entry.window])).toEqual([
      ["org/gneubig > org/skywork", "org/gneubig", "holder", { from: "1983-03", to: "2024-02" }],
      ["org/prompt48 > org/gneubig > org/skywork", "org/prompt48", "holder", { from: "1983-03", to: "2024-02" }],
    ]);
    expect(sky.paths[1]!.steps.map((s) => [s.downstream, s.created])).toEqual([
      ["org/gneubig", "2024-12"],
      ["org/skywork", "2025-04"],
    ]);
    const gneubig = flagOf(flags, "org/gneubig", "aime-2024")!;
    // Its own window first (distance 0), then the path that brought the items in.
    expect(gneubig.paths.map((p) => [p.keys.join(" > "), p.severity])).toEqual([
      ["org/gneubig", "CONTAMINATED"],
      ["org/prompt48 > org/gneubig", "POSSIBLE"],
    ]);
    expect(gneubig.pathCount).toBe(2);
  });
});

describe("the date rule", () => {
  // b/bench (items from Jun 2022) ─TEST─► d/one (2023-01) ─► d/old (2022-01!) ─► d/after (2023-05)
  //                                                      └─► d/nodate ─► d/same (2022-06)
  const set: EvalSet = { id: "b", name: "B test", family: "B", key: "b/bench", evalSplits: ["TEST"], window: { from: "2022-06", to: "2022-06" } };
  const nodes = [node("d/one", "2023-01"), node("d/old", "2022-01"), node("d/after", "2023-05"), node("d/nodate", null), node("d/same", "2022-06")];
  const edges = [edge("b/bench", "d/one", "TEST"), edge("d/one", "d/old"), edge("d/old", "d/after"), edge("d/one", "d/nodate"), edge("d/nodate", "d/same")];
  const flags = computeContamination({ edges, evalSets: [set], nodes, decontaminations: [] });

  it("blocks a dataset created before the items, and the paths through it; unknown dates and the same month never block", () => {
    expect(summary(flags)).toEqual(["d/nodate b CONTAMINATED 2 eval_split", "d/one b CONTAMINATED 1 eval_split", "d/same b CONTAMINATED 3 eval_split"]);
  });

  it("without a window start, nothing is blocked", () => {
    const open = computeContamination({ edges, evalSets: [{ ...set, window: { from: null, to: null } }], nodes, decontaminations: [] });
    expect(open.map((f) => f.dataset)).toEqual(["d/after", "d/nodate", "d/old", "d/one", "d/same"]);
  });
});

describe("a host that holds more than the evaluation set, and a holder outside its window", () => {
  // lcb/lite holds every LiveCodeBench release (May 2023 – Apr 2025); the v5 set is Aug 2024 – Jan 2025.
  const v5: EvalSet = { id: "lcb-v5", name: "LiveCodeBench v5", family: "LiveCodeBench", key: "lcb/lite", evalSplits: ["TEST"], window: { from: "2024-08", to: "2025-01" } };
  const holdings: ItemHolding[] = [
    { key: "lcb/lite", family: "LiveCodeBench", window: { from: "2023-05", to: "2025-04" } },
    { key: "corpus:lcb-2023-05-2024-07", family: "LiveCodeBench", window: { from: "2023-05", to: "2024-07" } },
  ];
  const nodes = [node("org/deepcoder", "2025-04"), node("org/trained", "2025-03"), node("corpus:lcb-2023-05-2024-07", null, "EXTERNAL")];
  const edges = [edge("lcb/lite", "org/deepcoder", "TEST"), edge("corpus:lcb-2023-05-2024-07", "org/trained")];
  const flags = computeContamination({ edges, evalSets: [v5], holdings, nodes, decontaminations: [] });

  it("an evaluation split of a wider host is only possible contamination; an earlier window is none", () => {
    expect(summary(flags)).toEqual(["org/deepcoder lcb-v5 POSSIBLE 1 wider_holder"]);
  });
});

describe("evaluation sets of one family carry each other's items", () => {
  // MATH test and MATH-500 (500 MATH test problems) share MATH's window.
  const math: EvalSet = { id: "math-test", name: "MATH test", family: "MATH", key: "m/math", evalSplits: ["TEST"], window: { from: "2021-03", to: "2021-03" } };
  const m500: EvalSet = { id: "math-500", name: "MATH-500", family: "MATH", key: "m/math-500", evalSplits: ["TEST"], window: { from: "2021-03", to: "2021-03" } };
  const edges = [edge("m/math", "d/a", "TEST"), edge("m/math-500", "d/b", "TEST"), edge("m/math", "d/c", "TRAIN")];
  const flags = computeContamination({ edges, evalSets: [math, m500], nodes: [node("m/math", "2021-03", "BENCHMARK"), node("m/math-500", "2023-05", "BENCHMARK")], decontaminations: [] });

  it("MATH's test split contaminates MATH-500's evaluation and the other way round; MATH's train split is lineage of MATH test only", () => {
    expect(summary(flags)).toEqual([
      "d/a math-500 CONTAMINATED 1 eval_split",
      "d/a math-test CONTAMINATED 1 eval_split",
      "d/b math-500 CONTAMINATED 1 eval_split",
      "d/b math-test CONTAMINATED 1 eval_split",
      // MATH's training split is lineage of MATH test; it holds none of MATH-500's problems.
      "d/c math-test TRAIN_LINEAGE 1 train_split",
    ]);
  });
});

describe("path counts and long path lists", () => {
  // Two diamonds in a row: 2 × 2 = 4 paths from the benchmark to d/t, plus a direct edge: 5.
  const set: EvalSet = { id: "b", name: "B", family: "B", key: "b/b", evalSplits: ["TEST"], window: { from: null, to: null } };
  const edges = [
    edge("b/b", "d/a1", "TEST"),
    edge("b/b", "d/a2", "TEST"),
    edge("d/a1", "d/m"),
    edge("d/a2", "d/m"),
    edge("d/m", "d/c1"),
    edge("d/m", "d/c2"),
    edge("d/c1", "d/t"),
    edge("d/c2", "d/t"),
    edge("b/b", "d/t", "UNKNOWN"),
  ];

  it("counts every path while listing only the first maxPaths, worst first", () => {
    const f = flagOf(computeContamination({ edges, evalSets: [set], decontaminations: [] }, { maxPaths: 3 }), "d/t", "b")!;
    expect(f.pathCount).toBe(5);
    expect(f.paths.map((p) => `${p.severity} ${p.keys.length - 1}`)).toEqual(["CONTAMINATED 4", "CONTAMINATED 4", "CONTAMINATED 4"]);
    const all = flagOf(computeContamination({ edges, evalSets: [set], decontaminations: [] }, { maxPaths: 20 }), "d/t", "b")!;
    expect(all.paths).toHaveLength(5);
    expect(all.paths.at(-1)!.keys).toEqual(["b/b", "d/t"]);
  });

  it("counts without stack trouble on a 20,000-step chain", () => {
    const chain = [edge("b/b", "d/0", "TEST"), ...Array.from({ length: 20_000 }, (_, i) => edge(`d/${i}`, `d/${i + 1}`))];
    const f = flagOf(computeContamination({ edges: chain, evalSets: [set], decontaminations: [] }, { maxPaths: 1, datasets: ["d/20000"] }), "d/20000", "b")!;
    expect([f.pathCount, f.distance]).toEqual([1, 20_001]);
  });
});
