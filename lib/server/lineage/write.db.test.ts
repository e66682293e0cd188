import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db/client";
import {
  mergeEdges,
  upsertAliases,
  upsertBenchmarks,
  upsertNodes,
  writeTransaction,
  type EdgeInput,
  type Tx,
} from "./write";

/** Counts the database calls a function makes through the transaction (each is one statement or one batch). */
function counting(tx: Tx): { tx: Tx; calls: () => number } {
  let calls = 0;
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(obj, prop, receiver) {
        const value = Reflect.get(obj, prop, receiver);
        if (typeof value === "function") {
          return (...args: unknown[]) => {
            calls += 1;
            return (value as (...a: unknown[]) => unknown).apply(obj, args);
          };
        }
        return value && typeof value === "object" && typeof prop === "string" && !prop.startsWith("$") ? wrap(value) : value;
      },
    });
  return { tx: wrap(tx), calls: () => calls };
}

const edge = (upstream: string, downstream: string, extra: Partial<EdgeInput> = {}): EdgeInput => ({
  upstream,
  downstream,
  relation: "DIRECT_INCLUSION",
  confidence: 0.8,
  origin: "IMPORT",
  ...extra,
});

async function snapshot(prefix: string) {
  const db = getDb();
  const datasets = await db.dataset.findMany({ where: { keyNorm: { startsWith: prefix } }, orderBy: { id: "asc" } });
  const edges = await db.edge.findMany({ where: { upstream: { keyNorm: { startsWith: prefix } } }, orderBy: { id: "asc" }, include: { evidence: { orderBy: { id: "asc" } } } });
  return { datasets, edges };
}

