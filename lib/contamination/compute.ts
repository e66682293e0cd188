/**
 * Benchmark contamination along lineage paths (the rules; see types.ts for the semantics).
 *
 * Per evaluation set E, one breadth-first search over states (node, class), where the class
 * is what the path so far makes of its end: CONTAMINATED, POSSIBLE, MITIGATED or
 * TRAIN_LINEAGE. It starts from every node that carries E's items (graph.ts: entriesFor); the
 * first edge out of one fixes the class; later edges carry it unchanged, except that entering
 * a dataset decontaminated against E's family turns CONTAMINATED/POSSIBLE into MITIGATED. A
 * dataset created before E's first items is never entered: E's data cannot have passed
 * through it (unknown dates never block). Four states per node bound the search, so cycles
 * cannot make it loop and the cost is O(sets × (nodes + edges) × 4). A dataset's flag is its
 * worst reached class, or CONTAMINATED at distance 0 when it holds E's items itself.
 *
 * Paths are built only when asked for (maxPaths > 0), per flagged dataset (paths.ts).
 *
 * Which statements mitigate: one against E's host, or against any node of E's family (a
 * host or holder: a set decontaminated against "AIME" had the AIME problems removed,
 * whichever copy holds them). Not other families, not even across a derivation: a statement
 * against MATH-500 says nothing about the other 4,500 MATH test problems unless MATH-500 is
 * registered in MATH's family. Families are the registry's judgement of "the same items".
 */
import { normalizeKey } from "@/lib/keys";
import { monthNumber, monthOf } from "./dates";
import { buildGraph, CLASSES, compareStrings, CONTAMINATED, entriesFor, entryClass, MITIGATED, NONE, POSSIBLE, splitClass, TRAIN, type Entry, type Graph } from "./graph";
import { countPaths, shortestPaths, type Mitigations, type Search } from "./paths";
import { SEVERITIES, type ComputeOptions, type ContaminationFlag, type ContaminationInput, type EvalSet, type FlagReason, type Severity } from "./types";

export { CLASSES };

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Flags that call for attention (MITIGATED and TRAIN_LINEAGE are shown but not flagged). */
export function isFlagged(s: Severity): boolean {
  return s === "CONTAMINATED" || s === "POSSIBLE";
}

/** Statements that mitigate E: against its host, or against any host or holder of its family. */
function mitigationsFor(input: ContaminationInput, g: Graph, set: EvalSet): Mitigations {
  const familyOf = new Map<string, string>();
  for (const s of input.evalSets) if (!familyOf.has(normalizeKey(s.key))) familyOf.set(normalizeKey(s.key), s.family.toLowerCase());
  for (const h of input.holdings ?? []) if (!familyOf.has(normalizeKey(h.key))) familyOf.set(normalizeKey(h.key), h.family.toLowerCase());
  const own = normalizeKey(set.key);
  const family = set.family.toLowerCase();
  const result: Mitigations = new Map();
  for (const s of input.decontaminations) {
    const target = normalizeKey(s.benchmark);
    const direct = target === own;
    if (!direct && familyOf.get(target) !== family) continue;
    const dataset = g.index.get(normalizeKey(s.dataset));
    if (dataset === undefined) continue;
    // A statement against E itself is better evidence than one against a sibling.
    const existing = result.get(dataset);
    if (!existing || (direct && !existing.direct)) result.set(dataset, { dataset, evidence: s.evidence, direct });
  }
  return result;
}

/** Fills dist/first for every (node, class) state E's entries reach; `reached` gets each node once. */
function bfs(g: Graph, s: Search, queue: Int32Array, reached: number[]): void {
  const { dist, first, mitigated, host, entries, blocked } = s;
  dist.fill(-1);
  let head = 0;
  let tail = 0;
  const visit = (v: number, cls: number, d: number, edge: number) => {
    // Back into the host is a cycle: E's host is a source, never a step.
    if (v === host || blocked(v)) return;
    const c = mitigated[v] && cls <= POSSIBLE ? MITIGATED : cls;
    const base = v * CLASSES;
    if (dist[base + c]! >= 0) return;
    if (dist[base]! < 0 && dist[base + 1]! < 0 && dist[base + 2]! < 0 && dist[base + 3]! < 0) reached.push(v);
    dist[base + c] = d;
    first[base + c] = edge;
    queue[tail++] = base + c;
  };
  // Entries in node order, so ties between equally short paths break the same way every time.
  for (const entry of [...entries.values()].sort((a, b) => a.node - b.node)) {
    for (let k = g.outStart[entry.node]!; k < g.outStart[entry.node + 1]!; k++) {
      const e = g.outEdge[k]!;
      const cls = entryClass(g.edges[e]!.split, entry);
      if (cls !== NONE) visit(g.down[e]!, cls, 1, e);
    }
  }
  while (head < tail) {
    const state = queue[head++]!;
    const u = (state / CLASSES) | 0;
    const cls = state - u * CLASSES;
    const d = dist[state]! + 1;
    const edge = first[state]!;
    for (let k = g.outStart[u]!; k < g.outStart[u + 1]!; k++) visit(g.down[g.outEdge[k]!]!, cls, d, edge);
  }
}

