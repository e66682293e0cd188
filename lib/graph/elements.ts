import type { LineageEdge, LineageNode } from "@/lib/lineage/types";
import type { Arrangement } from "./arrange";
import { createEdgeId } from "./ids";
import type { Point } from "./layered";
import { CONTAMINATION_STYLES, DOMAIN_COLORS, DOMAIN_LABELS, inkOn, KIND_SHORT_LABELS, NO_DOMAIN, type DomainOrNone } from "./style";

/**
 * What the canvas draws, as Cytoscape element definitions with their positions (plain
 * objects, so this stays pure and testable without a browser). Node element ids are node ids
 * (normalised keys) or group ids (lib/graph/ids.ts); edges join them.
 */

export type DrawnView = { nodes: readonly LineageNode[]; edges: readonly LineageEdge[] };

export type ContaminationMark = "CONTAMINATED" | "POSSIBLE" | "MITIGATED" | "NONE";
/** Node id → its worst flag (and its severity per evaluation set), for the nodes that have one. */
export type ContaminationMarks = Readonly<Record<string, { severity: string; benchmarks: readonly string[]; bySet?: Readonly<Record<string, string>> }>>;

export type NodeData = {
  id: string;
  /** The node's key as stored; "" for a group. */
  key: string;
  /** Name, then "kind · +3↑ +2↓" (and a contamination line) below. */
  label: string;
  /** The name alone: what a kept label shows when zoomed far out. */
  name: string;
  displayName: string;
  kind: LineageNode["kind"] | "GROUP";
  domain: DomainOrNone;
  domains: string[];
  isRoot: boolean;
  hiddenUpstream: number;
  hiddenDownstream: number;
  /** Worst contamination flag of the node (of any member, for a group; "NONE" when none). */
  contamination: ContaminationMark;
  /** A fill colour that replaces the domain's (licence colouring), and the text colour readable on it; absent otherwise. */
  fill?: string;
  ink?: string;
  /** For a group: how many members are drawn in it, and whose sources (up) or uses (down) they are. */
  count?: number;
  /** (Not `parent`: Cytoscape reads that as a compound node's container.) */
  groupOf?: string;
  dir?: "up" | "down";
  /** A group's border: its members' most common domain colour. */
  groupColor?: string;
};

export type EdgeData = {
  id: string;
  source: string;
  target: string;
  relation: string;
  confidence: number;
  split: string;
  status: string;
  /** Edges a group's link stands for (1 for a plain edge). */
  bundle: number;
};

export type NodeElement = { group: "nodes"; data: NodeData; position: Point };
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

function shortName(name: string): string {
  return name.length > MAX_LABEL_NAME ? `${name.slice(0, MAX_LABEL_NAME - 1)}…` : name;
}

export function nodeLabel(node: Pick<LineageNode, "displayName" | "kind" | "hiddenUpstream" | "hiddenDownstream">): string {
  const badge = hiddenBadge(node);
  return `${shortName(node.displayName)}\n${KIND_SHORT_LABELS[node.kind]}${badge ? ` · ${badge}` : ""}`;
}

function markOf(marks: ContaminationMarks | undefined, id: string): ContaminationMark {
  const severity = marks?.[id]?.severity;
  return severity === "CONTAMINATED" || severity === "POSSIBLE" || severity === "MITIGATED" ? severity : "NONE";
}

const SEVERITY_ORDER: ContaminationMark[] = ["CONTAMINATED", "POSSIBLE", "MITIGATED", "NONE"];

/**
 * A group's words: "+111 sources" and what its members share — a common name start
 * ("CC-MAIN-…"), else their most common domain.
 */
export function groupLabel(members: readonly Pick<LineageNode, "displayName" | "domains">[], dir: "up" | "down"): { label: string; name: string } {
  const count = members.length;
  const head = `+${count} ${dir === "up" ? (count === 1 ? "source" : "sources") : count === 1 ? "use" : "uses"}`;
  const prefix = commonPrefix(members.map((m) => m.displayName));
  const domain = dominantDomain(members);
  const detail = prefix ? `${prefix}…` : domain === NO_DOMAIN ? "" : DOMAIN_LABELS[domain].toLowerCase();
  const name = detail ? `${head} (${detail})` : head;
  return { label: `${head}\n${detail ? `${detail} · ` : ""}click to show`, name };
}

/** The start all names share, cut back to a word or punctuation boundary; "" when under 4 characters. */
function commonPrefix(names: readonly string[]): string {
  if (names.length < 2) return "";
  let prefix = names[0]!;
  for (const name of names) {
    let i = 0;
    while (i < prefix.length && i < name.length && prefix[i]!.toLowerCase() === name[i]!.toLowerCase()) i++;
    prefix = prefix.slice(0, i);
    if (!prefix) return "";
  }
  const cut = prefix.search(/[\s_./:-][^\s_./:-]*$/);
  const trimmed = (cut > 0 ? prefix.slice(0, cut + 1) : prefix).trim();
  return trimmed.length >= 4 ? shortName(trimmed) : "";
}

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

