/**
 * Paths for one flagged dataset, found after the forward search (compute.ts) has given every
 * (node, class) state its exact distance from E's entries: the k shortest simple paths, worst
 * severity first, and how many paths there are in all.
 */
import { monthOf } from "./dates";
import { CLASSES, CONTAMINATED, entryClass, MITIGATED, POSSIBLE, TRAIN, type Entry, type Graph } from "./graph";
import { SEVERITIES, type ContaminationPath, type PathStep } from "./types";
import type { LineageEvidence } from "@/lib/lineage/types";

/** Beyond this many expansions per dataset the path search stops with what it has (dense cyclic inputs only). */
const EXPANSION_BUDGET = 20_000;

export type Mitigation = { dataset: number; evidence: LineageEvidence[]; direct: boolean };
export type Mitigations = Map<number, Mitigation>;

export type Search = {
  dist: Int32Array;
  /** The first edge of the state's shortest path (its upstream is the entry). */
  first: Int32Array;
  mitigated: Uint8Array;
  host: number;
  entries: Map<number, Entry>;
  /** Nodes created before the evaluation set's items existed: never on a path. */
  blocked: (v: number) => boolean;
};

/**
 * A path under construction, from the dataset back towards an entry: `node` in class `cls`,
 * `len` edges from the dataset, `edge` leading from `node` to `next`. `rank` is the dataset
 * end's class (the path's severity); `mitigator` the node where it became MITIGATED.
 */
type Partial = { node: number; cls: number; rank: number; len: number; edge: number; next: Partial | null; mitigator: number };
type QueueEntry = Partial & { done: boolean; prio: number; seq: number };

/**
 * Up to `limit` shortest simple paths from E's entries to `target`, worst severity first,
 * then shortest. Best-first backwards with the forward distance as the (exact) estimate of
 * what remains, so on a DAG every expansion lies on a shortest completion and each path
 * costs about its length in steps. Ties prefer the longer partial path: depth-first, not a
 * breadth-first sweep over every equally short prefix.
 */
export function shortestPaths(g: Graph, s: Search, mitigations: Mitigations, target: number, limit: number): ContaminationPath[] {
  const { dist, mitigated, host, entries } = s;
  const heap = new Heap<QueueEntry>((x, y) => x.prio - y.prio || y.len - x.len || x.seq - y.seq);
  let seq = 0;
  const push = (p: Partial, done: boolean, remaining: number) => heap.push({ ...p, done, prio: p.rank * 1e9 + p.len + remaining, seq: seq++ });
  for (let c = 0; c < CLASSES; c++) {
    const d = dist[target * CLASSES + c]!;
    if (d >= 0) push({ node: target, cls: c, rank: c, len: 0, edge: -1, next: null, mitigator: -1 }, false, d);
  }
  const found: ContaminationPath[] = [];
  let budget = EXPANSION_BUDGET;
  while (heap.size && found.length < limit && budget-- > 0) {
    const p = heap.pop()!;
    if (p.done) {
      found.push(materialise(g, s, p, mitigations));
      continue;
    }
    const v = p.node;
    // The classes the path can have had just before entering v.
    const before = mitigated[v] ? (p.cls === MITIGATED ? [CONTAMINATED, POSSIBLE, MITIGATED] : p.cls === TRAIN ? [TRAIN] : []) : [p.cls];
    for (let k = g.inStart[v]!; k < g.inStart[v + 1]!; k++) {
      const e = g.inEdge[k]!;
      const u = g.up[e]!;
      // On a DAG every path is simple; only a cyclic input needs the (linear) check.
      if (!g.acyclic && onPath(p, u)) continue;
      const entry = entries.get(u);
      const first = entry ? entryClass(g.edges[e]!.split, entry) : -1;
      if (first >= 0 && before.includes(first)) push(step(p, u, first, e, v), true, 0);
      // E's items may also have reached an entry through its own sources (never through the host).
      if (u === host) continue;
      for (const c of before) {
        const d = dist[u * CLASSES + c]!;
        if (d >= 0) push(step(p, u, c, e, v), false, d);
      }
    }
  }
  return found;
}