function reasonOf(g: Graph, cls: number, firstEdge: number, entries: Map<number, Entry>): FlagReason {
  if (cls === CONTAMINATED) return "eval_split";
  if (cls === MITIGATED) return "decontaminated";
  if (cls === TRAIN) return "train_split";
  const entry = entries.get(g.up[firstEdge]!);
  return entry && splitClass(g.edges[firstEdge]!.split, entry.evalSplits) === CONTAMINATED ? "wider_holder" : "unknown_split";
}

/**
 * Flags per (dataset, evaluation set), sorted by dataset key, then worst severity, then set
 * id. maxPaths 0 skips the path search and counting entirely (the overview); with
 * `datasets`, paths are searched only for those.
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
  const onlySets = options.benchmarks ? new Set(options.benchmarks.map((b) => b.toLowerCase())) : null;
  const seen = new Set<string>();
  const registry = input.evalSets.filter((set) => {
    const id = set.id.toLowerCase();
    if (seen.has(id) || (onlySets && !onlySets.has(id))) return false;
    seen.add(id);
    return true;
  });

  const dist = new Int32Array(n * CLASSES);
  const first = new Int32Array(n * CLASSES);
  const queue = new Int32Array(n * CLASSES);
  const mitigated = new Uint8Array(n);
  const flags: ContaminationFlag[] = [];
  const flagNode: number[] = [];
  const flagRank: number[] = [];
  const setOrder = registry.map((_, i) => i).sort((x, y) => compareStrings(registry[x]!.id.toLowerCase(), registry[y]!.id.toLowerCase()));
  const setRank = new Int32Array(registry.length);
  setOrder.forEach((i, r) => (setRank[i] = r));

  registry.forEach((set, si) => {
    const host = g.index.get(normalizeKey(set.key))!;
    const entries = entriesFor(g, input, set);
    const mitigations = mitigationsFor(input, g, set);
    for (const d of mitigations.keys()) mitigated[d] = 1;
    const from = monthNumber(set.window.from);
    const blocked = from === null ? () => false : (v: number) => g.created[v]! >= 0 && g.created[v]! < from;
    const search: Search = { dist, first, mitigated, host, entries, blocked };
    const reached: number[] = [];
    bfs(g, search, queue, reached);
    // Datasets that hold E's items themselves are flagged at distance 0, whether or not a path reaches them.
    const holders = [...entries.values()].filter((e) => e.selfFlag && dist[e.node * CLASSES]! < 0 && dist[e.node * CLASSES + 1]! < 0 && dist[e.node * CLASSES + 2]! < 0 && dist[e.node * CLASSES + 3]! < 0);
    for (const v of [...reached, ...holders.map((e) => e.node)]) {
      if (wanted && !wanted[v]) continue;
      const self = entries.get(v)?.selfFlag ? (mitigated[v] ? MITIGATED : CONTAMINATED) : -1;
      let c = 0;
      while (c < CLASSES && dist[v * CLASSES + c]! < 0) c++;
      const selfWins = self >= 0 && self <= c;
      const cls = selfWins ? self : c;
      const state = v * CLASSES + c;
      const firstEdge = c < CLASSES ? first[state]! : -1;
      let paths = maxPaths ? shortestPaths(g, search, mitigations, v, maxPaths) : [];
      let pathCount = maxPaths && c < CLASSES ? countPaths(g, search, v) : 0;
      if (self >= 0 && maxPaths) {
        const entry = entries.get(v)!;
        const own = { keys: [g.keys[v]!], steps: [], severity: SEVERITIES[self as 0 | 2]!, entry: { key: g.keys[v]!, role: entry.role, window: entry.window, created: g.created[v]! >= 0 ? monthOf(g.created[v]!) : null }, mitigation: null };
        paths = (selfWins ? [own, ...paths] : [...paths, own]).slice(0, maxPaths);
        pathCount += 1;
      }
      flags.push({
        dataset: g.keys[v]!,
        benchmark: set.id,
        name: set.name,
        family: set.family,
        host: g.keys[host]!,
        severity: SEVERITIES[cls]!,
        lineageSeverity: SEVERITIES[cls]!,
        reason: selfWins ? "holds_items" : reasonOf(g, c, firstEdge, entries),
        distance: selfWins ? 0 : dist[state]!,
        via: selfWins ? undefined : g.keys[g.down[firstEdge]!]!,
        paths,
        pathCount,
        measured: [],
        measuredOnly: false,
        measuredAgainst: false,
      });
      flagNode.push(v);
      flagRank.push(cls * registry.length + setRank[si]!);
    }
    for (const d of mitigations.keys()) mitigated[d] = 0;
  });
  return sortFlags(g, flags, flagNode, flagRank, CLASSES * registry.length);
}

/**
 * Two stable counting passes (least significant first): by `rankOf` (severity, then set),
 * then by the dataset's place in key order. Linear in flags and nodes.
 */
function sortFlags(g: Graph, flags: ContaminationFlag[], flagNode: number[], rankOf: number[], ranks: number): ContaminationFlag[] {
  const byRank = new Int32Array(ranks + 1);
  for (const r of rankOf) byRank[r + 1]!++;
  for (let r = 0; r < ranks; r++) byRank[r + 1]! += byRank[r]!;
  const firstPass = new Int32Array(flags.length);
  rankOf.forEach((r, i) => (firstPass[byRank[r]!++] = i));

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
  for (const i of firstPass) out[offset[flagNode[i]!]!++] = flags[i]!;
  return out;
}
