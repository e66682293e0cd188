import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db/client";
import { ancestors } from "@/lib/server/lineage/traverse";
import { errorCode } from "@/test-support/server/error-code";
import { generateLineageStore, RELATION_CODES, SPLIT_CODES, STATUS_CODES, type GeneratedStore } from "@/lib/synthetic/lineage-store";
import { edgeLine, lineageChecksum } from "@/lib/synthetic/store-checksum";
import { ancestorsWithin, upstreamAdjacency } from "@/lib/synthetic/upstream-bfs";
import { loadGeneratedStore, readStoreMarker } from "./load-store";

// A CI-sized synthetic store (5k nodes, 15k edges) loaded into this file's database, then
// read back and checked against the generator and against an in-memory walk.
const SPEC = { nodes: 5000, edges: 15_000, seed: 1 };
let store: GeneratedStore;

function generatedChecksum(s: GeneratedStore): string {
  const { keys } = s.nodes;
  const e = s.edges;
  return lineageChecksum(
    keys,
    Array.from(e.up, (u, i) => edgeLine(keys[u]!, keys[e.down[i]!]!, RELATION_CODES[e.relation[i]!]!, e.confidencePercent[i]! / 100, SPLIT_CODES[e.split[i]!]!, STATUS_CODES[e.status[i]!]!)),
  );
}

async function storedChecksum(): Promise<string> {
  const db = getDb();
  const nodes = await db.$queryRaw<{ key: string }[]>`SELECT key FROM dataset`;
  const edges = await db.$queryRaw<{ u: string; d: string; relation: string; confidence: number; split: string; status: string }[]>`
    SELECT a.key AS u, b.key AS d, e.relation::text AS relation, e.confidence, e.split::text AS split, e.status::text AS status
    FROM edge e JOIN dataset a ON a.id = e.upstream_id JOIN dataset b ON b.id = e.downstream_id`;
  return lineageChecksum(
    nodes.map((n) => n.key),
    edges.map((e) => edgeLine(e.u, e.d, e.relation, e.confidence, e.split, e.status)),
  );
}

async function counts() {
  const [row] = await getDb().$queryRaw<{ datasets: number; edges: number; benchmarks: number; eval_sets: number }[]>`
    SELECT (SELECT count(*) FROM dataset)::int AS datasets, (SELECT count(*) FROM edge)::int AS edges,
           (SELECT count(*) FROM dataset WHERE kind = 'BENCHMARK')::int AS benchmarks, (SELECT count(*) FROM eval_set)::int AS eval_sets`;
  return row!;
}

beforeAll(async () => {
  store = generateLineageStore(SPEC);
  // Small batches: several INSERTs per table, so batch boundaries are crossed.
  const report = await loadGeneratedStore({ spec: SPEC, batchRows: 4000 });
  expect(report).toMatchObject({ nodes: 5000, edges: 15_000, replaced: false });
});

describe("loadGeneratedStore", () => {
  it("stores every node and edge, the benchmarks with their evaluation sets, and its spec", async () => {
    expect(await counts()).toEqual({ datasets: 5000, edges: 15_000, benchmarks: store.benchmarks.length, eval_sets: store.benchmarks.length });
    expect(store.benchmarks.length).toBeGreaterThan(0);
    expect(await readStoreMarker()).toMatchObject(SPEC);
  });

  it("stores exactly the generated graph, and the generator is deterministic in its seed", async () => {
    const checksum = generatedChecksum(store);
    expect(await storedChecksum()).toBe(checksum);
    expect(generatedChecksum(generateLineageStore(SPEC))).toBe(checksum);
    expect(generatedChecksum(generateLineageStore({ ...SPEC, seed: 2 }))).not.toBe(checksum);
  });

  it("is acyclic, and every dataset is created after each of its sources", async () => {
    const [late] = await getDb().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM edge e JOIN dataset a ON a.id = e.upstream_id JOIN dataset b ON b.id = e.downstream_id
      WHERE NOT (a.hub_created_at < b.hub_created_at)`;
    expect(late!.n).toBe(0);
    // Kahn's algorithm on the stored edges: every node comes out only if there is no cycle.
    const edges = await getDb().$queryRaw<{ u: number; d: number }[]>`SELECT upstream_id AS u, downstream_id AS d FROM edge`;
    const indegree = new Map<number, number>();
    const out = new Map<number, number[]>();
    for (const { u, d } of edges) {
      indegree.set(d, (indegree.get(d) ?? 0) + 1);
      out.set(u, [...(out.get(u) ?? []), d]);
    }
    const ready = Array.from({ length: SPEC.nodes }, (_, i) => i + 1).filter((v) => !indegree.get(v));
    let sorted = 0;
    while (ready.length) {
      const v = ready.pop()!;
      sorted++;
      for (const d of out.get(v) ?? []) {
        indegree.set(d, indegree.get(d)! - 1);
        if (!indegree.get(d)) ready.push(d);
      }
    }
    expect(sorted).toBe(SPEC.nodes);
  });

  it("answers the app's ancestor walk exactly as a walk in memory does", async () => {
    const adjacency = upstreamAdjacency(store.nodes.count, store.edges.up, store.edges.down);
    const fanIn = new Int32Array(store.nodes.count);
    for (const v of store.edges.down) fanIn[v]!++;
    // The widest mixture, the deepest node, and nodes spread over the creation order.
    const widest = fanIn.indexOf(Math.max(...fanIn));
    const deepest = store.nodes.depth.indexOf(Math.max(...store.nodes.depth));
    const picks = [widest, deepest, ...Array.from({ length: 18 }, (_, i) => Math.floor(((i + 1) * store.nodes.count) / 19))];
    for (const v of picks) {
      for (const depth of [1, 10]) {
        const expected = Object.fromEntries([...ancestorsWithin(adjacency, v, depth)].map(([u, d]) => [store.nodes.keys[u]!, d]));
        const actual = Object.fromEntries((await ancestors({ key: store.nodes.keys[v]!, depth })).map((row) => [row.key, row.depth]));
        expect(actual, `${store.nodes.keys[v]} to depth ${depth}`).toEqual(expected);
      }
    }
  });

  it("refuses a store that holds datasets unless told to replace it, and then replaces it whole", async () => {
    expect(await errorCode(loadGeneratedStore({ spec: { ...SPEC, seed: 2 } }))).toBe("conflict:not_empty");
    expect(await storedChecksum()).toBe(generatedChecksum(store));
    const report = await loadGeneratedStore({ spec: SPEC, replace: true });
    expect(report.replaced).toBe(true);
    expect(await counts()).toMatchObject({ datasets: 5000, edges: 15_000 });
    expect(await storedChecksum()).toBe(generatedChecksum(store));
    // Ids continue after the generated ones: a dataset added later does not collide.
    await getDb().dataset.create({ data: { key: "later/one", keyNorm: "later/one", scheme: "HUB", displayName: "one" } });
    expect(await counts()).toMatchObject({ datasets: 5001 });
  });
});
