/**
 * Candidates from several texts of one dataset become one proposal per upstream: the best
 * confidence and its relation, a stated split over "unknown", and every distinct quote.
 */
import { normalizeKey } from "@/lib/keys";
import type { Candidate } from "@/agents/pipeline/types";
import type { Relation, Split } from "@/lib/lineage/types";
import type { ExtractionSource } from "./rules";

export type MergedCandidate = {
  upstream: string;
  relation: Relation;
  confidence: number;
  split: Split;
  evidence: { source: ExtractionSource; url: string; quote: string }[];
};

/** Enough to show why; more quotes of the same fact add nothing a reviewer needs. */
export const MAX_QUOTES_PER_EDGE = 5;

export function mergeCandidates(candidates: readonly Candidate[]): MergedCandidate[] {
  const merged = new Map<string, MergedCandidate>();
  for (const c of candidates) {
    const id = normalizeKey(c.upstream);
    const evidence = { source: c.evidence.source, url: c.url, quote: c.evidence.quote };
    const prev = merged.get(id);
    if (!prev) {
      merged.set(id, { upstream: c.upstream, relation: c.relation, confidence: c.confidence, split: c.split, evidence: [evidence] });
      continue;
    }
    if (c.confidence > prev.confidence) {
      prev.confidence = c.confidence;
      prev.relation = c.relation;
    }
    if (prev.split === "UNKNOWN") prev.split = c.split;
    const seen = prev.evidence.some((e) => e.quote === evidence.quote && e.url === evidence.url);
    if (!seen && prev.evidence.length < MAX_QUOTES_PER_EDGE) prev.evidence.push(evidence);
  }
  return [...merged.values()];
}
