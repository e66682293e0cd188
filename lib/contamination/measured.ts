/**
 * Measured overlap as a second kind of evidence. Lineage says an evaluation set's items
 * *could* have reached a dataset; an n-gram or embedding match says they *did*. Only a
 * measurement on an evaluation split of the set counts (GSM8K's training split overlapping
 * MetaMathQA is lineage, not contamination):
 *
 *   at or above the threshold, on a flag of that set    → CONTAMINATED (a POSSIBLE or
 *                                                          training-split flag is confirmed;
 *                                                          lineageSeverity keeps what the
 *                                                          lineage alone said)
 *   at or above the threshold, no lineage path           → a CONTAMINATED flag, measuredOnly
 *   below the threshold, on a POSSIBLE flag              → measuredAgainst: evidence against it
 *   a MITIGATED flag                                     → stays MITIGATED (the statement is
 *                                                          kept; the measurement is shown beside it)
 *
 * Every flag lists all measurements of its dataset against its family (`measured`), so a
 * person sees the numbers whatever they decided. A measurement never flags a dataset created
 * before the set's items existed: the match is then coincidence or a shared template.
 */
import { normalizeKey } from "@/lib/keys";
import { createdBefore, type Month } from "./dates";
import type { ContaminationFlag, EvalSet, Measurement, MeasuredOverlap } from "./types";
import { SEVERITIES } from "./types";

export const DEFAULT_OVERLAP_THRESHOLD = 0.01;

export type MeasureOptions = {
  /** Fraction at or above which a measurement counts as contamination (default 1 %). */
  threshold?: number;
  /** When each dataset came to exist (normalised key → month). */
  created?: ReadonlyMap<string, Month | null>;
  /** Only flags of these datasets / these sets (as computeContamination's options). */
  datasets?: readonly string[];
  benchmarks?: readonly string[];
};

/** Whether a measurement was taken on data the set evaluates on. */
export function onEvalSplit(m: Pick<Measurement, "split">, set: Pick<EvalSet, "evalSplits">): boolean {
  return m.split === "ALL" || set.evalSplits.includes("ALL") || set.evalSplits.includes(m.split);
}

export function applyMeasurements(flags: ContaminationFlag[], measurements: readonly Measurement[], evalSets: readonly EvalSet[], options: MeasureOptions = {}): ContaminationFlag[] {
  if (!measurements.length) return flags;
  const threshold = options.threshold ?? DEFAULT_OVERLAP_THRESHOLD;
  const sets = new Map(evalSets.map((s) => [s.id.toLowerCase(), s]));
  const wantedDatasets = options.datasets ? new Set(options.datasets.map(normalizeKey)) : null;
  const wantedSets = options.benchmarks ? new Set(options.benchmarks.map((b) => b.toLowerCase())) : null;

  // dataset × family → every measurement; dataset × set → the highest on an evaluation split.
  const byFamily = new Map<string, MeasuredOverlap[]>();
  const best = new Map<string, { overlap: number; dataset: string; set: EvalSet }>();
  for (const m of measurements) {
    const set = sets.get(m.evalSet.toLowerCase());
    if (!set) continue;
    const dataset = normalizeKey(m.dataset);
    const familyId = `${dataset}\n${set.family.toLowerCase()}`;
    const list = byFamily.get(familyId) ?? [];
    list.push({ overlap: m.overlap, split: m.split, method: m.method, url: m.url, evalSet: set.id });
    byFamily.set(familyId, list);
    if (!onEvalSplit(m, set)) continue;
    const setId = `${dataset}\n${set.id.toLowerCase()}`;
    const prev = best.get(setId);
    if (!prev || m.overlap > prev.overlap) best.set(setId, { overlap: m.overlap, dataset: m.dataset, set });
  }
  for (const list of byFamily.values()) list.sort((a, b) => b.overlap - a.overlap || a.evalSet.localeCompare(b.evalSet));

  const flagged = new Set<string>();
  const out = flags.map((flag) => {
    const dataset = normalizeKey(flag.dataset);
    const setId = `${dataset}\n${flag.benchmark.toLowerCase()}`;
    flagged.add(setId);
    const measured = byFamily.get(`${dataset}\n${flag.family.toLowerCase()}`) ?? [];
    const top = best.get(setId);
    if (!measured.length) return flag;
    const next = { ...flag, measured };
    if (!top) return next;
    if (top.overlap >= threshold && (flag.severity === "POSSIBLE" || flag.severity === "TRAIN_LINEAGE")) return { ...next, severity: "CONTAMINATED" as const, reason: "measured" as const };
    if (top.overlap < threshold && flag.severity === "POSSIBLE") return { ...next, measuredAgainst: true };
    return next;
  });

  for (const [setId, top] of best) {
    if (flagged.has(setId) || top.overlap < threshold) continue;
    if (wantedDatasets && !wantedDatasets.has(normalizeKey(top.dataset))) continue;
    if (wantedSets && !wantedSets.has(top.set.id.toLowerCase())) continue;
    if (createdBefore(options.created?.get(normalizeKey(top.dataset)) ?? null, top.set.window)) continue;
    out.push({
      dataset: top.dataset,
      benchmark: top.set.id,
      name: top.set.name,
      family: top.set.family,
      host: top.set.key,
      severity: "CONTAMINATED",
      lineageSeverity: null,
      reason: "measured",
      distance: 0,
      paths: [],
      pathCount: 0,
      measured: byFamily.get(`${normalizeKey(top.dataset)}\n${top.set.family.toLowerCase()}`) ?? [],
      measuredOnly: true,
      measuredAgainst: false,
    });
  }
  // Same order as computeContamination: dataset, worst severity, set id.
  const rank = (f: ContaminationFlag) => SEVERITIES.indexOf(f.severity);
  return out.sort((a, b) => cmp(normalizeKey(a.dataset), normalizeKey(b.dataset)) || cmp(a.dataset, b.dataset) || rank(a) - rank(b) || cmp(a.benchmark.toLowerCase(), b.benchmark.toLowerCase()));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
