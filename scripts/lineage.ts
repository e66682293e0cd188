/**
 * Lineage files in and out of the store: `npm run lineage -- <command> [options] <dir>`.
 *
 *   import --format oda <dir>   read graph.jsonl (+ data.jsonl) into the store; never duplicates
 *   import --format overlap <file.csv>   measured benchmark overlap (dataset,benchmark,split,overlap,method,url)
 *   import --format decon <dir> --dataset KEY --samples N [--method TEXT] [--url URL]
 *                               allenai/decon reports (*.jsonl, *.jsonl.gz) as overlap of one dataset
 *   import --format dpi <dir>   the Data Provenance Collection extract (dpi_nodes.jsonl + dpi_edges.jsonl):
 *                               datasets, licences and derived-from edges; bad lines reported and skipped
 *   export --format oda <dir>   write the whole store as graph.jsonl + data.jsonl
 *   export --format json FILE   back up every table of the store as one JSON document (secrets left out)
 *   import --format json FILE [--replace]   restore such a backup into an empty store (--replace: empty it
 *                               first); all-or-nothing, refused with exit code 2 when it does not fit
 *
 *   extract --id owner/name --card FILE [--model rules|provider:model] [--store] [--hub]
 *                               the upstreams a run would store from FILE, as JSON (offline unless --store/--hub)
 *   trace --id owner/name [--depth N] [--budget N] [--model …]     run the agents on one dataset against HF_ENDPOINT, store the result
 *   crawl --seeds FILE [--depth N] [--concurrency K] [--budget N]   the same for a list of ids (one per line)
 *   generate --nodes N --edges M [--seed S] [--replace]   a synthetic lineage graph, for benchmarks (scripts/generate-command.ts)
 *
 * Options: --json prints the report as JSON; --actor NAME records who imported (oda);
 * --show N lists up to N skipped lines per reason (default 5, oda).
 *
 * Overlap and decon imports are all-or-nothing: any bad line refuses the whole input with
 * every line's error (FILE:LINE  reason) and exit code 2, and the store is left as it was.
 */
import path from "node:path";
import { EXTRACT_USAGE, extractMain } from "@/agents/extraction/extract-command";
import { isAppError } from "@/lib/errors";
import { createHubPort } from "@/lib/hub/port";
import { describeDatabase, resolveDatabaseConfig } from "@/lib/server/db/config";
import { applyMigrations } from "@/lib/server/db/migrate";
import type { ImportSkip, OdaImportReport } from "@/lib/server/lineage/import-oda";
import type { MeasurementImportReport } from "@/lib/server/contamination/measurements";
import { formatLineError } from "@/lib/lineage-io/overlap-csv";
import { runCli } from "./cli-support";
import { printBackupExport, printBackupImport } from "./print-backup";
import { printDpiImport } from "./print-dpi";
import { TRACE_USAGE, traceMain } from "./trace-command";
import { GENERATE_USAGE, generateMain } from "./generate-command";

const USAGE = `usage: npm run lineage -- import --format oda <dir> [--json] [--actor NAME] [--show N]
       npm run lineage -- import --format overlap <file.csv> [--json]
       npm run lineage -- import --format decon <dir> --dataset KEY --samples N [--method TEXT] [--url URL] [--json]
       npm run lineage -- import --format dpi <dir> [--json] [--actor NAME] [--show N]
       npm run lineage -- export --format oda <dir> [--json]
       npm run lineage -- export --format json FILE [--json]
       npm run lineage -- import --format json FILE [--replace] [--json]
       ${EXTRACT_USAGE}
       ${TRACE_USAGE}
       ${GENERATE_USAGE}`;
const FORMATS: Record<"import" | "export", string[]> = { import: ["oda", "overlap", "decon", "dpi", "json"], export: ["oda", "json"] };
/** Refused measurement imports print at most this many line errors (--json has all). */
const ERRORS_SHOWN = 50;

class UsageError extends Error {
  readonly exitCode = 2;
}