function dominantDomain(members: readonly Pick<LineageNode, "domains">[]): DomainOrNone {
  const counts = new Map<DomainOrNone, number>();
  for (const m of members) {
    const d = (m.domains[0] ?? NO_DOMAIN) as DomainOrNone;
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? NO_DOMAIN;
}

export type ElementsInput = {
  view: DrawnView;
  rootId: string;
  arrangement: Arrangement;
  marks?: ContaminationMarks;
  /** Node fills replacing the domain colours (licence colouring), by node id. */
  fills?: Readonly<Record<string, string>>;
};

/**
 * The drawn elements: every visible node outside a closed group at its arranged place, one
 * node per closed group with a visible member, and the visible edges with group members
 * replaced by their group (one edge per pair, standing for the edges it bundles).
 */
export function toCytoscapeElements({ view, rootId, arrangement, marks, fills }: ElementsInput): LineageElements {
  const nodes: NodeElement[] = [];
  const groupMembers = new Map<string, LineageNode[]>();
  const drawn = new Set<string>();
  for (const node of view.nodes) {
    if (drawn.has(node.id)) continue;
    drawn.add(node.id);
    const fanId = arrangement.fanOf.get(node.id);
    if (fanId) {
      groupMembers.set(fanId, [...(groupMembers.get(fanId) ?? []), node]);
      continue;
    }
    const mark = markOf(marks, node.id);
    nodes.push({
      group: "nodes",
      position: { ...(arrangement.positions.get(node.id) ?? { x: 0, y: 0 }) },
      data: {
        id: node.id,
        key: node.key,
        label: mark === "NONE" ? nodeLabel(node) : `${nodeLabel(node)}\n${CONTAMINATION_STYLES[mark].text}`,
        name: shortName(node.displayName),
        displayName: node.displayName,
        kind: node.kind,
        domain: node.domains[0] ?? NO_DOMAIN,
        domains: [...node.domains],
        isRoot: node.id === rootId,
        hiddenUpstream: node.hiddenUpstream,
        hiddenDownstream: node.hiddenDownstream,
        contamination: mark,
        ...(fills ? ((fill) => ({ fill, ink: inkOn(fill) }))(fills[node.id] ?? UNKNOWN_FILL) : {}),
      },
    });
  }
  for (const [fanId, members] of [...groupMembers].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const fan = arrangement.fans.get(fanId)!;
    const { label, name } = groupLabel(members, fan.dir);
    const worst = SEVERITY_ORDER.find((s) => members.some((m) => markOf(marks, m.id) === s)) ?? "NONE";
    const domain = dominantDomain(members);
    // Coloured by licence: the group takes its members' most common colour.
    const fill = fills ? mostCommon(members.map((m) => fills[m.id] ?? UNKNOWN_FILL)) : undefined;
    nodes.push({
      group: "nodes",
      position: { ...(arrangement.positions.get(fanId) ?? { x: 0, y: 0 }) },
      data: {
        id: fanId,
        key: "",
        label,
        name,
        displayName: name,
        kind: "GROUP",
        domain,
        groupColor: DOMAIN_COLORS[domain],
        domains: [],
        isRoot: false,
        hiddenUpstream: 0,
        hiddenDownstream: 0,
        contamination: worst,
        count: members.length,
        groupOf: fan.parent,
        dir: fan.dir,
        ...(fill ? { fill, ink: inkOn(fill) } : {}),
      },
    });
  }

  const edges = new Map<string, EdgeElement>();
  for (const edge of view.edges) {
    if (!drawn.has(edge.upstreamId) || !drawn.has(edge.downstreamId)) continue;
    const source = arrangement.fanOf.get(edge.upstreamId) ?? edge.upstreamId;
    const target = arrangement.fanOf.get(edge.downstreamId) ?? edge.downstreamId;
    if (source === target) continue;
    const id = createEdgeId(source, target);
    const existing = edges.get(id);
    const confidence = Math.min(1, Math.max(0, edge.confidence));
    if (existing) {
      // A group's link: as strong as its strongest member edge, drawn with that edge's relation.
      existing.data.bundle++;
      if (confidence > existing.data.confidence) Object.assign(existing.data, { confidence, relation: edge.relation, split: edge.split, status: edge.status });
      continue;
    }
    edges.set(id, { group: "edges", data: { id, source, target, relation: edge.relation, confidence, split: edge.split, status: edge.status, bundle: 1 } });
  }
  return { nodes, edges: [...edges.values()] };
}
