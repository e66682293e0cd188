/**
 * What a dataset inherits from the licences of everything it was built from, and where its own
 * declared licence promises more than those allow.
 *
 * - Every live edge carries data (subset, fusion, synthetic generation, semantic evolution, CoT
 *   distillation alike); REJECTED edges never count.
 * - A dataset inherits every non-permissive licence declared by any ancestor — attribution
 *   included (credit must be carried), each (licence, declaring ancestor) once, with one shortest
 *   path. An ancestor whose licences are all unknown ("other", "Unspecified", "No License") is listed
 *   too, as "unknown: check the source's terms"; an ancestor with no licence data at all is not.
 *   Order: most restrictive class first (unknown last), then nearest, then key.
 * - A conflict is an inherited restriction the dataset's own licence does not honour:
 *     · its most restrictive declared licence is more open on CLASS_ORDER than the inherited class
 *       (Apache-2.0 over CC-BY-NC-4.0; CC-BY-SA-4.0 over OpenAI terms; NC over research-only), or
 *     · the inherited licence is share-alike and no declared licence keeps it (CC-BY-4.0, or even
 *       CC-BY-NC-4.0, over CC-BY-SA-4.0), or
 *     · it declares nothing usable (no licence, or only unknown ones) over share-alike or stricter
 *       data: declared "undeclared".
 *   With several declared licences only the most restrictive one counts (for share-alike: any one
 *   that keeps it) — a card listing "cc-by-nc-4.0, mit" is read as covering its NC part with NC.
 *   Attribution never conflicts (credit under a permissive licence is a note, listed in `inherited`),
 *   unknown never does, and two different sets of provider terms are not compared.
 * - Severity (higher = worse): research-only 41, non-commercial 40, terms 30, share-alike 20, plus 5
 *   when the dataset declares a licence that contradicts the restriction (a wrong promise is worse
 *   than silence). So research-only/non-commercial > terms > share-alike, whatever is declared.
 *
 * Prepare once (`prepareLicenceGraph`), then: one dataset is a breadth-first walk up its ancestors;
 * `conflictRanking` propagates, in topological order, the nearest declaring ancestor per restrictive
 * licence and bitsets of declaring ancestors (in chunks, so memory stays n × 256 bytes), never a walk
 * per dataset. A cyclic graph (the store keeps it acyclic; hand-made input may not be) falls back to
 * one walk per dataset, which is correct on cycles.
 *
 * Pure and client-safe.
 */
import { normalizeKey } from "@/lib/keys";
import { isShareAlike, keepsShareAlike, mostRestrictive, restrictionOf, restrictiveness, type Licence, type LicenceClass } from "./normalize";

export type LicenceInput = {
  nodes: readonly { key: string; declared: readonly Licence[] }[];
  edges: readonly { upstream: string; downstream: string; status?: "PROPOSED" | "ACCEPTED" | "REJECTED" }[];
};

export type Inherited = {
  /** Licence id. */
  licence: string;
  name: string;
  class: LicenceClass;
  /** One line: "non-commercial use only", "share-alike: derivatives must keep CC-BY-SA-4.0", … */
  restriction: string;
  /** The ancestor declaring it. */
  from: string;
  /** from → … → dataset, one shortest path. */
  path: string[];
};

export type Conflict = {
  /** The dataset's most restrictive declared licence, or "undeclared". */
  declared: string | "undeclared";
  /** The inherited licence id. */
  inherited: string;
  from: string;
  reason: string;
  /** Higher = more serious (see the module comment). */
  severity: number;
};

export type DatasetLicences = { dataset: string; declared: string[]; inherited: Inherited[]; conflicts: Conflict[] };

export type RankedConflicts = { dataset: string; conflicts: number; worst: Conflict };

