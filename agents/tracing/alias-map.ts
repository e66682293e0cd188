/**
 * The names extraction recognises: every Hub dataset's name part when it is specific (one
 * owner uses it, long enough, not a field word such as "math"), then the alias table on top
 * (reviewed names win). Keys are lower-case names, values dataset keys.
 */
import { parseKey } from "@/lib/keys";
import { namePart } from "./names";

// Name parts that name a field or a site rather than one dataset are never aliases: a card that
// says "problems from Codeforces and LeetCode" means the websites, not a Hub scrape of them.
const GENERIC_NAMES = new Set([
  ...["math", "code", "science", "physics", "chemistry", "biology", "medicine", "reasoning", "chat", "dialog", "data", "dataset", "train", "test", "instruct", "sft", "dpo"],
  ...["leetcode", "codeforces", "codechef", "atcoder", "hackerrank", "kattis", "codewars", "olympiads"],
]);

const spelledName = (name: string) => name.toLowerCase().replace(/[-_.\s]+/g, "");

export function buildAliasMap(hubKeys: readonly string[], aliases: readonly { alias: string; key: string }[] = []): Map<string, string> {
  const byName = new Map<string, string[]>();
  for (const key of hubKeys) {
    const name = namePart(key).toLowerCase();
    if (name.length < 4 || GENERIC_NAMES.has(name)) continue;
    byName.set(name, [...(byName.get(name) ?? []), key]);
  }
  // Reviewed names win, also over a Hub name part spelled the same way once case, spaces and
  // punctuation are ignored ("flan v2" reviewed as one dataset, "flan_v2" another's name part),
  // which would otherwise leave that spelling ambiguous in text.
  const reviewed = new Set(aliases.map((a) => spelledName(a.alias)));
  const map = new Map<string, string>();
  for (const [name, keys] of byName) if (new Set(keys.map((k) => k.toLowerCase())).size === 1 && !reviewed.has(spelledName(name))) map.set(name, keys[0]!);
  for (const a of aliases) map.set(a.alias.trim().toLowerCase(), a.key);
  return map;
}

/** The key a free-name (`corpus:`) key stands for in the alias table, if any. */
export function aliasFor(key: string, aliases: ReadonlyMap<string, string>): string | null {
  const parsed = parseKey(key);
  if (parsed?.scheme !== "CORPUS") return null;
  return aliases.get(parsed.slug.replace(/-/g, " ")) ?? aliases.get(parsed.slug) ?? null;
}
