import { describe, expect, it } from "vitest";
import type { LineageEvidence, ReviewStatus, Split } from "@/lib/lineage/types";
import { computeContamination, isFlagged, severityRank } from "./compute";
import type { ContaminationEdge, ContaminationFlag, ContaminationInput, Decontamination, EvalSet } from "./types";

const ev = (quote: string): LineageEvidence[] => [{ source: "CARD", url: null, quote, locator: null }];

function edge(upstream: string, downstream: string, split: Split = "UNKNOWN", status: ReviewStatus = "ACCEPTED"): ContaminationEdge {
  return { upstream, downstream, relation: "DIRECT_INCLUSION", confidence: 0.9, split, status, evidence: ev(`${upstream} -> ${downstream}`) };
}

/** An evaluation set named by its host's key, with no dates (so no window or date rule applies). */
const bench = (key: string, evalSplits: Split[] = ["TEST"], family = key): EvalSet => ({ id: key, name: key, key, family, evalSplits, window: { from: null, to: null } });
const decon = (dataset: string, benchmark: string, quote = `${dataset} removed ${benchmark}`): Decontamination => ({ dataset, benchmark, evidence: ev(quote) });

function input(edges: ContaminationEdge[], evalSets: EvalSet[], decontaminations: Decontamination[] = []): ContaminationInput {
  return { edges, evalSets, decontaminations };
}

function flagOf(flags: ContaminationFlag[], dataset: string, benchmark: string): ContaminationFlag | undefined {
  return flags.find((f) => f.dataset === dataset && f.benchmark === benchmark);
}

describe("the issue's scenario: B(test) → X → Y → Z", () => {
  const B = bench("bench/b");
  const edges = [edge("bench/b", "org/x", "TEST"), edge("org/x", "org/y", "TRAIN"), edge("org/y", "org/z")];

  it("flags Z contaminated with the whole path and each step's evidence", () => {
    const flags = computeContamination(input(edges, [B]));
    const z = flagOf(flags, "org/z", "bench/b")!;
    expect(z).toMatchObject({ severity: "CONTAMINATED", distance: 3, family: "bench/b", via: "org/x" });
    expect(z.paths).toHaveLength(1);
    expect(z.paths[0]!.keys).toEqual(["bench/b", "org/x", "org/y", "org/z"]);
    expect(z.paths[0]!.steps.map((s) => [s.upstream, s.downstream, s.split, s.evidence[0]!.quote])).toEqual([
      ["bench/b", "org/x", "TEST", "bench/b -> org/x"],
      ["org/x", "org/y", "TRAIN", "org/x -> org/y"],
      ["org/y", "org/z", "UNKNOWN", "org/y -> org/z"],
    ]);
    expect(z.paths[0]!.mitigation).toBeNull();
    // Every node downstream is flagged; the benchmark never flags itself.
    expect(flags.map((f) => [f.dataset, f.severity, f.distance])).toEqual([
      ["org/x", "CONTAMINATED", 1],
      ["org/y", "CONTAMINATED", 2],
      ["org/z", "CONTAMINATED", 3],
    ]);
  });

  it("a decontamination statement of X against B mitigates X and everything built through it", () => {
    const flags = computeContamination(input(edges, [B], [decon("org/x", "bench/b", "we removed B's test items")]));
    const z = flagOf(flags, "org/z", "bench/b")!;
    expect(z.severity).toBe("MITIGATED");
    expect(z.paths[0]!.severity).toBe("MITIGATED");
    expect(z.paths[0]!.mitigation).toEqual({ dataset: "org/x", evidence: ev("we removed B's test items") });
    expect(flagOf(flags, "org/x", "bench/b")!.paths[0]!.mitigation!.dataset).toBe("org/x");
    expect(flags.map((f) => f.severity)).toEqual(["MITIGATED", "MITIGATED", "MITIGATED"]);
    expect(flags.every((f) => !isFlagged(f.severity))).toBe(true);
  });

  it("rejecting X → Y removes the flags of Y and Z", () => {
    const rejected = [edges[0]!, edge("org/x", "org/y", "TRAIN", "REJECTED"), edges[2]!];
    const flags = computeContamination(input(rejected, [B], [decon("org/x", "bench/b")]));
    expect(flags.map((f) => f.dataset)).toEqual(["org/x"]);
    expect(flagOf(flags, "org/z", "bench/b")).toBeUndefined();
    expect(flagOf(flags, "org/y", "bench/b")).toBeUndefined();
  });

  it("proposed edges count like accepted ones, and keep their status on the path", () => {
    const proposed = [edges[0]!, edge("org/x", "org/y", "TRAIN", "PROPOSED"), edges[2]!];
    const z = flagOf(computeContamination(input(proposed, [B])), "org/z", "bench/b")!;
    expect(z.severity).toBe("CONTAMINATED");
    expect(z.paths[0]!.steps.map((s) => s.status)).toEqual(["ACCEPTED", "PROPOSED", "ACCEPTED"]);
  });
});