export type LicenceGraph = {
  readonly kind: "licence-graph";
  n: number;
  /** Keys as first written, by node index. */
  keys: string[];
  /** Normalised key → node index. */
  index: Map<string, number>;
  /** Position of each node in key order (normalised, then as written): the tie-break everywhere. */
  rank: Int32Array;
  /** Declared licences per node, deduplicated by id. */
  declared: Licence[][];
  /** Upstreams of v: inList[inStart[v] .. inStart[v+1]), in key order. */
  inStart: Int32Array;
  inList: Int32Array;
  /** Every node, upstreams before downstreams when acyclic (nodes on cycles last). */
  topo: Int32Array;
  acyclic: boolean;
};

const SEVERITY: Partial<Record<LicenceClass, number>> = { "research-only": 41, "non-commercial": 40, terms: 30, "share-alike": 20 };
const CONTRADICTS = 5;

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function prepareLicenceGraph(input: LicenceInput): LicenceGraph {
  const keys: string[] = [];
  const norms: string[] = [];
  const declared: Licence[][] = [];
  const index = new Map<string, number>();
  const node = (key: string) => {
    const norm = normalizeKey(key);
    let i = index.get(norm);
    if (i === undefined) {
      i = keys.length;
      index.set(norm, i);
      keys.push(key);
      norms.push(norm);
      declared.push([]);
    }
    return i;
  };
  for (const { key, declared: ls } of input.nodes) {
    const own = declared[node(key)]!;
    for (const l of ls) if (!own.some((o) => o.id === l.id)) own.push(l);
  }
  const ups: number[] = [];
  const downs: number[] = [];
  // Pairs as numbers (u × 2^22 + v, distinct below 4M nodes), not strings: cheaper on big graphs.
  const seen = new Set<number>();
  for (const e of input.edges) {
    if (e.status === "REJECTED") continue;
    const u = node(e.upstream);
    const v = node(e.downstream);
    const pair = u * 4_194_304 + v;
    if (u === v || seen.has(pair)) continue;
    seen.add(pair);
    ups.push(u);
    downs.push(v);
  }
  const n = keys.length;
  const byKey = Array.from({ length: n }, (_, i) => i).sort((a, b) => cmp(norms[a]!, norms[b]!) || cmp(keys[a]!, keys[b]!));
  const rank = new Int32Array(n);
  byKey.forEach((v, r) => (rank[v] = r));

  // CSR in-lists (upstreams in key order) and out-lists (for Kahn).
  const m = ups.length;
  const order = Array.from({ length: m }, (_, e) => e).sort((a, b) => rank[ups[a]!]! - rank[ups[b]!]!);
  const inStart = new Int32Array(n + 1);
  const outStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    inStart[downs[e]! + 1]!++;
    outStart[ups[e]! + 1]!++;
  }
  for (let i = 0; i < n; i++) {
    inStart[i + 1]! += inStart[i]!;
    outStart[i + 1]! += outStart[i]!;
  }
  const inList = new Int32Array(m);
  const outList = new Int32Array(m);
  const inFill = inStart.slice(0, n);
  const outFill = outStart.slice(0, n);
  for (const e of order) {
    inList[inFill[downs[e]!]!++] = ups[e]!;
    outList[outFill[ups[e]!]!++] = downs[e]!;
  }

  // Kahn's algorithm from the roots in key order; whatever is left sits on (or below) a cycle.
  const indegree = new Int32Array(n);
  for (let v = 0; v < n; v++) indegree[v] = inStart[v + 1]! - inStart[v]!;
  const topo = new Int32Array(n);
  const placed = new Uint8Array(n);
  let tail = 0;
  for (const v of byKey) if (indegree[v] === 0) topo[tail++] = v;
  for (let head = 0; head < tail; head++) {
    const u = topo[head]!;
    placed[u] = 1;
    for (let k = outStart[u]!; k < outStart[u + 1]!; k++) if (--indegree[outList[k]!]! === 0) topo[tail++] = outList[k]!;
  }
  const acyclic = tail === n;
  for (const v of byKey) if (!placed[v]) topo[tail++] = v;
  return { kind: "licence-graph", n, keys, index, rank, declared, inStart, inList, topo, acyclic };
}

function asGraph(source: LicenceGraph | LicenceInput): LicenceGraph {
  return "kind" in source && source.kind === "licence-graph" ? source : prepareLicenceGraph(source as LicenceInput);
}

