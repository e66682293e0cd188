import "server-only";
import { normalizeKey } from "@/lib/keys";
import { VIEW_MAX_NODES } from "@/lib/limits";
import type { LineageGraph } from "@/lib/lineage/types";
import { getDb, type Db } from "@/lib/server/db/client";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { expandedDown, expandedUp, MAX_LISTED_NODES, type ViewState } from "@/lib/view/state";
import { MAX_NODES_LIMIT, walkAround } from "./graph";
import { loadEdges, loadNodes } from "./load";
import { findNode, intParam, MAX_LINEAGE_DEPTH, type ResolvedFilter } from "./params";

export { VIEW_MAX_NODES };

export type ViewQuery = { key: string; state: ViewState; maxNodes?: number };
export type ViewResult = { graph: LineageGraph; notices: string[] };

/**
 * The explorer loads everything and filters on the client: switching a filter must not
 * refetch, and the hidden-count badges count rejected and weak edges too.
 */
export const EVERY_EDGE: ResolvedFilter = { minConfidence: 0, includeRejected: true };

type Direction = "up" | "down";
type ExpansionRow = { asked: string; dir: Direction; id: number; neighbour: number | null; neighbour_norm: string | null };

/**
 * The graph behind a view: the dataset's neighbourhood at the view's depths, plus one more
 * level upstream of every node expanded upstream and downstream of every node expanded downstream. The
 * result holds every edge between two of its nodes (the same promise getLineage makes), so
 * hidden counts are exact and an expanded node's new neighbours link to what was already
 * there. Filters are not applied here (see lib/graph/view.ts).
 *
 * A fixed number of queries whatever the view: root, walk, all expansions at once, nodes,
 * edges, evidence. Expansions chain (a node brought in by one expansion may be expanded
 * itself); those no longer connected to the view (say, after the depth was lowered) are
 * left out, and expanded keys the store does not know give a notice.
 */
export async function getView(query: ViewQuery): Promise<ViewResult> {
  const { state } = query;
  const up = intParam("up", state.up, 0, MAX_LINEAGE_DEPTH);
  const down = intParam("down", state.down, 0, MAX_LINEAGE_DEPTH);
  const maxNodes = intParam("maxNodes", query.maxNodes ?? VIEW_MAX_NODES, 1, MAX_NODES_LIMIT);
  const db = getDb();
  const root = await findNode(db, query.key);
  const notices: string[] = [];

  const walked = await walkAround(db, root.id, up, down, EVERY_EDGE);
  const order = walked.ordered.map((c) => c.id);
  const included = new Set(order);
  const addedIn = new Map<number, Direction>();

  const expansions = await loadExpansions(db, expandedUp(state).slice(0, MAX_LISTED_NODES), expandedDown(state).slice(0, MAX_LISTED_NODES));
  for (const key of expansions.unknown) notices.push(`"${key}" is not in the store; ignored.`);
  // Apply expansions of nodes already in the view until nothing new comes in.
  const pending = [...expansions.byNode.values()];
  for (let progress = true; progress; ) {
    progress = false;
    for (let i = 0; i < pending.length; i++) {
      const expansion = pending[i]!;
      if (!included.has(expansion.id)) continue;
      pending.splice(i--, 1);
      progress = true;
      for (const neighbour of expansion.neighbours) {
        if (included.has(neighbour)) continue;
        included.add(neighbour);
        order.push(neighbour);
        addedIn.set(neighbour, expansion.dir);
      }
    }
  }

  const kept = order.slice(0, maxNodes);
  const cut = order.length > kept.length;
  if (cut) notices.push(`This view has ${order.length} nodes; only the nearest ${maxNodes} are shown.`);

  const nodes = await loadNodes(db, kept, EVERY_EDGE);
  const edges = await loadEdges(db, kept, EVERY_EDGE);
  const truncated =
    cut ||
    kept.some((id) => {
      const node = nodes.get(id)!;
      const hiddenUp = node.hiddenUpstream > 0;
      const hiddenDown = node.hiddenDownstream > 0;
      return (
        (walked.upDepth.get(id) === up && hiddenUp) ||
        (walked.downDepth.get(id) === down && hiddenDown) ||
        (addedIn.get(id) === "up" && hiddenUp) ||
        (addedIn.get(id) === "down" && hiddenDown)
      );
    });

  return { graph: { root: root.key, nodes: kept.map((id) => nodes.get(id)!), edges, truncated }, notices };
}

type Expansion = { id: number; dir: Direction; neighbours: number[] };

/**
 * Every expanded node with its neighbours in the expanded direction, in one query. A node
 * expanded both ways is two expansions. Neighbours come in key order, so the node order (and
 * what a node cap keeps) is the same on every load.
 */
async function loadExpansions(db: Db, expandUp: string[], expandDown: string[]): Promise<{ byNode: Map<string, Expansion>; unknown: string[] }> {
  const byNode = new Map<string, Expansion>();
  if (!expandUp.length && !expandDown.length) return { byNode, unknown: [] };
  const upNorms = expandUp.map(normalizeKey);
  const downNorms = expandDown.map(normalizeKey);
  const rows = await db.$queryRaw<ExpansionRow[]>(Prisma.sql`
    SELECT x.key_norm AS asked, 'up' AS dir, d.id, n.id AS neighbour, n.key_norm AS neighbour_norm
    FROM unnest(${upNorms}::text[]) AS x(key_norm)
    JOIN dataset d ON d.key_norm = x.key_norm
    LEFT JOIN edge e ON e.downstream_id = d.id
    LEFT JOIN dataset n ON n.id = e.upstream_id
    UNION ALL
    SELECT x.key_norm AS asked, 'down' AS dir, d.id, n.id AS neighbour, n.key_norm AS neighbour_norm
    FROM unnest(${downNorms}::text[]) AS x(key_norm)
    JOIN dataset d ON d.key_norm = x.key_norm
    LEFT JOIN edge e ON e.upstream_id = d.id
    LEFT JOIN dataset n ON n.id = e.downstream_id
    ORDER BY dir, asked, neighbour_norm`);
  for (const row of rows) {
    const id = `${row.dir}:${row.asked}`;
    const expansion = byNode.get(id) ?? { id: row.id, dir: row.dir, neighbours: [] };
    if (row.neighbour != null) expansion.neighbours.push(row.neighbour);
    byNode.set(id, expansion);
  }
  const found = new Set(rows.map((row) => row.asked));
  const unknown = [...new Set([...expandUp, ...expandDown].filter((key) => !found.has(normalizeKey(key))))];
  return { byNode, unknown };
}
