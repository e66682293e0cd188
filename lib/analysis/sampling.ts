/**
 * Root-anchored diverse sampling: spread a sample budget over the SOURCES a set of datasets
 * is built from, not over the datasets themselves.
 *
 * Derived datasets overlap heavily (many re-package the same GSM8K or GPT-4 outputs), so
 * sampling them uniformly draws the popular sources many times over. Here every candidate is
 * traced to its roots; evaluation sets, contaminated nodes and benchmark holders are dropped;
 * the budget goes to the rest equally or in proportion to how many candidates use each root,
 * optionally capped per root; each root gets a Hub dataset to draw it from (itself, or the
 * nearest Hub dataset below it inside the candidates' lineage). The plan reports how much of a
 * uniform-over-candidates baseline would have landed beyond each root's planned share.
 */
import { normalizeKey } from "@/lib/keys";
import type { Domain } from "@/lib/lineage/types";
import { csvField } from "@/lib/graph/export";
import { isDataset, type AnalysisGraph } from "./graph";
import { isDerivedDataset } from "./similarity";

export type SamplingRequest = { domain?: Domain; candidates?: string[]; budget: number; strategy: "equal" | "proportional"; cap?: number };

export type SamplingContext = {
  /** Normalised keys (normalizeKey from lib/keys.ts) of nodes that carry a CONTAMINATED flag. */
  contaminated: ReadonlySet<string>;
  /** Normalised key → label of the evaluation set(s) the node hosts, e.g. "GSM8K test (GSM8K)". */
  evalHosts: ReadonlyMap<string, string>;
  /** Normalised key → what benchmark items it holds, e.g. "AIME items since Mar 1983". */
  holders: ReadonlyMap<string, string>;
};

export type Allocation = {
  root: string;
  drawFrom: string | null;
  samples: number;
  /** How many candidates reach this root. */
  candidates: number;
  /** Planned share of the budget (after the cap), 4 decimals. */
  share: number;
};

export type SamplingPlan = {
  request: { domain: Domain | null; candidates: string[]; budget: number; strategy: "equal" | "proportional"; cap: number | null };
  allocations: Allocation[];
  skipped: { root: string; reason: string }[];
  budget: number;
  avoidedDuplication: {
    uniformOverRepresented: number;
    planOverRepresented: number;
    uniformOnSkipped: number;
    mostOverRepresented: { root: string; uniformShare: number; planShare: number }[];
  };
};

export class SamplingError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = "SamplingError";
    this.field = field;
  }
}

export const SAMPLING_DEFINITIONS = {
  avoidedDuplication:
    "Baseline: the budget split equally over the candidates, each candidate's part split equally over its roots (skipped ones included). uniformOverRepresented = Σ over roots of max(0, baseline share − planned share): the fraction of baseline samples that would repeat over-used sources or land on skipped ones; uniformOnSkipped is the part on skipped roots; the plan itself over-represents nothing (planOverRepresented = 0).",
  strategy:
    "equal: every kept root gets the same share; proportional: a root's share follows how many candidates reach it. With a cap, no root takes more than cap of the budget (water-filling: capped roots are fixed at the cap and the rest renormalised). Samples are whole numbers by largest remainder (ties by root key) and add up to the budget exactly; a root may get 0 when the budget is smaller than the number of roots and still appears with its share.",
} as const;

export const MAX_BUDGET = 1_000_000_000;
/** Float slack when comparing shares and fractional parts, far below one sample in a 1e9 budget. */
const EPS = 1e-9;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

type RootInfo = {
  v: number;
  /** Candidates reaching this root (a candidate with no upstream reaches itself). */
  reachers: number[];
  drawFrom: number | null;
  skip: string | null;
};

// ---------------------------------------------------------------------------------------
// Request

