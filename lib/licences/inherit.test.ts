import { describe, expect, it } from "vitest";
import { prng } from "@/lib/random";
import { conflictRanking, datasetLicences, prepareLicenceGraph, type LicenceInput } from "./inherit";
import { normalizeLicences } from "./normalize";

type Edge = LicenceInput["edges"][number];
const node = (key: string, licence = "") => ({ key, declared: normalizeLicences(licence) });
const edge = (upstream: string, downstream: string, status?: Edge["status"]): Edge => ({ upstream, downstream, status });

//  r/nc [CC-BY-NC-4.0] ──▶ m/a [Apache-2.0] ──▶ t/d [Apache-2.0]      (diamond: r/nc reaches t/d
//  r/by [CC-BY-4.0] ─────▶ m/a                   ▲                     through m/a and m/b)
//  r/mit [MIT] ──────────▶ m/a                   │
//  r/nc ─────────────────▶ m/b [—] ──────────────┤
//  r/sa [CC-BY-SA-4.0] ──▶ m/b                   │
//  r/other [other] ──────────────────────────────┤
//  r/gpt [OpenAI] ─ ─ ─ REJECTED ─ ─ ─ ─ ─ ─ ─ ─ ┘
//  r/sa ──▶ m/c [CC-BY-SA-4.0]              r/gpt ──▶ t/e [MIT]
//  r/nc ──▶ t/f [MIT, CC-BY-NC-4.0]         r/nc ──▶ t/g [MIT, CC-BY-4.0]
//  r/research [Academic Research Purposes Only] ──▶ t/h [CC-BY-NC-4.0]
//  r/sa ──▶ t/i [CC-BY-NC-4.0]              r/nc ──▶ t/k [other]
//  r/by ──▶ t/l [MIT]
const input: LicenceInput = {
  nodes: [
    node("r/nc", "cc-by-nc-4.0"),
    node("r/by", "CC BY 4.0"),
    node("r/mit", "MIT License"),
    node("r/sa", "cc-by-sa-4.0"),
    node("r/other", "other"),
    node("r/gpt", "OpenAI"),
    node("r/research", "Academic Research Purposes Only"),
    node("m/a", "apache-2.0"),
    node("m/b"),
    node("m/c", "CC BY-SA 4.0"),
    node("t/d", "Apache License 2.0"),
    node("t/e", "mit"),
    node("t/f", "mit, cc-by-nc-4.0"),
    node("t/g", "mit, cc-by-4.0"),
    node("t/h", "cc-by-nc-4.0"),
    node("t/i", "cc-by-nc-4.0"),
    node("t/k", "other"),
    node("t/l", "mit"),
  ],
  edges: [
    edge("r/nc", "m/a"),
    edge("r/by", "m/a"),
    edge("r/mit", "m/a"),
    edge("r/nc", "m/b"),
    edge("r/sa", "m/b", "ACCEPTED"),
    edge("m/a", "t/d"),
    edge("m/b", "t/d", "PROPOSED"),
    edge("r/other", "t/d"),
    edge("r/gpt", "t/d", "REJECTED"),
    edge("r/sa", "m/c"),
    edge("r/gpt", "t/e"),
    edge("r/nc", "t/f"),
    edge("r/nc", "t/g"),
    edge("r/research", "t/h"),
    edge("r/sa", "t/i"),
    edge("r/nc", "t/k"),
    edge("r/by", "t/l"),
  ],
};
const g = prepareLicenceGraph(input);
const at = (key: string) => datasetLicences(g, key);

