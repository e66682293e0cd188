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

type Bench = { run: () => Promise<Record<string, unknown> | void>; description?: string };

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
const allStarted = Date.now();
const flat: Record<string, number> = {};
const results: Record<string, unknown> = fs.existsSync(RESULTS) ? (JSON.parse(fs.readFileSync(RESULTS, "utf8")) as Record<string, unknown>) : {};
for (const file of files) {
  const bench = (await import(pathToFileURL(path.join(dir, file)).href)) as Partial<Bench>;
  if (typeof bench.run !== "function") continue;
  console.log(`\n=== ${path.basename(file, ".ts")}${bench.description ? `: ${bench.description}` : ""}`);
  const started = Date.now();
  try {
    const figures = await bench.run();
    console.log(`=== ${path.basename(file, ".ts")} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (figures) {
      results[path.basename(file, ".ts")] = { measuredAt: new Date().toISOString(), cores: os.cpus().length, node: process.version, ...figures };
      // The headline figures (closure_median_ms_postgres, api_p99_ms_200_clients, …) also sit at
      // the top level, so a reader finds a key without knowing which benchmark measures it.
      for (const [key, value] of Object.entries(figures)) if (/_/.test(key) && typeof value === "number") flat[key] = value;
      Object.assign(results, flat);
      fs.writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    }
  } catch (error) {
    failed++;
    console.error(`=== ${path.basename(file, ".ts")} FAILED: ${(error as Error).stack ?? error}`);
  }
}
console.log(`\n=== ${files.length} benchmark file(s) done in ${((Date.now() - allStarted) / 60_000).toFixed(1)} min${failed ? `, ${failed} failed` : ""}`);
process.exit(failed ? 1 : 0);
