/**
 * How a free name ("MetaMathQA", "the MATH dataset") is matched to a Hub id. Deliberately
 * strict: two names match only when they are the same words once case and punctuation are
 * ignored, so versions (MATH-500 vs MATH), years (AIME 2024 vs 2025) and sizes (10k vs 100k)
 * never merge; a name with two equally plausible owners stays unresolved.
 */
import { PLATFORMS } from "@/agents/extraction/rules-names";
import { aliasNorm } from "@/lib/lineage-io/names";

const FILLER = /(?:^the|dataset|datasets|data|corpus|benchmark)$/;

function core(name: string): string {
  let n = aliasNorm(name.replace(/^the\s+/i, ""));
  // "GSM8K dataset" and "GSM8K" are one name; "GSM8K-data" too. Only trailing filler words.
  for (let i = 0; i < 2 && FILLER.test(n) && n.replace(FILLER, "").length >= 3; i++) n = n.replace(FILLER, "");
  return n;
}

/** The owner-less name a Hub id is known by. */
export function namePart(hubId: string): string {
  return hubId.slice(hubId.indexOf("/") + 1);
}

export function sameName(free: string, hubId: string): boolean {
  const a = core(free);
  // "arXiv" or "GitHub" in a text is where something lives, never a dataset, whatever the Hub holds under that name.
  return a.length >= 2 && !PLATFORMS.has(a) && a === core(namePart(hubId));
}

/** Owners with more than this many times the next one's downloads win an otherwise tied name. */
export const DOMINANCE = 10;

export type HubHit = { id: string; downloads: number };

export type NameMatch = { id: string } | { id: null; reason: "no_match" | "ambiguous"; candidates: string[] };

export function pickHubMatch(free: string, hits: readonly HubHit[]): NameMatch {
  const matching = hits.filter((h) => sameName(free, h.id)).sort((a, b) => b.downloads - a.downloads);
  if (matching.length === 0) return { id: null, reason: "no_match", candidates: [] };
  if (matching.length === 1) return { id: matching[0]!.id };
  const [first, second] = matching as [HubHit, HubHit];
  // A dominant canonical copy (the original uploader) beats re-uploads; near ties are left to people.
  if (first.downloads > 0 && first.downloads >= DOMINANCE * Math.max(1, second.downloads)) return { id: first.id };
  return { id: null, reason: "ambiguous", candidates: matching.map((h) => h.id) };
}

/** An upstream created after its dataset cannot be one of its sources. */
export function isNewer(upstreamCreated: string | null, downstreamCreated: string | null): boolean {
  if (!upstreamCreated || !downstreamCreated) return false;
  const up = Date.parse(upstreamCreated);
  const down = Date.parse(downstreamCreated);
  return Number.isFinite(up) && Number.isFinite(down) && up > down;
}
