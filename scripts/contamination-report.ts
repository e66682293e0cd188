/**
 * `npm run --silent contamination` — contamination flags of the store: per evaluation set and
 * per benchmark family, how many datasets each reaches by severity (the /contamination page's
 * numbers, as text or JSON), or one evaluation set's reach.
 *
 *   npm run --silent contamination [-- --json] [-- --benchmark aime-2024]
 */
import { isAppError } from "@/lib/errors";
import { formatWindow } from "@/lib/contamination/dates";
import { evalSetLabel, SEVERITIES } from "@/lib/contamination/types";
import { applyMigrations } from "@/lib/server/db/migrate";
import { resolveDatabaseConfig } from "@/lib/server/db/config";
import { getBenchmarkReach, getContaminationOverview } from "@/lib/server/contamination/contamination";
import { runCli } from "./cli-support";

class UsageError extends Error {
  readonly exitCode = 2;
}

const USAGE = "usage: npm run --silent contamination [-- --json] [-- --benchmark <evaluation set id, name or host key>]";

function columns(rows: { label: string; counts: Record<string, number> }[], head: string): string[] {
  const width = Math.max(head.length, ...rows.map((r) => r.label.length)) + 2;
  return [head.padEnd(width) + SEVERITIES.map((s) => s.padStart(14)).join(""), ...rows.map((r) => r.label.padEnd(width) + SEVERITIES.map((s) => String(r.counts[s]).padStart(14)).join(""))];
}

await runCli(async (args) => {
  const json = args.includes("--json");
  const at = args.indexOf("--benchmark");
  const benchmark = at >= 0 ? args[at + 1] : undefined;
  const unknown = args.filter((a, i) => a !== "--json" && a !== "--benchmark" && (at < 0 || i !== at + 1));
  if (unknown.length || (at >= 0 && (!benchmark || benchmark.startsWith("--")))) throw new UsageError(USAGE);
  await applyMigrations(resolveDatabaseConfig());
  if (process.env.ROOTLINE_SEED_FIRST === "1") {
    const { seedDatabase } = await import("@/lib/server/seed/seed");
    await seedDatabase();
  }
  if (benchmark) {
    try {
      const reach = await getBenchmarkReach({ benchmark });
      if (json) console.log(JSON.stringify(reach, null, 2));
      else {
        console.log(`${evalSetLabel(reach)}: items ${formatWindow(reach.window)}, host ${reach.host}; ${reach.datasets.length} ${reach.datasets.length === 1 ? "dataset" : "datasets"} reached`);
        for (const d of reach.datasets) console.log(`${d.severity.padEnd(14)} ${String(d.distance).padStart(2)}  ${d.dataset}${d.measuredOnly ? "  (measured only)" : ""}${d.overlap !== null ? `  overlap ${(d.overlap * 100).toFixed(2)} %` : ""}`);
      }
      return 0;
    } catch (error) {
      // An unknown or ambiguous name is the user's input: the message lists what is registered.
      if (isAppError(error) && (error.code === "not_found:benchmark" || error.code === "bad_request:params")) throw new UsageError(error.message);
      throw error;
    }
  }
  const overview = await getContaminationOverview();
  if (!overview.benchmarks.length) {
    console.error("error: this store has no registered benchmarks. Load the seed first: npm run db -- setup (or start the app once).");
    return 1;
  }
  if (json) {
    console.log(JSON.stringify({ computeMs: overview.computeMs, threshold: overview.threshold, benchmarks: overview.benchmarks, families: overview.families, flags: overview.rows.length }, null, 2));
    return 0;
  }
  for (const line of columns(overview.benchmarks.map((b) => ({ label: `${evalSetLabel(b)} [${b.benchmark}]`, counts: b.counts })), "evaluation set")) console.log(line);
  console.log("");
  for (const line of columns(overview.families.map((f) => ({ label: f.family, counts: f.counts })), "family (each dataset once)")) console.log(line);
  console.log(`${overview.rows.length} flags, computed in ${overview.computeMs} ms; measured overlap counts from ${(overview.threshold * 100).toFixed(2)} %`);
  return 0;
});
