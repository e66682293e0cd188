/** The text reports of `npm run lineage -- export|import --format json FILE`. */
import type { BackupReport, ImportBackupReport } from "@/lib/server/backup/format";

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

function printTables(report: BackupReport): void {
  const width = Math.max(0, ...report.tables.map((t) => t.name.length));
  for (const t of report.tables) console.log(`  ${t.name.padEnd(width)}  ${t.rows.toLocaleString("en")}`);
}

function secretColumns(columns: Record<string, string[]>): string {
  return Object.entries(columns)
    .flatMap(([table, names]) => names.map((name) => `${table}.${name}`))
    .join(", ");
}

export function printBackupExport(report: BackupReport, database: string): void {
  console.log(
    `Exported ${plural(report.tables.length, "table")} (${plural(report.rows, "row")}) from ${database} to ${report.file} ` +
      `in ${seconds(report.ms)}; ${plural(report.migrations.length, "migration")} applied.`,
  );
  printTables(report);
  const columns = secretColumns(report.omitted.columns);
  if (report.omitted.tables.length || columns) {
    console.log(
      `  secrets left out: ${[report.omitted.tables.length ? `tables ${report.omitted.tables.join(", ")}` : "", columns ? `columns ${columns}` : ""].filter(Boolean).join("; ")}`,
    );
  }
}

export function printBackupImport(report: ImportBackupReport, database: string): void {
  console.log(
    `Restored ${report.file} (exported ${report.createdAt}) into ${database} in ${seconds(report.ms)}: ` +
      `${plural(report.tables.length, "table")}, ${plural(report.rows, "row")}${report.replaced ? ", replacing what the store held" : ""}.`,
  );
  printTables(report);
  const nulled = secretColumns(report.nulled);
  if (nulled) console.log(`  secret columns restored as NULL: ${nulled}`);
  console.log(`  ${plural(report.sequencesReset, "sequence")} set to the largest id restored`);
}
