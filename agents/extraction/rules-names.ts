/**
 * Known-name matching for rules mode: finds the names of an alias table in free text however
 * they are spelled ("OpenHermes 2.5", "openhermes_2.5", "ultra_chat" for "ultrachat") and, when
 * only one known dataset fits, the short form a card uses for a longer Hub name
 * ("Orca-Math" for "orca-math-word-problems-200k"). Only whole written names match: a name
 * inside a longer identifier ("OpenHermes-2.5-Mistral") or beside a "/" (part of an id or a
 * path) is not a mention.
 */

/** The comparison form of a written name: case, spaces, "-", "_" and "." do not matter. */
export const spell = (name: string) => name.toLowerCase().replace(/[-_.\s]+/g, "");

// One key per spelling, or null when two datasets share it (then the name proves nothing).
type Table = Map<string, string | null>;
export type NameIndex = { exact: Table; stem: Table };

// A short form must still be specific: "open", "code" or "math" prefix far too many names.
const MIN_STEM = 5;

// Where papers, code and datasets are hosted: a card names them to say where something lives
// ("arXiv:2401.00001", "see our GitHub"), never as a dataset, even when some Hub dataset is
// called after them ("arxiv-papers").
export const PLATFORMS: ReadonlySet<string> = new Set(["arxiv", "github", "gitlab", "huggingface", "hf", "kaggle", "zenodo", "figshare", "paperswithcode", "openreview", "semanticscholar", "googlescholar", "doi", "modelscope"]);

const put = (table: Table, spelling: string, key: string) => {
  const prev = table.get(spelling);
  table.set(spelling, prev === undefined || prev?.toLowerCase() === key.toLowerCase() ? key : null);
};

function firstAtLeast(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const cache = new WeakMap<Map<string, string>, NameIndex>();

export function nameIndex(aliases: Map<string, string>): NameIndex {
  const cached = cache.get(aliases);
  if (cached) return cached;
  const exact: Table = new Map();
  const stem: Table = new Map();
  for (const [name, key] of aliases) {
    if (name.length < 3 || PLATFORMS.has(spell(name))) continue;
    put(exact, spell(name), key);
  }
  for (const [name, key] of aliases) {
    if (name.length < 3) continue;
    const parts = name.split(/[-_.\s]+/).filter(Boolean);
    for (let k = 1; k < parts.length; k++) {
      const prefix = parts.slice(0, k).join("");
      if (prefix.length >= MIN_STEM && !PLATFORMS.has(prefix.toLowerCase())) put(stem, prefix.toLowerCase(), key);
    }
  }
  // A prefix that is itself some dataset's full name means that dataset, never a longer one;
  // one that other names also start with ("sharegpt" of "sharegpt52k") is no short form, and
  // neither is one that stands inside another name as whole words: "Evol-Instruct" is the
  // start of one name but also the middle of "WizardLM_evol_instruct_70k", so it proves nothing.
  for (const s of exact.keys()) stem.delete(s);
  for (const [name, key] of aliases) {
    if (name.length < 3) continue;
    const parts = name.split(/[-_.\s]+/).filter(Boolean);
    for (let i = 1; i < parts.length; i++)
      for (let j = i + 1; j <= parts.length; j++) {
        const inner = parts.slice(i, j).join("").toLowerCase();
        const claimed = stem.get(inner);
        if (claimed && claimed.toLowerCase() !== key.toLowerCase()) stem.set(inner, null);
      }
  }
  const spellings = [...exact.keys()].sort();
  for (const [s, key] of stem) {
    if (!key) continue;
    for (let i = firstAtLeast(spellings, s); i < spellings.length && spellings[i]!.startsWith(s); i++) {
      const other = exact.get(spellings[i]!);
      if (other?.toLowerCase() !== key.toLowerCase()) {
        stem.set(s, null);
        break;
      }
    }
  }
  const index = { exact, stem };
  cache.set(aliases, index);
  return index;
}

export type NameHit = { key: string; raw: string; start: number; end: number; via: "exact" | "stem" };

type Token = { text: string; start: number; end: number };

const TIGHT = /^[-_.]$/;
// Tokens of one written name are joined by one separator or a little whitespace (a line break
// inside a name is common in text extracted from PDFs).
const JOINABLE = /^(?:[-_.]|[ \t]{1,2}|[ \t]*\r?\n[ \t]*|-\r?\n)$/;
const MAX_TOKENS = 7;

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) out.push({ text: m[0], start: m.index!, end: m.index! + m[0].length });
  return out;
}

// Dataset names that are also ordinary English words: written in lower case they are the word.
const COMMON_WORDS = new Set(["math", "code", "arc", "race", "drop", "squad", "record", "pile", "stack", "news", "wiki", "books", "chat", "web", "story", "quail", "science", "physics", "medical", "law", "logic", "puzzle", "poetry"]);

// Of those, the ones a title capitalises as a word ("Acme Math Mix", "Code Assistant"): only the
// acronym in capitals names the dataset (MATH). "The Pile" and "The Stack" are names as titled.
const TITLED_WORDS = new Set(["math", "code", "chat", "web", "news", "science", "physics", "medical", "law", "logic", "books"]);

/**
 * A name in plain lower-case words ("source code", "instruction dataset") is prose, not a
 * title; so is a lower-case ordinary word that is also a dataset's name ("MATH" the benchmark
 * vs "a mix of math problems", "ARC" vs "an arc"), and a capitalised one of TITLED_WORDS
 * ("Acme Math Mix"). Coined names stay names in lower case ("flan").
 */
