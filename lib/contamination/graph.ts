/**
 * The lineage in integer form for the contamination rules: nodes by index, live edges in CSR
 * lists ordered by the far end's key (stable ties), node creation months and kinds, and per
 * evaluation set the nodes its items enter through.
 */
import { normalizeKey } from "@/lib/keys";
import type { NodeKind, Split } from "@/lib/lineage/types";
import { monthNumber, windowsOverlap, windowWithin, type ItemWindow } from "./dates";
import type { ContaminationInput, EvalSet } from "./types";

export const CONTAMINATED = 0;
export const POSSIBLE = 1;
export const MITIGATED = 2;
export const TRAIN = 3;
export const CLASSES = 4;

export type Graph = {
  keys: string[];
  index: Map<string, number>;
  /** Node indices in key order (normalised, then as written). */
  order: Int32Array;
  edges: ContaminationInput["edges"];
  up: Int32Array;
  down: Int32Array;
  outStart: Int32Array;
  outEdge: Int32Array;
  inStart: Int32Array;
  inEdge: Int32Array;
  /** Month number each node came to exist, -1 when unknown. */
  created: Int32Array;
  kinds: (NodeKind | undefined)[];
  /** No cycle among the live edges (the store's invariant), so every path is simple. Only computed with in-lists. */
  acyclic: boolean;
};

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
export { cmp as compareStrings };

export function buildGraph(input: ContaminationInput, withInLists: boolean): Graph {
  const keys: string[] = [];
  const norms: string[] = [];
  const index = new Map<string, number>();
  const node = (key: string) => {
    const norm = normalizeKey(key);
    let i = index.get(norm);
    if (i === undefined) {
      i = keys.length;
      index.set(norm, i);
      keys.push(key);
      norms.push(norm);
    }
    return i;
  };
  // The registry's casing wins for hosts and holders; otherwise the first edge that names a node.
  for (const set of input.evalSets) node(set.key);
  for (const h of input.holdings ?? []) node(h.key);
  const edges: ContaminationInput["edges"] = [];
  const upList: number[] = [];
  const downList: number[] = [];
  for (const e of input.edges) {
    if (e.status === "REJECTED") continue;
    const u = node(e.upstream);
    const v = node(e.downstream);
    if (u === v) continue;
    edges.push(e);
    upList.push(u);
    downList.push(v);
  }
  const n = keys.length;
  const created = new Int32Array(n).fill(-1);
  const kinds: (NodeKind | undefined)[] = new Array(n);
  for (const info of input.nodes ?? []) {
    const i = index.get(normalizeKey(info.key));
    if (i === undefined) continue;
    kinds[i] = info.kind;
    const m = monthNumber(info.created);
    if (m !== null) created[i] = m;
  }
  const up = Int32Array.from(upList);
  const down = Int32Array.from(downList);
  // A plain array sorts faster than a typed one with a comparator.
  const order = Int32Array.from(Array.from({ length: n }, (_, i) => i).sort((a, b) => cmp(norms[a]!, norms[b]!) || cmp(keys[a]!, keys[b]!)));
  const rank = new Int32Array(n);
  order.forEach((v, r) => (rank[v] = r));
  // Two stable counting passes (far end's rank, then owner): each node's list comes out in key order.
  const countingSort = (items: Int32Array, keyOf: (j: number) => number) => {
    const start = new Int32Array(n + 1);
    for (const j of items) start[keyOf(j) + 1]!++;
    for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
    const fill = start.slice(0, n);
    const sorted = new Int32Array(items.length);
    for (const j of items) sorted[fill[keyOf(j)]!++] = j;
    return { start, sorted };
  };
  const all = Int32Array.from({ length: edges.length }, (_, j) => j);
  const csr = (owner: Int32Array, far: Int32Array) => {
    const byFar = countingSort(all, (j) => rank[far[j]!]!).sorted;
    const { start, sorted } = countingSort(byFar, (j) => owner[j]!);
    return { start, list: sorted };
  };
  const outLists = csr(up, down);
  const inLists = withInLists ? csr(down, up) : { start: new Int32Array(n + 1), list: new Int32Array(0) };
  const acyclic = withInLists && isAcyclic(n, outLists.start, outLists.list, down);
  return { keys, index, order, edges, up, down, outStart: outLists.start, outEdge: outLists.list, inStart: inLists.start, inEdge: inLists.list, created, kinds, acyclic };
}

