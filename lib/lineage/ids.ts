/**
 * Normalised ids of nodes and edges, filled in once where graphs are built (the data layer,
 * snapshots read back, test factories), so maps everywhere else are keyed on them and no
 * component re-normalises keys. A node's id is its key in comparison form (lib/keys.ts).
 */
import { normalizeKey } from "@/lib/keys";
import type { LineageEdge, LineageGraph, LineageNode } from "./types";

export function nodeId(key: string): string {
  return normalizeKey(key);
}

const EDGE_PREFIX = "edge:";
const SEPARATOR = "->";

/** An edge's id from its ends' node ids; lib/graph/ids.ts reads it back. */
export function edgeId(upstreamId: string, downstreamId: string): string {
  return `${EDGE_PREFIX}${encodeURIComponent(upstreamId)}${SEPARATOR}${encodeURIComponent(downstreamId)}`;
}

export function edgeIdParts(id: string): { upstream: string; downstream: string } | null {
  if (!id.startsWith(EDGE_PREFIX)) return null;
  const body = id.slice(EDGE_PREFIX.length);
  const at = body.indexOf(SEPARATOR);
  // encodeURIComponent never emits ">", so the first separator is the only one.
  if (at <= 0 || body.indexOf(SEPARATOR, at + 1) !== -1) return null;
  try {
    const upstream = decodeURIComponent(body.slice(0, at));
    const downstream = decodeURIComponent(body.slice(at + SEPARATOR.length));
    return upstream && downstream ? { upstream, downstream } : null;
  } catch {
    return null;
  }
}

export function edgeIds(upstream: string, downstream: string): Pick<LineageEdge, "id" | "upstreamId" | "downstreamId"> {
  const upstreamId = nodeId(upstream);
  const downstreamId = nodeId(downstream);
  return { id: edgeId(upstreamId, downstreamId), upstreamId, downstreamId };
}

/** A graph stored before ids existed (an old snapshot), with them filled in. */
export function withIds(graph: LineageGraph): LineageGraph {
  const nodes = graph.nodes.map((n): LineageNode => (n.id ? n : { ...n, id: nodeId(n.key) }));
  const edges = graph.edges.map((e): LineageEdge => (e.id && e.upstreamId && e.downstreamId ? e : { ...e, ...edgeIds(e.upstream, e.downstream) }));
  return { ...graph, nodes, edges };
}
