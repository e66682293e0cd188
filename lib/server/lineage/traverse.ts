import "server-only";
import { getDb } from "@/lib/server/db/client";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { checkKey, edgeCondition, findNode, intParam, MAX_WALK_DEPTH, resolveFilter, type EdgeFilter, type ResolvedFilter } from "./params";

export type Direction = "up" | "down";
export type KeyAtDepth = { key: string; depth: number };

/**
 * A recursive CTE `name(id, depth)`: every node within `maxDepth` hops of `start` in one
 * direction, once per distinct distance. UNION (not UNION ALL) drops repeated (node, depth)
 * pairs, so diamonds do not multiply rows and the depth bound ends the walk even if a cycle
 * slipped into the store. Callers take min(depth) per node. `start` is a node id, or a
 * scalar subquery giving one (NULL when there is none: then the walk finds nothing).
 *
 * A breadth-first variant that expands each node once (one row per hop carrying the frontier
 * and a seen array, next frontier = sources EXCEPT seen) was measured against this on the
 * 100k-node synthetic store (`npm run lineage -- generate`): no clear gain on small closures,
 * and 1.2–2.5× slower on the 3,000–8,000-node closures of big mixtures, at depth 10 and 50
 * (its array copies and set differences cost more than the re-expansions it saves while
 * lineage depths stay around 20). So the plain CTE stays.
 */
export function walkCte(name: string, start: number | Prisma.Sql, direction: Direction, maxDepth: number, filter: ResolvedFilter): Prisma.Sql {
  const cte = Prisma.raw(name);
  const [next, current] = direction === "up" ? ["upstream_id", "downstream_id"] : ["downstream_id", "upstream_id"];
  return Prisma.sql`${cte}(id, depth) AS (
    SELECT ${typeof start === "number" ? Prisma.sql`${start}::int` : Prisma.sql`(${start})`}, 0
    UNION
    SELECT e.${Prisma.raw(next)}, w.depth + 1
    FROM ${cte} w JOIN edge e ON e.${Prisma.raw(current)} = w.id
    WHERE w.depth < ${maxDepth}::int AND ${edgeCondition("e", filter)}
  )`;
}

export type WalkQuery = { key: string; depth: number } & EdgeFilter;

/**
 * One round trip, not a lookup and then the walk: the start is found inside the query and
 * comes back as its only depth-0 row (first in the order), which also says the key exists.
 * On a big store the walk itself takes about a millisecond, so a second round trip through
 * the client would cost as much again.
 */
async function walk(direction: Direction, query: WalkQuery): Promise<KeyAtDepth[]> {
  const db = getDb();
  const depth = intParam("depth", query.depth, 0, MAX_WALK_DEPTH);
  const filter = resolveFilter(query);
  const keyNorm = checkKey(query.key);
  const rows = await db.$queryRaw<KeyAtDepth[]>(Prisma.sql`
    WITH RECURSIVE ${walkCte("walk", Prisma.sql`SELECT id FROM dataset WHERE key_norm = ${keyNorm}`, direction, depth, filter)}
    SELECT d.key, min(w.depth)::int AS depth
    FROM walk w JOIN dataset d ON d.id = w.id
    GROUP BY d.id, d.key, d.key_norm
    ORDER BY depth, d.key_norm`);
  if (!rows.length || rows[0]!.depth !== 0) throw new AppError("not_found:dataset", `No dataset ${String(query.key)} in the store.`, { key: query.key });
  return rows.slice(1);
}

/** Nodes upstream of `key` (what it was built from) within `depth` hops, at their shortest distance. */
export function ancestors(query: WalkQuery): Promise<KeyAtDepth[]> {
  return walk("up", query);
}

/** Nodes downstream of `key` (what was built from it) within `depth` hops, at their shortest distance. */
export function descendants(query: WalkQuery): Promise<KeyAtDepth[]> {
  return walk("down", query);
}

export type RootsQuery = { key: string; maxDepth?: number } & EdgeFilter;