describe("datasetLicences", () => {
  it("lists what a dataset inherits: one entry per (licence, ancestor), most restrictive first, with a shortest path", () => {
    const d = at("t/d");
    expect(d.dataset).toBe("t/d");
    expect(d.declared).toEqual(["Apache-2.0"]);
    expect(d.inherited).toEqual([
      { licence: "CC-BY-NC-4.0", name: "CC BY-NC 4.0", class: "non-commercial", restriction: "non-commercial use only", from: "r/nc", path: ["r/nc", "m/a", "t/d"] },
      { licence: "CC-BY-SA-4.0", name: "CC BY-SA 4.0", class: "share-alike", restriction: "share-alike: derivatives must keep CC-BY-SA-4.0", from: "r/sa", path: ["r/sa", "m/b", "t/d"] },
      { licence: "CC-BY-4.0", name: "CC BY 4.0", class: "attribution", restriction: "attribution: credit the source (CC-BY-4.0)", from: "r/by", path: ["r/by", "m/a", "t/d"] },
      { licence: "other", name: "Other (see the card)", class: "unknown", restriction: "unknown: a licence not in the Hub's list; read the card", from: "r/other", path: ["r/other", "t/d"] },
    ]);
  });

  it("ignores rejected edges: OpenAI output reaches t/e, not t/d", () => {
    expect(at("t/d").inherited.map((i) => i.from)).not.toContain("r/gpt");
    expect(at("t/e").inherited.map((i) => [i.licence, i.from])).toEqual([["openai-terms-of-use", "r/gpt"]]);
  });

  it("counts an ancestor reached along both sides of a diamond once", () => {
    expect(at("t/d").inherited.filter((i) => i.from === "r/nc")).toHaveLength(1);
    expect(at("t/d").conflicts.filter((c) => c.from === "r/nc")).toHaveLength(1);
  });

  it("flags a permissive licence over non-commercial and share-alike data, worst first", () => {
    expect(at("t/d").conflicts).toEqual([
      { declared: "Apache-2.0", inherited: "CC-BY-NC-4.0", from: "r/nc", reason: "declares Apache-2.0 (commercial use allowed) but includes CC-BY-NC-4.0 data from r/nc (non-commercial)", severity: 45 },
      { declared: "Apache-2.0", inherited: "CC-BY-SA-4.0", from: "r/sa", reason: "declares Apache-2.0 but includes CC-BY-SA-4.0 data from r/sa (share-alike: derivatives must keep CC-BY-SA-4.0)", severity: 25 },
    ]);
  });

  it("flags no declared licence over restrictive data as undeclared, below a contradicting one", () => {
    expect(at("m/b").declared).toEqual([]);
    expect(at("m/b").conflicts).toEqual([
      { declared: "undeclared", inherited: "CC-BY-NC-4.0", from: "r/nc", reason: "declares no licence but includes CC-BY-NC-4.0 data from r/nc (non-commercial)", severity: 40 },
      { declared: "undeclared", inherited: "CC-BY-SA-4.0", from: "r/sa", reason: "declares no licence but includes CC-BY-SA-4.0 data from r/sa (share-alike: derivatives must keep CC-BY-SA-4.0)", severity: 20 },
    ]);
    // Only unknown licences declared counts as undeclared, saying what it does declare.
    expect(at("t/k").conflicts).toEqual([
      { declared: "undeclared", inherited: "CC-BY-NC-4.0", from: "r/nc", reason: "declares no usable licence (other) but includes CC-BY-NC-4.0 data from r/nc (non-commercial)", severity: 40 },
    ]);
  });

  it("keeps share-alike satisfied by the same licence, and flags a different one — even a stricter non-SA one", () => {
    expect(at("m/c").inherited.map((i) => i.licence)).toEqual(["CC-BY-SA-4.0"]);
    expect(at("m/c").conflicts).toEqual([]);
    expect(at("t/i").conflicts).toEqual([
      { declared: "CC-BY-NC-4.0", inherited: "CC-BY-SA-4.0", from: "r/sa", reason: "declares CC-BY-NC-4.0 but includes CC-BY-SA-4.0 data from r/sa (share-alike: derivatives must keep CC-BY-SA-4.0)", severity: 25 },
    ]);
  });

  it("flags provider terms under a permissive licence", () => {
    expect(at("t/e").conflicts).toEqual([
      {
        declared: "MIT",
        inherited: "openai-terms-of-use",
        from: "r/gpt",
        reason: "declares MIT (no such terms) but includes data under OpenAI terms of use from r/gpt (OpenAI terms of use apply to the generated data)",
        severity: 35,
      },
    ]);
  });

  it("flags non-commercial over research-only data", () => {
    expect(at("t/h").conflicts).toEqual([
      {
        declared: "CC-BY-NC-4.0",
        inherited: "academic-research-only",
        from: "r/research",
        reason: "declares CC-BY-NC-4.0 (use beyond research allowed) but includes academic-research-only data from r/research (research only)",
        severity: 46,
      },
    ]);
  });

  it("does not flag attribution under a permissive licence (it is listed, not a conflict)", () => {
    expect(at("t/l").inherited.map((i) => [i.licence, i.class])).toEqual([["CC-BY-4.0", "attribution"]]);
    expect(at("t/l").conflicts).toEqual([]);
    expect(at("m/a").conflicts.map((c) => c.inherited)).toEqual(["CC-BY-NC-4.0"]);
  });

  it("judges several declared licences by the most restrictive one", () => {
    expect(at("t/f").declared).toEqual(["MIT", "CC-BY-NC-4.0"]);
    expect(at("t/f").conflicts).toEqual([]);
    expect(at("t/g").conflicts).toEqual([
      { declared: "CC-BY-4.0", inherited: "CC-BY-NC-4.0", from: "r/nc", reason: "declares CC-BY-4.0 (commercial use allowed) but includes CC-BY-NC-4.0 data from r/nc (non-commercial)", severity: 45 },
    ]);
  });

  it("finds datasets case-insensitively, answers unknown keys with nothing, and takes raw input too", () => {
    expect(datasetLicences(g, "T/D").dataset).toBe("t/d");
    expect(datasetLicences(g, "nobody/here")).toEqual({ dataset: "nobody/here", declared: [], inherited: [], conflicts: [] });
    expect(datasetLicences(input, "t/d")).toEqual(at("t/d"));
    expect(at("r/nc")).toEqual({ dataset: "r/nc", declared: ["CC-BY-NC-4.0"], inherited: [], conflicts: [] });
  });

  it("keeps one entry per declaring ancestor, nearer ones first within a class", () => {
    //  far [cc-by-nc-4.0] → near [cc-by-nc-sa-4.0] → x [mit];  other [cc-by-nc-4.0] → x
    const small = prepareLicenceGraph({
      nodes: [node("x/far", "cc-by-nc-4.0"), node("x/near", "cc-by-nc-sa-4.0"), node("x/other", "cc-by-nc-4.0"), node("x/x", "mit")],
      edges: [edge("x/far", "x/near"), edge("x/near", "x/x"), edge("x/other", "x/x")],
    });
    const x = datasetLicences(small, "x/x");
    expect(x.inherited.map((i) => [i.licence, i.from, i.path.length - 1])).toEqual([
      ["CC-BY-NC-SA-4.0", "x/near", 1],
      ["CC-BY-NC-4.0", "x/other", 1],
      ["CC-BY-NC-4.0", "x/far", 2],
    ]);
    expect(x.conflicts.map((c) => [c.inherited, c.from, c.severity])).toEqual([
      ["CC-BY-NC-SA-4.0", "x/near", 45],
      ["CC-BY-NC-4.0", "x/other", 45],
      ["CC-BY-NC-4.0", "x/far", 45],
    ]);
    // NC-SA over plain NC honours it: no conflict for near.
    expect(datasetLicences(small, "x/near").conflicts).toEqual([]);
  });

  it("survives cycles and never lists a dataset as its own ancestor", () => {
    const cyclic = prepareLicenceGraph({
      nodes: [node("c/nc", "cc-by-nc-4.0"), node("c/a"), node("c/b", "mit"), node("c/p", "cc-by-nc-4.0"), node("c/q", "mit")],
      edges: [edge("c/nc", "c/a"), edge("c/a", "c/b"), edge("c/b", "c/a"), edge("c/p", "c/q"), edge("c/q", "c/p")],
    });
    expect(cyclic.acyclic).toBe(false);
    expect(datasetLicences(cyclic, "c/b").inherited.map((i) => [i.from, i.path])).toEqual([["c/nc", ["c/nc", "c/a", "c/b"]]]);
    expect(datasetLicences(cyclic, "c/a").conflicts.map((c) => [c.declared, c.from])).toEqual([["undeclared", "c/nc"]]);
    expect(datasetLicences(cyclic, "c/p").inherited).toEqual([]);
    expect(conflictRanking(cyclic).map((r) => [r.dataset, r.conflicts, r.worst.severity])).toEqual([
      ["c/b", 1, 45],
      ["c/q", 1, 45],
      ["c/a", 1, 40],
    ]);
  });
});