function validate(request: SamplingRequest): void {
  const { budget, strategy, cap } = request;
  if (typeof budget !== "number" || !Number.isInteger(budget) || budget < 1 || budget > MAX_BUDGET) {
    throw new SamplingError("budget", `budget must be a whole number from 1 to ${MAX_BUDGET}`);
  }
  if (strategy !== "equal" && strategy !== "proportional") throw new SamplingError("strategy", 'strategy must be "equal" or "proportional"');
  if (cap !== undefined && (typeof cap !== "number" || !Number.isFinite(cap) || cap <= 0 || cap > 1)) {
    throw new SamplingError("cap", "cap must be a fraction greater than 0 and at most 1");
  }
}

function keyOrder(g: AnalysisGraph) {
  return (a: number, b: number) => {
    const x = normalizeKey(g.keys[a]!);
    const y = normalizeKey(g.keys[b]!);
    return x < y ? -1 : x > y ? 1 : a - b;
  };
}

function resolveCandidates(g: AnalysisGraph, request: SamplingRequest): number[] {
  const picked = new Set<number>();
  if (request.candidates) {
    for (const key of request.candidates) {
      const v = g.index.get(normalizeKey(key));
      if (v === undefined) throw new SamplingError("candidates", `unknown dataset ${key}`);
      picked.add(v);
    }
  } else {
    for (let v = 0; v < g.n; v++) {
      if (isDerivedDataset(g, v) && (!request.domain || g.nodes[v]!.domains.includes(request.domain))) picked.add(v);
    }
  }
  if (!picked.size) {
    throw new SamplingError("candidates", request.domain && !request.candidates ? `no derived dataset has the domain ${request.domain}` : "no candidate datasets to sample from");
  }
  return [...picked].sort(keyOrder(g));
}

// ---------------------------------------------------------------------------------------
// Lineage: which roots each candidate reaches, and where to draw each root from

/** Candidates and all their ancestors: the part of the graph the plan may draw from. */
function lineageOf(g: AnalysisGraph, candidates: number[]): Uint8Array {
  const inLineage = new Uint8Array(g.n);
  const queue = [...candidates];
  for (const c of queue) inLineage[c] = 1;
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (let k = g.inStart[v]!; k < g.inStart[v + 1]!; k++) {
      const u = g.up[g.inEdge[k]!]!;
      if (!inLineage[u]) {
        inLineage[u] = 1;
        queue.push(u);
      }
    }
  }
  return inLineage;
}

function skipReason(g: AnalysisGraph, v: number, context: SamplingContext): string | null {
  const key = normalizeKey(g.keys[v]!);
  const reasons: string[] = [];
  const hosted = context.evalHosts.get(key);
  if (hosted !== undefined) reasons.push(`hosts an evaluation set: ${hosted}`);
  if (context.contaminated.has(key)) reasons.push("flagged contaminated");
  const held = context.holders.get(key);
  if (held !== undefined) reasons.push(`holds ${held}`);
  return reasons.length ? reasons.join("; ") : null;
}

/**
 * One BFS down from root r inside the lineage: the candidates reaching r, and the nearest
 * Hub dataset to draw r from (fewest edges, then more downloads, then key). Every node on a
 * path from r to a candidate is an ancestor of it, so staying inside the lineage loses none.
 * A downstream node we would skip as a root is no place to draw from either.
 */
function exploreRoot(g: AnalysisGraph, r: number, inLineage: Uint8Array, isCandidate: Uint8Array, seen: Int32Array, context: SamplingContext): RootInfo {
  const reachers: number[] = isCandidate[r] ? [r] : [];
  let drawFrom: number | null = g.nodes[r]!.onHub ? r : null;
  let level = [r];
  seen[r] = r;
  while (level.length) {
    const next: number[] = [];
    for (const u of level) {
      for (let k = g.outStart[u]!; k < g.outStart[u + 1]!; k++) {
        const w = g.down[g.outEdge[k]!]!;
        if (!inLineage[w] || seen[w] === r) continue;
        seen[w] = r;
        next.push(w);
        if (isCandidate[w]) reachers.push(w);
      }
    }
    if (drawFrom === null) drawFrom = bestDrawSource(g, next, context);
    level = next;
  }
  return { v: r, reachers, drawFrom, skip: skipReason(g, r, context) };
}

