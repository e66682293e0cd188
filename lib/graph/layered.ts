/**
 * The building blocks of the lineage layout: a layered left-to-right drawing of a DAG
 * (sources left, what was built from them right) whose tall layers wrap into a few
 * sub-columns, and a grid of occupied slots for placing new blocks beside drawn ones.
 * Pure and deterministic: the same graph gives the same positions in every browser.
 */

export type Point = { x: number; y: number };
export type LayoutEdge = { upstream: string; downstream: string };
export type LayoutGraph = { nodes: readonly string[]; edges: readonly LayoutEdge[] };

/** Distance between layers and between rows; the canvas draws nodes smaller than this. */
export const COLUMN_GAP = 240;
export const ROW_GAP = 80;
/** Between the sub-columns a tall layer wraps into: just wider than a node box (184 px). */
export const SUB_COLUMN_GAP = 210;
/** Two node centres closer than this on both axes would draw overlapping boxes. */
export const MIN_SEPARATION = { x: 200, y: 64 } as const;

const SWEEPS = 6;

/**
 * How many rows a layer may take before it wraps. A 300-source layer in one column is 24,000
 * px tall, which no zoom makes readable; wrapping keeps a big view roughly as wide as tall.
 */
export function maxRowsFor(nodeCount: number): number {
  return Math.max(24, Math.ceil(Math.sqrt(nodeCount) * 1.5));
}

export type IdealOptions = {
  /**
   * "sources" (default): a node's column is the longest path from a source, so every source
   * is in the first column. "sinks": the longest path to a sink, so every node that feeds
   * the block's anchor ends in the last column (blocks placed left of what they feed).
   */
  align?: "sources" | "sinks";
  maxRows?: number;
};

export type Dag = { nodes: string[]; up: Map<string, string[]>; down: Map<string, string[]>; edges: [string, string][] };

/** Layers by longest path, ordered by barycenter sweeps, tall layers wrapped; first column at x = 0, rows centred on y = 0. */
export function idealLayout(graph: LayoutGraph, options: IdealOptions = {}): Record<string, Point> {
  const dag = buildDag(graph);
  const ranks = options.align === "sinks" ? sinkAlignedRanks(dag) : longestPathRanks(dag);
  const layers = orderLayers(dag, ranks);
  const maxRows = Math.max(1, options.maxRows ?? maxRowsFor(dag.nodes.length));
  const out: Record<string, Point> = {};
  let x = 0;
  for (const layer of layers) {
    if (!layer.length) continue;
    const columns = Math.ceil(layer.length / maxRows);
    const rows = Math.ceil(layer.length / columns);
    // Row-major, so the barycenter order still reads top to bottom across the sub-columns.
    layer.forEach((key, i) => {
      out[key] = { x: x + (i % columns) * SUB_COLUMN_GAP, y: (Math.floor(i / columns) - (rows - 1) / 2) * ROW_GAP };
    });
    x += (columns - 1) * SUB_COLUMN_GAP + COLUMN_GAP;
  }
  return out;
}

/** Drawn node set, sorted; edges inside it without duplicates, self-loops or cycles. */
export function buildDag(graph: LayoutGraph): Dag {
  const nodes = [...new Set(graph.nodes)].sort(compareIds);
  const inSet = new Set(nodes);
  const out = new Map<string, Set<string>>(nodes.map((n) => [n, new Set()]));
  for (const { upstream, downstream } of graph.edges) {
    if (upstream !== downstream && inSet.has(upstream) && inSet.has(downstream)) out.get(upstream)!.add(downstream);
  }
  // The store refuses cycles, but a drawing must never hang on one: drop DFS back edges.
  const state = new Map<string, 1 | 2>();
  const edges: [string, string][] = [];
  const visit = (start: string) => {
    const stack: [string, string[]][] = [[start, [...out.get(start)!].sort(compareIds)]];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const next = top[1].shift();
      if (next === undefined) {
        state.set(top[0], 2);
        stack.pop();
        continue;
      }
      if (state.get(next) === 1) continue;
      edges.push([top[0], next]);
      if (!state.has(next)) {
        state.set(next, 1);
        stack.push([next, [...out.get(next)!].sort(compareIds)]);
      }
    }
  };
  for (const n of nodes) if (!state.has(n)) visit(n);
  edges.sort((a, b) => compareIds(a[0], b[0]) || compareIds(a[1], b[1]));
  const up = new Map<string, string[]>(nodes.map((n) => [n, []]));
  const down = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const [u, d] of edges) {
    down.get(u)!.push(d);
    up.get(d)!.push(u);
  }
  return { nodes, up, down, edges };
}

