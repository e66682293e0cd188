import { describe, expect, it } from "vitest";
import { RELATIONS, type Domain, type NodeKind, type Relation } from "@/lib/lineage/types";
import { buildAnalysisGraph, type AnalysisEdge, type AnalysisNode } from "./graph";
import { DEFINITIONS, stat, structuralPatterns, verticalityIndex } from "./patterns";
import { computeReach } from "./reach";

// The graph (edges point downstream; relation in brackets):
//
//   m/a ──[SYN]──▶ m/b ──[COT]──▶ m/c ──[SEM]──▶ m/d
//    │              │              ▲
//    │              │   corpus:web ┘[DIR]
//    │              └──[DIR]──▶ g/none ◀──[DIR]── c/mix
//    ├──[DIR]──▶ bench/b                          ▲
//    ├──[FUS]────────────────────────────────────┤  (also c/x, c/y, corpus:web, each [FUS])
//    └──[DIR]──▶ corpus:wiki (EXTERNAL, so never derived)
//   corpus:web ──[DIR]──▶ s/sci
//   m/d ──▶ c/mix is REJECTED: it would make c/mix depth 4 and fan-in 5.
//
// Domains: m/a, m/b, m/d MATH (m/d lists it twice); m/c MATH+CODE; bench/b (BENCHMARK)
// MATH+SCIENCE; c/mix, c/x, c/y CODE; s/sci SCIENCE; g/none none; corpus:wiki MATH.
// Downloads: m/c 500, g/none 100, the rest unknown (0).
//
// Roots: m/a, c/x, c/y, corpus:web. Derived (dataset or benchmark with an upstream):
//            depth  fan-in  roots
//   m/b        1      1      1   {m/a}
//   m/c        2      2      2   {m/a, web}
//   m/d        3      1      2   {m/a, web}
//   c/mix      1      4      4   {m/a, c/x, c/y, web}
//   bench/b    1      1      1   {m/a}
//   g/none     2      2      4   {m/a, c/x, c/y, web}
//   s/sci      1      1      1   {web}
const node = (key: string, domains: Domain[], kind: NodeKind = "DATASET", hubDownloads?: number): AnalysisNode => ({ key, kind, domains, hubDownloads });
const edge = (upstream: string, downstream: string, relation: Relation, status?: AnalysisEdge["status"]): AnalysisEdge => ({ upstream, downstream, relation, status });
const g = buildAnalysisGraph({
  nodes: [
    node("corpus:web", [], "EXTERNAL"),
    node("corpus:wiki", ["MATH"], "EXTERNAL"),
    node("m/a", ["MATH"]),
    node("m/b", ["MATH"]),
    node("m/c", ["MATH", "CODE"], "DATASET", 500),
    node("m/d", ["MATH", "MATH"]),
    node("c/mix", ["CODE"]),
    node("c/x", ["CODE"]),
    node("c/y", ["CODE"]),
    node("bench/b", ["MATH", "SCIENCE"], "BENCHMARK"),
    node("g/none", [], "DATASET", 100),
    node("s/sci", ["SCIENCE"]),
  ],
  edges: [
    edge("m/a", "m/b", "SYNTHETIC_GENERATION"),
    edge("m/b", "m/c", "COT_DISTILLATION"),
    edge("corpus:web", "m/c", "DIRECT_INCLUSION"),
    edge("m/c", "m/d", "SEMANTIC_EVOLUTION"),
    edge("m/a", "c/mix", "STRUCTURED_FUSION"),
    edge("c/x", "c/mix", "STRUCTURED_FUSION"),
    edge("c/y", "c/mix", "STRUCTURED_FUSION"),
    edge("corpus:web", "c/mix", "STRUCTURED_FUSION"),
    edge("m/d", "c/mix", "DIRECT_INCLUSION", "REJECTED"),
    edge("m/a", "bench/b", "DIRECT_INCLUSION"),
    edge("m/b", "g/none", "DIRECT_INCLUSION"),
    edge("c/mix", "g/none", "DIRECT_INCLUSION"),
    edge("m/a", "corpus:wiki", "DIRECT_INCLUSION"),
    edge("corpus:web", "s/sci", "DIRECT_INCLUSION"),
  ],
});
const reach = computeReach(g);
const patterns = structuralPatterns(g, reach);
const domain = (d: Domain) => patterns.domains.find((x) => x.domain === d)!;
const keys = (xs: { key: string }[]) => xs.map((x) => x.key);
const zeroRelations = Object.fromEntries(RELATIONS.map((r) => [r, 0]));