function bestDrawSource(g: AnalysisGraph, level: number[], context: SamplingContext): number | null {
  let best: number | null = null;
  for (const w of level) {
    const node = g.nodes[w]!;
    if (!node.onHub || !isDataset(g, w) || skipReason(g, w, context) !== null) continue;
    if (best === null) {
      best = w;
      continue;
    }
    const dw = node.hubDownloads ?? 0;
    const db = g.nodes[best]!.hubDownloads ?? 0;
    if (dw > db || (dw === db && keyOrder(g)(w, best) < 0)) best = w;
  }
  return best;
}

function exploreRoots(g: AnalysisGraph, candidates: number[], context: SamplingContext): RootInfo[] {
  const inLineage = lineageOf(g, candidates);
  const isCandidate = new Uint8Array(g.n);
  for (const c of candidates) isCandidate[c] = 1;
  const seen = new Int32Array(g.n).fill(-1);
  const roots: RootInfo[] = [];
  for (let v = 0; v < g.n; v++) {
    if (inLineage[v] && g.inStart[v + 1] === g.inStart[v]) roots.push(exploreRoot(g, v, inLineage, isCandidate, seen, context));
  }
  const order = keyOrder(g);
  return roots.sort((a, b) => order(a.v, b.v));
}

// ---------------------------------------------------------------------------------------
// Shares and samples

/**
 * Shares proportional to `weights`, none above `cap`: roots that would exceed it are fixed at
 * the cap and the rest renormalised, until none does. Feasible when cap × count ≥ 1.
 */
export function capShares(weights: number[], cap: number | null): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (cap === null) return weights.map((w) => w / total);
  if (cap * weights.length < 1 - EPS) {
    const least = Math.ceil((1 / weights.length) * 10_000) / 10_000;
    throw new SamplingError("cap", `cap ${cap} is below 1/${weights.length} for ${weights.length} roots; raise it to at least ${least}`);
  }
  const fixed = new Array<boolean>(weights.length).fill(false);
  for (;;) {
    let freeWeight = 0;
    let fixedCount = 0;
    weights.forEach((w, i) => (fixed[i] ? fixedCount++ : (freeWeight += w)));
    const remaining = 1 - cap * fixedCount;
    const shares = weights.map((w, i) => (fixed[i] ? cap : freeWeight > 0 ? (remaining * w) / freeWeight : 0));
    let changed = false;
    shares.forEach((s, i) => {
      if (fixed[i] || s <= cap + EPS) return;
      fixed[i] = true;
      changed = true;
    });
    if (!changed) return shares;
  }
}

/**
 * Whole samples summing to `budget` exactly: floors of each quota, then one more to the
 * largest remainders (ties to the earlier index, i.e. root key order).
 */
export function largestRemainder(shares: number[], budget: number): number[] {
  const quotas = shares.map((s) => s * budget);
  const samples = quotas.map((q) => Math.floor(q + EPS));
  const frac = quotas.map((q, i) => q - samples[i]!);
  const byRemainder = shares.map((_, i) => i).sort((a, b) => (Math.abs(frac[b]! - frac[a]!) > EPS ? frac[b]! - frac[a]! : a - b));
  let left = budget - samples.reduce((s, x) => s + x, 0);
  for (let k = 0; left > 0; k = (k + 1) % byRemainder.length, left--) samples[byRemainder[k]!]!++;
  // Float slack can only overshoot by a sample or so: take it back from the smallest remainders.
  for (let k = byRemainder.length - 1; left < 0; k = (k - 1 + byRemainder.length) % byRemainder.length) {
    const i = byRemainder[k]!;
    if (samples[i]! > 0) {
      samples[i]!--;
      left++;
    }
  }
  return samples;
}

// ---------------------------------------------------------------------------------------
// Baseline comparison

/** Share of each root when the budget is spread uniformly over candidates, then over each one's roots. */
function baselineShares(roots: RootInfo[], candidateCount: number): number[] {
  const rootsOf = new Map<number, number>();
  for (const r of roots) for (const c of r.reachers) rootsOf.set(c, (rootsOf.get(c) ?? 0) + 1);
  return roots.map((r) => r.reachers.reduce((s, c) => s + 1 / (candidateCount * rootsOf.get(c)!), 0));
}

