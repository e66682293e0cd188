import { AppError } from "@/lib/errors";
import { keyFromPathSegments, normalizeKey, parseKey } from "@/lib/keys";

/**
 * The node key named by a catch-all route's segments (`/datasets/openai/gsm8k`,
 * `/api/lineage/corpus:x`). Next decodes each segment before handing it over, so the
 * segments are taken as they are first; still-encoded segments (other callers) are decoded
 * through keyFromPathSegments. Keys are case-insensitive, so `Corpus:x` passes too (the
 * store resolves it); the casing is passed on as given.
 */
export function keyFromRoute(segments: readonly string[] | undefined): string {
  const list = segments ?? [];
  const joined = list.join("/");
  if (list.length && (parseKey(joined) || parseKey(normalizeKey(joined)))) return joined;
  const decoded = keyFromPathSegments(list) ?? caseInsensitive(list);
  if (decoded) return decoded;
  const shown = joined.length > 120 ? `${joined.slice(0, 120)}…` : joined;
  throw new AppError(
    "bad_request:key",
    `"${shown}" is not a dataset key. Use owner/name for Hub datasets, or github:, arxiv:, web:, corpus: keys.`,
  );
}

function caseInsensitive(segments: readonly string[]): string | null {
  if (!keyFromPathSegments(segments.map(normalizeKey))) return null;
  try {
    return segments.map((s) => decodeURIComponent(s)).join("/");
  } catch {
    return null;
  }
}

export const KEY_ROUTE_SUFFIXES = ["contamination", "analysis", "redundancy", "similar", "licences"] as const;
export type KeyRouteSuffix = (typeof KEY_ROUTE_SUFFIXES)[number];

/**
 * `{key}/contamination` (or another of KEY_ROUTE_SUFFIXES) in a catch-all route: the key
 * before the suffix, or null when the path is not that (a whole path that is itself a valid
 * key is a key, never the suffix form).
 */
export function keySuffixFromRoute(segments: readonly string[] | undefined): { key: string; suffix: KeyRouteSuffix } | null {
  const list = segments ?? [];
  const suffix = list.at(-1) as KeyRouteSuffix | undefined;
  if (list.length < 2 || !suffix || !KEY_ROUTE_SUFFIXES.includes(suffix)) return null;
  const joined = list.join("/");
  if (parseKey(joined) || parseKey(normalizeKey(joined))) return null;
  return { key: keyFromRoute(list.slice(0, -1)), suffix };
}

export function contaminationKeyFromRoute(segments: readonly string[] | undefined): string | null {
  const found = keySuffixFromRoute(segments);
  return found?.suffix === "contamination" ? found.key : null;
}