/** The licences of an ancestor that a descendant inherits: its non-permissive ones, or, when it has only unknown ones, those. */
function passedOn(declared: readonly Licence[]): Licence[] {
  const known = declared.filter((l) => l.class !== "unknown");
  return known.length > 0 ? known.filter((l) => l.class !== "permissive") : [...declared];
}

/** Whether a licence can conflict at all (share-alike or stricter). */
function restricts(l: Licence): boolean {
  return SEVERITY[l.class] !== undefined;
}

type Verdict = { severity: number; declared: Licence | null; kind: "class" | "share-alike" };

/** How the dataset's declared licences fare against one inherited licence; null when they honour it. */
function assess(declared: readonly Licence[], inherited: Licence): Verdict | null {
  const base = SEVERITY[inherited.class];
  if (base === undefined) return null;
  const governing = mostRestrictive(declared);
  if (governing === null) return { severity: base, declared: null, kind: "class" };
  if (restrictiveness(governing.class) < restrictiveness(inherited.class)) return { severity: base + CONTRADICTS, declared: governing, kind: "class" };
  if (isShareAlike(inherited) && !declared.some((d) => d.class !== "unknown" && keepsShareAlike(d, inherited))) {
    return { severity: SEVERITY["share-alike"]! + CONTRADICTS, declared: governing, kind: "share-alike" };
  }
  return null;
}

const ALLOWS: Partial<Record<LicenceClass, string>> = {
  "non-commercial": "commercial use allowed",
  "research-only": "use beyond research allowed",
  terms: "no such terms",
};

function describe(verdict: Verdict, declared: readonly Licence[], inherited: Licence, from: string): Conflict {
  const what = inherited.class === "terms" ? `data under ${inherited.name}` : `${inherited.id} data`;
  const says =
    inherited.class === "non-commercial" && verdict.kind === "class"
      ? "non-commercial"
      : inherited.class === "research-only"
        ? "research only"
        : (restrictionOf(inherited) ?? inherited.class);
  let claim: string;
  if (verdict.declared === null) {
    const unknown = declared.map((l) => l.id);
    claim = unknown.length > 0 ? `declares no usable licence (${unknown.join(", ")})` : "declares no licence";
  } else if (verdict.kind === "class" && ALLOWS[inherited.class]) {
    claim = `declares ${verdict.declared.id} (${ALLOWS[inherited.class]})`;
  } else {
    claim = `declares ${verdict.declared.id}`;
  }
  return {
    declared: verdict.declared?.id ?? "undeclared",
    inherited: inherited.id,
    from,
    reason: `${claim} but includes ${what} from ${from} (${says})`,
    severity: verdict.severity,
  };
}

/** Upstream breadth-first walk from `start`: distance and the downstream neighbour each ancestor was first reached from. */
function walkUp(g: LicenceGraph, start: number): { order: number[]; dist: Map<number, number>; next: Map<number, number> } {
  const dist = new Map<number, number>([[start, 0]]);
  const next = new Map<number, number>();
  const order: number[] = [];
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    const d = dist.get(v)! + 1;
    for (let k = g.inStart[v]!; k < g.inStart[v + 1]!; k++) {
      const u = g.inList[k]!;
      if (dist.has(u)) continue;
      dist.set(u, d);
      next.set(u, v);
      order.push(u);
      queue.push(u);
    }
  }
  return { order, dist, next };
}

