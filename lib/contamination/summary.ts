/**
 * Roll-ups of contamination flags for the overview: reach per evaluation set and per family,
 * and the downstream datasets that carry a set furthest. All work on flags without paths.
 */
import { normalizeKey } from "@/lib/keys";
import { isFlagged, severityRank } from "./compute";
import { SEVERITIES, type BenchmarkReach, type ContaminationFlag, type ContaminationOverview, type EvalSet, type FamilyReach, type SeverityCounts } from "./types";

export function zeroCounts(): SeverityCounts {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
}

function total(counts: SeverityCounts): number {
  return SEVERITIES.reduce((sum, s) => sum + counts[s], 0);
}

/**
 * Every registered evaluation set (zeros included, so a set nothing reaches is visibly clean
 * rather than missing), most flagged datasets first, then widest reach, then id.
 */
export function summarizeByBenchmark(flags: readonly ContaminationFlag[], evalSets: readonly EvalSet[]): BenchmarkReach[] {
  const byId = new Map<string, BenchmarkReach>();
  for (const s of evalSets) {
    const id = s.id.toLowerCase();
    if (!byId.has(id)) byId.set(id, { benchmark: s.id, name: s.name, family: s.family, host: s.key, window: s.window, counts: zeroCounts(), flagged: 0, measured: 0 });
  }
  for (const f of flags) {
    const reach = byId.get(f.benchmark.toLowerCase());
    if (!reach) continue;
    reach.counts[f.severity]++;
    if (isFlagged(f.severity)) reach.flagged++;
    if (f.measuredOnly || f.reason === "measured") reach.measured++;
  }
  return [...byId.values()].sort((a, b) => b.flagged - a.flagged || total(b.counts) - total(a.counts) || a.benchmark.localeCompare(b.benchmark));
}

/** Per family, each dataset counted once at its worst severity over the family's sets. */
export function summarizeByFamily(flags: readonly ContaminationFlag[], evalSets: readonly EvalSet[]): FamilyReach[] {
  type Entry = { family: string; evalSets: string[]; worst: Map<string, number> };
  const families = new Map<string, Entry>();
  for (const s of evalSets) {
    const id = s.family.toLowerCase();
    const entry: Entry = families.get(id) ?? { family: s.family, evalSets: [], worst: new Map() };
    if (!entry.evalSets.includes(s.id)) entry.evalSets.push(s.id);
    families.set(id, entry);
  }
  for (const f of flags) {
    const entry = families.get(f.family.toLowerCase());
    if (!entry) continue;
    const dataset = normalizeKey(f.dataset);
    const rank = severityRank(f.severity);
    const prev = entry.worst.get(dataset);
    if (prev === undefined || rank < prev) entry.worst.set(dataset, rank);
  }
  return [...families.values()]
    .map(({ family, evalSets: sets, worst }) => {
      const counts = zeroCounts();
      for (const rank of worst.values()) counts[SEVERITIES[rank]!]++;
      return { family, evalSets: sets, counts, flagged: counts.CONTAMINATED + counts.POSSIBLE };
    })
    .sort((a, b) => b.flagged - a.flagged || total(b.counts) - total(a.counts) || a.family.localeCompare(b.family));
}

export type DownstreamFamily = Omit<ContaminationOverview["downstream"][number], "viaName">;

/**
 * Flagged datasets (CONTAMINATED or POSSIBLE) grouped by the first node after the entry on
 * their shortest path: "GSM8K test reaches 140 datasets, 120 of them through MetaMathQA".
 * The `via` node counts in its own group. Uses the flag's `via`, or its first path when a
 * caller built flags without it. Largest first; `limit` (default 20) of them.
 */
export function downstreamFamilies(flags: readonly ContaminationFlag[], options: { limit?: number } = {}): DownstreamFamily[] {
  const limit = options.limit ?? 20;
  const groups = new Map<string, DownstreamFamily>();
  for (const f of flags) {
    if (!isFlagged(f.severity)) continue;
    const via = f.via ?? f.paths[0]?.keys[1];
    if (!via) continue;
    const id = `${f.benchmark.toLowerCase()}\n${normalizeKey(via)}`;
    const group = groups.get(id);
    if (group) group.datasets++;
    else groups.set(id, { benchmark: f.benchmark, via, datasets: 1 });
  }
  return [...groups.values()]
    .sort((a, b) => b.datasets - a.datasets || a.benchmark.localeCompare(b.benchmark) || normalizeKey(a.via).localeCompare(normalizeKey(b.via)))
    .slice(0, Math.max(0, limit));
}

/** The highest measured overlap on one of the flag's own set's measurements, for tables. */
export function topOverlap(flag: Pick<ContaminationFlag, "measured" | "benchmark">): number | null {
  const own = flag.measured.filter((m) => m.evalSet.toLowerCase() === flag.benchmark.toLowerCase());
  return own.length ? Math.max(...own.map((m) => m.overlap)) : null;
}
