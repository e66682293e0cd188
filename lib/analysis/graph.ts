/**
 * The lineage as the analyses read it: nodes by index with their kind, domains and Hub
 * presence, live edges (rejected ones never count) in CSR lists both ways, and a topological
 * order. Pure and client-safe; built once per graph version and shared by every analysis.
 *
 * The store keeps the graph acyclic; a cyclic input (hand-made, or a store edited by hand)
 * still works: the nodes left on a cycle go last in `topo` and `acyclic` is false.
 */
import { normalizeKey, parseKey } from "@/lib/keys";
import type { Domain, KeyScheme, NodeKind, Relation } from "@/lib/lineage/types";

export type AnalysisNode = {
  key: string;
  kind: NodeKind;
  domains: readonly Domain[];
  /** Whether the node is a Hub dataset one can download (HUB scheme, not known to be missing). */
  onHub?: boolean;
  displayName?: string;
  hubDownloads?: number | null;
};

export type AnalysisEdge = { upstream: string; downstream: string; relation: Relation; status?: "PROPOSED" | "ACCEPTED" | "REJECTED" };

export type AnalysisInput = { nodes: readonly AnalysisNode[]; edges: readonly AnalysisEdge[] };

export type AnalysisGraph = {
  n: number;
  keys: string[];
  index: Map<string, number>;
  nodes: AnalysisNode[];
  /** Live edges: upstream, downstream and relation by edge index. */
  up: Int32Array;
  down: Int32Array;
  relation: Relation[];
  /** Edges into v: inEdge[inStart[v] .. inStart[v+1]), ordered by the upstream's key. */
  inStart: Int32Array;
  inEdge: Int32Array;
  /** Edges out of v, ordered by the downstream's key. */
  outStart: Int32Array;
  outEdge: Int32Array;
  /** Every node, upstreams before downstreams (ties in key order). */
  topo: Int32Array;
  acyclic: boolean;
};

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether a node is a Hub dataset (by key scheme) that is not known to be gone. */
export function isOnHub(key: string, hubPresence?: "UNKNOWN" | "EXISTS" | "MISSING" | null, scheme?: KeyScheme): boolean {
  return (scheme ?? parseKey(key)?.scheme) === "HUB" && hubPresence !== "MISSING";
}

export function buildAnalysisGraph(input: AnalysisInput): AnalysisGraph {
  const keys: string[] = [];
  const nodes: AnalysisNode[] = [];
  const index = new Map<string, number>();
  const add = (node: AnalysisNode) => {
    const norm = normalizeKey(node.key);
    const i = index.get(norm);
    if (i !== undefined) return i;
    index.set(norm, keys.length);
    keys.push(node.key);
    nodes.push({ ...node, onHub: node.onHub ?? isOnHub(node.key) });
    return keys.length - 1;
  };
  for (const node of input.nodes) add(node);
  const ups: number[] = [];
  const downs: number[] = [];
  const relations: Relation[] = [];
  // Pair ids as numbers (u × 2^22 + v): a string per edge makes building a 100k-node graph GC-bound.
  const seen = new Set<number>();
  for (const e of input.edges) {
    if (e.status === "REJECTED") continue;
    const u = index.get(normalizeKey(e.upstream)) ?? add({ key: e.upstream, kind: "DATASET", domains: [] });
    const v = index.get(normalizeKey(e.downstream)) ?? add({ key: e.downstream, kind: "DATASET", domains: [] });
    const id = u * 4_194_304 + v;
    if (u === v || seen.has(id)) continue;
    seen.add(id);
    ups.push(u);
    downs.push(v);
    relations.push(e.relation);
  }
  const n = keys.length;
  const up = Int32Array.from(ups);
  const down = Int32Array.from(downs);
  const norms = keys.map(normalizeKey);
  const byKey = (a: number, b: number) => cmp(norms[a]!, norms[b]!) || cmp(keys[a]!, keys[b]!);
  const byName = Array.from({ length: n }, (_, i) => i).sort(byKey);
  const rank = new Int32Array(n);
  byName.forEach((v, r) => (rank[v] = r));
  // Two stable counting passes (far end's rank, then owner): each node's list in key order.
  const countingSort = (items: Int32Array, keyOf: (e: number) => number) => {
    const start = new Int32Array(n + 1);
    for (const e of items) start[keyOf(e) + 1]!++;
    for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
    const fill = start.slice(0, n);
    const sorted = new Int32Array(items.length);
    for (const e of items) sorted[fill[keyOf(e)]!++] = e;
    return { start, sorted };
  };
  const all = Int32Array.from({ length: up.length }, (_, e) => e);
  const lists = (owner: Int32Array, far: Int32Array) => {
    const byFar = countingSort(all, (e) => rank[far[e]!]!).sorted;
    const { start, sorted } = countingSort(byFar, (e) => owner[e]!);
    return { start, list: sorted };
  };
  const inLists = lists(down, up);
  const outLists = lists(up, down);

  // Kahn's algorithm over nodes in key order, so equal inputs give equal orders.
  const indegree = new Int32Array(n);
  for (const v of down) indegree[v]!++;
  const topo = new Int32Array(n);
  let tail = 0;
  const ready = byName.filter((v) => indegree[v] === 0);
  const heap = new MinHeap(ready.map((v) => rank[v]!));
  const placed = new Uint8Array(n);
  while (heap.size) {
    const u = byName[heap.pop()]!;
    topo[tail++] = u;
    placed[u] = 1;
    for (let k = outLists.start[u]!; k < outLists.start[u + 1]!; k++) {
      const v = down[outLists.list[k]!]!;
      if (--indegree[v]! === 0) heap.push(rank[v]!);
    }
  }
  const acyclic = tail === n;
  for (const v of byName) if (!placed[v]) topo[tail++] = v;
  return { n, keys, index, nodes, up, down, relation: relations, inStart: inLists.start, inEdge: inLists.list, outStart: outLists.start, outEdge: outLists.list, topo, acyclic };
}

