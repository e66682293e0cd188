import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { aggregate, leaveOneOut, mostInfluential, withoutCriterion } from "./aggregate";
import { parseCsvTable } from "./csv";
import { DEFINITIONS } from "./definitions";
import { kemeny } from "./kemeny";
import { round4 } from "./ranks";
import { kendallTau } from "./stats";
import { validateTable } from "./table";
import type { Table } from "./types";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

describe("aggregate", () => {
  it("returns exactly the documented shape", () => {
    const r = aggregate({
      items: ["a", "b", "c"],
      criteria: [
        { name: "x", higherIsBetter: true },
        { name: "y", higherIsBetter: false },
      ],
      scores: [
        [1, 3],
        [2, 2],
        [3, 1],
      ],
    });
    expect(Object.keys(r).sort()).toEqual(["borda", "distortion", "kemeny", "kendallTau", "leaveOneOut", "mean", "meanNormalised", "mostInfluential", "perCriterion"]);
    expect(Object.keys(r.kemeny).sort()).toEqual(["distance", "exact", "ranking"]);
    expect(Object.keys(r.kendallTau).sort()).toEqual(["bordaVsKemeny", "bordaVsMean", "kemenyVsMean"]);
    expect(Object.keys(r.distortion).sort()).toEqual(["borda", "kemeny", "mean"]);
    expect(r.kemeny).toEqual({ ranking: ["c", "b", "a"], exact: true, distance: 0 });
    // mean: a (1 − 3)/2 = −1, b 0, c 1
    expect(r.mean).toEqual({ ranking: ["c", "b", "a"], scores: [1, 0, -1] });
    expect(r.leaveOneOut).toEqual([
      { criterion: "x", tau: 1 },
      { criterion: "y", tau: 1 },
    ]);
    expect(r.mostInfluential).toBeNull();
  });

  it("validates its input", () => {
    expect(() => aggregate({ items: ["a"], criteria: [], scores: [[]] })).toThrow(/no criteria/);
  });
});

describe("leaveOneOut", () => {
  // c1, c2: yak > zed > cat; c3, c4, c5: zed > yak > cat. Kemeny: zed, yak, cat (3:2 for zed).
  // Without c1 or c2 zed still wins 3:1 → τ 1. Without c3, c4 or c5 it is 2:2, a tie, and name
  // order puts yak first: yak, zed, cat against zed, yak, cat → 1 discordant of 3 → τ = 1/3.
  const t: Table = {
    items: ["zed", "yak", "cat"],
    criteria: ["c1", "c2", "c3", "c4", "c5"].map((name) => ({ name, higherIsBetter: true })),
    scores: [
      [2, 2, 3, 3, 3],
      [3, 3, 2, 2, 2],
      [1, 1, 1, 1, 1],
    ],
  };

  it("recomputes Kemeny without each criterion and names the one that moves it most", () => {
    const r = aggregate(t);
    expect(r.kemeny.ranking).toEqual(["zed", "yak", "cat"]);
    expect(r.leaveOneOut).toEqual([
      { criterion: "c1", tau: 1 },
      { criterion: "c2", tau: 1 },
      { criterion: "c3", tau: 0.3333 },
      { criterion: "c4", tau: 0.3333 },
      { criterion: "c5", tau: 0.3333 },
    ]);
    expect(r.mostInfluential).toBe("c3");
  });

  it("is empty with a single criterion; mostInfluential is then null", () => {
    const one: Table = { items: ["a", "b"], criteria: [{ name: "x", higherIsBetter: true }], scores: [[1], [2]] };
    expect(leaveOneOut(one)).toEqual([]);
    expect(aggregate(one).mostInfluential).toBeNull();
    expect(mostInfluential([])).toBeNull();
  });

  it("drops items left with no value and compares over the items both rankings have", () => {
    // d has a value only for y: without y it cannot be ranked and is left out.
    const m: Table = {
      items: ["a", "b", "c", "d"],
      criteria: [
        { name: "x", higherIsBetter: true },
        { name: "y", higherIsBetter: true },
      ],
      scores: [
        [3, 1],
        [2, 2],
        [1, 3],
        [null, 4],
      ],
    };
    expect(withoutCriterion(m, 1)).toEqual({ items: ["a", "b", "c"], criteria: [{ name: "x", higherIsBetter: true }], scores: [[3], [2], [1]] });
    const loo = leaveOneOut(m);
    expect(loo.map((e) => e.criterion)).toEqual(["x", "y"]);
    for (const e of loo) expect(e.tau).toBeGreaterThanOrEqual(-1);
  });
});