/** Kahn's algorithm: every node can be removed in topological order exactly when there is no cycle. */
function isAcyclic(n: number, outStart: Int32Array, outEdge: Int32Array, down: Int32Array): boolean {
  const indegree = new Int32Array(n);
  for (const e of outEdge) indegree[down[e]!]!++;
  const queue = new Int32Array(n);
  let tail = 0;
  for (let v = 0; v < n; v++) if (indegree[v] === 0) queue[tail++] = v;
  for (let head = 0; head < tail; head++) {
    const u = queue[head]!;
    for (let k = outStart[u]!; k < outStart[u + 1]!; k++) {
      const v = down[outEdge[k]!]!;
      if (--indegree[v]! === 0) queue[tail++] = v;
    }
  }
  return tail === n;
}

/** A node E's items enter through. */
export type Entry = {
  node: number;
  role: "host" | "holder";
  window: ItemWindow;
  evalSplits: readonly Split[];
  /** Every item of the family it holds lies in E's window (E itself, a copy, a subset). */
  narrow: boolean;
  /** Holds the items as a dataset people train on (not a benchmark, not an external source). */
  selfFlag: boolean;
};

/** A node that carries E's items, before it is placed in a graph. */
export type Carrier = { key: string; role: "host" | "holder"; window: ItemWindow; evalSplits: readonly Split[]; narrow: boolean; isHost: boolean };

/**
 * The nodes that carry E's items: its host, every declared holding of E's family whose
 * window meets E's, and the hosts of the family's other evaluation sets whose windows meet
 * it (MATH's test split holds MATH-500's problems; MATH-500 holds some of MATH test's). A
 * declared holding of the host itself widens the host (LiveCodeBench's repo holds every
 * release window, so an edge out of it may not have taken the v5 window). Declarations are
 * trusted over dates: a living benchmark's repo predates its newest window.
 */
export function carriersOf(input: Pick<ContaminationInput, "evalSets" | "holdings">, set: EvalSet): Carrier[] {
  const family = set.family.toLowerCase();
  const hostNorm = normalizeKey(set.key);
  const declared = new Map<string, { key: string; window: ItemWindow; evalSplits?: Split[] }>();
  for (const h of input.holdings ?? []) if (h.family.toLowerCase() === family) declared.set(normalizeKey(h.key), h);
  const hosts = new Set(input.evalSets.map((s) => normalizeKey(s.key)));
  const hostWindow = declared.get(hostNorm)?.window ?? set.window;
  const out: Carrier[] = [{ key: set.key, role: "host", window: hostWindow, evalSplits: set.evalSplits, narrow: windowWithin(hostWindow, set.window), isHost: true }];
  const seen = new Set([hostNorm]);
  const add = (key: string, window: ItemWindow, evalSplits: readonly Split[]) => {
    const norm = normalizeKey(key);
    if (seen.has(norm) || !windowsOverlap(window, set.window)) return;
    seen.add(norm);
    out.push({ key, role: "holder", window, evalSplits, narrow: windowWithin(window, set.window), isHost: hosts.has(norm) });
  };
  for (const [norm, h] of declared) if (norm !== hostNorm) add(h.key, h.window, h.evalSplits?.length ? h.evalSplits : ["ALL"]);
  for (const other of input.evalSets) {
    if (other.family.toLowerCase() !== family || normalizeKey(other.key) === hostNorm) continue;
    add(other.key, declared.get(normalizeKey(other.key))?.window ?? other.window, other.evalSplits);
  }
  return out;
}

/** E's carriers as graph entries; a carrier that is a dataset (not a benchmark or an external source) is flagged itself. */
export function entriesFor(g: Graph, input: ContaminationInput, set: EvalSet): Map<number, Entry> {
  const entries = new Map<number, Entry>();
  for (const c of carriersOf(input, set)) {
    const i = g.index.get(normalizeKey(c.key));
    if (i === undefined || entries.has(i)) continue;
    entries.set(i, { node: i, role: c.role, window: c.window, evalSplits: c.evalSplits, narrow: c.narrow, selfFlag: c.role === "holder" && !c.isHost && g.kinds[i] === "DATASET" });
  }
  return entries;
}

/** The class a split of a node's data gives: evaluation split, unknown, or training. */
export function splitClass(split: Split, evalSplits: readonly Split[]): number {
  if (evalSplits.includes("ALL") || evalSplits.includes(split)) return CONTAMINATED;
  if (split === "UNKNOWN" || split === "ALL") return POSSIBLE;
  return TRAIN;
}

/**
 * The class of a path's first edge out of an entry: a wide holder's data may not include E's
 * items; a holder's other splits do not hold them at all (-1: no path), while the host's
 * training split is training-split lineage of E.
 */
export function entryClass(split: Split, entry: Entry): number {
  const c = splitClass(split, entry.evalSplits);
  if (c === TRAIN && entry.role === "holder") return NONE;
  return c === CONTAMINATED && !entry.narrow ? POSSIBLE : c;
}

/** No class: the edge carries none of E's items. */
export const NONE = -1;