describe("the first edge's split decides the class", () => {
  const cases: [Split[], Split, string][] = [
    [["TEST"], "TEST", "CONTAMINATED"],
    [["TEST"], "UNKNOWN", "POSSIBLE"],
    [["TEST"], "ALL", "POSSIBLE"],
    [["TEST"], "TRAIN", "TRAIN_LINEAGE"],
    [["TEST"], "VALIDATION", "TRAIN_LINEAGE"],
    [["TEST", "VALIDATION"], "VALIDATION", "CONTAMINATED"],
    [["ALL"], "TRAIN", "CONTAMINATED"],
    [["ALL"], "UNKNOWN", "CONTAMINATED"],
    [[], "TEST", "TRAIN_LINEAGE"],
  ];
  it.each(cases)("evalSplits %j, first split %s → %s, carried down whatever later splits say", (evalSplits, split, expected) => {
    const flags = computeContamination(input([edge("b/bench", "d/one", split), edge("d/one", "d/two", "TEST"), edge("d/two", "d/three", "TRAIN")], [bench("b/bench", evalSplits)]));
    expect(flags.map((f) => f.severity)).toEqual([expected, expected, expected]);
    expect(flags.map((f) => [f.dataset, f.distance])).toEqual([
      ["d/one", 1],
      ["d/three", 3],
      ["d/two", 2],
    ]);
  });

  it("flags only CONTAMINATED and POSSIBLE; ranks worst first", () => {
    expect(["CONTAMINATED", "POSSIBLE", "MITIGATED", "TRAIN_LINEAGE"].map((s) => severityRank(s as never))).toEqual([0, 1, 2, 3]);
    expect(isFlagged("CONTAMINATED") && isFlagged("POSSIBLE")).toBe(true);
    expect(isFlagged("MITIGATED") || isFlagged("TRAIN_LINEAGE")).toBe(false);
  });

  it("a rejected edge out of the benchmark leads nowhere", () => {
    expect(computeContamination(input([edge("b/bench", "d/one", "TEST", "REJECTED"), edge("d/one", "d/two")], [bench("b/bench")]))).toEqual([]);
  });
});