function step(p: Partial, u: number, c: number, edge: number, v: number): Partial {
  const mitigator = p.mitigator >= 0 ? p.mitigator : p.cls === MITIGATED && c <= POSSIBLE ? v : -1;
  return { node: u, cls: c, rank: p.rank, len: p.len + 1, edge, next: p, mitigator };
}

function onPath(p: Partial | null, node: number): boolean {
  for (let q = p; q; q = q.next) if (q.node === node) return true;
  return false;
}

function createdOf(g: Graph, v: number) {
  return g.created[v]! >= 0 ? monthOf(g.created[v]!) : null;
}

function materialise(g: Graph, s: Search, p: Partial, mitigations: Mitigations): ContaminationPath {
  const keys = [g.keys[p.node]!];
  const steps: PathStep[] = [];
  for (let q: Partial | null = p; q && q.next; q = q.next) {
    const e = g.edges[q.edge]!;
    const down = g.down[q.edge]!;
    keys.push(g.keys[q.next.node]!);
    steps.push({ ...e, upstream: g.keys[g.up[q.edge]!]!, downstream: g.keys[down]!, created: createdOf(g, down) });
  }
  const m = p.mitigator >= 0 ? mitigations.get(p.mitigator) : undefined;
  const entry = s.entries.get(p.node)!;
  return {
    keys,
    steps,
    severity: SEVERITIES[p.rank]!,
    entry: { key: g.keys[p.node]!, role: entry.role, window: entry.window, created: createdOf(g, p.node) },
    mitigation: m ? { dataset: g.keys[m.dataset]!, evidence: m.evidence } : null,
  };
}

/**
 * How many distinct paths lead from E's entries to `target` (any class), counted over the
 * nodes the forward search reached: paths(v) = Σ over live edges u → v of [u is an entry] +
 * paths(u) (u reached, not the host). Iterative, memoised; the store keeps the graph acyclic,
 * and on a cycle the count covers the paths that do not repeat a node of the current walk.
 * Saturates at Number.MAX_SAFE_INTEGER.
 */
export function countPaths(g: Graph, s: Search, target: number): number {
  const memo = new Map<number, number>();
  const reached = (v: number) => s.dist[v * CLASSES]! >= 0 || s.dist[v * CLASSES + 1]! >= 0 || s.dist[v * CLASSES + 2]! >= 0 || s.dist[v * CLASSES + 3]! >= 0;
  const onStack = new Set<number>();
  const stack: { v: number; k: number; sum: number }[] = [{ v: target, k: g.inStart[target]!, sum: 0 }];
  onStack.add(target);
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    const v = frame.v;
    if (frame.k < g.inStart[v + 1]!) {
      const e = g.inEdge[frame.k++]!;
      const u = g.up[e]!;
      const entry = s.entries.get(u);
      if (entry && entryClass(g.edges[e]!.split, entry) >= 0) frame.sum += 1;
      if (u === s.host || !reached(u) || onStack.has(u)) continue;
      const known = memo.get(u);
      if (known !== undefined) frame.sum += known;
      else {
        onStack.add(u);
        stack.push({ v: u, k: g.inStart[u]!, sum: 0 });
      }
      continue;
    }
    stack.pop();
    onStack.delete(v);
    const total = Math.min(frame.sum, Number.MAX_SAFE_INTEGER);
    memo.set(v, total);
    if (stack.length) stack[stack.length - 1]!.sum = Math.min(stack[stack.length - 1]!.sum + total, Number.MAX_SAFE_INTEGER);
  }
  return memo.get(target) ?? 0;
}

export class Heap<T> {
  private items: T[] = [];
  constructor(private readonly before: (a: T, b: T) => number) {}
  get size() {
    return this.items.length;
  }
  push(item: T) {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.before(a[i]!, a[parent]!) >= 0) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < a.length && this.before(a[l]!, a[best]!) < 0) best = l;
        if (r < a.length && this.before(a[r]!, a[best]!) < 0) best = r;
        if (best === i) break;
        [a[i], a[best]] = [a[best]!, a[i]!];
        i = best;
      }
    }
    return top;
  }
}
