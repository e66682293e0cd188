/**
 * Ancestor closure on a big synthetic store: the app's own query (lib/server/lineage/traverse.ts
 * `ancestors`: walkCte, the breadth-first recursive CTE every lineage walk uses) to depth 10
 * from 100 random derived datasets, on PostgreSQL and on embedded PGlite, against two
 * baselines measured in the same
 * run on the same nodes: one query per hop (the frontier's sources, hop by hop, as an ORM
 * would do it) and a breadth-first walk in Node over adjacency arrays loaded once (the floor).
 * Each closure is timed REPEATS times after a warm-up; per node the median, then the median
 * (and min, p90, max) over nodes.
 *
 *   npm run bench -- closure                                  100k nodes / 300k edges, seed 1
 *   ROOTLINE_BENCH_NODES=1000000 npm run bench -- closure     1M nodes / 3M edges (edges = 3 × nodes
 *                                                             unless ROOTLINE_BENCH_EDGES), PostgreSQL only
 *   ROOTLINE_BENCH_KINDS=postgres npm run bench -- closure    skip PGlite
 */
import { prng } from "@/lib/random";
import { ancestorsWithin, upstreamAdjacency } from "@/lib/synthetic/upstream-bfs";
import { benchStoreSpec, ensureGeneratedStore, type GeneratedStoreHandle, type StoreKind } from "./lib/store-100k";
import { median, round, table } from "./lib/stats";

const { nodes: NODES, edges: EDGES, seed: SEED } = benchStoreSpec();
const SAMPLE = 100;
const SAMPLE_SEED = 42;
const DEPTH = 10;
const REPEATS = Math.max(3, Number(process.env.BENCH_REPEATS) || 5);
// PGlite loads ~100k nodes a minute here, in one WebAssembly process: a million-node store is measured on PostgreSQL only.
const KINDS: StoreKind[] = (process.env.ROOTLINE_BENCH_KINDS?.split(",") as StoreKind[] | undefined) ?? (NODES > 200_000 ? ["postgres"] : ["postgres", "pglite"]);

export const description = `ancestor closure (depth 10) on a ${NODES.toLocaleString("en")}-node synthetic store: the app's walk vs per-hop queries vs in-memory BFS`;
/** Copied to the top level of bench/results.json by bench/run.ts. */
export const headline = ["closure_median_ms_postgres", "closure_median_ms_pglite", "closure_speedup_vs_per_hop", "closure_ratio_vs_memory_bfs"];

type Spread = { median: number; min: number; p90: number; max: number };

/** Three decimals: the in-memory walk takes microseconds. */
function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: round(median(sorted), 3), min: round(sorted[0]!, 3), p90: round(sorted[Math.floor(sorted.length * 0.9)]!, 3), max: round(sorted.at(-1)!, 3) };
}

/** Per node: the median of REPEATS timings (after one warm-up run). */
async function perNode<T>(ids: number[], fn: (id: number) => Promise<T> | T): Promise<{ ms: number[]; results: T[] }> {
  const ms: number[] = [];
  const results: T[] = [];
  for (const id of ids) {
    results.push(await fn(id));
    const runs: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const started = performance.now();
      await fn(id);
      runs.push(performance.now() - started);
    }
    ms.push(median(runs));
  }
  return { ms, results };
}

