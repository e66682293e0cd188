/**
 * Runs every benchmark in bench/ (each top-level module exporting `run`), one after another:
 *
 *   npm run bench                 all of them
 *   npm run bench -- explorer     only those whose file name contains "explorer"
 *
 * Not part of `npm test`: they take minutes and measure the machine as much as the code.
 * A benchmark's `run` returns its figures; they are printed and merged into bench/results.json
 * under the benchmark's name (with when and where they were measured), so the file always
 * holds the latest figures of every benchmark run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { BenchSettingError } from "./lib/settings";

type Bench = { run: () => Promise<Record<string, unknown> | void>; description?: string; headline?: string[] };

const RESULTS = path.join(import.meta.dirname, "results.json");

const dir = import.meta.dirname;
const filters = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts")
  .filter((f) => !filters.length || filters.some((x) => f.includes(x)))
  .sort();
if (!files.length) {
  console.error(`no benchmark in ${dir} matches ${filters.join(", ")}`);
  process.exit(2);
}

let failed = 0;
let settingErrors = 0;
let ran = 0;
const allStarted = Date.now();
const results: Record<string, unknown> = fs.existsSync(RESULTS) ? (JSON.parse(fs.readFileSync(RESULTS, "utf8")) as Record<string, unknown>) : {};

/**
 * The file: one section per benchmark, and at the top level the headline figures of every
 * section (closure_median_ms_postgres, api_p99_ms_200_clients, …), so a reader finds a key
 * without knowing which benchmark measures it. Rebuilt from the sections on every write.
 */
function write() {
  const sections = Object.entries(results).filter(([, v]) => v && typeof v === "object" && !Array.isArray(v)) as [string, Record<string, unknown>][];
  const flat: Record<string, unknown> = {};
  for (const [, section] of sections) for (const key of (section.headline as string[] | undefined) ?? []) if (key in section) flat[key] = section[key];
  fs.writeFileSync(RESULTS, `${JSON.stringify({ ...flat, ...Object.fromEntries(sections) }, null, 2)}\n`);
}
for (const file of files) {
  const bench = (await import(pathToFileURL(path.join(dir, file)).href)) as Partial<Bench>;
  if (typeof bench.run !== "function") continue;
  ran++;
  console.log(`\n=== ${path.basename(file, ".ts")}${bench.description ? `: ${bench.description}` : ""}`);
  const started = Date.now();
  // Some benchmarks point this process at their store through process.env (DATABASE_URL,
  // ROOTLINE_SKIP_SEED, …); each later one must start from the environment it was given, or
  // its servers inherit another's store (big-card's server once started unseeded and counted
  // thousands of 404s as failed reads).
  const environment = { ...process.env };
  try {
    const figures = await bench.run();
    console.log(`=== ${path.basename(file, ".ts")} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (figures) {
      results[path.basename(file, ".ts")] = { measuredAt: new Date().toISOString(), cores: os.cpus().length, node: process.version, ...figures, headline: bench.headline ?? [] };
      write();
    }
  } catch (error) {
    failed++;
    // A bad setting is the caller's to fix: its message, not a stack trace.
    if (error instanceof BenchSettingError) settingErrors++;
    console.error(`=== ${path.basename(file, ".ts")} FAILED: ${error instanceof BenchSettingError ? error.message : ((error as Error).stack ?? error)}`);
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in environment)) delete process.env[name];
    Object.assign(process.env, environment);
  }
}
console.log(`\n=== ${ran} benchmark(s) done in ${((Date.now() - allStarted) / 60_000).toFixed(1)} min${failed ? `, ${failed} failed` : ""}`);
process.exit(settingErrors ? 2 : failed ? 1 : 0);
