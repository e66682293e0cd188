import { normalizeKey } from "@/lib/keys";
import type { LineageEdge, LineageGraph, LineageNode } from "@/lib/lineage/types";
import { compareKeys, type ViewState } from "@/lib/view/state";

/**
 * What the explorer draws, computed from the graph the server sent and the view state in the
 * URL. Pure and client-safe: the page, the API, snapshots and exports all call the same
 * function, so a permalink shows the same nodes and edges everywhere. Everything here is
 * linear in nodes + edges (maps and breadth-first walks), which keeps 2,500-node views cheap.
 */

export type VisibleGraph = { nodes: LineageNode[]; edges: LineageEdge[] };

type Pair = { up: string; down: string };

const pairOf = (edge: LineageEdge): Pair => ({ up: edge.upstreamId, down: edge.downstreamId });
const pairKey = (pair: Pair) => `${pair.up}\n${pair.down}`;

function compareEdges(a: LineageEdge, b: LineageEdge): number {
  return compareKeys(a.upstream, b.upstream) || compareKeys(a.downstream, b.downstream);
}

/** Hidden counts as "edges in the store minus edges drawn", never below zero. */
function withHiddenCounts(nodes: Iterable<LineageNode>, edges: readonly LineageEdge[]): LineageNode[] {
  const drawnUp = new Map<string, number>();
  const drawnDown = new Map<string, number>();
  for (const edge of edges) {
    const { up, down } = pairOf(edge);
    drawnUp.set(down, (drawnUp.get(down) ?? 0) + 1);
    drawnDown.set(up, (drawnDown.get(up) ?? 0) + 1);
  }
  const out: LineageNode[] = [];
  for (const node of nodes) {
    const norm = node.id;
    const hiddenUpstream = Math.max(0, node.upstreamCount - (drawnUp.get(norm) ?? 0));
    const hiddenDownstream = Math.max(0, node.downstreamCount - (drawnDown.get(norm) ?? 0));
    out.push(hiddenUpstream === node.hiddenUpstream && hiddenDownstream === node.hiddenDownstream ? node : { ...node, hiddenUpstream, hiddenDownstream });
  }
  return out;
}

/**
 * Union of two graphs (say, the view and a node's neighbours fetched after an expand): one node
 * per key and one edge per pair, the newer facts (b's) winning; a's root and order come first.
 */
export function mergeGraphs(a: LineageGraph, b: LineageGraph): LineageGraph {
  const nodes = new Map<string, LineageNode>();
  for (const node of a.nodes) nodes.set(node.id, node);
  for (const node of b.nodes) nodes.set(node.id, node);
  const edges = new Map<string, LineageEdge>();
  for (const edge of a.edges) edges.set(pairKey(pairOf(edge)), edge);
  for (const edge of b.edges) edges.set(pairKey(pairOf(edge)), edge);
  const mergedEdges = [...edges.values()];
  return { root: a.root, nodes: withHiddenCounts(nodes.values(), mergedEdges), edges: mergedEdges, truncated: a.truncated || b.truncated };
}

/** Adjacency over normalised keys, built once per pass. */
class Adjacency {
  readonly out = new Map<string, string[]>();
  readonly in = new Map<string, string[]>();

  constructor(pairs: Iterable<Pair>) {
    for (const { up, down } of pairs) {
      push(this.out, up, down);
      push(this.in, down, up);
    }
  }

  /** Every key reachable from `start` following `next`, start included. */
  reach(start: string, next: Map<string, string[]>): Set<string> {
    const seen = new Set([start]);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      for (const other of next.get(queue[i]!) ?? []) {
        if (!seen.has(other)) {
          seen.add(other);
          queue.push(other);
        }
      }
    }
    return seen;
  }

  /** The keys connected to `start` ignoring edge direction. */
  component(start: string): Set<string> {
    const seen = new Set([start]);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      const key = queue[i]!;
      for (const list of [this.out.get(key), this.in.get(key)]) {
        for (const other of list ?? []) {
          if (!seen.has(other)) {
            seen.add(other);
            queue.push(other);
          }
        }
      }
    }
    return seen;
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

type Working = { nodes: Map<string, LineageNode>; edges: { edge: LineageEdge; pair: Pair }[] };

/** Keep the root's connected component (by the edges still drawn), and only edges inside it. */
function keepRootComponent(work: Working, root: string): Working {
  const component = new Adjacency(work.edges.map((e) => e.pair)).component(root);
  const nodes = new Map([...work.nodes].filter(([norm]) => component.has(norm)));
  return { nodes, edges: work.edges.filter((e) => nodes.has(e.pair.up) && nodes.has(e.pair.down)) };
}

/**
 * The nodes and edges on directed paths between `a` and `b` in either direction (a DAG: a path
 * u → … → v exists through edge x → y exactly when u reaches x and y reaches v).
 */