function avoidedDuplication(g: AnalysisGraph, roots: RootInfo[], baseline: number[], planned: Map<number, number>, allocations: Allocation[]): SamplingPlan["avoidedDuplication"] {
  let over = 0;
  let onSkipped = 0;
  const gaps: { root: string; uniformShare: number; planShare: number; gap: number }[] = [];
  roots.forEach((r, i) => {
    const b = baseline[i]!;
    const p = planned.get(r.v) ?? 0;
    over += Math.max(0, b - p);
    if (r.skip) onSkipped += b;
    if (b - p > EPS) gaps.push({ root: g.keys[r.v]!, uniformShare: round4(b), planShare: round4(p), gap: b - p });
  });
  // The plan measured against itself: a skipped root that leaked into the allocations would show here.
  const target = new Map(roots.map((r) => [g.keys[r.v]!, r.skip ? 0 : (planned.get(r.v) ?? 0)]));
  const planOver = allocations.reduce((s, a) => s + Math.max(0, a.share - round4(target.get(a.root) ?? 0)), 0);
  if (planOver > EPS) throw new Error(`sampling plan over-represents its own roots by ${planOver}`);
  gaps.sort((a, b) => b.gap - a.gap || (normalizeKey(a.root) < normalizeKey(b.root) ? -1 : 1));
  return {
    uniformOverRepresented: round4(over),
    planOverRepresented: round4(planOver),
    uniformOnSkipped: round4(onSkipped),
    mostOverRepresented: gaps.slice(0, 5).map(({ root, uniformShare, planShare }) => ({ root, uniformShare, planShare })),
  };
}

// ---------------------------------------------------------------------------------------
// Plan

export function samplingPlan(g: AnalysisGraph, request: SamplingRequest, context: SamplingContext): SamplingPlan {
  validate(request);
  const candidates = resolveCandidates(g, request);
  const roots = exploreRoots(g, candidates, context);
  const kept = roots.filter((r) => !r.skip);
  if (!kept.length) throw new SamplingError("candidates", "every root of these candidates hosts an evaluation set, is flagged contaminated or holds benchmark items: nothing is left to sample");
  const cap = request.cap ?? null;
  const weights = kept.map((r) => (request.strategy === "equal" ? 1 : r.reachers.length));
  const shares = capShares(weights, cap);
  const samples = largestRemainder(shares, request.budget);
  const planned = new Map(kept.map((r, i) => [r.v, shares[i]!]));
  const allocations: Allocation[] = kept.map((r, i) => ({
    root: g.keys[r.v]!,
    drawFrom: r.drawFrom === null ? null : g.keys[r.drawFrom]!,
    samples: samples[i]!,
    candidates: r.reachers.length,
    share: round4(shares[i]!),
  }));
  // `kept` is in key order and sort is stable: equal samples stay in key order.
  allocations.sort((a, b) => b.samples - a.samples);
  const baseline = baselineShares(roots, candidates.length);
  return {
    request: { domain: request.domain ?? null, candidates: candidates.map((c) => g.keys[c]!), budget: request.budget, strategy: request.strategy, cap },
    allocations,
    skipped: roots.filter((r) => r.skip).map((r) => ({ root: g.keys[r.v]!, reason: r.skip! })),
    budget: request.budget,
    avoidedDuplication: avoidedDuplication(g, roots, baseline, planned, allocations),
  };
}

const CSV_COLUMNS = ["root", "draw_from", "samples", "share", "candidates", "skipped_reason"] as const;

/** The plan as CSV (CRLF, header row): allocations first, then skipped roots with 0 samples and their reason. */
export function planToCsv(plan: SamplingPlan): string {
  const rows: string[] = [CSV_COLUMNS.join(",")];
  for (const a of plan.allocations) rows.push([a.root, a.drawFrom ?? "", a.samples, a.share, a.candidates, ""].map(csvField).join(","));
  for (const s of plan.skipped) rows.push([s.root, "", 0, 0, "", s.reason].map(csvField).join(","));
  return `${rows.join("\r\n")}\r\n`;
}
