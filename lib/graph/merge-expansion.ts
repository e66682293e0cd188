import type { LineageEdge, LineageGraph, LineageNode } from "@/lib/lineage/types";
import { mergeGraphs } from "./view";

/** What POST /api/expand/{key} answers for one expansion (its graph part). */
export type GraphExpansion = {
  /** The expanded node, freshly loaded. */
  node: LineageNode;
  /** Its neighbours in the expanded direction that were not drawn. */
  nodes: LineageNode[];
  /** Every edge with an end among `nodes` and the other among `nodes`, the drawn nodes or `node`. */
  edges: LineageEdge[];
  /** The expanded direction, when known: new nodes with more beyond them in it mark the graph truncated. */
  direction?: "up" | "down";
};

/**
 * The drawn graph with one expansion merged in, as GET /api/view would return it for the
 * view with that expansion added: the new nodes and edges added, the expanded node replaced
 * by the fresh one, and hiddenUpstream / hiddenDownstream of every node recomputed against
 * the merged edges (the server's counts for the new nodes are against the drawn graph at
 * request time; the drawn nodes' counts change because their edges to the new nodes are now
 * drawn). mergeGraphs does exactly this; keys match in any casing, the graph's root and
 * order come first. Pure and client-safe.
 *
 * `truncated` stays true once true, and becomes true (with `direction`) when a new node has
 * more in the expanded direction than is drawn, as getView marks a view; it does not turn
 * false when the expansion uncovered a frontier node, which takes the view's depths to know
 * (the next full load of the view says).
 */
export function mergeExpansion(graph: LineageGraph, expansion: GraphExpansion): LineageGraph {
  const merged = mergeGraphs(graph, { root: graph.root, nodes: [expansion.node, ...expansion.nodes], edges: expansion.edges, truncated: false });
  if (merged.truncated || !expansion.direction || !expansion.nodes.length) return merged;
  const added = new Set(expansion.nodes.map((n) => n.id));
  const more = merged.nodes.some(
    (n) => added.has(n.id) && (expansion.direction === "up" ? n.hiddenUpstream : n.hiddenDownstream) > 0,
  );
  return more ? { ...merged, truncated: true } : merged;
}
