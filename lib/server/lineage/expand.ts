import "server-only";
import { AppError } from "@/lib/errors";
import { normalizeKey, parseKey } from "@/lib/keys";
import { VIEW_MAX_NODES } from "@/lib/limits";
import type { LineageEdge, LineageNode } from "@/lib/lineage/types";
import { getDb } from "@/lib/server/db/client";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { loadEdges, loadNodes } from "./load";
import { checkKey, findNode } from "./params";
import { EVERY_EDGE } from "./view";

export type ExpansionDirection = "up" | "down";
export type ExpansionQuery = { key: string; direction: ExpansionDirection; have: string[]; /** The view's node cap (VIEW_MAX_NODES unless a test asks for less). */ maxNodes?: number };
export type Expansion = { node: LineageNode; nodes: LineageNode[]; edges: LineageEdge[]; notices: string[] };

type NeighbourRow = { part: "have" | "new"; id: number; key_norm: string };

const SHOWN_BAD_KEYS = 3;

/**
 * What expanding `key` one level upstream ("up") or downstream ("down") adds to a drawn
 * graph whose node keys are `have` (any casing): the node itself, freshly loaded; its direct
 * neighbours in that direction that are not drawn yet (in key order); and every stored edge
 * (all statuses and confidences, as getView loads them, with evidence) that has an end among
 * those new nodes and the other among the new nodes, `have` or `key`. That is exactly what
 * getView adds when the view's state gains this expansion (lineage/expand.db.test.ts checks
 * it), so the explorer can merge it instead of reloading the view.
 *
 * Counts: upstreamCount and downstreamCount are the store's. hiddenUpstream and
 * hiddenDownstream of `node` and `nodes` count edges whose other end is not in
 * `have` ∪ new ∪ {key}; the client must recompute the hidden counts of every node it merges
 * into (the drawn nodes' edges to the new nodes are drawn now) — lib/graph/merge-expansion.ts
 * does, from the counts and the merged edges.
 *
 * Like getView, the view holds at most VIEW_MAX_NODES nodes: new nodes beyond that are left
 * out (the first in key order kept) with a notice. Keys in `have` the store does not know are
 * ignored. At most five queries whatever the size: the node; the drawn ids with the new
 * neighbours; nodes with counts; then, when the expansion adds nodes, edges and their evidence.
 */
export async function getExpansion(query: ExpansionQuery): Promise<Expansion> {
  const { key, direction, have } = query;
  const maxNodes = query.maxNodes ?? VIEW_MAX_NODES;
  checkKey(key);
  if (direction !== "up" && direction !== "down") {
    throw new AppError("bad_request:params", 'direction must be "up" or "down".', { direction });
  }
  const haveNorms = checkHave(have);
  const db = getDb();
  const root = await findNode(db, key);
  const notices: string[] = [];

  // Neighbours in the direction (never the node itself: the store has no self-loops) that are not drawn.
  const [near, far] = direction === "up" ? ["downstream_id", "upstream_id"] : ["upstream_id", "downstream_id"];
  const rows = await db.$queryRaw<NeighbourRow[]>(Prisma.sql`
    WITH have AS (
      SELECT d.id, d.key_norm FROM unnest(${haveNorms}::text[]) AS x(key_norm) JOIN dataset d ON d.key_norm = x.key_norm
    )
    SELECT 'have' AS part, h.id, h.key_norm FROM have h
    UNION ALL
    SELECT 'new' AS part, n.id, n.key_norm
    FROM edge e JOIN dataset n ON n.id = e.${Prisma.raw(far)}
    WHERE e.${Prisma.raw(near)} = ${root.id} AND NOT EXISTS (SELECT 1 FROM have h WHERE h.id = n.id)
    ORDER BY part, key_norm`);
  const drawn = rows.filter((row) => row.part === "have").map((row) => row.id);
  let added = rows.filter((row) => row.part === "new").map((row) => row.id);

  const rootDrawn = drawn.includes(root.id);
  if (!rootDrawn) notices.push(`"${root.key}" is not among the drawn nodes; what it brings in is not linked to them.`);
  const context = rootDrawn ? drawn : [...drawn, root.id];
  const room = Math.max(0, maxNodes - context.length);
  if (added.length > room) {
    notices.push(`This view has ${context.length + added.length} nodes; only the nearest ${maxNodes} are shown.`);
    added = added.slice(0, room);
  }

  const others = context.filter((id) => id !== root.id);
  const nodes = await loadNodes(db, [root.id, ...added], EVERY_EDGE, others);
  const edges = added.length ? await loadEdges(db, added, EVERY_EDGE, context) : [];
  return { node: nodes.get(root.id)!, nodes: added.map((id) => nodes.get(id)!), edges, notices };
}

/** `have` as normalised keys: an array of at most VIEW_MAX_NODES dataset keys, else a 400 naming the bad ones. */
function checkHave(have: unknown): string[] {
  if (!Array.isArray(have) || have.some((key) => typeof key !== "string")) {
    throw new AppError("bad_request:params", "have must be a list of the drawn nodes' keys.", { have: typeof have });
  }
  if (have.length > VIEW_MAX_NODES) {
    throw new AppError("bad_request:params", `have lists ${have.length} keys; a view holds at most ${VIEW_MAX_NODES} nodes.`, { have: have.length });
  }
  const keys = have as string[];
  const bad = keys.filter((key) => !(parseKey(key) || parseKey(normalizeKey(key))));
  if (bad.length) {
    const shown = bad.slice(0, SHOWN_BAD_KEYS).map((key) => JSON.stringify(key.length > 60 ? `${key.slice(0, 57)}…` : key));
    const more = bad.length > SHOWN_BAD_KEYS ? ` and ${bad.length - SHOWN_BAD_KEYS} more` : "";
    throw new AppError(
      "bad_request:key",
      `have must hold dataset keys (owner/name, github:, arxiv:, web:, corpus:); ${bad.length === 1 ? "this is not one" : "these are not"}: ${shown.join(", ")}${more}.`,
      { have: bad.slice(0, SHOWN_BAD_KEYS) },
    );
  }
  return [...new Set(keys.map(normalizeKey))];
}
