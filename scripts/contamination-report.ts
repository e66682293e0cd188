/**
 * `npm run --silent contamination` — contamination flags of the store: per benchmark, how
 * many datasets it reaches by severity (the /contamination page's numbers, as text or JSON).
 *
 *   npm run --silent contamination [-- --json] [-- --benchmark owner/name]
 */
import { SEVERITIES } from "@/lib/contamination/types";
import { applyMigrations } from "@/lib/server/db/migrate";
import { resolveDatabaseConfig } from "@/lib/server/db/config";
import { getBenchmarkReach, getContaminationOverview } from "@/lib/server/contamination";
import { runCli } from "./cli-support";

class UsageError extends Error {
  readonly exitCode = 2;
}

await runCli(async (args) => {
  const json = args.includes("--json");
  const at = args.indexOf("--benchmark");
  const benchmark = at >= 0 ? args[at + 1] : undefined;
  const unknown = args.filter((a, i) => a !== "--json" && a !== "--benchmark" && (at < 0 || i !== at + 1));
  if (unknown.length || (at >= 0 && !benchmark)) throw new UsageError("usage: npm run --silent contamination [-- --json] [-- --benchmark owner/name]");
  await applyMigrations(resolveDatabaseConfig());
  if (process.env.ROOTLINE_SEED_FIRST === "1") {
    const { seedDatabase } = await import("@/lib/server/seed");
    await seedDatabase();
  }
  if (benchmark) {
    const reach = await getBenchmarkReach({ benchmark });
    if (json) console.log(JSON.stringify(reach, null, 2));
    else for (const d of reach.datasets) console.log(`${d.severity.padEnd(14)} ${String(d.distance).padStart(2)}  ${d.dataset}`);
    return 0;
  }
  const overview = await getContaminationOverview();
  if (!overview.benchmarks.length) {
    console.error("error: this store has no registered benchmarks. Load the seed first: npm run db -- setup (or start the app once).");
    return 1;
  }
  if (json) {
    console.log(JSON.stringify({ computeMs: overview.computeMs, benchmarks: overview.benchmarks, flags: overview.rows.length }, null, 2));
    return 0;
  }
  const labels = overview.benchmarks.map((b) => `${b.family} (${b.benchmark})`);
  const width = Math.max("benchmark".length, ...labels.map((l) => l.length)) + 2;
  console.log(`benchmark`.padEnd(width) + SEVERITIES.map((s) => s.padStart(14)).join(""));
  overview.benchmarks.forEach((b, i) => console.log(labels[i]!.padEnd(width) + SEVERITIES.map((s) => String(b.counts[s]).padStart(14)).join("")));
  console.log(`${overview.rows.length} flags, computed in ${overview.computeMs} ms`);
  return 0;
});