describe("stat", () => {
  it("takes the middle value for an odd count and the mean of the two middle ones for an even count", () => {
    // [1, 2, 9]: median 2; p90 at rank ⌈2.7⌉ = 3 → 9.
    expect(stat([9, 1, 2])).toEqual({ median: 2, p90: 9, max: 9 });
    // [1, 2, 3, 10]: median (2 + 3) / 2 = 2.5; p90 at rank ⌈3.6⌉ = 4 → 10.
    expect(stat([3, 10, 1, 2])).toEqual({ median: 2.5, p90: 10, max: 10 });
    // 1..20: median (10 + 11) / 2 = 10.5; p90 at rank ⌈18⌉ = 18 → 18 (nearest rank, no interpolation).
    expect(stat(Array.from({ length: 20 }, (_, i) => 20 - i))).toEqual({ median: 10.5, p90: 18, max: 20 });
    // [1, 9, 10]: median 9; sorts numerically, not as text ("10" < "9" as text).
    expect(stat([10, 9, 1])).toEqual({ median: 9, p90: 10, max: 10 });
    expect(stat([])).toEqual({ median: 0, p90: 0, max: 0 });
  });

  it("rounds medians to two decimals", () => {
    // [⅓, ⅓, ⅓]: median 0.333… → 0.33; [1, 1.125]: (1 + 1.125) / 2 = 1.0625 → 1.06.
    expect(stat([1 / 3, 1 / 3, 1 / 3]).median).toBe(0.33);
    expect(stat([1, 1.125]).median).toBe(1.06);
  });
});

