/**
 * Lineage files in and out of the store: `npm run lineage -- <command> [options] <dir>`.
 *
 *   import --format oda <dir>   read graph.jsonl (+ data.jsonl) into the store; never duplicates
 *   export --format oda <dir>   write the whole store as graph.jsonl + data.jsonl
 *
 *   extract --id owner/name --card FILE [--model rules|provider:model]   print extracted upstreams as JSON (no database)
 *   trace --id owner/name [--depth N] [--budget N] [--model …]     run the agents on one dataset against HF_ENDPOINT, store the result
 *   crawl --seeds FILE [--depth N] [--concurrency K] [--budget N]   the same for a list of ids (one per line)
 *
 * Options: --json prints the report as JSON; --actor NAME records who imported (import);
 * --show N lists up to N skipped lines per reason (default 5).
 */
import path from "node:path";
import { EXTRACT_USAGE, extractMain } from "@/agents/extraction/extract-command";
import { isAppError } from "@/lib/errors";
import { describeDatabase, resolveDatabaseConfig } from "@/lib/server/db/config";
import { applyMigrations } from "@/lib/server/db/migrate";
import type { ImportSkip, OdaImportReport } from "@/lib/server/lineage/import-oda";
import { runCli } from "./cli-support";
import { TRACE_USAGE, traceMain } from "./trace-command";

const USAGE = `usage: npm run lineage -- import --format oda <dir> [--json] [--actor NAME] [--show N]
       npm run lineage -- export --format oda <dir> [--json]
       ${EXTRACT_USAGE}
       ${TRACE_USAGE}`;
const FORMATS = ["oda"];

class UsageError extends Error {
  readonly exitCode = 2;
}

type Options = { command: string; format: string; dir: string; json: boolean; actor?: string; show: number };

function parseArgs(args: string[]): Options {
  const [command, ...rest] = args;
  if (!command || command === "help" || command === "--help" || command === "-h") throw new UsageError(USAGE);
  if (command !== "import" && command !== "export") throw new UsageError(`Unknown command "${command}".\n${USAGE}`);
  const options: Partial<Options> & { command: string; json: boolean; show: number } = { command, json: false, show: 5 };
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? rest[++i];
      if (v === undefined || v === "") throw new UsageError(`${flag} needs a value.\n${USAGE}`);
      return v;
    };
    if (flag === "--format") options.format = value();
    else if (flag === "--json") options.json = true;
    else if (flag === "--actor" && command === "import") options.actor = value();
    else if (flag === "--show") {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new UsageError(`--show needs a whole number.\n${USAGE}`);
      options.show = n;
    } else if (flag.startsWith("-")) throw new UsageError(`Unknown option ${flag} for ${command}.\n${USAGE}`);
    else positional.push(arg);
  }
  if (!options.format) throw new UsageError(`${command} needs --format (one of: ${FORMATS.join(", ")}).\n${USAGE}`);
  if (!FORMATS.includes(options.format)) throw new UsageError(`Unknown format "${options.format}" (known: ${FORMATS.join(", ")}).\n${USAGE}`);
  if (positional.length !== 1) throw new UsageError(`${command} needs exactly one directory${positional.length ? ` (got ${positional.length})` : ""}.\n${USAGE}`);
  return { ...options, format: options.format, dir: path.resolve(positional[0]!) } as Options;
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

// extract touches no store: it must not take the embedded-database lock or migrate.
if (process.argv[2] === "extract") process.exit(await extractMain(process.argv.slice(3)));

await runCli(async (args) => {
  if (args[0] === "trace" || args[0] === "crawl") return traceMain(args[0], args.slice(1));
  const options = parseArgs(args);
  const config = resolveDatabaseConfig();
  const database = describeDatabase(config);
  try {
    // A store that was never started (a fresh data folder, an empty server database) gets
    // its schema first, exactly as the app would create it.
    await applyMigrations(config);
    if (options.command === "import") {
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
