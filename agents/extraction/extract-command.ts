/**
 * `lineage extract --id owner/name --card FILE [--model rules]`: extraction on one local text.
 * No network and no database: it reads FILE, extracts, verifies every quote, prints JSON.
 */
import fs from "node:fs";
import { parseKey } from "@/lib/keys";
import { extractRules } from "./rules";
import { verifyEdges } from "./verify";

export const EXTRACT_USAGE = "npm run lineage -- extract --id owner/name --card FILE [--model rules]";
const MODELS = ["rules"];

export class ExtractUsageError extends Error {
  readonly exitCode = 2;
}

type ExtractOptions = { id: string; card: string; model: string };

export function parseExtractArgs(args: string[]): ExtractOptions {
  const options: Partial<ExtractOptions> = { model: "rules" };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      const v = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (v === undefined || v === "") throw new ExtractUsageError(`${flag} needs a value.\nusage: ${EXTRACT_USAGE}`);
      return v;
    };
    if (flag === "--id") options.id = value();
    else if (flag === "--card") options.card = value();
    else if (flag === "--model") options.model = value();
    else throw new ExtractUsageError(`Unknown argument ${arg} for extract.\nusage: ${EXTRACT_USAGE}`);
  }
  if (!options.id) throw new ExtractUsageError(`extract needs --id owner/name.\nusage: ${EXTRACT_USAGE}`);
  if (parseKey(options.id)?.scheme !== "HUB") throw new ExtractUsageError(`"${options.id}" is not a Hub dataset id (owner/name).`);
  if (!options.card) throw new ExtractUsageError(`extract needs --card FILE.\nusage: ${EXTRACT_USAGE}`);
  if (!MODELS.includes(options.model!)) throw new ExtractUsageError(`model ${options.model} is not available yet (available: ${MODELS.join(", ")}).`);
  return options as ExtractOptions;
}

export function runExtract(args: string[]): string {
  const options = parseExtractArgs(args);
  let text: string;
  try {
    text = fs.readFileSync(options.card, "utf8");
  } catch (error) {
    throw new ExtractUsageError(`cannot read card file ${options.card}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const { edges } = extractRules({ dataset: options.id, text, source: "card" });
  const { kept } = verifyEdges(edges, text);
  return JSON.stringify({ dataset: options.id, edges: kept.map(({ upstream, relation, confidence, split, evidence }) => ({ upstream, relation, confidence, split: split.toLowerCase(), evidence })) }, null, 2);
}

/** Run as a whole CLI: output or a one-line error, then the exit code (0, or 2 for bad usage). */
export function extractMain(args: string[]): number {
  try {
    console.log(runExtract(args));
    return 0;
  } catch (error) {
    const e = error as Error & { exitCode?: number };
    console.error(`error: ${e.message}`);
    return e.exitCode ?? 1;
  }
}
