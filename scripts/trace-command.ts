/**
 * `lineage trace` and `lineage crawl`: run the agents from the command line, in this process
 * (no worker needed), recording the run like any other. Progress goes to stderr, the summary
 * to stdout (JSON with --json). `crawl --workers` hands the crawl to the `npm run worker`
 * processes on the queue instead (PostgreSQL), one job per dataset, and follows it.
 *
 *   trace --id owner/name [--depth N] [--budget N] [--model rules|provider:model] [--json]
 *   crawl --seeds FILE [--depth N] [--concurrency K] [--budget N] [--model …] [--workers] [--json]
 */
import fs from "node:fs";
import { parseModelSpec } from "@/agents/model";
import { parseKey } from "@/lib/keys";
import { CLI_MAX_DEPTH } from "@/lib/limits";
import { describeDatabase, resolveDatabaseConfig } from "@/lib/server/db/config";
import { applyMigrations } from "@/lib/server/db/migrate";
import { DEFAULT_NODE_BUDGET, DEFAULT_RUN_DEPTH, executeRun, getRun, requestTrace } from "@/lib/server/runs/runs";
import { closeHubRateLimiters } from "@/lib/hub/rate-limit/shared";
import { describeProgress } from "@/lib/runs/progress";
import { resolveHubConfig } from "@/lib/hub/config";
import { failureMessage, FAILURE_KIND_LABEL } from "@/lib/runs/outcome";
import { AGENT_LABELS, type RunView } from "@/lib/runs/types";
import type { StepEvent } from "@/agents/pipeline/types";

export const TRACE_USAGE = `npm run lineage -- trace --id owner/name [--depth N] [--budget N] [--model rules|provider:model] [--json]
       npm run lineage -- crawl --seeds FILE [--depth N] [--concurrency K] [--budget N] [--model …] [--workers] [--json]`;

const CRAWL_DEFAULT_BUDGET = 10_000;
const MAX_DEPTH = CLI_MAX_DEPTH;

export class TraceUsageError extends Error {
  readonly exitCode = 2;
}

type Options = { command: "trace" | "crawl"; id?: string; seeds?: string; depth: number; budget?: number; concurrency: number; model?: string; json: boolean; workers: boolean };

/** How often a crawl prints where it stands (stderr). */
const PROGRESS_EVERY_MS = Number(process.env.ROOTLINE_PROGRESS_EVERY_MS) > 0 ? Number(process.env.ROOTLINE_PROGRESS_EVERY_MS) : 5_000;

function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new TraceUsageError(`${flag} must be a whole number from ${min} to ${max} (got "${raw}").\nusage: ${TRACE_USAGE}`);
  return n;
}

export function parseTraceArgs(command: "trace" | "crawl", args: string[]): Options {
  const options: Options = { command, depth: DEFAULT_RUN_DEPTH, concurrency: 4, json: false, workers: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      const v = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (v === undefined || v === "") throw new TraceUsageError(`${flag} needs a value.\nusage: ${TRACE_USAGE}`);
      return v;
    };
    if (flag === "--id" && command === "trace") options.id = value();
    else if (flag === "--seeds" && command === "crawl") options.seeds = value();
    else if (flag === "--depth") options.depth = wholeNumber(flag, value(), 1, MAX_DEPTH);
    else if (flag === "--budget") options.budget = wholeNumber(flag, value(), 1, 1_000_000);
    else if (flag === "--concurrency") options.concurrency = wholeNumber(flag, value(), 1, 64);
    else if (flag === "--model") options.model = value();
    else if (flag === "--json") options.json = true;
    else if (flag === "--workers" && command === "crawl") options.workers = true;
    else throw new TraceUsageError(`Unknown argument ${arg} for ${command}.\nusage: ${TRACE_USAGE}`);
  }
  if (command === "trace") {
    if (!options.id) throw new TraceUsageError(`trace needs --id owner/name.\nusage: ${TRACE_USAGE}`);
    if (parseKey(options.id)?.scheme !== "HUB") throw new TraceUsageError(`"${options.id}" is not a Hub dataset id (owner/name).`);
  } else if (!options.seeds) throw new TraceUsageError(`crawl needs --seeds FILE (one Hub id per line).\nusage: ${TRACE_USAGE}`);
  if (options.model !== undefined) {
    try {
      parseModelSpec(options.model);
    } catch (error) {
      throw new TraceUsageError((error as Error).message);
    }
  }
  return options;
}

