/**
 * How a free-text query matches dataset names, in the browser and (mirrored in SQL by
 * lib/server/lineage/search-match.ts) on the server. People type "hermes 2.5" for
 * "teknium/OpenHermes-2.5" and "ultra feedback" for "openbmb/UltraFeedback", so a match is
 * either every word of the query somewhere in the fields, or the query with its spaces taken
 * out inside a field with its spaces and punctuation taken out.
 *
 * Pure and dependency-free: the in-graph find box runs it on every keystroke over up to
 * 10,000 drawn nodes, so each call normalises every field once and builds no regex per item.
 */

export const MAX_QUERY_TOKENS = 8;

// Latin accents go ("é" → "e") so "cafe" finds "Café"; other scripts' marks (kana voicing,
// Indic vowel signs) are part of their letters and stay, as in lib/lineage-io/names.ts.
const LATIN_DIACRITICS = /[\u0300-\u036f]/g;
// A run of anything but letters, marks and digits is one word break, and so is a "." unless
// it sits between two digits: "2.5" is one word (a version) but "v1.json" is two.
const SEPARATORS = /(?:[^\p{L}\p{M}\p{N}.]|(?<![0-9])\.|\.(?![0-9]))+/gu;
// The same for ASCII text, which almost every dataset name is: several times faster.
const ASCII_SEPARATORS = /(?:[^a-z0-9.]|(?<![0-9])\.|\.(?![0-9]))+/g;
const ASCII = /^[\x00-\x7f]*$/;

/** Lower case, accents dropped, each run of punctuation and spaces one space, trimmed. */
export function normalizeForMatch(text: string): string {
  const lower = text.toLowerCase();
  if (ASCII.test(lower)) return lower.replace(ASCII_SEPARATORS, " ").trim();
  return lower.normalize("NFKD").replace(LATIN_DIACRITICS, "").normalize("NFC").replace(SEPARATORS, " ").trim();
}

/** The query's distinct words, at most MAX_QUERY_TOKENS of them (the rest add little but cost). */
export function queryTokens(query: string): string[] {
  const tokens: string[] = [];
  for (const token of normalizeForMatch(query).split(" ")) {
    if (token && !tokens.includes(token)) tokens.push(token);
    if (tokens.length === MAX_QUERY_TOKENS) break;
  }
  return tokens;
}

type PreparedQuery = { tokens: string[]; flat: string };
type PreparedField = { text: string; flat: string };

function prepareQuery(query: string): PreparedQuery | null {
  const tokens = queryTokens(query);
  if (!tokens.length) return null;
  return { tokens, flat: normalizeForMatch(query).replaceAll(" ", "") };
}

function prepareFields(fields: readonly string[]): PreparedField[] {
  return fields.map((field) => {
    const text = normalizeForMatch(field);
    return { text, flat: text.replaceAll(" ", "") };
  });
}

const atWordStart = (text: string, token: string) => text.startsWith(token) || text.includes(` ${token}`);

function score(query: PreparedQuery, fields: readonly PreparedField[]): number | null {
  let best: number | null = null;
  for (const field of fields) {
    if (field.flat === query.flat) return 0;
    if (best !== 1 && field.flat.includes(query.flat)) best = field.flat.startsWith(query.flat) ? 1 : 3;
  }
  if (best === 1) return 1;
  // Each word may be found in a different field (one in the key, another in an alias).
  let wordStarts = true;
  for (const token of query.tokens) {
    let found = false;
    let atStart = false;
    for (const field of fields) {
      if (!field.text.includes(token)) continue;
      found = true;
      if (atWordStart(field.text, token)) {
        atStart = true;
        break;
      }
    }
    if (!found) return best;
    wordStarts &&= atStart;
  }
  return wordStarts ? 2 : 3;
}

/**
 * How well `query` matches an item described by `fields` (key, name, aliases): null for no
 * match, else 0 the whole field (ignoring case, spaces and punctuation), 1 the start of a
 * field, 2 every word of the query at the start of a word, 3 anywhere. Lower is better.
 */
export function matchScore(query: string, fields: readonly string[]): number | null {
  const prepared = prepareQuery(query);
  return prepared && score(prepared, prepareFields(fields));
}

/** The best `limit` items for `query`, best score first; equal scores keep the items' order. */
export function rankMatches<T>(query: string, items: readonly T[], fields: (item: T) => readonly string[], limit: number): T[] {
  const prepared = prepareQuery(query);
  if (!prepared || limit <= 0) return [];
  const hits: { item: T; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    const s = score(prepared, prepareFields(fields(item)));
    if (s !== null) hits.push({ item, score: s, index });
  });
  // Array.prototype.sort is stable, but the index makes the tie-break explicit.
  hits.sort((a, b) => a.score - b.score || a.index - b.index);
  return hits.slice(0, limit).map((hit) => hit.item);
}
