/**
 * The flag table as CSV (the /contamination page's download, GET /api/contamination?format=csv):
 * one row per dataset × evaluation set, in the overview's order. Cells go through the
 * exports' guard, so a dataset name cannot become a spreadsheet formula.
 */
import { csvField } from "@/lib/graph/export";
import type { OverviewRow } from "./types";

export const FLAG_CSV_COLUMNS = ["dataset", "dataset_name", "benchmark", "benchmark_name", "family", "severity", "steps", "measured_only", "overlap"] as const;

export function flagsToCsv(rows: readonly OverviewRow[]): string {
  const lines = [FLAG_CSV_COLUMNS.join(",")];
  for (const r of rows) {
    lines.push([r.dataset, r.datasetName, r.benchmark, r.name, r.family, r.severity, r.distance, String(r.measuredOnly), r.overlap === null ? "" : r.overlap].map((v) => csvField(v)).join(","));
  }
  return `${lines.join("\n")}\n`;
}
