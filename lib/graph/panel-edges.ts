import type { LineageEdge } from "@/lib/lineage/types";

export type PanelEdge = { edge: LineageEdge; /** false when filters, collapse or focus hide it. */ drawn: boolean };

/** A node's incoming and outgoing edges in the loaded graph, drawn ones first, then by confidence. */
export function panelEdges(edges: readonly LineageEdge[], nodeId: string, drawnEdgeIds: ReadonlySet<string>): { incoming: PanelEdge[]; outgoing: PanelEdge[] } {
  const incoming: PanelEdge[] = [];
  const outgoing: PanelEdge[] = [];
  for (const edge of edges) {
    const drawn = drawnEdgeIds.has(edge.id);
    if (edge.downstreamId === nodeId) incoming.push({ edge, drawn });
    if (edge.upstreamId === nodeId) outgoing.push({ edge, drawn });
  }
  const order = (a: PanelEdge, b: PanelEdge) => Number(b.drawn) - Number(a.drawn) || b.edge.confidence - a.edge.confidence;
  return { incoming: incoming.sort(order), outgoing: outgoing.sort(order) };
}