/** Direct upstreams of v (node indices, in key order). */
export function upstreamsOf(g: AnalysisGraph, v: number): number[] {
  const out: number[] = [];
  for (let k = g.inStart[v]!; k < g.inStart[v + 1]!; k++) out.push(g.up[g.inEdge[k]!]!);
  return out;
}

/** Direct downstreams of v (node indices, in key order). */
export function downstreamsOf(g: AnalysisGraph, v: number): number[] {
  const out: number[] = [];
  for (let k = g.outStart[v]!; k < g.outStart[v + 1]!; k++) out.push(g.down[g.outEdge[k]!]!);
  return out;
}

/**
 * Every node reachable upstream of `start` (not `start` itself), breadth first, with the
 * node each was first reached from (for paths). Handles cycles.
 */
export function ancestorsOf(g: AnalysisGraph, start: number): { order: number[]; parent: Map<number, number> } {
  const parent = new Map<number, number>();
  const order: number[] = [];
  const queue = [start];
  parent.set(start, -1);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (let k = g.inStart[v]!; k < g.inStart[v + 1]!; k++) {
      const u = g.up[g.inEdge[k]!]!;
      if (parent.has(u)) continue;
      parent.set(u, v);
      order.push(u);
      queue.push(u);
    }
  }
  parent.delete(start);
  return { order, parent };
}

/** The path from `ancestor` down to `start` through BFS parents: [ancestor, …, start] as keys. */
export function pathDown(g: AnalysisGraph, parent: Map<number, number>, ancestor: number, start: number): string[] {
  const keys = [g.keys[ancestor]!];
  for (let v = parent.get(ancestor); v !== undefined && v !== -1; v = parent.get(v)) {
    keys.push(g.keys[v]!);
    if (v === start) return keys;
  }
  if (keys[keys.length - 1] !== g.keys[start]) keys.push(g.keys[start]!);
  return keys;
}

export function nodeIndex(g: AnalysisGraph, key: string): number | undefined {
  return g.index.get(normalizeKey(key));
}

/** A dataset people train on: not a benchmark, not an external source. */
export function isDataset(g: AnalysisGraph, v: number): boolean {
  return g.nodes[v]!.kind === "DATASET";
}

class MinHeap {
  private a: number[];
  constructor(items: number[]) {
    this.a = [];
    for (const x of items) this.push(x);
  }
  get size() {
    return this.a.length;
  }
  push(x: number) {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= a[i]!) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): number {
    const a = this.a;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]! < a[m]!) m = l;
        if (r < a.length && a[r]! < a[m]!) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}
