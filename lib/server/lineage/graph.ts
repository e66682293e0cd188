import "server-only";
import { AppError } from "@/lib/errors";
import type { LineageGraph, LineageNode } from "@/lib/lineage/types";
import { getDb, type Db } from "@/lib/server/db/client";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { loadEdges, loadNodes } from "./load";
import { checkKey, findNode, intParam, MAX_LINEAGE_DEPTH, resolveFilter, type EdgeFilter, type ResolvedFilter } from "./params";
import { walkCte } from "./traverse";

export const DEFAULT_MAX_NODES = 1500;
export const MAX_NODES_LIMIT = 10_000;

export type LineageQuery = { key: string; up: number; down: number; maxNodes?: number } & EdgeFilter;

type WalkRow = { id: number; key_norm: string; depth: number; side: "up" | "down" };

export type Walked = {
  /** Every node within reach, nearest first (then by key): the order in which maxNodes keeps them. */
  ordered: { id: number; keyNorm: string; distance: number }[];
  upDepth: Map<number, number>;
  downDepth: Map<number, number>;
};

/** The nodes within `up` hops upstream and `down` hops downstream of `rootId`: one query. */
export async function walkAround(db: Db, rootId: number, up: number, down: number, filter: ResolvedFilter): Promise<Walked> {
  const walked = await db.$queryRaw<WalkRow[]>(Prisma.sql`
    WITH RECURSIVE ${walkCte("up_walk", rootId, "up", up, filter)},
    ${walkCte("down_walk", rootId, "down", down, filter)}
    SELECT w.id, d.key_norm, min(w.depth)::int AS depth, 'up' AS side
    FROM up_walk w JOIN dataset d ON d.id = w.id GROUP BY w.id, d.key_norm
    UNION ALL
    SELECT w.id, d.key_norm, min(w.depth)::int AS depth, 'down' AS side
    FROM down_walk w JOIN dataset d ON d.id = w.id GROUP BY w.id, d.key_norm`);

  const upDepth = new Map<number, number>();
  const downDepth = new Map<number, number>();
  const candidates = new Map<number, { id: number; keyNorm: string; distance: number }>();
  for (const row of walked) {
    (row.side === "up" ? upDepth : downDepth).set(row.id, row.depth);
    const seen = candidates.get(row.id);
    if (!seen || row.depth < seen.distance) candidates.set(row.id, { id: row.id, keyNorm: row.key_norm, distance: row.depth });
  }
  const ordered = [...candidates.values()].sort(
    (a, b) => a.distance - b.distance || (a.keyNorm < b.keyNorm ? -1 : a.keyNorm > b.keyNorm ? 1 : 0),
  );
  return { ordered, upDepth, downDepth };
}

/**
 * The neighbourhood of `key`: nodes within `up` hops upstream and `down` hops downstream,
 * and every edge (under the filter) between two returned nodes — so each node's hidden
 * counts are exactly its edges that are not drawn. Nearest nodes win when maxNodes cuts.
 * Five queries whatever the size: root, both walks, nodes with counts, edges, evidence.
 */
export async function getLineage(query: LineageQuery): Promise<LineageGraph> {
  checkKey(query.key);
  const up = intParam("up", query.up, 0, MAX_LINEAGE_DEPTH);
  const down = intParam("down", query.down, 0, MAX_LINEAGE_DEPTH);
  const maxNodes = intParam("maxNodes", query.maxNodes ?? DEFAULT_MAX_NODES, 1, MAX_NODES_LIMIT);
  const filter = resolveFilter(query);
  const db = getDb();
  const root = await findNode(db, query.key);

  const { ordered, upDepth, downDepth } = await walkAround(db, root.id, up, down, filter);
  const kept = ordered.slice(0, maxNodes).map((candidate) => candidate.id);
  const cut = ordered.length > kept.length;

  const nodes = await loadNodes(db, kept, filter);
  const edges = await loadEdges(db, kept, filter);

  const atFrontier = (id: number, node: LineageNode) =>
    (upDepth.get(id) === up && node.hiddenUpstream > 0) || (downDepth.get(id) === down && node.hiddenDownstream > 0);
  const truncated = cut || kept.some((id) => atFrontier(id, nodes.get(id)!));

  return {
    root: root.key,
    nodes: kept.map((id) => nodes.get(id)!),
    edges,
    truncated,
  };
}

export type NeighboursQuery = { key: string; direction: "up" | "down" | "both"; maxNodes?: number } & EdgeFilter;

/** A node and its direct neighbours in one or both directions (the explorer's "expand"). */
export async function neighbours(query: NeighboursQuery): Promise<LineageGraph> {
  const { direction, ...rest } = query;
  if (direction !== "up" && direction !== "down" && direction !== "both") {
    throw new AppError("bad_request:params", 'direction must be "up", "down" or "both".', { direction });
  }
  return getLineage({ ...rest, up: direction === "down" ? 0 : 1, down: direction === "up" ? 0 : 1 });
}
