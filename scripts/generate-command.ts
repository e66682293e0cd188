/**
 * `lineage generate`: fill an empty store with a synthetic lineage graph of any size, for
 * benchmarks and scale tests (lib/synthetic/lineage-store.ts describes its shape).
 *
 *   generate --nodes N --edges M [--seed S] [--replace] [--json]
 */
import { describeDatabase, resolveDatabaseConfig } from "@/lib/server/db/config";
import { applyMigrations } from "@/lib/server/db/migrate";
import { specProblem, type StoreSpec } from "@/lib/synthetic/store-spec";

export const GENERATE_USAGE = "npm run lineage -- generate --nodes N --edges M [--seed S] [--replace] [--json]";

export class GenerateUsageError extends Error {
  readonly exitCode = 2;
}

type Options = { spec: StoreSpec; replace: boolean; json: boolean };

export function parseGenerateArgs(args: string[]): Options {
  const raw: Partial<Record<"nodes" | "edges" | "seed", string>> = {};
  let replace = false;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      const v = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (v === undefined || v === "") throw new GenerateUsageError(`${flag} needs a value.\nusage: ${GENERATE_USAGE}`);
      return v;
    };
    if (flag === "--nodes" || flag === "--edges" || flag === "--seed") raw[flag.slice(2) as "nodes" | "edges" | "seed"] = value();
    else if (flag === "--replace") replace = true;
    else if (flag === "--json") json = true;
    else throw new GenerateUsageError(`Unknown argument ${arg} for generate.\nusage: ${GENERATE_USAGE}`);
  }
  if (raw.nodes === undefined || raw.edges === undefined) throw new GenerateUsageError(`generate needs --nodes and --edges.\nusage: ${GENERATE_USAGE}`);
  // Digits only (underscores allowed as in 100_000): Number() would take "1e5", "0x10" and " 7".
  const whole = (flag: string, text: string) => {
    if (!/^\d[\d_]*$/.test(text)) throw new GenerateUsageError(`--${flag} must be a whole number (got "${text}").\nusage: ${GENERATE_USAGE}`);
    return Number(text.replaceAll("_", ""));
  };
  const spec = { nodes: whole("nodes", raw.nodes), edges: whole("edges", raw.edges), seed: raw.seed === undefined ? 1 : whole("seed", raw.seed) };
  const problem = specProblem(spec);
  if (problem) throw new GenerateUsageError(`${problem}\nusage: ${GENERATE_USAGE}`);
  return { spec, replace, json };
}

export async function generateMain(args: string[]): Promise<number> {
  const options = parseGenerateArgs(args);
  const config = resolveDatabaseConfig();
  await applyMigrations(config);
  const { loadGeneratedStore } = await import("@/lib/server/generate/load-store");
  const report = await loadGeneratedStore({
    spec: options.spec,
    replace: options.replace,
    log: options.json ? undefined : (message) => console.error(`  ${message}`),
  });
  if (options.json) console.log(JSON.stringify(report, null, 2));
  else
    console.log(
      `Generated ${report.label} into ${describeDatabase(config)}${report.replaced ? " (replacing what it held)" : ""}: ` +
        `${report.nodes} nodes (${report.benchmarks} benchmarks), ${report.edges} edges; ` +
        `generated in ${(report.generateMs / 1000).toFixed(1)} s, loaded in ${(report.loadMs / 1000).toFixed(1)} s.`,
    );
  return 0;
}
