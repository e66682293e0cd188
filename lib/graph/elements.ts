import type { LineageGraph, LineageNode } from "@/lib/lineage/types";
import { createEdgeId, createNodeId } from "./ids";
import { NO_DOMAIN, type DomainOrNone } from "./style";

/**
 * A lineage graph as Cytoscape element definitions (plain objects, so this stays pure and
 * testable without a browser). Node ids are keys; edge ids come from lib/graph/ids.
 */

export type NodeData = {
  id: string;
  key: string;
  label: string;
  displayName: string;
  kind: LineageNode["kind"];
  domain: DomainOrNone;
  domains: string[];
  isRoot: boolean;
  hiddenUpstream: number;
  hiddenDownstream: number;
};

export type EdgeData = {
  id: string;
  source: string;
  target: string;
  relation: string;
  confidence: number;
  split: string;
  status: string;
};

export type NodeElement = { group: "nodes"; data: NodeData };
export type EdgeElement = { group: "edges"; data: EdgeData };
export type LineageElements = { nodes: NodeElement[]; edges: EdgeElement[] };

/** "+3 ↑  +1 ↓" for sources and uses that exist but are not drawn; empty when none. */
export function hiddenBadge(node: Pick<LineageNode, "hiddenUpstream" | "hiddenDownstream">): string {
  return [node.hiddenUpstream > 0 ? `+${node.hiddenUpstream} ↑` : "", node.hiddenDownstream > 0 ? `+${node.hiddenDownstream} ↓` : ""].filter(Boolean).join("  ");
}

export function toCytoscapeElements(graph: LineageGraph): LineageElements {
  const drawn = new Set(graph.nodes.map((n) => n.key));
  const nodes = graph.nodes.map<NodeElement>((node) => {
    const badge = hiddenBadge(node);
    return {
      group: "nodes",
      data: {
        id: createNodeId(node.key),
        key: node.key,
        label: badge ? `${node.displayName}\n${badge}` : node.displayName,
        displayName: node.displayName,
        kind: node.kind,
        domain: node.domains[0] ?? NO_DOMAIN,
        domains: [...node.domains],
        isRoot: node.key === graph.root,
        hiddenUpstream: node.hiddenUpstream,
        hiddenDownstream: node.hiddenDownstream,
      },
    };
  });
  const seen = new Set<string>();
  const edges: EdgeElement[] = [];
  for (const edge of graph.edges) {
    const id = createEdgeId(edge.upstream, edge.downstream);
    if (seen.has(id) || !drawn.has(edge.upstream) || !drawn.has(edge.downstream)) continue;
    seen.add(id);
    edges.push({
      group: "edges",
      data: {
        id,
        source: createNodeId(edge.upstream),
        target: createNodeId(edge.downstream),
        relation: edge.relation,
        confidence: edge.confidence,
        split: edge.split,
        status: edge.status,
      },
    });
  }
  return { nodes, edges };
}