type Options = {
  command: "import" | "export";
  format: string;
  /** The directory (oda, decon) or file (overlap), resolved. */
  dir: string;
  json: boolean;
  actor?: string;
  show: number;
  /** decon only. */
  dataset?: string;
  samples?: number;
  method?: string;
  url?: string;
  /** json import only: empty a store that holds rows before restoring. */
  replace?: boolean;
};

const DECON_ONLY = ["--dataset", "--samples", "--method", "--url"];

function parseArgs(args: string[]): Options {
  const [command, ...rest] = args;
  if (!command || command === "help" || command === "--help" || command === "-h") throw new UsageError(USAGE);
  if (command !== "import" && command !== "export") throw new UsageError(`Unknown command "${command}".\n${USAGE}`);
  const options: Partial<Options> & { command: "import" | "export"; json: boolean; show: number } = { command, json: false, show: 5 };
  const positional: string[] = [];
  const given = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? rest[++i];
      if (v === undefined || v === "") throw new UsageError(`${flag} needs a value.\n${USAGE}`);
      return v;
    };
    given.add(flag);
    if (flag === "--format") options.format = value();
    else if (flag === "--json") options.json = true;
    else if (flag === "--actor" && command === "import") options.actor = value();
    else if (flag === "--dataset" && command === "import") options.dataset = value();
    else if (flag === "--samples" && command === "import") {
      const n = Number(value());
      if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--samples needs a positive whole number (the dataset's number of training documents).\n${USAGE}`);
      options.samples = n;
    } else if (flag === "--method" && command === "import") options.method = value();
    else if (flag === "--url" && command === "import") options.url = value();
    else if (flag === "--replace" && command === "import") options.replace = true;
    else if (flag === "--show") {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new UsageError(`--show needs a whole number.\n${USAGE}`);
      options.show = n;
    } else if (flag.startsWith("-")) throw new UsageError(`Unknown option ${flag} for ${command}.\n${USAGE}`);
    else positional.push(arg);
  }
  const formats = FORMATS[command];
  if (!options.format) throw new UsageError(`${command} needs --format (one of: ${formats.join(", ")}).\n${USAGE}`);
  if (!formats.includes(options.format)) throw new UsageError(`Unknown format "${options.format}" (known: ${formats.join(", ")}).\n${USAGE}`);
  const format = options.format;
  const misplaced = [...given].filter((flag) => (DECON_ONLY.includes(flag) && format !== "decon") || ((flag === "--actor" || flag === "--show") && format !== "oda" && format !== "dpi") || (flag === "--replace" && format !== "json"));
  if (misplaced.length) throw new UsageError(`${misplaced.join(", ")} ${misplaced.length === 1 ? "does" : "do"} not apply to --format ${format}.\n${USAGE}`);
  if (format === "decon" && !options.dataset) throw new UsageError(`import --format decon needs --dataset KEY (the dataset the reports measured).\n${USAGE}`);
  if (format === "decon" && options.samples === undefined) throw new UsageError(`import --format decon needs --samples N (the dataset's number of training documents).\n${USAGE}`);
  const what = format === "overlap" ? "CSV file" : format === "json" ? "file" : "directory";
  if (positional.length !== 1) throw new UsageError(`${command} --format ${format} needs exactly one ${what}${positional.length ? ` (got ${positional.length})` : ""}.\n${USAGE}`);
  return { ...options, format, dir: path.resolve(positional[0]!) };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function printImport(report: OdaImportReport, database: string, show: number): void {
  console.log(`Imported ${report.dir} (${report.files.join(" + ")}) into ${database} in ${seconds(report.ms)}.`);
  console.log(`  nodes     ${report.nodesCreated} created, ${report.nodesUpdated} updated, ${report.nodesUnchanged} unchanged`);
  console.log(
    `  edges     ${report.edgesCreated} created, ${report.edgesMerged} merged into existing, ${report.edgesUnchanged} unchanged` +
      (report.duplicateLinesMerged ? ` (${report.duplicateLinesMerged} repeated ${report.duplicateLinesMerged === 1 ? "line" : "lines"} folded in)` : ""),
  );
  console.log(`  evidence  ${report.evidenceAdded} added, ${report.evidenceUpdated} completed (quote, URL or locator filled in)`);
  if (!report.skipped.length) {
    console.log(`  skipped   none (${report.graphLines} graph lines, ${report.dataLines} data lines)`);
    return;
  }
  const byReason = new Map<string, ImportSkip[]>();
  for (const skip of report.skipped) byReason.set(skip.reason, [...(byReason.get(skip.reason) ?? []), skip]);
  console.log(`  skipped   ${report.skipped.length} of ${report.graphLines + report.dataLines} lines:`);
  for (const [reason, skips] of [...byReason].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`    ${reason} (${skips.length})`);
    for (const s of skips.slice(0, show)) console.log(`      ${s.file}:${s.line}  ${s.detail}`);
    if (skips.length > show) console.log(`      … and ${skips.length - show} more (--show N or --json for all)`);
  }
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ").trimEnd());
}