function looksLikeProse(span: Token[], raw: string): boolean {
  if (span.length === 1) return COMMON_WORDS.has(span[0]!.text) || (TITLED_WORDS.has(span[0]!.text.toLowerCase()) && /^\p{Lu}\p{Ll}+$/u.test(span[0]!.text));
  return /\s/.test(raw) && span.every((t) => /^[a-z]+$/.test(t.text));
}
/**
 * A short form stands for a longer name only when it is written like a name: a coined word
 * ("NuminaMath", "GPTeacher", "OpenR1") or capitalised parts joined like an id ("Orca-Math").
 * Ordinary words ("Table", "dataset", "reasoning") are prefixes of too many names.
 */
function writtenAsName(span: Token[], raw: string): boolean {
  if (span.length === 1) return /\p{Ll}\p{Lu}|\p{Lu}{2}|\d/u.test(span[0]!.text);
  return /[-_]/.test(raw) && span.some((t) => /\p{Lu}|\d/u.test(t.text));
}

// A paper's footnote marker sticks to the word before it ("Code Alpaca3", "Wikipedia5").
const FOOTNOTE = /^(.*\p{L})(\d{1,2})$/u;

type Found = { key: string; via: "exact" | "stem"; end: number } | "ambiguous" | null;

function lookup(index: NameIndex, span: Token[], raw: string): Found {
  if (looksLikeProse(span, raw)) return null;
  const words = span.map((t) => t.text.toLowerCase());
  const whole = words.join("");
  const exact = index.exact.get(whole);
  if (exact) return { key: exact, via: "exact", end: span.at(-1)!.end };
  if (exact === null) return "ambiguous";
  const last = FOOTNOTE.exec(span.at(-1)!.text);
  const trimmed = last ? words.slice(0, -1).join("") + last[1]!.toLowerCase() : null;
  const marker = last ? last[2]!.length : 0;
  if (trimmed) {
    const key = index.exact.get(trimmed);
    if (key) return { key, via: "exact", end: span.at(-1)!.end - marker };
    // "Code Alpaca3" is the shared name "Code Alpaca" with a footnote, not "Alpaca" after "Code".
    if (span.length > 1 && (key === null || index.stem.get(trimmed) === null)) return "ambiguous";
  }
  const stem = index.stem.get(whole);
  if (stem === null && span.length > 1) return "ambiguous";
  if (!writtenAsName(span, raw)) return null;
  if (stem) return { key: stem, via: "stem", end: span.at(-1)!.end };
  // A footnote marker is only read off a name of several words; "OpenThoughts2" is a name.
  if (trimmed && span.length > 1) {
    const key = index.stem.get(trimmed);
    if (key) return { key, via: "stem", end: span.at(-1)!.end - marker };
  }
  return null;
}

/**
 * Every known name written in `text`, leftmost-longest, as verbatim slices. `text` should have
 * its URLs blanked out (same length) so that names inside links are not read as mentions.
 */
export function findNames(text: string, index: NameIndex): NameHit[] {
  const toks = tokens(text);
  const gap = (i: number) => text.slice(toks[i]!.end, toks[i + 1]!.start);
  const hits: NameHit[] = [];
  let i = 0;
  while (i < toks.length) {
    // A name starts at a word boundary: not after "-", "_", "." or "/" glued to the previous word.
    const before = i > 0 ? gap(i - 1) : " ";
    const startOk = !TIGHT.test(before) && !before.endsWith("/") && !/[\w'’]$/.test(text.slice(0, toks[i]!.start).slice(-1));
    let matched: NameHit | null = null;
    let skipTo = -1;
    if (startOk) {
      let j = i;
      while (j + 1 < toks.length && j - i + 1 < MAX_TOKENS && JOINABLE.test(gap(j))) j++;
      for (; j >= i && !matched && skipTo < 0; j--) {
        const after = j + 1 < toks.length ? gap(j) : " ";
        // …and ends at one: "OpenHermes-2.5" is not written in "OpenHermes-2.5-Mistral".
        if (TIGHT.test(after) || after.startsWith("/")) continue;
        const span = toks.slice(i, j + 1);
        const raw = text.slice(span[0]!.start, span.at(-1)!.end);
        const found = lookup(index, span, raw);
        // A name several datasets share is still one name: its last word ("Alpaca" in
        // "Code Alpaca") is not a mention of the dataset that word alone names.
        if (found === "ambiguous") skipTo = span.at(-1)!.end;
        else if (found) matched = { key: found.key, raw: text.slice(span[0]!.start, found.end), start: span[0]!.start, end: found.end, via: found.via };
      }
    }
    const end = matched ? matched.end : skipTo;
    if (matched) hits.push(matched);
    if (end >= 0) while (i < toks.length && toks[i]!.start < end) i++;
    else i++;
  }
  return hits;
}

/**
 * The known dataset a configuration or data directory of a collection is named after:
 * "openhermes_clean", "QwQ-LongCoT-130K-math", "translated_piqa". The identifier as a whole,
 * else its longest run of parts that is a known name.
 */
export function nameInIdentifier(identifier: string, index: NameIndex): { key: string; via: "exact" | "stem" } | null {
  const parts = identifier.split(/[-_.]+/).filter(Boolean);
  for (let len = parts.length; len >= 1; len--)
    for (let i = 0; i + len <= parts.length; i++) {
      const whole = parts.slice(i, i + len).join("").toLowerCase();
      if (whole.length < 4) continue;
      const exact = index.exact.get(whole);
      if (exact) return { key: exact, via: "exact" };
      // A run two datasets share names neither, and the words inside it are part of that
      // name: "code_alpaca_20k" is not "alpaca".
      if (exact === null) return null;
      // A short form only where the identifier ends, so "math" in "QwQ-…-math" is not the start of a name.
      const stem = i + len === parts.length ? index.stem.get(whole) : undefined;
      if (stem) return { key: stem, via: "stem" };
    }
  return null;
}