describe("upsertNodes", () => {
  it("creates nodes once per key in any casing and returns their ids", async () => {
    const ids = await writeTransaction((tx) =>
      upsertNodes(tx, [{ key: "n1/Alpha", releaseMonth: "2024-01" }, { key: "N1/alpha", generation: "HUMAN" }, { key: "corpus:n1-web" }]),
    );
    expect([...ids.keys()].sort()).toEqual(["corpus:n1-web", "n1/alpha"]);
    expect([ids.created, ids.updated, ids.unchanged]).toEqual([2, 0, 0]);
    const row = await getDb().dataset.findUniqueOrThrow({ where: { keyNorm: "n1/alpha" } });
    expect(row).toMatchObject({ id: ids.get("n1/alpha"), key: "n1/Alpha", scheme: "HUB", displayName: "Alpha", releaseMonth: "2024-01", generation: "HUMAN", kind: "DATASET" });
    expect((await getDb().dataset.findUniqueOrThrow({ where: { keyNorm: "corpus:n1-web" } })).scheme).toBe("CORPUS");
  });

  it("fills what is missing, never overwrites a fact with nothing or with another value", async () => {
    const created = new Date("2024-05-01T10:00:00.123Z");
    await writeTransaction((tx) => upsertNodes(tx, [{ key: "n2/a", hubDownloads: 5, domains: ["MATH"], crawlState: "TERMINAL", terminalReason: "NO_SOURCES_FOUND", hubCreatedAt: created }]));
    const before = await getDb().dataset.findUniqueOrThrow({ where: { keyNorm: "n2/a" } });
    await new Promise((r) => setTimeout(r, 5));
    const ids = await writeTransaction((tx) =>
      upsertNodes(tx, [
        {
          key: "N2/A",
          displayName: "Alpha set",
          hubDownloads: 99,
          domains: ["CODE"],
          crawlState: "UNTRACED",
          hubPresence: "EXISTS",
          paperUrl: "https://arxiv.org/abs/2401.00001",
          license: null,
          terminalReason: "OTHER",
        },
      ]),
    );
    expect([ids.created, ids.updated]).toEqual([0, 1]);
    const after = await getDb().dataset.findUniqueOrThrow({ where: { keyNorm: "n2/a" } });
    expect(after).toMatchObject({
      key: "n2/a",
      displayName: "Alpha set",
      hubDownloads: 5,
      domains: ["MATH"],
      crawlState: "TERMINAL",
      terminalReason: "NO_SOURCES_FOUND",
      hubPresence: "EXISTS",
      paperUrl: "https://arxiv.org/abs/2401.00001",
      hubCreatedAt: created,
    });
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect(Math.abs(after.updatedAt.getTime() - Date.now())).toBeLessThan(60_000);
    // An explicit display name is a fact too.
    await writeTransaction((tx) => upsertNodes(tx, [{ key: "n2/a", displayName: "Other name" }]));
    expect((await getDb().dataset.findUniqueOrThrow({ where: { keyNorm: "n2/a" } })).displayName).toBe("Alpha set");
  });

  it("changes nothing, not even updated_at, when told what it knows", async () => {
    const input = [{ key: "n3/a", hubDownloads: 1, domains: ["MATH" as const], hubCreatedAt: new Date("2024-05-01T10:00:00Z"), tags: ["x"] }, { key: "n3/b" }];
    await writeTransaction((tx) => upsertNodes(tx, input));
    const before = await snapshot("n3/");
    await new Promise((r) => setTimeout(r, 20));
    const ids = await writeTransaction((tx) => upsertNodes(tx, input));
    expect([ids.created, ids.updated, ids.unchanged]).toEqual([0, 0, 2]);
    expect(await snapshot("n3/")).toEqual(before);
  });

  it("replaces known facts with fresh observations when asked to", async () => {
    await writeTransaction((tx) => upsertNodes(tx, [{ key: "n4/a", hubDownloads: 5, license: "mit" }]));
    await writeTransaction((tx) => upsertNodes(tx, [{ key: "n4/a", hubDownloads: 7, license: null }], { overwrite: true }));
    expect(await getDb().dataset.findUniqueOrThrow({ where: { keyNorm: "n4/a" } })).toMatchObject({ hubDownloads: 7, license: "mit" });
  });

  it("rejects keys that are not keys", async () => {
    await expect(writeTransaction((tx) => upsertNodes(tx, [{ key: "not a key" }]))).rejects.toMatchObject({ code: "bad_request:key" });
  });

  it("writes 1,000 nodes in a handful of statements", async () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => ({ key: `n5/d${i}`, hubDownloads: i }));
    const first = await writeTransaction(async (raw) => {
      const { tx, calls } = counting(raw);
      const ids = await upsertNodes(tx, nodes);
      return { ids, calls: calls() };
    });
    expect(first.ids.created).toBe(1000);
    expect(first.calls).toBe(3); // lock, read, insert
    const second = await writeTransaction(async (raw) => {
      const { tx, calls } = counting(raw);
      const ids = await upsertNodes(tx, nodes.map((n) => ({ ...n, releaseMonth: "2023-03" })));
      return { ids, calls: calls() };
    });
    expect([second.ids.updated, second.calls]).toEqual([1000, 3]); // lock, read, update
    expect((await getDb().dataset.findUniqueOrThrow({ where: { keyNorm: "n5/d999" } })).releaseMonth).toBe("2023-03");
  });
});