const percent = (fraction: number) => `${Number((fraction * 100).toFixed(4))}%`;

function printMeasurementImport(report: MeasurementImportReport, database: string): void {
  const what =
    report.format === "decon"
      ? `decon reports: ${report.files.length} ${report.files.length === 1 ? "file" : "files"}, ${report.rowsRead} matches`
      : `overlap CSV: ${report.rowsRead} ${report.rowsRead === 1 ? "row" : "rows"}`;
  console.log(`Imported ${report.source} (${what}) into ${database} in ${seconds(report.ms)}.`);
  console.log(
    `  measurements  ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged` +
      (report.duplicatesFolded ? ` (${report.duplicatesFolded} repeated ${report.duplicatesFolded === 1 ? "line" : "lines"} folded in)` : ""),
  );
  console.log(`  nodes         ${report.nodesCreated} created`);
  if (report.format === "decon") {
    if (!report.skipped.length) console.log("  skipped       none");
    else {
      console.log(`  skipped       ${report.skipped.length} ${report.skipped.length === 1 ? "suite" : "suites"} (eval key, split):`);
      for (const line of table(report.skipped.map((s) => [`    ${s.evalKey} (${s.split})`, `${s.documents} ${s.documents === 1 ? "document" : "documents"}`, s.reason]))) console.log(line);
    }
    // A prefix match (mmlu_pro taken as MMLU) can be wrong: show each so a person can check it.
    const byPrefix = report.evalKeys.filter((k) => k.via.replace(/[ -]/g, "_").toLowerCase() !== k.evalKey.toLowerCase());
    if (byPrefix.length) {
      console.log(`  by prefix     ${byPrefix.length} suite ${byPrefix.length === 1 ? "key" : "keys"} taken to mean a set by a shorter name:`);
      for (const line of table(byPrefix.map((k) => [`    ${k.evalKey}`, `→ ${k.evalSet}`, `(as "${k.via}")`]))) console.log(line);
    }
  }
  if (!report.rows.length) {
    console.log("  rows          none");
    return;
  }
  console.log("  rows:");
  const header = ["    dataset", "eval set", "split", "overlap", report.format === "decon" ? "documents" : "method", "outcome", report.format === "decon" ? "eval keys" : "line"];
  const rows = report.rows.map((r) => [
    `    ${r.dataset}`,
    r.evalSet,
    r.split.toLowerCase(),
    percent(r.overlap),
    report.format === "decon" ? `${r.matched} of ${r.samples}` : r.method,
    r.outcome,
    report.format === "decon" ? (r.evalKeys ?? []).join(", ") : r.locator,
  ]);
  for (const line of table([header, ...rows])) console.log(line);
}

/** A refused import: every line's error (up to ERRORS_SHOWN in text), exit code 2. */
function printRefusal(message: string, errors: { file: string; line: number; reason: string }[], json: boolean): number {
  if (json) console.log(JSON.stringify({ error: message, errors }, null, 2));
  console.error(`error: ${message}`);
  if (!json) {
    for (const e of errors.slice(0, ERRORS_SHOWN)) console.error(`  ${formatLineError(e)}`);
    if (errors.length > ERRORS_SHOWN) console.error(`  … and ${errors.length - ERRORS_SHOWN} more (--json for all)`);
  }
  return 2;
}