function pathSubgraph(pairs: readonly Pair[], a: string, b: string): { nodes: Set<string>; edges: Set<string> } {
  const adjacency = new Adjacency(pairs);
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    const downFrom = adjacency.reach(from, adjacency.out);
    if (!downFrom.has(to)) continue;
    const upTo = adjacency.reach(to, adjacency.in);
    for (const pair of pairs) {
      if (downFrom.has(pair.up) && upTo.has(pair.down)) {
        edges.add(pairKey(pair));
        nodes.add(pair.up);
        nodes.add(pair.down);
      }
    }
  }
  return { nodes, edges };
}

/**
 * What is drawn for `state`, in this order: collapse (a collapsed node's incoming edges go,
 * and with them whatever was only reachable through them), filters (relation, confidence,
 * rejected edges, domain — the root always stays), the root's connected component again,
 * then focus (only the paths between the selected node and the root). Hidden counts are
 * recomputed against what is drawn, so badges say how much more the store holds.
 */
export function visibleGraph(graph: LineageGraph, state: ViewState, rootKey: string): VisibleGraph {
  const root = normalizeKey(rootKey);
  const allNodes = new Map<string, LineageNode>();
  for (const node of graph.nodes) allNodes.set(node.id, node);
  if (!allNodes.has(root)) return { nodes: [], edges: [] };

  let work: Working = {
    nodes: allNodes,
    edges: graph.edges.map((edge) => ({ edge, pair: pairOf(edge) })).filter((e) => allNodes.has(e.pair.up) && allNodes.has(e.pair.down)),
  };

  if (state.collapsed.length) {
    const collapsed = new Set(state.collapsed.map(normalizeKey));
    // A node downstream of the root is attached to the view through some of its incoming
    // edges; collapsing its sources must not cut it off, so edges from the root's own
    // downstream side stay.
    const adjacency = new Adjacency(work.edges.map((e) => e.pair));
    const fromRoot = adjacency.reach(root, adjacency.out);
    work = keepRootComponent(
      { nodes: work.nodes, edges: work.edges.filter((e) => !collapsed.has(e.pair.down) || fromRoot.has(e.pair.up)) },
      root,
    );
  }

  const relations = state.relations ? new Set<string>(state.relations) : null;
  const domains = state.domains ? new Set<string>(state.domains) : null;
  const nodes = domains
    ? new Map([...work.nodes].filter(([norm, node]) => norm === root || node.domains.some((d) => domains.has(d))))
    : work.nodes;
  const edges = work.edges.filter(
    ({ edge, pair }) =>
      nodes.has(pair.up) &&
      nodes.has(pair.down) &&
      (!relations || relations.has(edge.relation)) &&
      edge.confidence >= state.minConfidence &&
      (state.showRejected || edge.status !== "REJECTED"),
  );
  work = keepRootComponent({ nodes, edges }, root);

  const selected = state.selected ? normalizeKey(state.selected) : null;
  if (state.focus && selected && selected !== root && work.nodes.has(selected)) {
    const paths = pathSubgraph(
      work.edges.map((e) => e.pair),
      selected,
      root,
    );
    paths.nodes.add(selected).add(root);
    work = {
      nodes: new Map([...work.nodes].filter(([norm]) => paths.nodes.has(norm))),
      edges: work.edges.filter((e) => paths.edges.has(pairKey(e.pair))),
    };
  }

  const drawnEdges = work.edges.map((e) => e.edge).sort(compareEdges);
  const drawnNodes = withHiddenCounts(work.nodes.values(), drawnEdges).sort((a, b) => compareKeys(a.key, b.key));
  return { nodes: drawnNodes, edges: drawnEdges };
}

/**
 * Every directed path between `from` and `to` (either direction), each listed from its
 * upstream end, as stored keys. Stops after `limit` paths: diamonds multiply paths quickly.
 */
export function focusPaths(graph: Pick<LineageGraph, "nodes" | "edges">, from: string, to: string, limit = 100): string[][] {
  const keyOf = new Map(graph.nodes.map((n) => [n.id, n.key]));
  const pairs = graph.edges.map(pairOf).filter((p) => keyOf.has(p.up) && keyOf.has(p.down));
  const a = normalizeKey(from);
  const b = normalizeKey(to);
  if (!keyOf.has(a) || !keyOf.has(b) || a === b) return [];
  const { nodes } = pathSubgraph(pairs, a, b);
  if (!nodes.size) return [];
  // Only walk the path subgraph: every branch taken there ends at the target.
  const out = new Map<string, string[]>();
  for (const pair of pairs) if (nodes.has(pair.up) && nodes.has(pair.down)) push(out, pair.up, pair.down);
  for (const list of out.values()) list.sort(compareKeys);
  const start = out.has(a) && new Adjacency(pairs).reach(a, out).has(b) ? a : b;
  const end = start === a ? b : a;
  const paths: string[][] = [];
  const walk = (key: string, path: string[]) => {
    if (paths.length >= limit) return;
    if (key === end) {
      paths.push(path.map((k) => keyOf.get(k)!));
      return;
    }
    for (const next of out.get(key) ?? []) walk(next, [...path, next]);
  };
  walk(start, [start]);
  return paths;
}
