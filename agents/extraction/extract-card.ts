/**
 * One text's upstreams as the pipeline would store them: extraction, quote verification, and
 * the tracing agent's name resolution (alias table, then the Hub when one is given). `extract`
 * and the evaluation both go through here, so what they print is what a run would write.
 */
import type { HubPort } from "@/agents/pipeline/types";
import { OFFLINE_HUB } from "@/agents/tracing/offline-hub";
import { traceCandidates, type TraceResult } from "@/agents/tracing/trace";
import type { Extractor } from "./extractor";
import { mergeCandidates } from "./merge";
import type { ExtractionSource } from "./rules";
import { verifyEdges } from "./verify";

export type CardUpstreams = TraceResult & { dataset: string; unverified: number };

export async function extractUpstreams(input: {
  dataset: string;
  text: string;
  source: ExtractionSource;
  url: string;
  extractor: Extractor;
  aliases: Map<string, string>;
  /** Without one, nothing is looked up: Hub ids stay as written, free names resolve by alias only. */
  hub?: HubPort;
}): Promise<CardUpstreams> {
  const hub = input.hub ?? OFFLINE_HUB;
  const { edges } = await input.extractor.extract({ dataset: input.dataset, text: input.text, source: input.source, aliases: input.aliases });
  const { kept, dropped } = verifyEdges(edges, input.text);
  // The target's own facts: its canonical id, and its date (an upstream newer than it is refused).
  const target = input.hub ? await hub.datasetInfo(input.dataset).catch(() => null) : null;
  const traced = await traceCandidates({
    target: { key: target?.facts.id ?? input.dataset, createdAt: target?.facts.createdAt ?? null },
    candidates: mergeCandidates(kept.map((e) => ({ ...e, url: input.url }))),
    aliases: input.aliases,
    hub,
  });
  return { dataset: target?.facts.id ?? input.dataset, unverified: dropped.length, ...traced };
}