/** Rank 0 for nodes with no drawn upstream; otherwise one more than the deepest upstream. */
function longestPathRanks(dag: Dag): Map<string, number> {
  return longestPaths(dag.nodes, dag.up, dag.down);
}

/** Mirror of longestPathRanks: sinks share the last rank, each node one left of its nearest-ranked use. */
function sinkAlignedRanks(dag: Dag): Map<string, number> {
  const height = longestPaths(dag.nodes, dag.down, dag.up);
  const top = Math.max(0, ...height.values());
  return new Map([...height].map(([n, h]) => [n, top - h]));
}

/** Longest path length to each node from the nodes with no `before` neighbour, walking `after` (Kahn's order). */
function longestPaths(nodes: readonly string[], before: Map<string, string[]>, after: Map<string, string[]>): Map<string, number> {
  const length = new Map<string, number>();
  const waiting = new Map(nodes.map((n) => [n, before.get(n)!.length]));
  const queue = nodes.filter((n) => waiting.get(n) === 0);
  for (const n of queue) length.set(n, 0);
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i]!;
    for (const next of after.get(n)!) {
      length.set(next, Math.max(length.get(next) ?? 0, length.get(n)! + 1));
      waiting.set(next, waiting.get(next)! - 1);
      if (waiting.get(next) === 0) queue.push(next);
    }
  }
  return length;
}

/** Layers ordered by alternating barycenter sweeps; the ordering with fewest crossings wins. */
function orderLayers(dag: Dag, rank: Map<string, number>): string[][] {
  const depth = Math.max(-1, ...rank.values()) + 1;
  let layers: string[][] = Array.from({ length: depth }, () => []);
  for (const n of dag.nodes) layers[rank.get(n)!]!.push(n);

  let best = layers.map((l) => [...l]);
  let bestCrossings = countCrossings(dag, rank, best);
  for (let sweep = 0; sweep < SWEEPS && bestCrossings > 0; sweep++) {
    const downward = sweep % 2 === 0;
    const order = downward ? layers.keys() : [...layers.keys()].reverse();
    const neighbours = downward ? dag.up : dag.down;
    // Only the sorted layer moves, so its rows are updated in place (recomputing every layer's would be quadratic in deep graphs).
    const pos = positionsOf(layers);
    for (const r of order) {
      const sorted = sortByBarycenter(layers[r]!, neighbours, pos);
      sorted.forEach((n, i) => pos.set(n, i - (sorted.length - 1) / 2));
      layers[r] = sorted;
    }
    const crossings = countCrossings(dag, rank, layers);
    if (crossings < bestCrossings) {
      best = layers.map((l) => [...l]);
      bestCrossings = crossings;
    }
    layers = layers.map((l) => [...l]);
  }
  return best;
}

/** Centred row of every node, comparable across layers of different sizes. */
function positionsOf(layers: string[][]): Map<string, number> {
  const pos = new Map<string, number>();
  for (const layer of layers) layer.forEach((n, i) => pos.set(n, i - (layer.length - 1) / 2));
  return pos;
}

function sortByBarycenter(layer: string[], neighbours: Map<string, string[]>, pos: Map<string, number>): string[] {
  const keyed = layer.map((n) => {
    const ns = neighbours.get(n)!;
    const own = pos.get(n)!;
    const bary = ns.length ? ns.reduce((sum, m) => sum + pos.get(m)!, 0) / ns.length : own;
    return { n, bary, own };
  });
  keyed.sort((a, b) => a.bary - b.bary || a.own - b.own || compareIds(a.n, b.n));
  return keyed.map((k) => k.n);
}