describe("mergeEdges", () => {
  async function nodes(...keys: string[]) {
    await writeTransaction((tx) => upsertNodes(tx, keys.map((key) => ({ key }))));
  }

  it("creates an edge with its evidence, and merges a second claim about the same pair", async () => {
    await nodes("e1/up", "e1/down");
    const first = await writeTransaction((tx) =>
      mergeEdges(tx, [edge("e1/up", "e1/down", { confidence: 0.7, relation: "STRUCTURED_FUSION", evidence: [{ source: "CARD", url: "https://huggingface.co/datasets/e1/down" }] })]),
    );
    expect(first).toMatchObject({ created: 1, updated: 0, evidenceAdded: 1, skipped: [] });
    const second = await writeTransaction((tx) =>
      mergeEdges(tx, [
        edge("E1/UP", "e1/down", { confidence: 0.9, relation: "SEMANTIC_EVOLUTION", split: "TRAIN", evidence: [{ source: "PAPER", quote: "q" }] }),
        edge("e1/up", "e1/down", { confidence: 0.5, relation: "COT_DISTILLATION", split: "TEST" }),
      ]),
    );
    expect(second).toMatchObject({ created: 0, updated: 1, evidenceAdded: 1 });
    const [row] = (await snapshot("e1/")).edges;
    expect(row).toMatchObject({ confidence: 0.9, relation: "SEMANTIC_EVOLUTION", split: "TRAIN", status: "PROPOSED", origin: "IMPORT" });
    expect(row!.evidence.map((e) => e.source)).toEqual(["CARD", "PAPER"]);
    // A lower claim keeps the higher confidence and its relation; a known split stays.
    const third = await writeTransaction((tx) => mergeEdges(tx, [edge("e1/up", "e1/down", { confidence: 0.6, relation: "DIRECT_INCLUSION", split: "TEST" })]));
    expect([third.updated, third.unchanged]).toEqual([0, 1]);
  });

  it("dedupes evidence by fingerprint and fills a missing quote in place", async () => {
    await nodes("e2/up", "e2/down");
    const seeded = { source: "CARD" as const, url: "https://huggingface.co/datasets/e2/down", fingerprint: "fp-1", locator: "oda:graph.jsonl:3" };
    await writeTransaction((tx) => mergeEdges(tx, [edge("e2/up", "e2/down", { origin: "SEED", evidence: [seeded] })]));
    const before = await snapshot("e2/");
    const result = await writeTransaction((tx) => mergeEdges(tx, [edge("e2/up", "e2/down", { evidence: [{ ...seeded, quote: "the quote" }, { ...seeded, quote: "the quote" }] })]));
    expect(result).toMatchObject({ unchanged: 1, evidenceAdded: 0, evidenceUpdated: 1 });
    const after = await snapshot("e2/");
    expect(after.edges[0]!.evidence).toEqual([{ ...before.edges[0]!.evidence[0]!, quote: "the quote" }]);
    // Origin and timestamps of the edge stay those of its creator.
    expect(after.edges[0]!.origin).toBe("SEED");
    expect(after.edges[0]!.updatedAt).toEqual(before.edges[0]!.updatedAt);
    const again = await writeTransaction((tx) => mergeEdges(tx, [edge("e2/up", "e2/down", { evidence: [{ ...seeded, quote: "the quote" }] })]));
    expect(again).toMatchObject({ unchanged: 1, evidenceAdded: 0, evidenceUpdated: 0 });
    expect(await snapshot("e2/")).toEqual(after);
  });

  it("never lets an import or an agent change a reviewed edge, but a person can", async () => {
    await nodes("e3/up", "e3/down");
    await writeTransaction((tx) => mergeEdges(tx, [edge("e3/up", "e3/down", { confidence: 0.6, status: "REJECTED", origin: "PERSON" })]));
    const imported = await writeTransaction((tx) =>
      mergeEdges(tx, [edge("e3/up", "e3/down", { confidence: 1, relation: "COT_DISTILLATION", status: "PROPOSED", split: "TRAIN", evidence: [{ source: "BLOG", quote: "x" }] })]),
    );
    expect(imported).toMatchObject({ updated: 0, unchanged: 1, evidenceAdded: 1 });
    expect((await snapshot("e3/")).edges[0]).toMatchObject({ status: "REJECTED", confidence: 0.6, relation: "DIRECT_INCLUSION", split: "UNKNOWN" });
    await writeTransaction((tx) => mergeEdges(tx, [edge("e3/up", "e3/down", { confidence: 0.9, status: "ACCEPTED", origin: "PERSON" })]));
    expect((await snapshot("e3/")).edges[0]).toMatchObject({ status: "ACCEPTED", confidence: 0.9 });
    // Review status can be set on a proposed edge by any writer.
    await nodes("e3/other");
    await writeTransaction((tx) => mergeEdges(tx, [edge("e3/other", "e3/down")]));
    await writeTransaction((tx) => mergeEdges(tx, [edge("e3/other", "e3/down", { status: "ACCEPTED" })]));
    expect((await snapshot("e3/")).edges.find((e) => e.status === "ACCEPTED" && e.confidence === 0.8)).toBeDefined();
  });

  it("skips self-loops, reverse edges, cycles, unknown nodes and bad claims, with reasons", async () => {
    await nodes("e4/a", "e4/b", "e4/c", "e4/d");
    await writeTransaction((tx) => mergeEdges(tx, [edge("e4/a", "e4/b"), edge("e4/b", "e4/c")]));
    const result = await writeTransaction((tx) =>
      mergeEdges(tx, [
        edge("e4/a", "E4/A", { ref: "l1" }),
        edge("e4/b", "e4/a", { ref: "l2" }),
        edge("e4/c", "e4/d", { ref: "l3" }),
        edge("e4/d", "e4/a", { ref: "l4" }), // closes a → b → c → d → a through the batch's own l3
        edge("e4/c", "e4/a", { ref: "l5" }),
        edge("e4/a", "e4/nope", { ref: "l6" }),
        edge("e4/a", "e4/d", { confidence: 1.2, ref: "l7" }),
        edge("e4/a", "e4/d", { relation: "COPY" as never, ref: "l8" }),
        edge("e4/a", "bad key", { ref: "l9" }),
      ]),
    );
    expect(result.skipped.map((s) => [s.refs[0], s.reason])).toEqual([
      ["l1", "self_loop"],
      ["l7", "bad_confidence"],
      ["l8", "bad_relation"],
      ["l9", "invalid_key"],
      ["l6", "unknown_node"],
      ["l2", "reverse_edge"],
      ["l4", "cycle"],
      ["l5", "cycle"],
    ]);
    expect(result.skipped.find((s) => s.refs[0] === "l4")!.detail).toBe("would close the cycle e4/a → e4/b → e4/c → e4/d → e4/a");
    expect(result.created).toBe(1);
    expect((await snapshot("e4/")).edges).toHaveLength(3);
  });

  it("finds a cycle that runs stored → batch → stored, reading only what lies downstream of the claims", async () => {
    await nodes("e6/x", "e6/y", "e6/z", "e6/w", "e6/far");
    await writeTransaction((tx) => mergeEdges(tx, [edge("e6/x", "e6/y"), edge("e6/z", "e6/w"), edge("e6/far", "e6/x")]));
    // x → y (stored), y → z (this batch), z → w (stored): w → x closes x → y → z → w → x.
    const result = await writeTransaction((tx) => mergeEdges(tx, [edge("e6/y", "e6/z", { ref: "b1" }), edge("e6/w", "e6/x", { ref: "b2" })]));
    expect(result.skipped.map((s) => [s.refs[0], s.reason, s.detail])).toEqual([["b2", "cycle", "would close the cycle e6/x → e6/y → e6/z → e6/w → e6/x"]]);
    expect(result.created).toBe(1);
  });

  it("keeps a 1,000-edge batch acyclic, in a handful of statements", async () => {
    const n = 400;
    await writeTransaction((tx) => upsertNodes(tx, Array.from({ length: n }, (_, i) => ({ key: `e5/n${i}` }))));
    // Forward edges (lower index → higher) form a DAG; every 10th claim points backwards.
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const claims: EdgeInput[] = [];
    for (let i = 0; i < 1000; i++) {
      const a = Math.floor(random() * n);
      const b = Math.floor(random() * n);
      if (a === b) continue;
      const [lo, hi] = a < b ? [a, b] : [b, a];
      claims.push(i % 10 === 9 ? edge(`e5/n${hi}`, `e5/n${lo}`) : edge(`e5/n${lo}`, `e5/n${hi}`, { evidence: [{ source: "CARD", quote: `q${i}` }] }));
    }
    const { result, calls } = await writeTransaction(async (raw) => {
      const { tx, calls } = counting(raw);
      const result = await mergeEdges(tx, claims);
      return { result, calls: calls() };
    });
    expect(calls).toBeGreaterThanOrEqual(6);
    expect(calls).toBeLessThanOrEqual(10);
    const rows = await getDb().edge.findMany({ where: { upstream: { keyNorm: { startsWith: "e5/" } } }, select: { upstreamId: true, downstreamId: true } });
    expect(rows.length).toBe(result.created);
    expect(result.skipped.every((s) => s.reason === "cycle" || s.reason === "reverse_edge")).toBe(true);
    expect(result.skipped.length).toBeGreaterThan(0);
    // Acyclic: a topological order exists.
    const indegree = new Map<number, number>();
    const out = new Map<number, number[]>();
    for (const r of rows) {
      indegree.set(r.downstreamId, (indegree.get(r.downstreamId) ?? 0) + 1);
      out.set(r.upstreamId, [...(out.get(r.upstreamId) ?? []), r.downstreamId]);
    }
    const queue = [...new Set(rows.flatMap((r) => [r.upstreamId, r.downstreamId]))].filter((id) => !indegree.get(id));
    let visited = 0;
    while (queue.length) {
      const id = queue.pop()!;
      visited += 1;
      for (const next of out.get(id) ?? []) {
        indegree.set(next, indegree.get(next)! - 1);
        if (indegree.get(next) === 0) queue.push(next);
      }
    }
    expect(visited).toBe(new Set(rows.flatMap((r) => [r.upstreamId, r.downstreamId])).size);
    // Every backward claim whose forward pair is absent was refused only because a path exists.
    const again = await writeTransaction((tx) => mergeEdges(tx, claims));
    expect([again.created, again.updated, again.evidenceAdded]).toEqual([0, 0, 0]);
  });
});

