/**
 * Root-anchored sampling plans on hand-made graphs: allocations, the cap, exact sums, skipped
 * roots, where each root is drawn from and the duplication a uniform baseline would cause,
 * every figure worked out in the comments.
 */
import { describe, expect, it } from "vitest";
import { buildAnalysisGraph, type AnalysisEdge } from "./graph";
import { capShares, largestRemainder, planToCsv, SAMPLING_DEFINITIONS, samplingPlan, SamplingError, type SamplingContext, type SamplingRequest } from "./sampling";

const edge = (upstream: string, downstream: string): AnalysisEdge => ({ upstream, downstream, relation: "DIRECT_INCLUSION" });
const EMPTY: SamplingContext = { contaminated: new Set(), evalHosts: new Map(), holders: new Map() };

// Graph G: four candidates, four roots (x/own has no upstream: it is its own root).
//
//   corpus:web ──► x/a, x/b, x/c
//   corpus:arx ──► x/b
//   hub/src    ──► x/c          (a Hub dataset: draws from itself)
//   x/own
//
// Roots in key order, with the candidates reaching each:
//   corpus:arx {b} 1    corpus:web {a, b, c} 3    hub/src {c} 1    x/own {own} 1
const G = buildAnalysisGraph({
  nodes: [
    { key: "x/own", kind: "DATASET", domains: ["MATH"] },
    { key: "x/a", kind: "DATASET", domains: ["MATH"], hubDownloads: 10 },
    { key: "x/b", kind: "DATASET", domains: ["MATH", "CODE"], hubDownloads: 50 },
    { key: "x/c", kind: "DATASET", domains: ["CODE"], hubDownloads: 50 },
  ],
  edges: [edge("corpus:web", "x/a"), edge("corpus:web", "x/b"), edge("corpus:web", "x/c"), edge("corpus:arx", "x/b"), edge("hub/src", "x/c")],
});
const ALL = ["x/a", "x/b", "x/c", "x/own"];
const plan = (request: Partial<SamplingRequest>, context = EMPTY, g = G) => samplingPlan(g, { candidates: ALL, budget: 10, strategy: "equal", ...request }, context);
const samplesOf = (p: ReturnType<typeof plan>) => p.allocations.map((a) => [a.root, a.samples]);

function expectSamplingError(run: () => unknown, field: string, message?: RegExp) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SamplingError);
    expect((error as SamplingError).field).toBe(field);
    if (message) expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error("expected a SamplingError");
}