async function measure(store: GeneratedStoreHandle) {
  // The app's data layer reads its store from the environment once, on first use.
  const { disconnectDb, getDb } = await import("@/lib/server/db/client");
  const { closePglite } = await import("@/lib/server/db/adapter");
  const { ancestors } = await import("@/lib/server/lineage/traverse");
  const { Prisma } = await import("@/lib/server/generated/prisma/client");
  await disconnectDb();
  for (const [name, value] of Object.entries(store.env)) process.env[name] = value;
  const db = getDb();
  try {
    const derived = await db.$queryRaw<{ id: number; key: string }[]>(
      Prisma.sql`SELECT d.id, d.key FROM dataset d WHERE EXISTS (SELECT 1 FROM edge e WHERE e.downstream_id = d.id) ORDER BY d.id`,
    );
    const random = prng(SAMPLE_SEED);
    const sample = Array.from({ length: SAMPLE }, () => derived[Math.floor(random() * derived.length)]!);
    const keyOf = new Map(sample.map((s) => [s.id, s.key]));
    const ids = sample.map((s) => s.id);

    const cte = await perNode(ids, (id) => ancestors({ key: keyOf.get(id)!, depth: DEPTH }));

    // The same answer, one query per hop: the frontier's sources, then their keys.
    const perHop = await perNode(ids, async (id) => {
      const found = new Map<number, number>([[id, 0]]);
      let frontier = [id];
      for (let depth = 1; depth <= DEPTH && frontier.length; depth++) {
        const rows = await db.$queryRaw<{ id: number }[]>(Prisma.sql`SELECT DISTINCT upstream_id AS id FROM edge WHERE downstream_id = ANY(${frontier}::int[])`);
        frontier = [];
        for (const row of rows) if (!found.has(row.id)) { found.set(row.id, depth); frontier.push(row.id); }
      }
      found.delete(id);
      const keys = await db.$queryRaw<{ key: string }[]>(Prisma.sql`SELECT key FROM dataset WHERE id = ANY(${[...found.keys()]}::int[])`);
      return keys.length;
    });

    // The floor: every edge read once into adjacency arrays, then a walk in memory.
    const loadStarted = performance.now();
    const edges = await db.$queryRaw<{ u: number[]; d: number[]; n: number }[]>(
      Prisma.sql`SELECT array_agg(upstream_id) AS u, array_agg(downstream_id) AS d, (SELECT max(id) FROM dataset) AS n FROM edge`,
    );
    const adjacency = upstreamAdjacency(edges[0]!.n + 1, edges[0]!.u, edges[0]!.d);
    const adjacencyLoadMs = performance.now() - loadStarted;
    const seen = new Uint8Array(edges[0]!.n + 1);
    const bfs = await perNode(ids, (id) => ancestorsWithin(adjacency, id, DEPTH, seen));

    // The three must agree, or the comparison means nothing.
    for (let i = 0; i < ids.length; i++) {
      const sizes = [cte.results[i]!.length, perHop.results[i]!, bfs.results[i]!.size];
      if (new Set(sizes).size !== 1) throw new Error(`closure sizes differ for ${keyOf.get(ids[i]!)}: CTE ${sizes[0]}, per hop ${sizes[1]}, BFS ${sizes[2]}`);
    }
    const sizes = bfs.results.map((r) => r.size);
    return {
      kind: store.kind,
      speedup: median(perHop.ms) / median(cte.ms),
      ratio: median(cte.ms) / median(bfs.ms),
      cte: spread(cte.ms),
      perHop: spread(perHop.ms),
      bfs: spread(bfs.ms),
      adjacencyLoadMs: round(adjacencyLoadMs),
      closureSize: { median: median(sizes), max: Math.max(...sizes), mean: round(sizes.reduce((a, b) => a + b, 0) / sizes.length) },
    };
  } finally {
    await disconnectDb();
    if (store.kind === "pglite") await closePglite(store.dataDir!);
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const figures: Record<string, unknown> = { nodes: NODES, edges: EDGES, seed: SEED, sample: SAMPLE, depth: DEPTH, repeats: REPEATS };
  const rows: (string | number)[][] = [["store", "CTE median", "min", "p90", "max", "per hop median", "BFS median", "× vs per hop", "CTE ÷ BFS", "closure size median / max"]];
  for (const kind of KINDS) {
    const store = await ensureGeneratedStore({ kind, nodes: NODES, edges: EDGES, seed: SEED });
    if (store.generated) figures[`load_ms_${kind}`] = store.loadMs;
    const m = await measure(store);
    const speedup = round(m.speedup, 1);
    const ratio = round(m.ratio, 1);
    Object.assign(figures, {
      [`closure_median_ms_${kind}`]: m.cte.median,
      [`closure_ms_${kind}`]: m.cte,
      [`closure_per_hop_ms_${kind}`]: m.perHop,
      [`closure_memory_bfs_ms_${kind}`]: m.bfs,
      [`closure_speedup_vs_per_hop_${kind}`]: speedup,
      [`closure_ratio_vs_memory_bfs_${kind}`]: ratio,
      [`adjacency_load_ms_${kind}`]: m.adjacencyLoadMs,
      closure_size: m.closureSize,
    });
    // The headline figures are PostgreSQL's (the team deployment).
    if (kind === "postgres") Object.assign(figures, { closure_speedup_vs_per_hop: speedup, closure_ratio_vs_memory_bfs: ratio });
    rows.push([kind, m.cte.median, m.cte.min, m.cte.p90, m.cte.max, m.perHop.median, m.bfs.median, speedup, ratio, `${m.closureSize.median} / ${m.closureSize.max}`]);
  }
  console.log(`${NODES} nodes, ${EDGES} edges (seed ${SEED}); ancestors to depth ${DEPTH} of ${SAMPLE} random derived datasets; ms, median of ${REPEATS} per node`);
  console.log(table(rows));
  return figures;
}