describe("upsertAliases", () => {
  it("adds aliases once, creates missing targets and lets the first writer keep a name", async () => {
    await writeTransaction((tx) => upsertNodes(tx, [{ key: "a1/math" }]));
    const first = await writeTransaction((tx) =>
      upsertAliases(tx, [
        { alias: "MATH", key: "a1/math", origin: "SEED" },
        { alias: "Math Dataset", key: "a1/math" },
        { alias: "GSM-8K", key: "a1/gsm8k" },
        { alias: "gsm 8k", key: "a1/other" },
        { alias: "!!!", key: "a1/math" },
      ]),
    );
    expect(first).toMatchObject({ created: 3, unchanged: 0, nodesCreated: 1, conflicts: [{ alias: "gsm 8k", key: "a1/other", existingKey: "a1/gsm8k" }], invalid: [{ alias: "!!!" }] });
    const second = await writeTransaction((tx) => upsertAliases(tx, [{ alias: "math", key: "a1/math" }, { alias: "M.A.T.H.", key: "a1/gsm8k" }]));
    expect(second).toMatchObject({ created: 0, unchanged: 1, nodesCreated: 0, conflicts: [{ alias: "M.A.T.H.", existingKey: "a1/math" }] });
    const stored = await getDb().alias.findMany({ where: { dataset: { keyNorm: { startsWith: "a1/" } } }, orderBy: { aliasNorm: "asc" } });
    expect(stored.map((a) => [a.alias, a.aliasNorm])).toEqual([
      ["GSM-8K", "gsm8k"],
      ["MATH", "math"],
      ["Math Dataset", "mathdataset"],
    ]);
  });
});