describe("samplingPlan allocations", () => {
  it("splits the budget equally over roots, remainders to the earlier keys", () => {
    // 10 / 4 = 2.5 each: floors 2+2+2+2 = 8, the 2 left go to the equal remainders in key order (arx, web).
    const p = plan({});
    expect(samplesOf(p)).toEqual([
      ["corpus:arx", 3],
      ["corpus:web", 3],
      ["hub/src", 2],
      ["x/own", 2],
    ]);
    expect(p.allocations.map((a) => a.share)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(p.allocations.find((a) => a.root === "corpus:web")!.candidates).toBe(3);
    expect(p.request).toEqual({ domain: null, candidates: ALL, budget: 10, strategy: "equal", cap: null });
  });

  it("splits in proportion to how many candidates reach each root", () => {
    // Weights 1, 3, 1, 1 of 6: quotas 1.667, 5, 1.667, 1.667 → floors 1, 5, 1, 1 = 8;
    // the 2 left go to the equal remainders .667 in key order: arx and src.
    const p = plan({ strategy: "proportional" });
    expect(samplesOf(p)).toEqual([
      ["corpus:web", 5],
      ["corpus:arx", 2],
      ["hub/src", 2],
      ["x/own", 1],
    ]);
    expect(p.allocations.map((a) => a.share)).toEqual([0.5, 0.1667, 0.1667, 0.1667]);
  });

  it("caps a root's share by water-filling", () => {
    // Proportional with cap 0.3: web's 0.5 is fixed at 0.3; the other 0.7 is spread 1:1:1 → 0.2333 each.
    // Quotas 2.333, 3, 2.333, 2.333 → floors 2, 3, 2, 2 = 9; the 1 left goes to arx (first key).
    const p = plan({ strategy: "proportional", cap: 0.3 });
    expect(samplesOf(p)).toEqual([
      ["corpus:arx", 3],
      ["corpus:web", 3],
      ["hub/src", 2],
      ["x/own", 2],
    ]);
    expect(p.allocations.map((a) => a.share)).toEqual([0.2333, 0.3, 0.2333, 0.2333]);
    // Weights 6, 3, 1 with cap 0.4: 0.6 → fixed at 0.4; the rest 0.6 over 3:1 gives 0.45 → fixed at 0.4;
    // the last takes the remaining 0.2.
    expect(capShares([6, 3, 1], 0.4).map((s) => Math.round(s * 1e6) / 1e6)).toEqual([0.4, 0.4, 0.2]);
    expect(capShares([1, 1, 1, 1], 0.25)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it("refuses a cap that cannot spread the budget", () => {
    // 4 roots need a cap of at least 1/4.
    expectSamplingError(() => plan({ cap: 0.2 }), "cap", /cap 0\.2 is below 1\/4 for 4 roots; raise it to at least 0\.25/);
    expectSamplingError(() => capShares([1, 1, 1], 0.3), "cap", /at least 0\.3334/);
  });

  it("hands out exactly the budget on awkward numbers", () => {
    // 10 over 3 equal roots: 3.333 each → 3+3+3, the 1 left to the first key.
    expect(largestRemainder([1 / 3, 1 / 3, 1 / 3], 10)).toEqual([4, 3, 3]);
    // 1 over 5 roots: all floors 0, the single sample to the first key.
    expect(largestRemainder([0.2, 0.2, 0.2, 0.2, 0.2], 1)).toEqual([1, 0, 0, 0, 0]);
    for (const budget of [1, 2, 3, 7, 11, 97, 1_000_003, 1_000_000_000]) {
      for (const shares of [[1 / 3, 1 / 3, 1 / 3], [1 / 6, 1 / 2, 1 / 6, 1 / 6], capShares([6, 3, 1], 0.4), [0.7 / 3, 0.3, 0.7 / 3, 0.7 / 3]]) {
        expect(largestRemainder(shares, budget).reduce((s, x) => s + x, 0)).toBe(budget);
      }
    }
    // Through a plan: 1 sample over 4 roots goes to corpus:arx; the others stay, with 0 samples and their share.
    const p = plan({ budget: 1 });
    expect(samplesOf(p)).toEqual([
      ["corpus:arx", 1],
      ["corpus:web", 0],
      ["hub/src", 0],
      ["x/own", 0],
    ]);
    expect(p.allocations.every((a) => a.share === 0.25)).toBe(true);
    expect(plan({ budget: 999_999_999, strategy: "proportional", cap: 0.35 }).allocations.reduce((s, a) => s + a.samples, 0)).toBe(999_999_999);
  });

  it("treats a candidate with no upstream as its own root", () => {
    const p = plan({ candidates: ["x/own"] });
    expect(p.allocations).toEqual([{ root: "x/own", drawFrom: "x/own", samples: 10, candidates: 1, share: 1 }]);
  });

  it("picks candidates by domain, or every derived dataset", () => {
    // MATH: a and b (own has no upstream, so it is not a derived dataset); roots arx, web.
    const math = plan({ candidates: undefined, domain: "MATH" });
    expect(math.request.candidates).toEqual(["x/a", "x/b"]);
    expect(samplesOf(math)).toEqual([
      ["corpus:arx", 5],
      ["corpus:web", 5],
    ]);
    expect(plan({ candidates: undefined }).request.candidates).toEqual(["x/a", "x/b", "x/c"]);
    expectSamplingError(() => plan({ candidates: undefined, domain: "MEDICAL" }), "candidates", /MEDICAL/);
  });

  it("validates the request", () => {
    expectSamplingError(() => plan({ budget: 0 }), "budget");
    expectSamplingError(() => plan({ budget: 2.5 }), "budget");
    expectSamplingError(() => plan({ budget: 1_000_000_001 }), "budget");
    expectSamplingError(() => plan({ strategy: "uniform" as "equal" }), "strategy");
    expectSamplingError(() => plan({ cap: 0 }), "cap");
    expectSamplingError(() => plan({ cap: 1.5 }), "cap");
    expectSamplingError(() => plan({ cap: Number.NaN }), "cap");
    expectSamplingError(() => plan({ candidates: [] }), "candidates");
    expect(plan({ cap: 1 }).allocations).toHaveLength(4);
  });
});

describe("samplingPlan skipped roots", () => {
  const context: SamplingContext = {
    evalHosts: new Map([["corpus:arx", "GSM8K test (GSM8K)"]]),
    contaminated: new Set(["hub/src"]),
    holders: new Map([["x/own", "AIME items since Mar 1983"]]),
  };

  it("skips roots that host an evaluation set, are flagged contaminated or hold benchmark items", () => {
    const p = plan({}, context);
    expect(p.skipped).toEqual([
      { root: "corpus:arx", reason: "hosts an evaluation set: GSM8K test (GSM8K)" },
      { root: "hub/src", reason: "flagged contaminated" },
      { root: "x/own", reason: "holds AIME items since Mar 1983" },
    ]);
    expect(samplesOf(p)).toEqual([["corpus:web", 10]]);
  });

  it("refuses a plan with nothing left", () => {
    const everything = { ...context, contaminated: new Set(["hub/src", "corpus:web"]) };
    expectSamplingError(() => plan({}, everything), "candidates");
  });
});

describe("samplingPlan drawFrom", () => {
  // Graph D:
  //   corpus:old ──► x/near (1 download)
  //   corpus:old ──► corpus:mirror ──► x/far (1,000 downloads)
  //   corpus:web ──► x/b (50), x/c (50), x/flagged (500, contaminated), x/outside (1,000,000, not a candidate)
  //   hub/src    ──► x/c
  //   corpus:lost ──► github:org/tool (not on the Hub)
  //
  // old: nearest wins over downloads → x/near.  web: x/outside is outside the candidates' lineage and
  // x/flagged is contaminated; b and c tie on downloads → x/b by key.  src: on the Hub → itself.  lost: none.
  const D = buildAnalysisGraph({
    nodes: [
      { key: "x/near", kind: "DATASET", domains: [], hubDownloads: 1 },
      { key: "x/far", kind: "DATASET", domains: [], hubDownloads: 1_000 },
      { key: "x/b", kind: "DATASET", domains: [], hubDownloads: 50 },
      { key: "x/c", kind: "DATASET", domains: [], hubDownloads: 50 },
      { key: "x/flagged", kind: "DATASET", domains: [], hubDownloads: 500 },
      { key: "x/outside", kind: "DATASET", domains: [], hubDownloads: 1_000_000 },
      { key: "github:org/tool", kind: "DATASET", domains: [] },
    ],
    edges: [
      edge("corpus:old", "x/near"),
      edge("corpus:old", "corpus:mirror"),
      edge("corpus:mirror", "x/far"),
      ...["x/b", "x/c", "x/flagged", "x/outside"].map((d) => edge("corpus:web", d)),
      edge("hub/src", "x/c"),
      edge("corpus:lost", "github:org/tool"),
    ],
  });

  it("draws an off-Hub root from the nearest Hub dataset inside the lineage", () => {
    const context = { ...EMPTY, contaminated: new Set(["x/flagged"]) };
    const p = plan({ candidates: ["x/near", "x/far", "x/b", "x/c", "x/flagged", "github:org/tool"], budget: 4 }, context, D);
    expect(Object.fromEntries(p.allocations.map((a) => [a.root, a.drawFrom]))).toEqual({
      "corpus:lost": null,
      "corpus:old": "x/near",
      "corpus:web": "x/b",
      "hub/src": "hub/src",
    });
  });
});

describe("samplingPlan avoidedDuplication", () => {
  // Baseline on G: 10 samples, 1/4 per candidate, each candidate's quarter split over its roots:
  //   a → web 1/4;  b → arx 1/8, web 1/8;  c → web 1/8, src 1/8;  own → own 1/4
  //   baseline: arx 0.125, web 0.5, src 0.125, own 0.25
  it("compares the equal plan with a uniform-over-candidates baseline", () => {
    // Plan 0.25 each: over = (0.5 − 0.25) on web only = 0.25.
    expect(plan({}).avoidedDuplication).toEqual({
      uniformOverRepresented: 0.25,
      planOverRepresented: 0,
      uniformOnSkipped: 0,
      mostOverRepresented: [{ root: "corpus:web", uniformShare: 0.5, planShare: 0.25 }],
    });
  });

  it("counts baseline samples on skipped roots", () => {
    // arx skipped: plan 1/3 on web, src, own. Over = arx 0.125 + web (0.5 − 0.3333) = 0.2917; on skipped = 0.125.
    const context = { ...EMPTY, evalHosts: new Map([["corpus:arx", "GSM8K test (GSM8K)"]]) };
    expect(plan({}, context).avoidedDuplication).toEqual({
      uniformOverRepresented: 0.2917,
      planOverRepresented: 0,
      uniformOnSkipped: 0.125,
      mostOverRepresented: [
        { root: "corpus:web", uniformShare: 0.5, planShare: 0.3333 },
        { root: "corpus:arx", uniformShare: 0.125, planShare: 0 },
      ],
    });
  });

  it("defines its terms", () => {
    expect(SAMPLING_DEFINITIONS.avoidedDuplication).toMatch(/baseline/i);
    expect(SAMPLING_DEFINITIONS.strategy).toMatch(/largest remainder/);
  });
});

describe("planToCsv", () => {
  it("writes allocations, then skipped roots with 0 samples and the reason, guarding formulas", () => {
    const g = buildAnalysisGraph({ nodes: [], edges: [edge("corpus:web", "x/a"), edge("=evil", "x/a")] });
    const context = { ...EMPTY, evalHosts: new Map([["=evil", "GSM8K test, main (GSM8K)"]]) };
    const csv = planToCsv(samplingPlan(g, { candidates: ["x/a"], budget: 3, strategy: "equal" }, context));
    expect(csv).toBe(
      [
        "root,draw_from,samples,share,candidates,skipped_reason",
        "corpus:web,x/a,3,1,1,",
        `'=evil,,0,0,,"hosts an evaluation set: GSM8K test, main (GSM8K)"`,
        "",
      ].join("\r\n"),
    );
  });
});