/**
 * The primary sources of `key`: nodes reachable upstream that have no upstream edge of their
 * own (under the filter), with their shortest distance. A node without sources is its own
 * root (distance 0). Nodes exactly at maxDepth that still have sources are not roots.
 */
export async function roots(query: RootsQuery): Promise<KeyAtDepth[]> {
  const db = getDb();
  const maxDepth = intParam("maxDepth", query.maxDepth ?? MAX_WALK_DEPTH, 0, MAX_WALK_DEPTH);
  const filter = resolveFilter(query);
  const start = await findNode(db, query.key);
  return db.$queryRaw<KeyAtDepth[]>(Prisma.sql`
    WITH RECURSIVE ${walkCte("walk", start.id, "up", maxDepth, filter)}
    SELECT d.key, min(w.depth)::int AS depth
    FROM walk w JOIN dataset d ON d.id = w.id
    WHERE NOT EXISTS (SELECT 1 FROM edge e WHERE e.downstream_id = w.id AND ${edgeCondition("e", filter)})
    GROUP BY d.id, d.key, d.key_norm
    ORDER BY depth, d.key_norm`);
}

export type PathsQuery = { from: string; to: string; maxDepth?: number; limit?: number } & EdgeFilter;

export const MAX_PATH_DEPTH = 20;
export const MAX_PATHS = 100;

/**
 * Lineage paths from `from` (the upstream end) down to `to`, as key lists in
 * upstream → downstream order, shortest first (ties by keys). Returns [] when `to` is not
 * downstream of `from` within maxDepth hops — including when the two are given the other
 * way round. `from` = `to` gives the one empty-hop path [[from]].
 *
 * Path enumeration can explode in dense graphs, so the walk only follows nodes that can still
 * reach `to` within the remaining hops, and the recursive CTE is read lazily: it runs breadth
 * first (shorter paths come out first), and the inner LIMIT stops it after enough paths.
 */
export async function paths(query: PathsQuery): Promise<string[][]> {
  const db = getDb();
  const maxDepth = intParam("maxDepth", query.maxDepth ?? 8, 1, MAX_PATH_DEPTH);
  const limit = intParam("limit", query.limit ?? 20, 1, MAX_PATHS);
  const filter = resolveFilter(query);
  const from = await findNode(db, query.from, "from");
  const to = await findNode(db, query.to, "to");
  if (from.id === to.id) return [[from.key]];
  // Read more than `limit` so ties at the cut can be ordered by key, not by scan order.
  const cap = Math.max(limit * 10, 200);
  const rows = await db.$queryRaw<{ path: number[] }[]>(Prisma.sql`
    WITH RECURSIVE ${walkCte("back", to.id, "up", maxDepth, filter)},
    reach AS (SELECT id, min(depth) AS dist FROM back GROUP BY id),
    p(id, path) AS (
      SELECT r.id, ARRAY[r.id] FROM reach r WHERE r.id = ${from.id}::int
      UNION ALL
      SELECT e.downstream_id, p.path || e.downstream_id
      FROM p
      JOIN edge e ON e.upstream_id = p.id
      JOIN reach r ON r.id = e.downstream_id
      WHERE p.id <> ${to.id}::int
        AND cardinality(p.path) + r.dist <= ${maxDepth}::int
        AND NOT (e.downstream_id = ANY(p.path))
        AND ${edgeCondition("e", filter)}
    )
    SELECT path FROM p WHERE id = ${to.id}::int LIMIT ${cap}::int`);
  if (!rows.length) return [];
  const ids = [...new Set(rows.flatMap((row) => row.path))];
  const keys = await db.$queryRaw<{ id: number; key: string }[]>(
    Prisma.sql`SELECT id, key FROM dataset WHERE id = ANY(${ids}::int[])`,
  );
  const keyOf = new Map(keys.map((row) => [row.id, row.key]));
  return rows
    .map((row) => row.path.map((id) => keyOf.get(id) ?? String(id)))
    .sort((a, b) => a.length - b.length || compareKeyLists(a, b))
    .slice(0, limit);
}

function compareKeyLists(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!.toLowerCase();
    const y = (b[i] ?? "").toLowerCase();
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