/** export / import --format json: the whole-store backup; a file or store it does not fit is exit code 2. */
async function backupCommand(options: Options, database: string): Promise<number> {
  try {
    if (options.command === "export") {
      const { exportBackup } = await import("@/lib/server/backup/export");
      const report = await exportBackup({ file: options.dir });
      if (options.json) console.log(JSON.stringify(report, null, 2));
      else printBackupExport(report, database);
    } else {
      const { importBackup } = await import("@/lib/server/backup/import");
      const report = await importBackup({ file: options.dir, replace: options.replace });
      if (options.json) console.log(JSON.stringify(report, null, 2));
      else printBackupImport(report, database);
    }
    return 0;
  } catch (error) {
    if (!isAppError(error) || !(error.code.startsWith("bad_request") || error.code.startsWith("conflict"))) throw error;
    if (options.json) console.log(JSON.stringify(error.toJSON(), null, 2));
    console.error(`error: ${error.message}`);
    return 2;
  }
}

// extract touches no store unless --store asks for its names (then it only reads): it must not
// take the embedded-database lock for nothing, or migrate.
if (process.argv[2] === "extract") {
  process.exit(
    await extractMain(process.argv.slice(3), {
      storeAliases: async () => (await import("@/lib/server/agents/store")).createLineageStore().aliasMap(),
      hub: () => createHubPort(),
    }),
  );
}

await runCli(async (args) => {
  if (args[0] === "trace" || args[0] === "crawl") return traceMain(args[0], args.slice(1));
  if (args[0] === "generate") return generateMain(args.slice(1));
  const options = parseArgs(args);
  const config = resolveDatabaseConfig();
  const database = describeDatabase(config);
  try {
    // A store that was never started (a fresh data folder, an empty server database) gets
    // its schema first, exactly as the app would create it.
    await applyMigrations(config);
    if (options.format === "json") return await backupCommand(options, database);
    if (options.command === "import" && (options.format === "overlap" || options.format === "decon")) {
      const { importDeconReports, importLineErrors, importOverlapCsv } = await import("@/lib/server/contamination/measurements");
      let report: MeasurementImportReport;
      try {
        report =
          options.format === "overlap"
            ? await importOverlapCsv({ file: options.dir })
            : await importDeconReports({ dir: options.dir, dataset: options.dataset!, samples: options.samples!, method: options.method, url: options.url });
      } catch (error) {
        const errors = importLineErrors(error);
        if (errors) return printRefusal((error as Error).message, errors, options.json);
        throw error;
      }
      if (options.json) console.log(JSON.stringify(report, null, 2));
      else printMeasurementImport(report, database);
    } else if (options.command === "import" && options.format === "dpi") {
      const { importDpiDirectory } = await import("@/lib/server/lineage/import-dpi");
      const report = await importDpiDirectory(options.dir, { actor: options.actor });
      if (options.json) console.log(JSON.stringify(report, null, 2));
      else printDpiImport(report, database, options.show);
    } else if (options.command === "import") {
      const { importOdaDirectory } = await import("@/lib/server/lineage/import-oda");
      const report = await importOdaDirectory(options.dir, { actor: options.actor });
      if (options.json) console.log(JSON.stringify(report, null, 2));
      else printImport(report, database, options.show);
    } else {
      const { exportOdaDirectory } = await import("@/lib/server/lineage/export-oda");
      const report = await exportOdaDirectory(options.dir);
      if (options.json) console.log(JSON.stringify(report, null, 2));
      else
        console.log(
          `Exported ${report.nodes} nodes and ${report.edges} edges from ${database} to ${report.dir} ` +
            `(${report.graphLines} lines in graph.jsonl, ${report.dataLines} in data.jsonl) in ${seconds(report.ms)}.`,
        );
    }
    return 0;
  } catch (error) {
    // A missing or unreadable directory is a usage problem, not a crash.
    if (isAppError(error) && error.code.startsWith("bad_request")) throw new UsageError(error.message);
    throw error;
  }
});