describe("benchmarks built from benchmarks", () => {
  const MATH = bench("EleutherAI/hendrycks_math", ["TEST"], "MATH");
  const MATH500 = bench("HuggingFaceH4/MATH-500", ["TEST"], "MATH-500");
  const edges = [edge("EleutherAI/hendrycks_math", "HuggingFaceH4/MATH-500", "TEST"), edge("HuggingFaceH4/MATH-500", "org/d", "TEST")];

  it("MATH-500 is contaminated by MATH, and a dataset built from MATH-500 by both", () => {
    const flags = computeContamination(input(edges, [MATH, MATH500]));
    expect(flags.map((f) => [f.dataset, f.benchmark, f.severity, f.distance])).toEqual([
      ["HuggingFaceH4/MATH-500", "EleutherAI/hendrycks_math", "CONTAMINATED", 1],
      ["org/d", "EleutherAI/hendrycks_math", "CONTAMINATED", 2],
      ["org/d", "HuggingFaceH4/MATH-500", "CONTAMINATED", 1],
    ]);
    expect(flagOf(flags, "org/d", "EleutherAI/hendrycks_math")!.paths[0]!.keys).toEqual(["EleutherAI/hendrycks_math", "HuggingFaceH4/MATH-500", "org/d"]);
  });

  it("MATH-500's own training use of MATH's train split would make D training lineage of MATH only", () => {
    const flags = computeContamination(input([edge("EleutherAI/hendrycks_math", "HuggingFaceH4/MATH-500", "TRAIN"), edges[1]!], [MATH, MATH500]));
    expect(flagOf(flags, "org/d", "EleutherAI/hendrycks_math")!.severity).toBe("TRAIN_LINEAGE");
    expect(flagOf(flags, "org/d", "HuggingFaceH4/MATH-500")!.severity).toBe("CONTAMINATED");
  });
});

describe("several paths: the worst wins", () => {
  it("a longer contaminated path beats a shorter possible one; paths worst first", () => {
    const edges = [edge("b/bench", "d/p", "UNKNOWN"), edge("d/p", "d/target"), edge("b/bench", "d/q", "TEST"), edge("d/q", "d/r"), edge("d/r", "d/target")];
    const f = flagOf(computeContamination(input(edges, [bench("b/bench")])), "d/target", "b/bench")!;
    expect(f).toMatchObject({ severity: "CONTAMINATED", distance: 3, via: "d/q" });
    expect(f.paths.map((p) => [p.severity, p.keys.join(" ")])).toEqual([
      ["CONTAMINATED", "b/bench d/q d/r d/target"],
      ["POSSIBLE", "b/bench d/p d/target"],
    ]);
  });

  it("mitigation on one path does not hide an unmitigated other path", () => {
    const edges = [edge("b/bench", "d/x", "TEST"), edge("d/x", "d/target"), edge("b/bench", "d/y", "TEST"), edge("d/y", "d/w"), edge("d/w", "d/target")];
    const flags = computeContamination(input(edges, [bench("b/bench")], [decon("d/x", "b/bench")]));
    const f = flagOf(flags, "d/target", "b/bench")!;
    expect(f).toMatchObject({ severity: "CONTAMINATED", distance: 3 });
    expect(f.paths.map((p) => [p.severity, p.keys.length, p.mitigation?.dataset ?? null])).toEqual([
      ["CONTAMINATED", 4, null],
      ["MITIGATED", 3, "d/x"],
    ]);
    expect(flagOf(flags, "d/x", "b/bench")!.severity).toBe("MITIGATED");
  });

  it("a statement downstream of the target does not mitigate the target", () => {
    const flags = computeContamination(input([edge("b/bench", "d/x", "TEST"), edge("d/x", "d/y")], [bench("b/bench")], [decon("d/y", "b/bench")]));
    expect(flags.map((f) => [f.dataset, f.severity])).toEqual([
      ["d/x", "CONTAMINATED"],
      ["d/y", "MITIGATED"],
    ]);
  });

  it("a training-split path stays training lineage through a decontaminated dataset", () => {
    const f = computeContamination(input([edge("b/bench", "d/x", "TRAIN"), edge("d/x", "d/y")], [bench("b/bench")], [decon("d/x", "b/bench")]));
    expect(f.map((x) => [x.severity, x.paths[0]!.mitigation])).toEqual([
      ["TRAIN_LINEAGE", null],
      ["TRAIN_LINEAGE", null],
    ]);
  });
});

