/** The text report of `npm run lineage -- import --format dpi <dir>`. */
import type { DpiImportReport } from "@/lib/server/lineage/import-dpi";

function byReason<T extends { reason: string }>(items: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.reason, [...(groups.get(item.reason) ?? []), item]);
  return [...groups].sort((a, b) => b[1].length - a[1].length);
}

export function printDpiImport(report: DpiImportReport, database: string, show: number): void {
  console.log(`Imported ${report.dir} (${report.files.join(" + ")}: ${report.nodeLines} datasets, ${report.edgeLines} relations) into ${database} in ${(report.ms / 1000).toFixed(1)} s.`);
  console.log(`  nodes     ${report.nodesCreated} created, ${report.nodesUpdated} updated, ${report.nodesUnchanged} unchanged`);
  console.log(`  licences  ${report.licencesCreated} created, ${report.licencesUpdated} updated, ${report.licencesUnchanged} unchanged`);
  console.log(`  edges     ${report.edgesCreated} created, ${report.edgesMerged} merged into existing edges, ${report.edgesUnchanged} unchanged (${report.evidenceAdded} evidence pointers added)`);
  if (report.edgesRetired || report.licencesRetired) {
    console.log(`  retired   ${report.edgesRetired} edges and ${report.licencesRetired} licences an earlier reading of these entries wrote and this one no longer says`);
  }
  const lines = report.parseSkipped;
  if (!lines.length && !report.skipped.length) {
    console.log("  skipped   none");
    return;
  }
  if (lines.length) {
    console.log(`  skipped lines (${lines.length}):`);
    for (const [reason, skips] of byReason(lines)) {
      console.log(`    ${reason} (${skips.length})`);
      for (const s of skips.slice(0, show)) console.log(`      ${s.file}:${s.line}  ${s.detail}`);
      if (skips.length > show) console.log(`      … and ${skips.length - show} more (--show N or --json for all)`);
    }
  }
  if (report.skipped.length) {
    console.log(`  edges refused by the store (${report.skipped.length}):`);
    for (const [reason, skips] of byReason(report.skipped)) {
      console.log(`    ${reason} (${skips.length})`);
      for (const s of skips.slice(0, show)) console.log(`      ${s.upstream} → ${s.downstream}  ${s.detail}`);
      if (skips.length > show) console.log(`      … and ${skips.length - show} more`);
    }
  }
}
