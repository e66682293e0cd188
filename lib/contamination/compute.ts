/**
 * Benchmark contamination along lineage paths (the rules; see types.ts for the semantics).
 *
 * Per benchmark B, one breadth-first search over states (node, class), where the class is
 * what the path so far makes of its end: CONTAMINATED, POSSIBLE, MITIGATED or TRAIN_LINEAGE.
 * The first edge out of B fixes the class; later edges carry it unchanged, except that
 * entering a dataset decontaminated against B turns CONTAMINATED/POSSIBLE into MITIGATED.
 * Four states per node bound the search, so cycles cannot make it loop and the cost is
 * O(benchmarks × (nodes + edges) × 4). A dataset's flag is its worst reached class.
 *
 * Paths are built only when asked for (maxPaths > 0), per flagged dataset, by a best-first
 * search backwards from the dataset's states whose estimate is the exact BFS distance from
 * B: the k shortest simple paths come out in order after a handful of expansions each,
 * without ever materialising the paths of datasets nobody asked about.
 *
 * Which statements mitigate: one against B, or against any benchmark of B's family (a set
 * decontaminated against one AIME copy had the AIME problems removed, whichever copy holds
 * them). Not other families, not even across a derivation (MATH-500 from MATH's test split):
 * a statement against MATH-500 says nothing about the other 4,500 MATH test problems, and
 * one against MATH may have matched MATH's items only as MATH had them, while a derived
 * benchmark can have reworded or re-solved them. Families are the registry's judgement of
 * "the same items", so they are the unit.
 */
import { normalizeKey } from "@/lib/keys";
import type { LineageEvidence, Split } from "@/lib/lineage/types";
import { SEVERITIES, type ComputeOptions, type ContaminationBenchmark, type ContaminationFlag, type ContaminationInput, type ContaminationPath, type PathStep, type Severity } from "./types";

const CONTAMINATED = 0;
const POSSIBLE = 1;
const MITIGATED = 2;
const TRAIN = 3;
const CLASSES = 4;
/** Beyond this many expansions per dataset the path search stops with what it has (dense cyclic inputs only). */
const EXPANSION_BUDGET = 20_000;

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Flags that call for attention (MITIGATED and TRAIN_LINEAGE are shown but not flagged). */
export function isFlagged(s: Severity): boolean {
  return s === "CONTAMINATED" || s === "POSSIBLE";
}

function firstClass(split: Split, evalSplits: readonly Split[]): number {
  if (evalSplits.includes("ALL") || evalSplits.includes(split)) return CONTAMINATED;
  if (split === "UNKNOWN" || split === "ALL") return POSSIBLE;
  return TRAIN;
}

/** The graph in integer form: nodes by index, live edges in CSR lists ordered by the far end's key, for stable ties. */
type Graph = {
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
};