/** Licences one dataset declares and inherits, and the conflicts between them. Pass a prepared graph when asking more than once. */
export function datasetLicences(source: LicenceGraph | LicenceInput, key: string): DatasetLicences {
  const g = asGraph(source);
  const start = g.index.get(normalizeKey(key));
  if (start === undefined) return { dataset: key, declared: [], inherited: [], conflicts: [] };
  const own = g.declared[start]!;
  const { order, dist, next } = walkUp(g, start);
  const rows: { entry: Inherited; lic: Licence; dist: number; rank: number }[] = [];
  for (const a of order) {
    const ls = passedOn(g.declared[a]!);
    if (ls.length === 0) continue;
    const path = [g.keys[a]!];
    for (let v = next.get(a); v !== undefined; v = next.get(v)) path.push(g.keys[v]!);
    for (const l of ls) {
      const entry: Inherited = { licence: l.id, name: l.name, class: l.class, restriction: restrictionOf(l) ?? l.class, from: g.keys[a]!, path };
      rows.push({ entry, lic: l, dist: dist.get(a)!, rank: g.rank[a]! });
    }
  }
  rows.sort((x, y) => restrictiveness(y.lic.class) - restrictiveness(x.lic.class) || x.dist - y.dist || x.rank - y.rank || cmp(x.lic.id, y.lic.id));
  const found: { c: Conflict; dist: number; rank: number }[] = [];
  for (const r of rows) {
    const verdict = restricts(r.lic) ? assess(own, r.lic) : null;
    if (verdict) found.push({ c: describe(verdict, own, r.lic, r.entry.from), dist: r.dist, rank: r.rank });
  }
  found.sort(byConflict);
  return {
    dataset: g.keys[start]!,
    declared: own.map((l) => l.id),
    inherited: rows.map((r) => ({ ...r.entry, path: [...r.entry.path] })),
    conflicts: found.map((f) => f.c),
  };
}

function byConflict(x: { c: Conflict; dist: number; rank: number }, y: { c: Conflict; dist: number; rank: number }): number {
  return y.c.severity - x.c.severity || x.dist - y.dist || x.rank - y.rank || cmp(x.c.inherited, y.c.inherited);
}

/** Datasets with conflicts, worst first (worst conflict's severity, then number of conflicts, then key). `limit` defaults to all. */
export function conflictRanking(source: LicenceGraph | LicenceInput, options: { limit?: number } = {}): RankedConflicts[] {
  const g = asGraph(source);
  const ranked = g.acyclic ? rankByPropagation(g) : rankByWalks(g);
  ranked.sort((x, y) => y.worst.severity - x.worst.severity || y.conflicts - x.conflicts || g.rank[g.index.get(normalizeKey(x.dataset))!]! - g.rank[g.index.get(normalizeKey(y.dataset))!]!);
  return options.limit === undefined ? ranked : ranked.slice(0, Math.max(0, options.limit));
}

function rankByWalks(g: LicenceGraph): RankedConflicts[] {
  const out: RankedConflicts[] = [];
  for (let v = 0; v < g.n; v++) {
    const { dataset, conflicts } = datasetLicences(g, g.keys[v]!);
    if (conflicts.length > 0) out.push({ dataset, conflicts: conflicts.length, worst: conflicts[0]! });
  }
  return out;
}

const CHUNK_WORDS = 64;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * Acyclic graphs: per node and restrictive licence, the nearest declaring ancestor (distance, then
 * key — the same tie-break as `datasetLicences`) by dynamic programming in topological order; the
 * number of distinct declaring ancestors per licence by OR-ing ancestor bitsets down the order,
 * 2,048 ancestors per pass.
 */
