import type { LineageEdge, LineageGraph, LineageNode } from "@/lib/lineage/types";
import { normalizeKey } from "@/lib/keys";

export type UpstreamEntry = {
  node: LineageNode;
  /** Hops from the root (1 = a direct source). */
  depth: number;
  /** Drawn edges from this node into the nodes it feeds. */
  feeds: LineageEdge[];
};

/**
 * Every drawn ancestor of the graph's root, nearest first (then by key): the text
 * counterpart of the canvas.
 */
export function upstreamOf(graph: LineageGraph): UpstreamEntry[] {
  const byKey = new Map(graph.nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, LineageEdge[]>();
  const outgoing = new Map<string, LineageEdge[]>();
  for (const edge of graph.edges) {
    const [u, d] = [edge.upstreamId, edge.downstreamId];
    incoming.set(d, [...(incoming.get(d) ?? []), edge]);
    outgoing.set(u, [...(outgoing.get(u) ?? []), edge]);
  }
  const root = normalizeKey(graph.root);
  const depth = new Map([[root, 0]]);
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    const key = queue[i]!;
    for (const edge of incoming.get(key) ?? []) {
      const up = edge.upstreamId;
      if (!depth.has(up) && byKey.has(up)) {
        depth.set(up, depth.get(key)! + 1);
        queue.push(up);
      }
    }
  }
  return queue
    .slice(1)
    .map((key) => ({ node: byKey.get(key)!, depth: depth.get(key)!, feeds: (outgoing.get(key) ?? []).filter((e) => depth.has(e.downstreamId)) }))
    .sort((a, b) => a.depth - b.depth || (a.node.id < b.node.id ? -1 : 1));
}

/** The drawn edges that end in `key` (the node's sources), strongest first. */
export function incomingEdges(graph: LineageGraph, key: string): LineageEdge[] {
  const norm = normalizeKey(key);
  return graph.edges.filter((e) => e.downstreamId === norm).sort((a, b) => b.confidence - a.confidence || (a.upstream < b.upstream ? -1 : 1));
}
