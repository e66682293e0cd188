/**
 * How free-text dataset names are compared: "MATH-500", "math 500" and "Math_500" are one
 * name. Letters, marks and digits of any script survive, so non-Latin names never fold to
 * nothing (Latin accents are dropped; kana voicing marks are kept); "/" and ":" survive so
 * Hub ids and scheme prefixes stay distinct from plain words ("openai/gsm8k" ≠ "openaigsm8k").
 */
export function aliasNorm(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC")
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^\p{L}\p{M}\p{N}/:]+/gu, "");
}
