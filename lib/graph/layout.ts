/**
 * Layered left-to-right layout for lineage graphs: sources on the left, what was built
 * from them to the right. Pure and deterministic (same graph → same positions), so the
 * server, tests and the canvas agree, and so that expanding a drawn graph can place new
 * nodes around the old ones without moving them.
 */

export type Point = { x: number; y: number };
export type LayoutEdge = { upstream: string; downstream: string };
export type LayoutGraph = { nodes: readonly string[]; edges: readonly LayoutEdge[] };
export type LayoutOptions = {
  /** Positions of nodes already drawn: kept exactly, and treated as occupied space. */
  fixed?: Readonly<Record<string, Point>>;
};

/** Distance between layers and between rows; the canvas draws nodes smaller than this. */
export const COLUMN_GAP = 240;
export const ROW_GAP = 80;
/** Two node centres closer than this on both axes would draw overlapping boxes. */
export const MIN_SEPARATION = { x: 200, y: 64 } as const;

const SWEEPS = 6;

type Dag = { nodes: string[]; up: Map<string, string[]>; down: Map<string, string[]>; edges: [string, string][] };

export function layoutLineage(graph: LayoutGraph, options: LayoutOptions = {}): Record<string, Point> {
  const dag = buildDag(graph);
  const fixed = options.fixed ?? {};
  if (!Object.keys(fixed).length) return idealLayout(dag);
  // Only the new nodes are laid out (among themselves, for their order), then placed around
  // the fixed ones: an expansion costs what it adds, not what is already drawn.
  const fresh = dag.nodes.filter((n) => !fixed[n]);
  return placeAroundFixed(dag, fresh.length ? idealLayout(inducedDag(dag, fresh)) : {}, fixed);
}

/** Layers by longest path, ordered by barycenter sweeps, centred on y = 0. */
function idealLayout(dag: Dag): Record<string, Point> {
  const layers = orderLayers(dag, longestPathRanks(dag));
  const ideal: Record<string, Point> = {};
  layers.forEach((layer, r) => layer.forEach((key, i) => (ideal[key] = { x: r * COLUMN_GAP, y: (i - (layer.length - 1) / 2) * ROW_GAP })));
  return ideal;
}

/** The part of a DAG on the given (sorted) nodes. */
function inducedDag(dag: Dag, nodes: string[]): Dag {
  const keep = new Set(nodes);
  const edges = dag.edges.filter(([u, d]) => keep.has(u) && keep.has(d));
  const up = new Map<string, string[]>(nodes.map((n) => [n, []]));
  const down = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const [u, d] of edges) {
    down.get(u)!.push(d);
    up.get(d)!.push(u);
  }
  return { nodes, up, down, edges };
}

/** Drawn node set, sorted; edges inside it without duplicates, self-loops or cycles. */
function buildDag(graph: LayoutGraph): Dag {
  const nodes = [...new Set(graph.nodes)].sort(compareKeys);
  const inSet = new Set(nodes);
  const out = new Map<string, Set<string>>(nodes.map((n) => [n, new Set()]));
  for (const { upstream, downstream } of graph.edges) {
    if (upstream !== downstream && inSet.has(upstream) && inSet.has(downstream)) out.get(upstream)!.add(downstream);
  }
  // The store refuses cycles, but a drawing must never hang on one: drop DFS back edges.
  const state = new Map<string, 1 | 2>();
  const edges: [string, string][] = [];
  const visit = (start: string) => {
    const stack: [string, string[]][] = [[start, [...out.get(start)!].sort(compareKeys)]];
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
        stack.push([next, [...out.get(next)!].sort(compareKeys)]);
      }
    }
  };
  for (const n of nodes) if (!state.has(n)) visit(n);
  edges.sort((a, b) => compareKeys(a[0], b[0]) || compareKeys(a[1], b[1]));
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
  const rank = new Map<string, number>();
  const indegree = new Map(dag.nodes.map((n) => [n, dag.up.get(n)!.length]));
  const queue = dag.nodes.filter((n) => indegree.get(n) === 0);
  for (const n of queue) rank.set(n, 0);
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i]!;
    for (const d of dag.down.get(n)!) {
      rank.set(d, Math.max(rank.get(d) ?? 0, rank.get(n)! + 1));
      indegree.set(d, indegree.get(d)! - 1);
      if (indegree.get(d) === 0) queue.push(d);
    }
  }
  return rank;
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
  keyed.sort((a, b) => a.bary - b.bary || a.own - b.own || compareKeys(a.n, b.n));
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
 * Keep fixed nodes where they are; put each new node one column left of the drawn nodes it
 * feeds (or right of those it comes from). New nodes that hang off the same drawn nodes form
 * a block centred on them, in the order the full layout gives them, each slid along its
 * column to the nearest free row. Nodes further away are placed after their nearer
 * neighbours, so a new chain grows outwards column by column.
 */
