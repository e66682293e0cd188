/**
 * `lineage extract --id owner/name --card FILE [--model rules|provider:model] [--store] [--hub]`:
 * extraction on one local text, then the tracing agent's own name resolution, so the upstreams
 * printed are the ones the pipeline would store from that text. By default it uses the names
 * bundled with the seed and touches neither a database nor the network (rules mode, the
 * default whatever LINEAGE_MODEL says); --store adds the store's names and --hub asks the Hub
 * (HF_ENDPOINT, HF_TOKEN): free names by its search, Hub ids checked to exist.
 */
import fs from "node:fs";
import { createExtractor, parseModelSpec } from "@/agents/model";
import { isAppError } from "@/lib/errors";
import { parseKey } from "@/lib/keys";
import type { HubPort } from "@/agents/pipeline/types";
import { bundledAliasMap } from "@/agents/tracing/bundled-names";
import { extractUpstreams } from "./extract-card";

export const EXTRACT_USAGE = "npm run lineage -- extract --id owner/name --card FILE [--model rules|provider:model] [--store] [--hub]";

/** What the CLI can lend extract beyond the bundled names: a store's names, the Hub. */
export type ExtractPorts = { storeAliases?: () => Promise<Map<string, string>>; hub?: () => HubPort };

export class ExtractUsageError extends Error {
  readonly exitCode = 2;
}

type ExtractOptions = { id: string; card: string; model: string; store: boolean; hub: boolean };

export function parseExtractArgs(args: string[]): ExtractOptions {
  const options: Partial<ExtractOptions> = { model: "rules", store: false, hub: false };
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
    else if (arg === "--store") options.store = true;
    else if (arg === "--hub") options.hub = true;
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

export async function runExtract(args: string[], ports: ExtractPorts = {}): Promise<string> {
  const options = parseExtractArgs(args);
  let text: string;
  try {
    text = fs.readFileSync(options.card, "utf8");
  } catch (error) {
    throw new ExtractUsageError(`cannot read card file ${options.card}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (options.store && !ports.storeAliases) throw new ExtractUsageError("--store needs a store to read (run it through npm run lineage).");
  // An unusable model (package or key missing) is a runtime failure (exit 1), not bad usage.
  const extractor = await createExtractor({ spec: options.model });
  // The names the pipeline would know after seeding, plus the store's when asked for.
  const aliases = options.store ? bundledAliasMap({ map: await ports.storeAliases!() }) : bundledAliasMap();
  const traced = await extractUpstreams({
    dataset: options.id,
    text,
    source: "card",
    url: `file:${options.card}`,
    extractor,
    aliases,
    hub: options.hub && ports.hub ? ports.hub() : undefined,
  });
  return JSON.stringify(
    {
      dataset: traced.dataset,
      edges: traced.edges.map(({ upstream, relation, confidence, split, evidence, via }) => ({
        upstream,
        relation,
        confidence,
        split: split.toLowerCase(),
        // A free name nothing resolves stays a corpus: key (an external source in the store).
        resolved: via !== "external" || parseKey(upstream)?.scheme !== "CORPUS",
        via,
        evidence: { source: evidence[0]!.source, quote: evidence[0]!.quote },
      })),
      // Names that are not upstreams after all: Hub ids the Hub does not have (--hub), newer
      // datasets, ambiguous names. The pipeline keeps the first kind as unresolved mentions.
      unresolved: traced.dropped.map((d) => ({ mention: d.candidate, reason: d.reason, ...(d.mention ? { quote: d.mention.quote } : {}) })),
    },
    null,
    2,
  );
}

/** Run as a whole CLI: output or a one-line error, then the exit code (0, 1 on failure, 2 for bad usage). */
export async function extractMain(args: string[], ports: ExtractPorts = {}): Promise<number> {
  try {
    console.log(await runExtract(args, ports));
    return 0;
  } catch (error) {
    const e = error as Error & { exitCode?: number };
    console.error(`error: ${e.message}`);
    return e.exitCode ?? 1;
  }
}