/** Crossings between edges that span the same pair of layers (long edges approximated so). */
function countCrossings(dag: Dag, rank: Map<string, number>, layers: string[][]): number {
  const pos = positionsOf(layers);
  const bySpan = new Map<string, [number, number][]>();
  for (const [u, d] of dag.edges) {
    const span = `${rank.get(u)}:${rank.get(d)}`;
    const list = bySpan.get(span) ?? [];
    list.push([pos.get(u)!, pos.get(d)!]);
    bySpan.set(span, list);
  }
  let crossings = 0;
  for (const list of bySpan.values()) {
    // Two edges cross when their ends are in opposite orders: sort by the upstream end, then
    // count strict inversions of the downstream end (O(E log E) rather than all pairs).
    list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    crossings += countInversions(list.map((pair) => pair[1]));
  }
  return crossings;
}

/** Pairs i < j with values[i] > values[j], by merge sort. */
export function countInversions(values: readonly number[]): number {
  let a = [...values];
  let b = new Array<number>(a.length);
  let inversions = 0;
  for (let width = 1; width < a.length; width *= 2) {
    for (let lo = 0; lo < a.length; lo += 2 * width) {
      const mid = Math.min(lo + width, a.length);
      const hi = Math.min(lo + 2 * width, a.length);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (a[j]! < a[i]!) {
          inversions += mid - i;
          b[k++] = a[j++]!;
        } else b[k++] = a[i++]!;
      }
      while (i < mid) b[k++] = a[i++]!;
      while (j < hi) b[k++] = a[j++]!;
    }
    [a, b] = [b, a];
  }
  return inversions;
}

/**
 * Occupied points bucketed into cells of MIN_SEPARATION size: a point that overlaps another
 * can only be in the same or an adjacent cell, so a free check costs nine lookups however
 * many nodes are drawn.
 */
export class OccupiedGrid {
  private cells = new Map<string, Point[]>();
  private count = 0;
  bounds = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };

  get size(): number {
    return this.count;
  }

  clone(): OccupiedGrid {
    const copy = new OccupiedGrid();
    for (const [key, cell] of this.cells) copy.cells.set(key, cell.map((p) => ({ ...p })));
    copy.count = this.count;
    copy.bounds = { ...this.bounds };
    return copy;
  }

  add(p: Point) {
    const key = this.cellOf(p);
    const cell = this.cells.get(key);
    if (cell) cell.push({ ...p });
    else this.cells.set(key, [{ ...p }]);
    this.count++;
    this.bounds.minX = Math.min(this.bounds.minX, p.x);
    this.bounds.maxX = Math.max(this.bounds.maxX, p.x);
    this.bounds.minY = Math.min(this.bounds.minY, p.y);
    this.bounds.maxY = Math.max(this.bounds.maxY, p.y);
  }

  /** Frees one slot at exactly `p` (bounds stay as they were: they only steer where detached parts go). */
  remove(p: Point) {
    const key = this.cellOf(p);
    const cell = this.cells.get(key);
    const at = cell?.findIndex((o) => o.x === p.x && o.y === p.y) ?? -1;
    if (!cell || at < 0) return;
    cell.splice(at, 1);
    this.count--;
  }

  isFree(p: Point): boolean {
    const cx = Math.floor(p.x / MIN_SEPARATION.x);
    const cy = Math.floor(p.y / MIN_SEPARATION.y);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const o of this.cells.get(`${cx + dx},${cy + dy}`) ?? []) {
          if (Math.abs(o.x - p.x) < MIN_SEPARATION.x && Math.abs(o.y - p.y) < MIN_SEPARATION.y) return false;
        }
      }
    }
    return true;
  }

  private cellOf(p: Point): string {
    return `${Math.floor(p.x / MIN_SEPARATION.x)},${Math.floor(p.y / MIN_SEPARATION.y)}`;
  }
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
