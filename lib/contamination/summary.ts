/**
 * Roll-ups of contamination flags for the overview: reach per benchmark and the downstream
 * families that carry a benchmark furthest. Both work on flags without paths (maxPaths 0).
 */
import { normalizeKey } from "@/lib/keys";
import { isFlagged } from "./compute";
import { SEVERITIES, type BenchmarkReach, type ContaminationBenchmark, type ContaminationFlag, type ContaminationOverview, type Severity } from "./types";

function zeroCounts(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
}

function total(counts: Record<Severity, number>): number {
  return SEVERITIES.reduce((sum, s) => sum + counts[s], 0);
}

/**
 * Every registered benchmark (zeros included, so a benchmark nothing reaches is visibly
 * clean rather than missing), most flagged datasets first, then widest reach, then key.
 */
export function summarizeByBenchmark(flags: readonly ContaminationFlag[], benchmarks: readonly ContaminationBenchmark[]): BenchmarkReach[] {
  const byKey = new Map<string, BenchmarkReach>();
  for (const b of benchmarks) {
    const key = normalizeKey(b.key);
    if (!byKey.has(key)) byKey.set(key, { benchmark: b.key, family: b.family, counts: zeroCounts(), flagged: 0 });
  }
  for (const f of flags) {
    const reach = byKey.get(normalizeKey(f.benchmark));
    if (!reach) continue;
    reach.counts[f.severity]++;
    if (isFlagged(f.severity)) reach.flagged++;
  }
  return [...byKey.values()].sort(
    (a, b) => b.flagged - a.flagged || total(b.counts) - total(a.counts) || normalizeKey(a.benchmark).localeCompare(normalizeKey(b.benchmark)),
  );
}

export type DownstreamFamily = Omit<ContaminationOverview["families"][number], "viaName">;

/**
 * Flagged datasets (CONTAMINATED or POSSIBLE) grouped by the first node after the benchmark
 * on their shortest path: "GSM8K reaches 140 datasets, 120 of them through MetaMathQA". The
 * `via` node counts in its own family. Uses the flag's `via`, or its first path when a
 * caller built flags without it. Largest first; `limit` (default 20) of them.
 */
export function downstreamFamilies(flags: readonly ContaminationFlag[], options: { limit?: number } = {}): DownstreamFamily[] {
  const limit = options.limit ?? 20;
  const groups = new Map<string, DownstreamFamily>();
  for (const f of flags) {
    if (!isFlagged(f.severity)) continue;
    const via = f.via ?? f.paths[0]?.keys[1];
    if (!via) continue;
    const id = `${normalizeKey(f.benchmark)}\n${normalizeKey(via)}`;
    const group = groups.get(id);
    if (group) group.datasets++;
    else groups.set(id, { benchmark: f.benchmark, via, datasets: 1 });
  }
  return [...groups.values()]
    .sort((a, b) => b.datasets - a.datasets || normalizeKey(a.benchmark).localeCompare(normalizeKey(b.benchmark)) || normalizeKey(a.via).localeCompare(normalizeKey(b.via)))
    .slice(0, Math.max(0, limit));
}