describe("leaveOneOut, fast path", () => {
  it("equals recomputing Kemeny on each reduced table (exact and heuristic sizes, missing values)", () => {
    let seed = 99;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (const n of [6, 14, 30]) {
      const items = Array.from({ length: n }, (_, i) => `i${String(i).padStart(2, "0")}`);
      const criteria = ["a", "b", "c", "d"].map((name, j) => ({ name, higherIsBetter: j !== 2 }));
      // item 0 has a value only for "b", so leaving "b" out drops it
      const scores = items.map((_, i) => criteria.map((_, j) => (i === 0 ? (j === 1 ? 5 : null) : rand() < 0.15 ? null : Math.floor(rand() * 6))));
      const t = validateTable({ items, criteria, scores });
      const full = kemeny(t).ranking;
      const expected = t.criteria.map((c, j) => {
        const reduced = withoutCriterion(t, j);
        const kept = new Set(reduced.items);
        return { criterion: c.name, tau: round4(kendallTau(kemeny(reduced).ranking, full.filter((x) => kept.has(x)))) };
      });
      expect(leaveOneOut(t)).toEqual(expected);
      expect(withoutCriterion(t, 1).items).not.toContain("i00");
    }
  });
});

describe("DEFINITIONS", () => {
  it("has one line for every reported measure", () => {
    expect(Object.keys(DEFINITIONS).sort()).toEqual(["borda", "distortion", "kemeny", "kendallTau", "leaveOneOut", "mean", "meanNormalised", "missingValues"]);
    for (const text of Object.values(DEFINITIONS)) expect(text).not.toMatch(/\n/);
    expect(DEFINITIONS.borda).toMatch(/mean \(not the sum\)/);
    expect(DEFINITIONS.kemeny).toMatch(/0\.5/);
  });
});

describe("public leaderboard fixtures (sources in fixtures/README.md)", () => {
  it("GLUE test, BERT paper Table 1: validates, exact Kemeny, BERT-large first by every aggregate", () => {
    const r = aggregate(parseCsvTable(fixture("glue-bert-test.csv")));
    expect(r.perCriterion).toHaveLength(9);
    expect(r.kemeny.exact).toBe(true);
    expect([r.borda.ranking[0], r.kemeny.ranking[0], r.mean.ranking[0]]).toEqual(["BERT-large", "BERT-large", "BERT-large"]);
    // the mean of the nine columns reproduces the paper's Average column for BERT-base (79.6)
    expect(r.mean.scores[1]).toBeCloseTo(79.6, 4);
  });

  it("GLUE test ensembles, RoBERTa paper Table 5: validates, exact Kemeny, Borda and Kemeny disagree at the top", () => {
    const r = aggregate(parseCsvTable(fixture("glue-roberta-test-ensembles.csv")));
    expect(r.perCriterion).toHaveLength(10);
    expect(r.kemeny.exact).toBe(true);
    // RoBERTa beats XLNet on 5 tasks, loses 4, ties CoLA → Kemeny puts it first; XLNet's ranks
    // elsewhere (and ALICE/MT-DNN's spread) give it the better mean rank.
    expect(r.kemeny.ranking).toEqual(["RoBERTa", "XLNet", "MT-DNN", "ALICE"]);
    expect(r.borda.ranking.slice(0, 2)).toEqual(["XLNet", "RoBERTa"]);
    expect(r.mean.ranking[0]).toBe("RoBERTa");
  });

  it("Llama 2 paper Table 3 (grouped academic benchmarks): validates, exact Kemeny for 12 models", () => {
    const r = aggregate(parseCsvTable(fixture("llama2-base-grouped.csv")));
    expect(r.borda.ranking).toHaveLength(12);
    expect(r.kemeny.exact).toBe(true);
    expect([r.borda.ranking[0], r.kemeny.ranking[0], r.mean.ranking[0]]).toEqual(["Llama 2 70B", "Llama 2 70B", "Llama 2 70B"]);
    expect(r.borda.ranking[11]).toBe("Falcon 7B");
  });
});