describe("structuralPatterns", () => {
  it("counts derived datasets and benchmarks, never externals or roots, and ignores rejected edges", () => {
    // m/b, m/c, m/d, c/mix, bench/b, g/none, s/sci (corpus:wiki has an upstream but is EXTERNAL).
    expect(patterns.derived).toBe(7);
    // Live edges into them: m/b 1 + m/c 2 + m/d 1 + c/mix 4 (not the rejected one) + bench/b 1 + g/none 2 + s/sci 1 = 12.
    expect(patterns.edgesUsed).toBe(12);
    const mix = patterns.overall.horizontal.find((x) => x.key === "c/mix");
    expect(mix).toEqual({ key: "c/mix", depth: 1, fanIn: 4, roots: 4 });
  });

  it("lists domains with derived datasets, most first, ties by name", () => {
    // MATH {m/b, m/c, m/d, bench/b} = 4; CODE {m/c, c/mix} = 2; SCIENCE {bench/b, s/sci} = 2 (CODE < SCIENCE).
    // GENERAL, MEDICAL, MULTILINGUAL have none; g/none has no domain and counts only overall.
    expect(patterns.domains.map((d) => [d.domain, d.datasets])).toEqual([
      ["MATH", 4],
      ["CODE", 2],
      ["SCIENCE", 2],
    ]);
  });

  it("gives each domain's stats (multi-domain datasets count in each, an even count)", () => {
    const math = domain("MATH");
    // depth [1, 2, 3, 1] → sorted [1, 1, 2, 3]: median (1 + 2) / 2 = 1.5, p90 rank ⌈3.6⌉ = 4 → 3.
    expect(math.depth).toEqual({ median: 1.5, p90: 3, max: 3 });
    // fan-in [1, 2, 1, 1] → [1, 1, 1, 2]: median 1, p90 2.
    expect(math.fanIn).toEqual({ median: 1, p90: 2, max: 2 });
    // roots [1, 2, 2, 1] → [1, 1, 2, 2]: median 1.5, p90 2.
    expect(math.roots).toEqual({ median: 1.5, p90: 2, max: 2 });
    // Edges in: m/b SYN; m/c COT + DIR; m/d SEM; bench/b DIR → 5: DIR 2/5, the others 1/5, FUS 0.
    expect(math.edges).toBe(5);
    expect(math.relations).toEqual({ ...zeroRelations, DIRECT_INCLUSION: 0.4, SYNTHETIC_GENERATION: 0.2, COT_DISTILLATION: 0.2, SEMANTIC_EVOLUTION: 0.2 });

    const code = domain("CODE");
    // m/c and c/mix: depth [2, 1] → median 1.5, p90 rank ⌈1.8⌉ = 2 → 2; fan-in [2, 4] → 3, 4; roots [2, 4] → 3, 4.
    expect([code.depth, code.fanIn, code.roots]).toEqual([
      { median: 1.5, p90: 2, max: 2 },
      { median: 3, p90: 4, max: 4 },
      { median: 3, p90: 4, max: 4 },
    ]);
    // Edges in: m/c COT + DIR, c/mix 4 × FUS → 6: FUS 4/6 = 0.6667, COT and DIR 1/6 = 0.1667 each.
    expect(code.edges).toBe(6);
    expect(code.relations).toEqual({ ...zeroRelations, STRUCTURED_FUSION: 0.6667, COT_DISTILLATION: 0.1667, DIRECT_INCLUSION: 0.1667 });
  });

  it("gives the overall stats (every derived dataset, an odd count)", () => {
    const all = patterns.overall;
    expect(all.datasets).toBe(7);
    // depth [1, 2, 3, 1, 1, 2, 1] → [1, 1, 1, 1, 2, 2, 3]: median (4th) 1, p90 rank ⌈6.3⌉ = 7 → 3.
    expect(all.depth).toEqual({ median: 1, p90: 3, max: 3 });
    // fan-in [1, 2, 1, 4, 1, 2, 1] → [1, 1, 1, 1, 2, 2, 4]: median 1, p90 4.
    expect(all.fanIn).toEqual({ median: 1, p90: 4, max: 4 });
    // roots [1, 2, 2, 4, 1, 4, 1] → [1, 1, 1, 2, 2, 4, 4]: median 2, p90 4.
    expect(all.roots).toEqual({ median: 2, p90: 4, max: 4 });
    // 12 edges: DIR 5 (m/c, bench/b, g/none × 2, s/sci) = 0.4167; FUS 4 = 0.3333; SYN, COT, SEM 1 each = 0.0833.
    expect(all.edges).toBe(12);
    expect(all.relations).toEqual({ DIRECT_INCLUSION: 0.4167, STRUCTURED_FUSION: 0.3333, SYNTHETIC_GENERATION: 0.0833, SEMANTIC_EVOLUTION: 0.0833, COT_DISTILLATION: 0.0833 });
  });

  it("picks exemplars with the documented tie-breaks", () => {
    const all = structuralPatterns(g, reach, { exemplars: 10 }).overall;
    // Vertical: m/d (depth 3); depth 2: m/c and g/none both fan-in 2 → more downloads first (m/c 500 > 100,
    // against key order); depth 1: fan-in 1 before c/mix's 4 (against key order), then by key.
    expect(keys(all.vertical)).toEqual(["m/d", "m/c", "g/none", "bench/b", "m/b", "s/sci", "c/mix"]);
    // Horizontal: c/mix (4); fan-in 2: m/c before g/none (downloads); fan-in 1: depth 1 by key, then m/d (depth 3).
    expect(keys(all.horizontal)).toEqual(["c/mix", "m/c", "g/none", "bench/b", "m/b", "s/sci", "m/d"]);
    // Default: at most 5.
    expect(keys(patterns.overall.vertical)).toEqual(["m/d", "m/c", "g/none", "bench/b", "m/b"]);
    expect(keys(domain("CODE").horizontal)).toEqual(["c/mix", "m/c"]);
    expect(structuralPatterns(g, reach, { exemplars: 1 }).domains.map((d) => keys(d.vertical))).toEqual([["m/d"], ["m/c"], ["bench/b"]]);
  });

  it("gives zeros for an empty graph", () => {
    const empty = buildAnalysisGraph({ nodes: [], edges: [] });
    const p = structuralPatterns(empty, computeReach(empty));
    expect(p).toEqual({
      domains: [],
      derived: 0,
      edgesUsed: 0,
      overall: { datasets: 0, depth: stat([]), fanIn: stat([]), roots: stat([]), relations: zeroRelations, edges: 0, vertical: [], horizontal: [] },
    });
    expect(verticalityIndex(p.overall)).toBe(0);
  });
});

describe("verticalityIndex", () => {
  it("divides median depth by median fan-in", () => {
    // MATH 1.5 / 1 = 1.5 (refinement); CODE 1.5 / 3 = 0.5 (mixtures).
    expect(verticalityIndex(domain("MATH"))).toBe(1.5);
    expect(verticalityIndex(domain("CODE"))).toBe(0.5);
  });

  it("has a one-line definition for every figure", () => {
    for (const text of Object.values(DEFINITIONS)) expect(text).not.toMatch(/\n/);
    expect(Object.keys(DEFINITIONS)).toEqual(expect.arrayContaining(["depth", "fanIn", "roots", "ancestors", "derived", "verticality"]));
  });
});
