import type { LineageEdge, LineageNode } from "@/lib/lineage/types";
import { normalizeKey } from "@/lib/keys";
import { createEdgeId, createNodeId } from "./ids";
import { CONTAMINATION_STYLES, inkOn, KIND_SHORT_LABELS, NO_DOMAIN, type DomainOrNone } from "./style";

/**
 * A drawn lineage view as Cytoscape element definitions (plain objects, so this stays pure
 * and testable without a browser). Node ids are keys; edge ids come from lib/graph/ids.
 */

export type DrawnView = { nodes: readonly LineageNode[]; edges: readonly LineageEdge[] };

export type NodeData = {
  id: string;
  key: string;
  /** Name, then "kind · +3↑ +2↓" on a second line. */
  label: string;
  displayName: string;
  kind: LineageNode["kind"];
  domain: DomainOrNone;
  domains: string[];
  isRoot: boolean;
  hiddenUpstream: number;
  hiddenDownstream: number;
  /** Worst contamination flag of the node ("NONE" when it has none). */
  contamination: ContaminationMark;
  /** A fill colour that replaces the domain's (licence colouring), and the text colour readable on it; absent otherwise. */
  fill?: string;
  ink?: string;
};

export type ContaminationMark = "CONTAMINATED" | "POSSIBLE" | "MITIGATED" | "NONE";
/** Node key (normalised) → its worst flag (and its severity per evaluation set), for the nodes that have one. */
export type ContaminationMarks = Readonly<Record<string, { severity: string; benchmarks: readonly string[]; bySet?: Readonly<Record<string, string>> }>>;

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

/** "+3↑ +1↓" for sources and uses that exist but are not drawn; empty when none. */
export function hiddenBadge(node: Pick<LineageNode, "hiddenUpstream" | "hiddenDownstream">): string {
  return [node.hiddenUpstream > 0 ? `+${node.hiddenUpstream}↑` : "", node.hiddenDownstream > 0 ? `+${node.hiddenDownstream}↓` : ""].filter(Boolean).join(" ");
}

/** Fill of a node whose licence class is not known, in licence colouring. */
export const UNKNOWN_FILL = "#94a3b8";

/** Longest name drawn inside a node box; the panel shows the full one. */
const MAX_LABEL_NAME = 26;

export function nodeLabel(node: Pick<LineageNode, "displayName" | "kind" | "hiddenUpstream" | "hiddenDownstream">): string {
  const name = node.displayName.length > MAX_LABEL_NAME ? `${node.displayName.slice(0, MAX_LABEL_NAME - 1)}…` : node.displayName;
  const badge = hiddenBadge(node);
  return `${name}\n${KIND_SHORT_LABELS[node.kind]}${badge ? ` · ${badge}` : ""}`;
}

function markOf(marks: ContaminationMarks | undefined, key: string): ContaminationMark {
  const severity = marks?.[normalizeKey(key)]?.severity;
  return severity === "CONTAMINATED" || severity === "POSSIBLE" || severity === "MITIGATED" ? severity : "NONE";
}

export function toCytoscapeElements(view: DrawnView, rootKey: string, marks?: ContaminationMarks, fills?: Readonly<Record<string, string>>): LineageElements {
  const root = normalizeKey(rootKey);
  const drawn = new Set<string>();
  const nodes: NodeElement[] = [];
  for (const node of view.nodes) {
    if (drawn.has(node.key)) continue;
    drawn.add(node.key);
    nodes.push({
      group: "nodes",
      data: {
        id: createNodeId(node.key),
        key: node.key,
        label: ((mark) => (mark === "NONE" ? nodeLabel(node) : `${nodeLabel(node)}\n${CONTAMINATION_STYLES[mark].text}`))(markOf(marks, node.key)),
        displayName: node.displayName,
        kind: node.kind,
        domain: node.domains[0] ?? NO_DOMAIN,
        domains: [...node.domains],
        isRoot: normalizeKey(node.key) === root,
        hiddenUpstream: node.hiddenUpstream,
        hiddenDownstream: node.hiddenDownstream,
        contamination: markOf(marks, node.key),
        ...(fills ? ((fill) => ({ fill, ink: inkOn(fill) }))(fills[normalizeKey(node.key)] ?? UNKNOWN_FILL) : {}),
      },
    });
  }
  const seen = new Set<string>();
  const edges: EdgeElement[] = [];
  for (const edge of view.edges) {
    const id = createEdgeId(edge.upstream, edge.downstream);
    if (seen.has(id) || edge.upstream === edge.downstream || !drawn.has(edge.upstream) || !drawn.has(edge.downstream)) continue;
    seen.add(id);
    edges.push({
      group: "edges",
      data: {
        id,
        source: createNodeId(edge.upstream),
        target: createNodeId(edge.downstream),
        relation: edge.relation,
        confidence: Math.min(1, Math.max(0, edge.confidence)),
        split: edge.split,
        status: edge.status,
      },
    });
  }
  return { nodes, edges };
}