function placeAroundFixed(dag: Dag, ideal: Record<string, Point>, fixed: Readonly<Record<string, Point>>): Record<string, Point> {
  const placed = new Map<string, Point>();
  const occupied = new OccupiedGrid();
  for (const p of Object.values(fixed)) occupied.add(p);
  for (const n of dag.nodes) if (fixed[n]) placed.set(n, { ...fixed[n] });

  const distance = distancesFrom(dag, [...placed.keys()]);
  const fresh = dag.nodes.filter((n) => !placed.has(n));
  const byDistance: string[][] = [];
  for (const n of fresh) {
    const d = distance.get(n);
    if (d !== undefined) (byDistance[d] ??= []).push(n);
  }

  for (const level of byDistance) {
    if (!level) continue;
    const groups = new Map<string, { x: number; anchors: string[]; members: string[] }>();
    for (const n of level) {
      const ups = dag.up.get(n)!.filter((m) => placed.has(m));
      const downs = dag.down.get(n)!.filter((m) => placed.has(m));
      const firstUse = downs.length ? Math.min(...downs.map((m) => placed.get(m)!.x)) : Infinity;
      const lastSource = ups.length ? Math.max(...ups.map((m) => placed.get(m)!.x)) : -Infinity;
      // Between a drawn source and a drawn use less than two columns apart: halfway.
      const x = firstUse - lastSource < 2 * COLUMN_GAP ? (firstUse + lastSource) / 2 : downs.length ? firstUse - COLUMN_GAP : lastSource + COLUMN_GAP;
      const anchors = [...ups, ...downs].sort(compareKeys);
      const id = `${x}|${anchors.join("\n")}`;
      const group = groups.get(id) ?? { x, anchors, members: [] };
      group.members.push(n);
      groups.set(id, group);
    }
    const ordered = [...groups.values()].sort((a, b) => a.x - b.x || compareKeys(a.anchors.join("\n"), b.anchors.join("\n")));
    for (const { x, anchors, members } of ordered) {
      members.sort((a, b) => ideal[a]!.y - ideal[b]!.y || compareKeys(a, b));
      const centre = anchors.reduce((sum, m) => sum + placed.get(m)!.y, 0) / anchors.length;
      // From the middle of the block outwards, each side searching on from where the
      // previous member landed: a crowded column is walked once per block, not per node.
      const middle = (members.length - 1) / 2;
      const order = members.map((n, i) => ({ n, offset: i - middle })).sort((a, b) => Math.abs(a.offset) - Math.abs(b.offset) || a.offset - b.offset);
      let lowest = 0;
      let highest = 0;
      order.forEach(({ n, offset }, i) => {
        const want = centre + offset * ROW_GAP;
        let point: Point;
        if (i === 0) {
          point = nearestFree({ x, y: want }, occupied, offset >= 0 ? 1 : -1);
          lowest = highest = point.y;
        } else if (offset >= 0) {
          point = firstFree({ x, y: Math.max(want, highest + ROW_GAP) }, occupied, 1);
          highest = point.y;
        } else {
          point = firstFree({ x, y: Math.min(want, lowest - ROW_GAP) }, occupied, -1);
          lowest = point.y;
        }
        placed.set(n, point);
        occupied.add(point);
      });
    }
  }

  // Parts of the graph not connected to anything drawn go below everything, as laid out.
  const detached = fresh.filter((n) => !distance.has(n));
  if (detached.length) {
    const top = occupied.bounds.maxY + ROW_GAP * 1.5;
    const left = occupied.bounds.minX;
    const idealTop = Math.min(...detached.map((n) => ideal[n]!.y));
    const idealLeft = Math.min(...detached.map((n) => ideal[n]!.x));
    for (const n of detached) {
      const point = nearestFree({ x: ideal[n]!.x - idealLeft + left, y: ideal[n]!.y - idealTop + top }, occupied, 1);
      placed.set(n, point);
      occupied.add(point);
    }
  }
  return Object.fromEntries(dag.nodes.map((n) => [n, placed.get(n)!]));
}

function distancesFrom(dag: Dag, sources: string[]): Map<string, number> {
  const distance = new Map(sources.map((s) => [s, 0]));
  const queue = [...sources];
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i]!;
    for (const m of [...dag.up.get(n)!, ...dag.down.get(n)!]) {
      if (!distance.has(m)) {
        distance.set(m, distance.get(n)! + 1);
        queue.push(m);
      }
    }
  }
  return distance;
}

function nearestFree(want: Point, occupied: OccupiedGrid, prefer: 1 | -1): Point {
  for (let step = 0; ; step++) {
    for (const sign of step === 0 ? [1] : [prefer, -prefer]) {
      const p = { x: want.x, y: want.y + sign * step * ROW_GAP };
      if (occupied.isFree(p)) return p;
    }
  }
}

/** The first free row from `want` on, walking one way only. */
function firstFree(want: Point, occupied: OccupiedGrid, direction: 1 | -1): Point {
  for (let step = 0; ; step++) {
    const p = { x: want.x, y: want.y + direction * step * ROW_GAP };
    if (occupied.isFree(p)) return p;
  }
}

/**
 * Occupied points bucketed into cells of MIN_SEPARATION size: a point that overlaps another
 * can only be in the same or an adjacent cell, so a free check costs nine lookups however
 * many nodes are drawn.
 */
class OccupiedGrid {
  private cells = new Map<string, Point[]>();
  bounds = { minX: Infinity, maxY: -Infinity };

  add(p: Point) {
    const key = this.cellKey(Math.floor(p.x / MIN_SEPARATION.x), Math.floor(p.y / MIN_SEPARATION.y));
    const cell = this.cells.get(key);
    if (cell) cell.push({ ...p });
    else this.cells.set(key, [{ ...p }]);
    this.bounds.minX = Math.min(this.bounds.minX, p.x);
    this.bounds.maxY = Math.max(this.bounds.maxY, p.y);
  }

  isFree(p: Point): boolean {
    const cx = Math.floor(p.x / MIN_SEPARATION.x);
    const cy = Math.floor(p.y / MIN_SEPARATION.y);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const o of this.cells.get(this.cellKey(cx + dx, cy + dy)) ?? []) {
          if (Math.abs(o.x - p.x) < MIN_SEPARATION.x && Math.abs(o.y - p.y) < MIN_SEPARATION.y) return false;
        }
      }
    }
    return true;
  }

  private cellKey(cx: number, cy: number): string {
    return `${cx},${cy}`;
  }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
