/**
 * Level-of-detail labels. Zoomed out, a node's own label would render below ~9 px and is
 * hidden; a few nodes keep a label at any zoom instead (drawn at a readable size on a white
 * backing): the root, the selection, hovered and searched nodes, the neighbours of the root and
 * the selection, groups, then the nodes that reach the most of the drawn graph. Labels that
 * would overlap on screen are dropped in that order, so what stays is readable.
 */

/** Screen size (px) of a kept label's text; normal labels hide below MIN_LABEL_PX. */
export const PINNED_LABEL_PX = 11;
export const MIN_LABEL_PX = 9;
/** Model font size of node labels (lib canvas style). */
export const NODE_FONT_PX = 12;
/** Below this zoom normal labels would be smaller than MIN_LABEL_PX. */
export const LABEL_ZOOM = MIN_LABEL_PX / NODE_FONT_PX;
/** More kept labels than this at once is clutter, whatever room there is. */
export const MAX_PINNED = 80;

/** Rough width of `chars` characters at PINNED_LABEL_PX in the UI sans-serif. */
const CHAR_PX = PINNED_LABEL_PX * 0.66;
const LABEL_HEIGHT = PINNED_LABEL_PX + 8;

/**
 * For every node, how many drawn nodes it reaches or is reached by along edges (ancestors +
 * descendants). Bitsets in topological order: E × N/32 word operations, a few milliseconds at
 * 10,000 nodes.
 */
export function reachCounts(ids: readonly string[], edges: readonly { up: string; down: string }[]): Map<string, number> {
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const ups: number[][] = Array.from({ length: n }, () => []);
  const downs: number[][] = Array.from({ length: n }, () => []);
  for (const { up, down } of edges) {
    const u = index.get(up);
    const d = index.get(down);
    if (u === undefined || d === undefined || u === d) continue;
    downs[u]!.push(d);
    ups[d]!.push(u);
  }
  const order = topologicalOrder(n, ups, downs);
  const words = Math.ceil(n / 32);
  const counts = new Int32Array(n);
  const bits = new Uint32Array(n * words);
  for (const [sequence, before] of [
    [order, ups],
    [[...order].reverse(), downs],
  ] as const) {
    bits.fill(0);
    for (const v of sequence) {
      const base = v * words;
      for (const u of before[v]!) {
        const from = u * words;
        for (let w = 0; w < words; w++) bits[base + w]! |= bits[from + w]!;
        bits[base + (u >>> 5)]! |= 1 << (u & 31);
      }
      let count = 0;
      for (let w = 0; w < words; w++) count += popcount(bits[base + w]!);
      counts[v]! += count;
    }
  }
  return new Map(ids.map((id, i) => [id, counts[i]!]));
}

function topologicalOrder(n: number, ups: number[][], downs: number[][]): number[] {
  const indegree = ups.map((list) => list.length);
  const order: number[] = [];
  for (let v = 0; v < n; v++) if (indegree[v] === 0) order.push(v);
  for (let i = 0; i < order.length; i++) {
    for (const d of downs[order[i]!]!) if (--indegree[d]! === 0) order.push(d);
  }
  // A cycle (never stored, but never hang on one): its nodes go last, in index order.
  if (order.length < n) {
    const seen = new Set(order);
    for (let v = 0; v < n; v++) if (!seen.has(v)) order.push(v);
  }
  return order;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export type LabelCandidate = { id: string; x: number; y: number; text: string };

/**
 * The order labels are kept in: `always` first (in the order given), then `near`, then by reach
 * (most first), ties by id. Computed once per drawn view; picking walks it per viewport.
 */
export function labelPriority(ids: readonly string[], reach: ReadonlyMap<string, number>, near: ReadonlySet<string>): string[] {
  return [...ids].sort((a, b) => Number(near.has(b)) - Number(near.has(a)) || (reach.get(b) ?? 0) - (reach.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
}

type Rect = { x1: number; y1: number; x2: number; y2: number };

/**
 * Which labels to keep at this viewport: walk `always` then `ordered`, keep a label when its
 * on-screen box is inside the screen and clear of every label kept before it (`always` ones are
 * kept even when they overlap: the root and the selection must be named).
 */
export function pickLabels(options: {
  ordered: readonly string[];
  always: readonly string[];
  at: (id: string) => LabelCandidate | undefined;
  zoom: number;
  pan: { x: number; y: number };
  size: { width: number; height: number };
  limit?: number;
}): string[] {
  const { zoom, pan, size } = options;
  const limit = options.limit ?? MAX_PINNED;
  const kept: string[] = [];
  const boxes: Rect[] = [];
  const seen = new Set<string>();
  const consider = (id: string, force: boolean) => {
    if (seen.has(id)) return;
    seen.add(id);
    const c = options.at(id);
    if (!c) return;
    const cx = c.x * zoom + pan.x;
    const cy = c.y * zoom + pan.y;
    const half = (Math.min(c.text.length, 40) * CHAR_PX) / 2 + 4;
    const box = { x1: cx - half, y1: cy - LABEL_HEIGHT / 2, x2: cx + half, y2: cy + LABEL_HEIGHT / 2 };
    if (box.x2 < 0 || box.y2 < 0 || box.x1 > size.width || box.y1 > size.height) return;
    if (!force && boxes.some((b) => b.x1 < box.x2 && box.x1 < b.x2 && b.y1 < box.y2 && box.y1 < b.y2)) return;
    kept.push(id);
    boxes.push(box);
  };
  for (const id of options.always) consider(id, true);
  for (const id of options.ordered) {
    if (kept.length >= limit) break;
    consider(id, false);
  }
  return kept;
}

/** The model font size that renders at PINNED_LABEL_PX on screen, in steps so small zooms do not restyle every frame. */
export function pinnedFontSize(zoom: number): number {
  const exact = PINNED_LABEL_PX / Math.max(zoom, 0.01);
  const step = exact < 40 ? 1 : exact < 200 ? 5 : 20;
  return Math.max(NODE_FONT_PX, Math.ceil(exact / step) * step);
}
