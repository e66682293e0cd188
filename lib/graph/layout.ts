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
  const rank = longestPathRanks(dag);
  const layers = orderLayers(dag, rank);
  const ideal: Record<string, Point> = {};
  layers.forEach((layer, r) => layer.forEach((key, i) => (ideal[key] = { x: r * COLUMN_GAP, y: (i - (layer.length - 1) / 2) * ROW_GAP })));

  const fixed = options.fixed ?? {};
  if (!Object.keys(fixed).length) return ideal;
  return placeAroundFixed(dag, rank, ideal, fixed);
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
    for (const r of order) {
      const pos = positionsOf(layers);
      const neighbours = downward ? dag.up : dag.down;
      layers[r] = sortByBarycenter(layers[r]!, neighbours, pos);
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
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        if ((list[i]![0] - list[j]![0]) * (list[i]![1] - list[j]![1]) < 0) crossings++;
      }
    }
  }
  return crossings;
}

/**
 * Keep fixed nodes where they are; put each new node next to its drawn neighbours (one
 * ideal rank gap left of what it feeds, right of what it comes from), keeping its ideal
 * offset from them, then slide it along its column to the nearest free row.
 */
function placeAroundFixed(dag: Dag, rank: Map<string, number>, ideal: Record<string, Point>, fixed: Readonly<Record<string, Point>>): Record<string, Point> {
  const placed = new Map<string, Point>();
  const occupied: Point[] = Object.values(fixed).map((p) => ({ ...p }));
  for (const n of dag.nodes) if (fixed[n]) placed.set(n, { ...fixed[n] });

  const distance = distancesFrom(dag, [...placed.keys()]);
  const fresh = dag.nodes.filter((n) => !placed.has(n));
  const attached = fresh.filter((n) => distance.has(n));
  attached.sort((a, b) => distance.get(a)! - distance.get(b)! || ideal[a]!.x - ideal[b]!.x || ideal[a]!.y - ideal[b]!.y || compareKeys(a, b));

  for (const n of attached) {
    const ups = dag.up.get(n)!.filter((m) => placed.has(m));
    const downs = dag.down.get(n)!.filter((m) => placed.has(m));
    const x = downs.length
      ? Math.min(...downs.map((m) => placed.get(m)!.x - (rank.get(m)! - rank.get(n)!) * COLUMN_GAP))
      : Math.max(...ups.map((m) => placed.get(m)!.x + (rank.get(n)! - rank.get(m)!) * COLUMN_GAP));
    const anchors = [...ups, ...downs];
    const y = anchors.reduce((sum, m) => sum + placed.get(m)!.y + ideal[n]!.y - ideal[m]!.y, 0) / anchors.length;
    const point = nearestFree({ x, y }, occupied, ideal[n]!.y >= 0 ? 1 : -1);
    placed.set(n, point);
    occupied.push(point);
  }

  // Parts of the graph not connected to anything drawn go below everything, as laid out.
  const detached = fresh.filter((n) => !distance.has(n));
  if (detached.length) {
    const top = Math.max(...occupied.map((p) => p.y)) + ROW_GAP * 1.5;
    const left = Math.min(...occupied.map((p) => p.x));
    const idealTop = Math.min(...detached.map((n) => ideal[n]!.y));
    const idealLeft = Math.min(...detached.map((n) => ideal[n]!.x));
    for (const n of detached) {
      const point = nearestFree({ x: ideal[n]!.x - idealLeft + left, y: ideal[n]!.y - idealTop + top }, occupied, 1);
      placed.set(n, point);
      occupied.push(point);
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

function nearestFree(want: Point, occupied: readonly Point[], prefer: 1 | -1): Point {
  const free = (p: Point) => occupied.every((o) => Math.abs(o.x - p.x) >= MIN_SEPARATION.x || Math.abs(o.y - p.y) >= MIN_SEPARATION.y);
  for (let step = 0; ; step++) {
    for (const sign of step === 0 ? [1] : [prefer, -prefer]) {
      const p = { x: want.x, y: want.y + sign * step * ROW_GAP };
      if (free(p)) return p;
    }
  }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