describe("decontamination statements and benchmark families", () => {
  const aimeA = bench("corpus:aime", ["ALL"], "AIME");
  const aimeB = bench("Maxwell-Jia/AIME_2024", ["ALL"], "AIME");
  const math = bench("EleutherAI/hendrycks_math", ["TEST"], "MATH");
  const math500 = bench("HuggingFaceH4/MATH-500", ["TEST"], "MATH-500");

  it("a statement against one benchmark mitigates the other benchmarks of its family", () => {
    const flags = computeContamination(input([edge("Maxwell-Jia/AIME_2024", "org/x", "TRAIN"), edge("org/x", "org/y")], [aimeA, aimeB], [decon("org/x", "corpus:aime", "AIME removed")]));
    const y = flagOf(flags, "org/y", "Maxwell-Jia/AIME_2024")!;
    expect(y.severity).toBe("MITIGATED");
    expect(y.paths[0]!.mitigation).toEqual({ dataset: "org/x", evidence: ev("AIME removed") });
  });

  it("prefers the statement against the benchmark itself as the mitigation's evidence", () => {
    const flags = computeContamination(
      input([edge("Maxwell-Jia/AIME_2024", "org/x", "TRAIN")], [aimeA, aimeB], [decon("org/x", "corpus:aime", "family"), decon("org/x", "Maxwell-Jia/AIME_2024", "itself")]),
    );
    expect(flagOf(flags, "org/x", "Maxwell-Jia/AIME_2024")!.paths[0]!.mitigation!.evidence[0]!.quote).toBe("itself");
    expect(flagOf(flags, "org/x", "corpus:aime")!.paths[0]!.mitigation!.evidence[0]!.quote).toBe("family");
  });

  it("does not mitigate other families, even a benchmark derived from the stated one", () => {
    const edges = [edge("EleutherAI/hendrycks_math", "HuggingFaceH4/MATH-500", "TEST"), edge("HuggingFaceH4/MATH-500", "org/x", "TEST")];
    const flags = computeContamination(input(edges, [math, math500, aimeA], [decon("org/x", "EleutherAI/hendrycks_math"), decon("org/x", "corpus:aime")]));
    expect(flagOf(flags, "org/x", "EleutherAI/hendrycks_math")!.severity).toBe("MITIGATED");
    expect(flagOf(flags, "org/x", "HuggingFaceH4/MATH-500")!.severity).toBe("CONTAMINATED");
  });

  it("ignores statements against unregistered keys and by datasets outside the graph", () => {
    const flags = computeContamination(input([edge("b/bench", "d/x", "TEST")], [bench("b/bench")], [decon("d/x", "other/bench"), decon("d/nowhere", "b/bench")]));
    expect(flags.map((f) => f.severity)).toEqual(["CONTAMINATED"]);
  });
});

describe("robustness", () => {
  it("terminates on cycles, including one back into the benchmark, and lists only simple paths", () => {
    const edges = [edge("b/bench", "d/x", "TEST"), edge("d/x", "d/y"), edge("d/y", "d/x"), edge("d/y", "b/bench"), edge("d/y", "d/z"), edge("d/z", "d/z")];
    const flags = computeContamination(input(edges, [bench("b/bench")]), { maxPaths: 10 });
    expect(flags.map((f) => [f.dataset, f.distance])).toEqual([
      ["d/x", 1],
      ["d/y", 2],
      ["d/z", 3],
    ]);
    for (const f of flags) {
      for (const p of f.paths) expect(new Set(p.keys).size).toBe(p.keys.length);
    }
    expect(flagOf(flags, "d/z", "b/bench")!.paths.map((p) => p.keys)).toEqual([["b/bench", "d/x", "d/y", "d/z"]]);
  });

  it("compares keys case-insensitively and keeps the input's casing", () => {
    const edges = [edge("Bench/B", "Org/X", "TEST"), edge("org/x", "ORG/Y")];
    const flags = computeContamination(input(edges, [bench("bench/b", ["TEST"], "B")], [decon("ORG/X", "BENCH/B")]));
    expect(flags.map((f) => [f.dataset, f.benchmark, f.severity])).toEqual([
      ["Org/X", "bench/b", "MITIGATED"],
      ["ORG/Y", "bench/b", "MITIGATED"],
    ]);
    const y = flagOf(flags, "ORG/Y", "bench/b")!;
    expect(y.paths[0]!.keys).toEqual(["bench/b", "Org/X", "ORG/Y"]);
    expect(y.paths[0]!.mitigation!.dataset).toBe("Org/X");
    const only = computeContamination(input(edges, [bench("bench/b")]), { datasets: ["org/Y"], benchmarks: ["BENCH/B"] });
    expect(only.map((f) => f.dataset)).toEqual(["ORG/Y"]);
  });

  it("ignores a repeated registry entry", () => {
    const flags = computeContamination(input([edge("b/bench", "d/x", "TEST")], [bench("b/bench"), bench("B/Bench", ["ALL"])]));
    expect(flags).toHaveLength(1);
  });
});

