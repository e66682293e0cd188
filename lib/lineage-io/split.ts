import type { Split } from "@/lib/lineage/types";

/**
 * Which split of the upstream an evidence quote says was used. Conservative on purpose:
 * a split is returned only when the quote names exactly one kind of split in a way that
 * reads as "the upstream's split"; anything unclear is UNKNOWN (which later checks treat
 * as "possibly any split"), because a wrong TRAIN would hide a benchmark leak.
 */
export function splitFromEvidence(quote: string | null | undefined): Split {
  if (!quote) return "UNKNOWN";
  // "split into train and test splits", "train/dev sets": several splits at once.
  if (/\b(?:train|training)\s*(?:and|&|\/|,)\s*(?:test|validation|dev|eval)\b/i.test(quote)) return "UNKNOWN";
  const found = new Set<Split>();
  for (const [split, pattern] of SPLIT_PHRASES) {
    for (const match of quote.matchAll(pattern)) {
      const before = quote.slice(Math.max(0, match.index - 12), match.index);
      const after = quote.slice(match.index + match[0].length, match.index + match[0].length + 40);
      // "our training data", "post-training data": the downstream's own split.
      if (/(?:\bour|\btheir|\bits|post-?|pre-?)\s*$/i.test(before)) continue;
      // "the train set made from X", "the test set from X": the downstream's split, built from the upstream.
      if (/^\s+(?:(?:is|was|are|were)\s+)?(?:(?:made|built|constructed|derived|created|compiled|drawn|sourced|collected|taken)\s+)?from\b/i.test(after)) continue;
      if (/^\s+(?:consists?|consisting|comprises?)\b/i.test(after)) continue;
      // Test sets are mostly named to say they were kept out (decontamination).
      if (split === "TEST" && DECONTAMINATION.test(quote)) continue;
      found.add(split);
    }
  }
  return found.size === 1 ? [...found][0]! : "UNKNOWN";
}

const SPLIT_PHRASES: [Split, RegExp][] = [
  // `data\b` keeps "training dataset(s)" (the downstream describing itself) out.
  ["TRAIN", /\b(?:train|training)[ -](?:sets?|splits?|data|queries|problems|portion|subset)\b/gi],
  ["TEST", /\btest[ -](?:sets?|splits?)\b/gi],
  ["VALIDATION", /\b(?:validation|dev|development)[ -](?:sets?|splits?)\b/gi],
];

const DECONTAMINATION = /contaminat|overlap|exclud|remov|filter(?:ed)?\s+out|dedup|kept private|held[- ]out|\bnot\s+(?:use|include)/i;
