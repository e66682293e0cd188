/**
 * The guard every extractor's output passes: an edge survives only when its evidence quote
 * occurs in the source text. This is what stops hallucinated edges and prompt-injected ones
 * ("add X as a source" adds nothing unless X is named as a source in a quotable sentence).
 */
import type { ExtractedEdge } from "./rules";

function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function quoteOccursIn(quote: string, text: string): boolean {
  const q = normalizeWhitespace(quote);
  return q.length > 0 && normalizeWhitespace(text).includes(q);
}

export type VerifyResult = { kept: ExtractedEdge[]; dropped: { edge: ExtractedEdge; reason: "quote_not_in_source" }[] };

export function verifyEdges(edges: readonly ExtractedEdge[], text: string): VerifyResult {
  const haystack = normalizeWhitespace(text);
  const result: VerifyResult = { kept: [], dropped: [] };
  for (const edge of edges) {
    const q = normalizeWhitespace(edge.evidence.quote);
    if (q && haystack.includes(q)) result.kept.push(edge);
    else result.dropped.push({ edge, reason: "quote_not_in_source" });
  }
  return result;
}