/** Seeds file: one Hub id per line; blank lines and # comments ignored; bad lines named. */
export function readSeeds(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new TraceUsageError(`cannot read seeds file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const seeds: string[] = [];
  const bad: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const id = line.replace(/#.*/, "").trim();
    if (!id) return;
    if (parseKey(id)?.scheme === "HUB") seeds.push(id);
    else bad.push(`${file}:${i + 1}: "${id.slice(0, 80)}" is not a Hub dataset id`);
  });
  if (bad.length) throw new TraceUsageError(`the seeds file has ${bad.length} bad ${bad.length === 1 ? "line" : "lines"}:\n  ${bad.slice(0, 10).join("\n  ")}`);
  if (!seeds.length) throw new TraceUsageError(`the seeds file ${file} lists no dataset ids.`);
  return [...new Set(seeds)];
}

export async function traceMain(command: "trace" | "crawl", args: string[]): Promise<number> {
  const options = parseTraceArgs(command, args);
  const seeds = command === "trace" ? [options.id!] : readSeeds(options.seeds!);
  const config = resolveDatabaseConfig();
  await applyMigrations(config);
  const { run } = await requestTrace({
    key: seeds[0]!,
    moreSeeds: seeds.slice(1),
    depth: options.depth,
    nodeBudget: options.budget ?? (command === "crawl" ? CRAWL_DEFAULT_BUDGET : DEFAULT_NODE_BUDGET),
    model: options.model,
  });
  if (options.workers && config.kind !== "postgres") throw new TraceUsageError("crawl --workers needs a PostgreSQL store (DATABASE_URL) that `npm run worker` processes share; without it the crawl runs here.");
  if (!options.json) console.error(`Run ${run.id}: ${seeds.length} seed(s), depth ${run.depth}, budget ${run.nodeBudget}, model ${run.model}, into ${describeDatabase(config)}`);
  // Progress lines go to stderr even with --json (stdout stays one JSON document).
  const progress = (view: RunView) => {
    if (view.progress) console.error(`progress: ${describeProgress(view.progress)}`);
  };
  const onStep = options.json ? undefined : (step: StepEvent) => console.error(`  ${AGENT_LABELS[step.agent].padEnd(11)} ${step.key}: ${step.message}`);
  let done: RunView;
  try {
    if (command === "crawl" && options.workers) done = await followOnWorkers(run.id, progress);
    else if (command === "crawl") {
      const { executeCrawlLocally } = await import("@/lib/server/runs/crawl-run");
      done = await executeCrawlLocally(run.id, { concurrency: options.concurrency, onStep, onProgress: progress, progressEveryMs: PROGRESS_EVERY_MS });
    } else done = await executeRun(run.id, { concurrency: options.concurrency, onStep });
  } finally {
    await closeHubRateLimiters();
  }
  if (options.json) console.log(JSON.stringify({ id: done.id, state: done.state, failureKind: done.failureKind, error: done.error, counts: done.counts, ...(done.progress ? { progress: done.progress } : {}) }, null, 2));
  else if (done.state === "SUCCEEDED") {
    const c = done.counts;
    console.log(
      `${done.state.toLowerCase()}: traced ${c.traced} datasets (${c.fromStore} already in the store, ${c.failed} failed) over ${c.levels} levels; ` +
        `${c.edgesCreated} edges added, ${c.edgesUpdated} updated, ${c.evidenceAdded} quotes stored, ${c.nodesCreated} nodes created` +
        `${c.budgetExhausted ? `; stopped at the budget with ${c.untracedFrontier} datasets left` : ""} in ${((c.durationMs ?? 0) / 1000).toFixed(1)} s.`,
    );
  } else console.log(failureLine(done));
  // Usage errors exit 2 (before any run); a run that did not succeed, whatever the reason, 1.
  return done.state === "SUCCEEDED" ? 0 : 1;
}

/** Hands the crawl to the queue's workers and prints its progress until it ends. */
async function followOnWorkers(runId: string, progress: (view: RunView) => void): Promise<RunView> {
  const { enqueueCrawl, stopQueue } = await import("@/lib/server/runs/queue");
  try {
    await enqueueCrawl(runId);
    console.error("Handed to the workers (npm run worker); following its progress. Ctrl-C stops following, not the crawl.");
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(PROGRESS_EVERY_MS, 1_000)));
      const view = await getRun({ id: runId });
      if (view.state !== "RUNNING" && view.state !== "QUEUED") {
        progress(view);
        return view;
      }
      if (Date.now() - lastPrinted >= PROGRESS_EVERY_MS) {
        lastPrinted = Date.now();
        progress(view);
      }
    }
  } finally {
    await stopQueue();
  }
}
let lastPrinted = 0;

/** "failed (not on the Hub): No dataset …": the run's plain words; here the operator may see the Hub's address. */
function failureLine(run: RunView): string {
  if (run.state === "FAILED" && run.failureKind) {
    return `failed (${FAILURE_KIND_LABEL[run.failureKind]}): ${failureMessage({ kind: run.failureKind, key: run.targetKey, endpoint: resolveHubConfig().hubUrl })}`;
  }
  return `${run.state.toLowerCase()}: ${run.error}`;
}
