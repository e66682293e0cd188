/**
 * The explorer's benchmark filter: of what is drawn, only the nodes an evaluation set reaches
 * (any severity) and the nodes its items enter through, each marked with its severity for
 * that set rather than its worst over all sets. Pure, so the filter is tested without a canvas.
 */
import { normalizeKey } from "@/lib/keys";
import type { LineageEdge, LineageNode } from "@/lib/lineage/types";
import type { ContaminationMarks, DrawnView } from "./elements";

export type BenchmarkFiltered = {
  view: { nodes: LineageNode[]; edges: LineageEdge[] };
  marks: ContaminationMarks;
  /** Drawn datasets the set reaches. */
  reached: number;
  /** Drawn nodes its items enter through (host, holders). */
  entries: number;
};

export function benchmarkView(view: DrawnView, options: { set: string; marks: ContaminationMarks; entries: readonly string[] }): BenchmarkFiltered {
  const entryKeys = new Set(options.entries.map(normalizeKey));
  const setId = options.set.toLowerCase();
  const marks: Record<string, { severity: string; benchmarks: readonly string[] }> = {};
  const kept = new Set<string>();
  let reached = 0;
  let entries = 0;
  for (const node of view.nodes) {
    const key = node.id;
    const bySet = options.marks[key]?.bySet ?? {};
    const severity = Object.entries(bySet).find(([id]) => id.toLowerCase() === setId)?.[1];
    if (severity) {
      kept.add(key);
      marks[key] = { severity, benchmarks: [options.set] };
      reached++;
    } else if (entryKeys.has(key)) {
      kept.add(key);
      entries++;
    }
  }
  return {
    view: {
      nodes: view.nodes.filter((n) => kept.has(n.id)),
      edges: view.edges.filter((e) => kept.has(e.upstreamId) && kept.has(e.downstreamId)),
    },
    marks,
    reached,
    entries,
  };
}