function rankByPropagation(g: LicenceGraph): RankedConflicts[] {
  const { n, topo, inStart, inList, rank } = g;
  // The restrictive licences declared anywhere, and which each node declares.
  const lics: Licence[] = [];
  const licIndex = new Map<string, number>();
  const own: number[][] = [];
  const declaring: number[] = [];
  for (let v = 0; v < n; v++) {
    const mine: number[] = [];
    for (const l of passedOn(g.declared[v]!)) {
      if (!restricts(l)) continue;
      let li = licIndex.get(l.id);
      if (li === undefined) {
        li = lics.length;
        licIndex.set(l.id, li);
        lics.push(l);
      }
      mine.push(li);
    }
    own.push(mine);
    if (mine.length > 0) declaring.push(v);
  }
  const L = lics.length;
  if (L === 0) return [];

  // Nearest declaring ancestor per (node, licence).
  const nearDist = new Int32Array(n * L).fill(-1);
  const nearFrom = new Int32Array(n * L);
  const offer = (v: number, li: number, d: number, from: number) => {
    const at = v * L + li;
    const cur = nearDist[at]!;
    if (cur < 0 || d < cur || (d === cur && rank[from]! < rank[nearFrom[at]!]!)) {
      nearDist[at] = d;
      nearFrom[at] = from;
    }
  };
  for (const v of topo) {
    for (let k = inStart[v]!; k < inStart[v + 1]!; k++) {
      const u = inList[k]!;
      for (const li of own[u]!) offer(v, li, 1, u);
      for (let li = 0, at = u * L; li < L; li++, at++) if (nearDist[at]! >= 0) offer(v, li, nearDist[at]! + 1, nearFrom[at]!);
    }
  }

  // Which inherited licences conflict with each node's declaration (memoised per declaration).
  const verdicts = new Map<string, (Verdict | null)[]>();
  const conflicting: number[][] = new Array(n);
  const verdictOf: (Verdict | null)[][] = new Array(n);
  for (let v = 0; v < n; v++) {
    const decl = g.declared[v]!;
    const sig = decl.map((l) => `${l.id}\u0000${l.class}`).join("\u0001");
    let row = verdicts.get(sig);
    if (!row) {
      row = new Array(L).fill(undefined);
      verdicts.set(sig, row);
    }
    const list: number[] = [];
    for (let li = 0; li < L; li++) {
      if (nearDist[v * L + li]! < 0) continue;
      if (row[li] === undefined) row[li] = assess(decl, lics[li]!);
      if (row[li]) list.push(li);
    }
    conflicting[v] = list;
    verdictOf[v] = row;
  }

  // Distinct declaring ancestors per (node, conflicting licence), by chunks of ancestors.
  const counts = new Int32Array(n);
  const W = Math.min(CHUNK_WORDS, Math.ceil(declaring.length / 32));
  const rows = new Uint32Array(n * W);
  const masks = new Uint32Array(L * W);
  const bit = new Int32Array(n).fill(-1);
  for (let from = 0; from < declaring.length; from += W * 32) {
    const chunk = declaring.slice(from, from + W * 32);
    rows.fill(0);
    masks.fill(0);
    bit.fill(-1);
    chunk.forEach((a, b) => {
      bit[a] = b;
      for (const li of own[a]!) masks[li * W + (b >>> 5)]! |= 1 << (b & 31);
    });
    for (const v of topo) {
      const row = v * W;
      for (let k = inStart[v]!; k < inStart[v + 1]!; k++) {
        const u = inList[k]!;
        const up = u * W;
        for (let w = 0; w < W; w++) rows[row + w]! |= rows[up + w]!;
        const b = bit[u]!;
        if (b >= 0) rows[row + (b >>> 5)]! |= 1 << (b & 31);
      }
    }
    for (let v = 0; v < n; v++) {
      const row = v * W;
      for (const li of conflicting[v]!) {
        const mask = li * W;
        let c = 0;
        for (let w = 0; w < W; w++) c += popcount(rows[row + w]! & masks[mask + w]!);
        counts[v]! += c;
      }
    }
  }

  const out: RankedConflicts[] = [];
  for (let v = 0; v < n; v++) {
    if (counts[v] === 0) continue;
    let best = -1;
    for (const li of conflicting[v]!) {
      if (best < 0) {
        best = li;
        continue;
      }
      const s = verdictOf[v]![li]!.severity - verdictOf[v]![best]!.severity;
      const d = nearDist[v * L + li]! - nearDist[v * L + best]!;
      const r = rank[nearFrom[v * L + li]!]! - rank[nearFrom[v * L + best]!]!;
      if (s > 0 || (s === 0 && (d < 0 || (d === 0 && (r < 0 || (r === 0 && cmp(lics[li]!.id, lics[best]!.id) < 0)))))) best = li;
    }
    const worst = describe(verdictOf[v]![best]!, g.declared[v]!, lics[best]!, g.keys[nearFrom[v * L + best]!]!);
    out.push({ dataset: g.keys[v]!, conflicts: counts[v]!, worst });
  }
  return out;
}