describe("upsertBenchmarks", () => {
  it("registers benchmarks, turns their nodes into BENCHMARK and is idempotent", async () => {
    await writeTransaction((tx) => upsertNodes(tx, [{ key: "b1/gsm" }, { key: "corpus:b1-aime", kind: "EXTERNAL" }]));
    const input = [
      { key: "b1/gsm", family: "GSM8K", evalSplits: ["TEST" as const] },
      { key: "corpus:b1-aime", family: "AIME", evalSplits: ["ALL" as const], note: "the competition", displayName: "AIME" },
      { key: "b1/new", family: "New", evalSplits: ["TEST" as const, "VALIDATION" as const] },
    ];
    const first = await writeTransaction((tx) => upsertBenchmarks(tx, input));
    expect(first).toMatchObject({ created: 3, updated: 0, nodesCreated: 1 });
    const nodes = await getDb().dataset.findMany({ where: { OR: [{ keyNorm: { startsWith: "b1/" } }, { keyNorm: "corpus:b1-aime" }] }, include: { benchmark: true }, orderBy: { keyNorm: "asc" } });
    expect(nodes.map((n) => [n.key, n.kind, n.displayName, n.benchmark?.family, n.benchmark?.evalSplits])).toEqual([
      ["b1/gsm", "BENCHMARK", "gsm", "GSM8K", ["TEST"]],
      ["b1/new", "BENCHMARK", "new", "New", ["TEST", "VALIDATION"]],
      ["corpus:b1-aime", "BENCHMARK", "AIME", "AIME", ["ALL"]],
    ]);
    const second = await writeTransaction((tx) => upsertBenchmarks(tx, input));
    expect(second).toEqual({ created: 0, updated: 0, unchanged: 3, nodesCreated: 0, nodesUpdated: 0 });
    const third = await writeTransaction((tx) => upsertBenchmarks(tx, [{ ...input[0]!, evalSplits: ["TEST", "VALIDATION"] }]));
    expect(third).toMatchObject({ updated: 1 });
  });
});