function buildGraph(input: ContaminationInput, withInLists: boolean): Graph {
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
  // The registry's casing wins for benchmarks; otherwise the first edge that names a node.
  for (const b of input.benchmarks) node(b.key);
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
  return { keys, index, order, edges, up, down, outStart: outLists.start, outEdge: outLists.list, inStart: inLists.start, inEdge: inLists.list };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type Mitigation = { dataset: number; evidence: LineageEvidence[]; direct: boolean };
type Mitigations = Map<number, Mitigation>;

/** Statements that mitigate a benchmark: against it, or against its family (see the header). */
function mitigationsFor(input: ContaminationInput, g: Graph, benchmark: ContaminationBenchmark): Mitigations {
  const familyOf = new Map<string, string>();
  for (const b of input.benchmarks) if (!familyOf.has(normalizeKey(b.key))) familyOf.set(normalizeKey(b.key), normalizeKey(b.family));
  const own = normalizeKey(benchmark.key);
  const family = normalizeKey(benchmark.family);
  const result: Mitigations = new Map();
  for (const s of input.decontaminations) {
    const target = normalizeKey(s.benchmark);
    const direct = target === own;
    if (!direct && familyOf.get(target) !== family) continue;
    const dataset = g.index.get(normalizeKey(s.dataset));
    if (dataset === undefined) continue;
    // A statement against B itself is better evidence than one against a sibling.
    const existing = result.get(dataset);
    if (!existing || (direct && !existing.direct)) result.set(dataset, { dataset, evidence: s.evidence, direct });
  }
  return result;
}

type Search = { dist: Int32Array; via: Int32Array; mitigated: Uint8Array; benchmark: number; evalSplits: readonly Split[] };

/** Fills dist/via for every (node, class) state the benchmark reaches; `reached` gets each node once. */
function bfs(g: Graph, s: Search, queue: Int32Array, reached: number[]): void {
  const { dist, via, mitigated, benchmark: b } = s;
  dist.fill(-1);
  let head = 0;
  let tail = 0;
  const visit = (v: number, cls: number, d: number, first: number) => {
    const c = mitigated[v] && cls <= POSSIBLE ? MITIGATED : cls;
    const base = v * CLASSES;
    if (dist[base + c]! >= 0) return;
    if (dist[base]! < 0 && dist[base + 1]! < 0 && dist[base + 2]! < 0 && dist[base + 3]! < 0) reached.push(v);
    dist[base + c] = d;
    via[base + c] = first;
    queue[tail++] = base + c;
  };
  for (let k = g.outStart[b]!; k < g.outStart[b + 1]!; k++) {
    const e = g.outEdge[k]!;
    const v = g.down[e]!;
    visit(v, firstClass(g.edges[e]!.split, s.evalSplits), 1, v);
  }
  while (head < tail) {
    const state = queue[head++]!;
    const u = (state / CLASSES) | 0;
    const cls = state - u * CLASSES;
    const d = dist[state]! + 1;
    const first = via[state]!;
    for (let k = g.outStart[u]!; k < g.outStart[u + 1]!; k++) {
      const v = g.down[g.outEdge[k]!]!;
      // Back into the benchmark is a cycle: B is the source, never a step.
      if (v !== b) visit(v, cls, d, first);
    }
  }
}

/**
 * A path under construction, from the dataset back towards the benchmark: `node` in class
 * `cls`, `len` edges from the dataset, `edge` leading from `node` to `next`. `rank` is the
 * dataset end's class (the path's severity); `mitigator` the node where it became MITIGATED.
 */
type Partial = { node: number; cls: number; rank: number; len: number; edge: number; next: Partial | null; mitigator: number };
type Entry = Partial & { done: boolean; prio: number; seq: number };

/**
 * Up to `limit` shortest simple paths from the benchmark to `target`, worst severity first,
 * then shortest. Best-first backwards with the BFS distance as the (exact) estimate of what
 * remains, so on a DAG every expansion lies on a shortest completion and each path costs
 * about its length in steps. Ties prefer the longer partial path: depth-first, not a
 * breadth-first sweep over every equally short prefix.
 */
function shortestPaths(g: Graph, s: Search, mitigations: Mitigations, target: number, limit: number): ContaminationPath[] {
  const { dist, mitigated, benchmark: b } = s;
  const heap = new Heap<Entry>((x, y) => x.prio - y.prio || y.len - x.len || x.seq - y.seq);
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
      found.push(materialise(g, p, mitigations));
      continue;
    }
    const v = p.node;
    // The classes the path can have had just before entering v.
    const before = mitigated[v] ? (p.cls === MITIGATED ? [CONTAMINATED, POSSIBLE, MITIGATED] : p.cls === TRAIN ? [TRAIN] : []) : [p.cls];
    for (let k = g.inStart[v]!; k < g.inStart[v + 1]!; k++) {
      const e = g.inEdge[k]!;
      const u = g.up[e]!;
      if (u === b) {
        const c = firstClass(g.edges[e]!.split, s.evalSplits);
        if (before.includes(c)) push(step(p, b, c, e, v), true, 0);
      } else if (!onPath(p, u)) {
        for (const c of before) {
          const d = dist[u * CLASSES + c]!;
          if (d >= 0) push(step(p, u, c, e, v), false, d);
        }
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

function materialise(g: Graph, p: Partial, mitigations: Mitigations): ContaminationPath {
  const keys = [g.keys[p.node]!];
  const steps: PathStep[] = [];
  for (let q: Partial | null = p; q && q.next; q = q.next) {
    const e = g.edges[q.edge]!;
    keys.push(g.keys[q.next.node]!);
    steps.push({
      upstream: g.keys[g.up[q.edge]!]!,
      downstream: g.keys[g.down[q.edge]!]!,
      relation: e.relation,
      confidence: e.confidence,
      split: e.split,
      status: e.status,
      evidence: e.evidence,
    });
  }
  const m = p.mitigator >= 0 ? mitigations.get(p.mitigator) : undefined;
  return { keys, steps, severity: SEVERITIES[p.rank]!, mitigation: m ? { dataset: g.keys[m.dataset]!, evidence: m.evidence } : null };
}

/**
 * Flags per (dataset, benchmark), sorted by dataset key, then worst severity, then benchmark
 * key. maxPaths 0 skips the path search entirely (the overview); with `datasets`, paths are
 * searched only for those.
 */
export function computeContamination(input: ContaminationInput, options: ComputeOptions = {}): ContaminationFlag[] {
  const maxPaths = Math.max(0, Math.floor(options.maxPaths ?? 3)) || 0;
  const g = buildGraph(input, maxPaths > 0);
  const n = g.keys.length;
  let wanted: Uint8Array | null = null;
  if (options.datasets) {
    wanted = new Uint8Array(n);
    for (const key of options.datasets) {
      const i = g.index.get(normalizeKey(key));
      if (i !== undefined) wanted[i] = 1;
    }
  }
  const onlyBenchmarks = options.benchmarks ? new Set(options.benchmarks.map(normalizeKey)) : null;
  const seen = new Set<string>();
  const registry = input.benchmarks.filter((bm) => {
    const key = normalizeKey(bm.key);
    if (seen.has(key) || (onlyBenchmarks && !onlyBenchmarks.has(key))) return false;
    seen.add(key);
    return true;
  });

  const dist = new Int32Array(n * CLASSES);
  const via = new Int32Array(n * CLASSES);
  const queue = new Int32Array(n * CLASSES);
  const mitigated = new Uint8Array(n);
  const flags: ContaminationFlag[] = [];
  const flagNode: number[] = [];
  const flagRank: number[] = [];
  const benchOrder = registry.map((_, i) => i).sort((x, y) => cmp(normalizeKey(registry[x]!.key), normalizeKey(registry[y]!.key)));
  const benchRank = new Int32Array(registry.length);
  benchOrder.forEach((i, r) => (benchRank[i] = r));

  registry.forEach((bm, bi) => {
    const b = g.index.get(normalizeKey(bm.key))!;
    const mitigations = mitigationsFor(input, g, bm);
    for (const d of mitigations.keys()) mitigated[d] = 1;
    const search: Search = { dist, via, mitigated, benchmark: b, evalSplits: bm.evalSplits };
    const reached: number[] = [];
    bfs(g, search, queue, reached);
    for (const v of reached) {
      if (wanted && !wanted[v]) continue;
      let c = 0;
      while (dist[v * CLASSES + c]! < 0) c++;
      const state = v * CLASSES + c;
      flags.push({
        dataset: g.keys[v]!,
        benchmark: g.keys[b]!,
        family: bm.family,
        severity: SEVERITIES[c]!,
        distance: dist[state]!,
        via: g.keys[via[state]!]!,
        paths: maxPaths ? shortestPaths(g, search, mitigations, v, maxPaths) : [],
      });
      flagNode.push(v);
      flagRank.push(c * registry.length + benchRank[bi]!);
    }
    for (const d of mitigations.keys()) mitigated[d] = 0;
  });
  return sortFlags(g, flags, flagNode, flagRank, CLASSES * registry.length);
}

/**
 * Two stable counting passes (least significant first): by `rankOf` (severity, then
 * benchmark), then by the dataset's place in key order. Linear in flags and nodes.
 */
function sortFlags(g: Graph, flags: ContaminationFlag[], flagNode: number[], rankOf: number[], ranks: number): ContaminationFlag[] {
  const byRank = new Int32Array(ranks + 1);
  for (const r of rankOf) byRank[r + 1]!++;
  for (let r = 0; r < ranks; r++) byRank[r + 1]! += byRank[r]!;
  const first = new Int32Array(flags.length);
  rankOf.forEach((r, i) => (first[byRank[r]!++] = i));

  const n = g.keys.length;
  const count = new Int32Array(n);
  for (const v of flagNode) count[v]!++;
  const offset = new Int32Array(n);
  let pos = 0;
  for (const v of g.order) {
    offset[v] = pos;
    pos += count[v]!;
  }
  const out: ContaminationFlag[] = new Array(flags.length);
  for (const i of first) out[offset[flagNode[i]!]!++] = flags[i]!;
  return out;
}

class Heap<T extends { prio: number; len: number; seq: number }> {
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
    if (a.length && last) {
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