describe("conflictRanking", () => {
  it("ranks by the worst conflict, then the number of conflicts, then key", () => {
    expect(conflictRanking(g).map((r) => [r.dataset, r.conflicts, r.worst.severity, r.worst.from])).toEqual([
      ["t/h", 1, 46, "r/research"],
      ["t/d", 2, 45, "r/nc"],
      ["m/a", 1, 45, "r/nc"],
      ["t/g", 1, 45, "r/nc"],
      ["m/b", 2, 40, "r/nc"],
      ["t/k", 1, 40, "r/nc"],
      ["t/e", 1, 35, "r/gpt"],
      ["t/i", 1, 25, "r/sa"],
    ]);
    expect(conflictRanking(g, { limit: 3 }).map((r) => r.dataset)).toEqual(["t/h", "t/d", "m/a"]);
    expect(conflictRanking(g, { limit: 0 })).toEqual([]);
    expect(conflictRanking(input)).toEqual(conflictRanking(g));
  });

  it("returns the same worst conflict as datasetLicences", () => {
    for (const r of conflictRanking(g)) expect(r.worst).toEqual(at(r.dataset).conflicts[0]);
  });

  it("agrees with one walk per dataset on random graphs, acyclic and cyclic", () => {
    const pool = ["mit", "apache-2.0", "cc-by-4.0", "cc-by-sa-4.0", "cc-by-sa-3.0", "cc-by-nc-4.0", "cc-by-nc-sa-4.0", "OpenAI", "Llama 2", "C-UDA", "other", "Unspecified", "gpl-3.0", "mit, cc-by-nc-4.0", ""];
    for (const [seed, n, cyclic] of [
      [1, 300, false],
      [2, 700, false],
      [3, 200, true],
    ] as const) {
      const rand = prng(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
      const keys = Array.from({ length: n }, (_, i) => `g/n${String(i).padStart(4, "0")}`);
      const nodes = keys.map((k) => node(k, rand() < 0.6 ? pick(pool) : ""));
      const edges: Edge[] = [];
      for (let v = 1; v < n; v++) {
        const fanIn = Math.floor(rand() * 4);
        for (let j = 0; j < fanIn; j++) edges.push(edge(keys[Math.floor(rand() * v)]!, keys[v]!, rand() < 0.1 ? "REJECTED" : undefined));
      }
      if (cyclic) for (let j = 0; j < 20; j++) edges.push(edge(keys[Math.floor(rand() * n)]!, keys[Math.floor(rand() * n)]!));
      const graph = prepareLicenceGraph({ nodes, edges });
      expect(graph.acyclic).toBe(!cyclic);
      const ranked = conflictRanking(graph);
      const byKey = new Map(ranked.map((r) => [r.dataset, r]));
      expect(ranked.length).toBeGreaterThan(10);
      for (const key of keys) {
        const one = datasetLicences(graph, key);
        const r = byKey.get(key);
        expect(r?.conflicts ?? 0, key).toBe(one.conflicts.length);
        if (r) expect(r.worst, key).toEqual(one.conflicts[0]);
      }
    }
  });

  it("handles a 5,000-node graph", () => {
    const rand = prng(7);
    const n = 5000;
    const pool = ["mit", "apache-2.0", "cc-by-4.0", "cc-by-sa-4.0", "cc-by-nc-4.0", "OpenAI", "C-UDA", "other", ""];
    const keys = Array.from({ length: n }, (_, i) => `big/n${i}`);
    const nodes = keys.map((k) => node(k, pool[Math.floor(rand() * pool.length)]!));
    const edges: Edge[] = [];
    for (let v = 1; v < n; v++) for (let j = 0; j < 2; j++) edges.push(edge(keys[Math.floor(rand() * v)]!, keys[v]!));
    const graph = prepareLicenceGraph({ nodes, edges });
    const ranked = conflictRanking(graph);
    expect(ranked.length).toBeGreaterThan(1000);
    for (let i = 0; i < ranked.length; i += 97) {
      const r = ranked[i]!;
      const one = datasetLicences(graph, r.dataset);
      expect(r.conflicts).toBe(one.conflicts.length);
      expect(r.worst).toEqual(one.conflicts[0]);
    }
  });
});