describe("options", () => {
  // Three two-step paths and one three-step path from the benchmark to d/t.
  const edges = [
    ...["d/a", "d/c", "d/e"].flatMap((m) => [edge("b/bench", m, "TEST"), edge(m, "d/t")]),
    edge("b/bench", "d/f", "TEST"),
    edge("d/f", "d/g"),
    edge("d/g", "d/t"),
  ];
  const data = input(edges, [bench("b/bench"), bench("b/other")]);

  it("maxPaths bounds the paths per flag, shortest first, ties in key order", () => {
    const paths = (maxPaths?: number) => flagOf(computeContamination(data, maxPaths === undefined ? {} : { maxPaths }), "d/t", "b/bench")!.paths.map((p) => p.keys.join(" "));
    expect(paths()).toEqual(["b/bench d/a d/t", "b/bench d/c d/t", "b/bench d/e d/t"]);
    expect(paths(2)).toEqual(["b/bench d/a d/t", "b/bench d/c d/t"]);
    expect(paths(5)).toEqual(["b/bench d/a d/t", "b/bench d/c d/t", "b/bench d/e d/t", "b/bench d/f d/g d/t"]);
    expect(paths(0)).toEqual([]);
    const overview = computeContamination(data, { maxPaths: 0 });
    expect(overview.every((f) => f.paths.length === 0 && f.via)).toBe(true);
    expect(overview.map((f) => [f.dataset, f.severity, f.distance])).toEqual(computeContamination(data).map((f) => [f.dataset, f.severity, f.distance]));
  });

  it("datasets limits the flags (and the path search) to those datasets", () => {
    const flags = computeContamination(data, { datasets: ["d/t", "d/g", "not/there"] });
    expect(flags.map((f) => f.dataset)).toEqual(["d/g", "d/t"]);
    expect(flags[1]!.paths).toHaveLength(3);
  });

  it("benchmarks limits the sources, while propagation still passes through every node", () => {
    const both = input([edge("b/one", "b/two", "TEST"), edge("b/two", "d/x", "TRAIN")], [bench("b/one"), bench("b/two")]);
    expect(computeContamination(both, { benchmarks: ["b/one"] }).map((f) => [f.dataset, f.benchmark, f.severity])).toEqual([
      ["b/two", "b/one", "CONTAMINATED"],
      ["d/x", "b/one", "CONTAMINATED"],
    ]);
  });

  it("sorts by dataset key, then severity, then benchmark", () => {
    const mixed = input(
      [edge("b/z", "d/b", "TRAIN"), edge("b/a", "d/b", "UNKNOWN"), edge("b/m", "d/b", "TEST"), edge("b/a", "D/A", "TRAIN")],
      [bench("b/z"), bench("b/a"), bench("b/m"), bench("b/n")],
    );
    expect(computeContamination(mixed).map((f) => `${f.dataset} ${f.severity} ${f.benchmark}`)).toEqual([
      "D/A TRAIN_LINEAGE b/a",
      "d/b CONTAMINATED b/m",
      "d/b POSSIBLE b/a",
      "d/b TRAIN_LINEAGE b/z",
    ]);
  });
});
