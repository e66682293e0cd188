/**
 * `lineage extract --id owner/name --card FILE [--model rules|provider:model]`: extraction on
 * one local text. No database: it reads FILE, extracts, verifies every quote, prints JSON.
 * Rules mode (the default, whatever LINEAGE_MODEL says) needs no network either.
 */
import fs from "node:fs";
import { createExtractor, parseModelSpec } from "@/agents/model";
import { isAppError } from "@/lib/errors";
import { parseKey } from "@/lib/keys";
import { aliasFor } from "@/agents/tracing/alias-map";
import { bundledAliasMap } from "@/agents/tracing/bundled-names";
import { verifyEdges } from "./verify";

export const EXTRACT_USAGE = "npm run lineage -- extract --id owner/name --card FILE [--model rules|provider:model]";

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
  try {
    parseModelSpec(options.model);
  } catch (error) {
    if (isAppError(error)) throw new ExtractUsageError(error.message);
    throw error;
  }
  return options as ExtractOptions;
}

export async function runExtract(args: string[]): Promise<string> {
  const options = parseExtractArgs(args);
  let text: string;
  try {
    text = fs.readFileSync(options.card, "utf8");
  } catch (error) {
    throw new ExtractUsageError(`cannot read card file ${options.card}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  // An unusable model (package or key missing) is a runtime failure (exit 1), not bad usage.
  const extractor = await createExtractor({ spec: options.model });
  // The names the pipeline would know after seeding: free names resolve as they would there.
  const aliases = bundledAliasMap();
  const { edges } = await extractor.extract({ dataset: options.id, text, source: "card", aliases });
  const { kept } = verifyEdges(edges, text);
  return JSON.stringify(
    {
      dataset: options.id,
      edges: kept.map(({ upstream, relation, confidence, split, evidence }) => ({
        upstream,
        relation,
        confidence,
        split: split.toLowerCase(),
        // A free name no table resolves stays a corpus: key; the pipeline would search the Hub for it.
        resolved: parseKey(upstream)?.scheme !== "CORPUS" || aliasFor(upstream, aliases) !== null,
        evidence,
      })),
    },
    null,
    2,
  );
}

/** Run as a whole CLI: output or a one-line error, then the exit code (0, 1 on failure, 2 for bad usage). */
export async function extractMain(args: string[]): Promise<number> {
  try {
    console.log(await runExtract(args));
    return 0;
  } catch (error) {
    const e = error as Error & { exitCode?: number };
    console.error(`error: ${e.message}`);
    return e.exitCode ?? 1;
  }
}
