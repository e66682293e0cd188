/**
 * Rules mode: deterministic extraction of upstream datasets from one source text (a card, a
 * paper abstract, a README) with explicit cue patterns. No model, no network, no state.
 * It is the baseline the LLM mode must beat; every quote it returns is a verbatim slice of
 * the input, so verifyEdges keeps all of them.
 */
import { corpusSlug, hubKey, normalizeKey } from "@/lib/keys";
import type { Relation, Split } from "@/lib/lineage/types";
import { freeNameOfEntry, freeNamesAfterCues, type FreeName } from "./rules-free-names";
import { findNames, nameIndex, nameInIdentifier, spell, type NameIndex } from "./rules-names";
import { isModelId } from "./rules-models";
import { blockedBy, INSTRUCTION_TEXT } from "./rules-scope";
import { configIdentifiers, segments, type Segment } from "./rules-segments";

export { INSTRUCTION_TEXT } from "./rules-scope";
export { isModelId } from "./rules-models";

export type ExtractionSource = "card" | "paper" | "github" | "blog";

export type ExtractedEdge = {
  upstream: string;
  relation: Relation;
  confidence: number;
  split: Split;
  evidence: { source: ExtractionSource; quote: string };
};

/** A name that is not an upstream, and why. Decontamination and removal statements keep the
 * resolved key and the sentence: they are evidence that the dataset was cleaned of it. */
export type DroppedCandidate = { candidate: string; reason: string; key?: string; quote?: string };

export type ExtractInput = {
  dataset: string;
  text: string;
  source: ExtractionSource;
  /** Known names (normalized: lowercase, trimmed) → dataset key, e.g. from the alias table. */
  aliases?: Map<string, string>;
};

export type ExtractResult = { edges: ExtractedEdge[]; dropped: DroppedCandidate[] };

/**
 * How strongly the text says a named dataset is an upstream, strongest first: a metadata field
 * that exists to say it; an explicit Hub link; an entry of a list or table the text labels as
 * its sources; a list item or table row that is about the named dataset (the name opens it); a
 * sentence with a sourcing or transformation cue; a bare mention. A short form of a known name
 * ("Orca-Math") stands one step below the full name, and a link only lifts a mention where the
 * text is not a table of scores (an ablation or results table links the datasets it compared).
 */
export const CONFIDENCE = { metadata: 0.95, link: 0.9, list: 0.85, item: 0.8, strong: 0.75, weak: 0.6, shortForm: 0.05, freeName: 0.1 } as const;

const NEGATIVE_HEADING = /\b(evaluation|benchmark\w*|results?|citation|cite|bibtex|decontamination|limitations|acknowledge?ments?|license|related work)\b/i;

const TEACHER = String.raw`\[?[\w./-]*(gpt|r1|qwen|llama|claude|deepseek|gemini|qwq|o1|o3)`;
const RELATION_CUES: [Relation, RegExp][] = [
  [
    /* CoT */ "COT_DISTILLATION",
    new RegExp(String.raw`\b(distill\w*|reasoning traces?|chain[- ]of[- ]thought|CoT|generated (by|with|using) ${TEACHER}|(responses|answers|solutions|completions) (\w+ ){0,2}generated (by|with|using)|${TEACHER}[\w.-]*[- ](re-?)?generated (responses|answers|solutions|completions|outputs)|re-?generated (by|with|using) ${TEACHER}|(with|by|using|from) ${TEACHER}[\w.-]* (completions|responses|answers|outputs|explanations|generations|solutions))\b`, "i"),
  ],
  ["SEMANTIC_EVOLUTION", /\b(rewrit\w*|rewrote|evolved?|evolving|evol-instruct|rephras\w*|paraphras\w*|augment\w*|adapted from|(?<!back-?)translat(ed|ing|ions?) (of|from)|extended to)\b/i],
  ["SYNTHETIC_GENERATION", /\b(synthesi[sz]\w*|synthetic\w*|generated from|seeds?|seeded|back-?translat\w*|in-context examples)\b/i],
];
const STRONG_CUE = /\b(from|built|derived|based on|subset|filtered|sampled|taken|includes?|including|sourced|collected|consists|composed|seed|uses?|using|drawn|extracted|combin\w*|merged?|(cleaned|filtered|deduplicated|curated|reformatted|processed|corrected|fixed) (up )?version|(version|copy|mirror|re-?upload|reformatting|port) of|cleaned)\b/i;

const ITEM_LABEL = /^\s*(?:[-*+•]|\d+[.)])\s+\*\*[^*\n]+\*\*\s*:?/;
// A list item or table row up to its first word: a name standing there is what the entry is about.
const ITEM_OR_ROW = /^\s*(?:[-*+•]|\d+[.)]|\|)\s*$/;
// A table row with a cell that is only a number or a score ("| 25.1 |", "| 93% |").
const SCORE_ROW = /^\|.*\|\s*[\d.,]+\s*%?\s*\|/;

const SPLIT_CUES: [Split, RegExp][] = [
  ["TRAIN", /\btrain(ing)?[ -](sets?|splits?|portions?|subsets?)\b/i],
  ["TEST", /\btest[ -](sets?|splits?|portions?)\b/i],
  ["VALIDATION", /\b(validation|dev)[ -](sets?|splits?|portions?)\b/i],
];

// Hub dataset links, with or without a scheme, on huggingface.co or hf.co. A paper's footnote
// number may stick to the front ("3hf.co/datasets/…") and a PDF line break may split the name
// after a hyphen. A one-part path is a legacy id ("datasets/squad"), resolved by name.
const HUB_LINK = /(?<![A-Za-z.])(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)\/datasets\/([A-Za-z0-9][\w.-]*(?:\/[A-Za-z0-9](?:[\w.]|-(?:\r?\n(?=[A-Za-z0-9]))?)*)?)/g;
const ANY_URL = /(?:https?:\/\/|(?<![A-Za-z.])(?:www\.|huggingface\.co\/|hf\.co\/))[^\s)\]>"'`]+/g;
const IS_HUB_LINK = new RegExp(HUB_LINK.source);
const MARKDOWN_LINK = /\[([^\]\n]*)\]\(([^)\s]+)\)/g;
const OWNER_NAME = /(?<![\w.@/-])([A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*[A-Za-z0-9])(?![\w/-])/g;

type Candidate = { key: string; confidence: number; raw: string; at: number; via: "link" | "id" | "exact" | "stem" | "free" };

/** A bare "owner/name" in prose is often a pair of words ("crawl/dump", "June/July"). */
function looksLikeId(owner: string, name: string, quoted: boolean): boolean {
  if (quoted) return true;
  if (owner.length < 2 || name.length < 3) return false;
  return [owner, name].some((part) => /[-_.\d]/.test(part) || /[a-z][A-Z]/.test(part));
}

/** source_datasets / datasets entries and configuration names of the YAML front matter, each with its verbatim line. */
function frontMatter(text: string): { body: string; entries: { value: string; quote: string }[]; configs: { identifier: string; quote: string }[] } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return { body: text, entries: [], configs: [] };
  const entries: { value: string; quote: string }[] = [];
  const configs: { identifier: string; quote: string }[] = [];
  let inList = false;
  for (const line of m[1]!.split(/\r?\n/)) {
    for (const identifier of configIdentifiers(line)) configs.push({ identifier, quote: line.trim() });
    const key = /^([\w-]+):\s*(.*)$/.exec(line);
    if (key) {
      inList = key[1] === "source_datasets" || key[1] === "datasets";
      const inline = key[2]!.trim();
      if (inList && inline && inline !== "[]") {
        for (const v of inline.replace(/^\[|\]$/g, "").split(",")) entries.push({ value: v.trim().replace(/^['"]|['"]$/g, ""), quote: line.trim() });
        inList = false;
      }
      continue;
    }
    const item = /^\s*-\s+(.+)$/.exec(line);
    if (inList && item) entries.push({ value: item[1]!.trim().replace(/^['"]|['"]$/g, ""), quote: line.trim() });
    else if (!/^\s/.test(line)) inList = false;
  }
  return { body: text.slice(m[0].length), entries, configs };
}

/**
 * The dataset a source_datasets entry names, by the Hub's convention: "extended|X" is X
 * extended, "original" (or a bare "extended") means the data has no upstream.
 */
export function sourceDatasetName(value: string): string | null {
  const name = value.replace(/^extended\s*\|/i, "").trim();
  return !name || /^(original|extended)$/i.test(name) ? null : name;
}

/** How many listed sources make a card a mixture. */
export const FUSION_MIN_SOURCES = 3;

// Words that say several sources were put together, so each one named is part of a fusion.
const FUSION_CUE = /\b(combin(e[ds]?|ing|ation)|mix(ed|ing)|mixture|merg(e[ds]?|ing)|aggregat\w*|compiled|blend(ed|ing)?|incorporat\w*|assembled|sources)\b/i;

function relationOf(sentence: string, candidates: number, heading: string, lead: string): Relation {
  for (const [relation, cue] of RELATION_CUES) if (cue.test(sentence)) return relation;
  // Several sources named together are a fusion unless the text says how each was changed.
  if (candidates > 1 || FUSION_CUE.test(sentence) || FUSION_CUE.test(lead)) return "STRUCTURED_FUSION";
  if (/\b(mixture|combination|collection)\b/i.test(heading)) return "STRUCTURED_FUSION";
  for (const [relation, cue] of RELATION_CUES) if (cue.test(heading)) return relation;
  return "DIRECT_INCLUSION";
}

/**
 * The split of the upstream named at `at`: the split cue nearest to that name, so "the training
 * set of GSM8K and problems from the MATH test set" gives each name its own split.
 */
function splitOf(sentence: string, at?: number): Split {
  let best: { split: Split; distance: number } | null = null;
  for (const [split, cue] of SPLIT_CUES) {
    for (const m of sentence.matchAll(new RegExp(cue.source, "gi"))) {
      const distance = at === undefined ? 0 : Math.abs(m.index! - at);
      if (!best || distance < best.distance) best = { split, distance };
    }
  }
  return best?.split ?? "UNKNOWN";
}

const blank = (s: string) => " ".repeat(s.length);

/** The names a piece of text gives as candidates, each with where it stands (for cue scoping). */
function candidatesOf(s: string, index: NameIndex | null, known: Set<string>, drop: (raw: string, reason: string) => void, entry = false): Candidate[] {
  const out: Candidate[] = [];
  for (const m of s.matchAll(HUB_LINK)) {
    const path = m[1]!.replace(/-\r?\n/g, "-").replace(/[.]+$/, "");
    const [owner, name] = path.split("/");
    const key = name ? hubKey(owner!, name) : index?.exact.get(spell(owner!)) ?? null;
    if (key) out.push({ key, confidence: CONFIDENCE.link, raw: m[1]!, at: m.index!, via: "link" });
    else if (!name) drop(path, "unknown_legacy_id");
  }
  // Names are read outside URLs, and the text of a link to a Hub dataset is that dataset's
  // label, not another mention ("[Code Alpaca](…/HuggingFaceH4/CodeAlpaca_20K)").
  const plain = s.replace(MARKDOWN_LINK, (all: string, _label: string, url: string) => (IS_HUB_LINK.test(url) ? blank(all) : all)).replace(ANY_URL, blank);
  for (const m of plain.matchAll(OWNER_NAME)) {
    const [owner, name] = m[1]!.split("/") as [string, string];
    const key = hubKey(owner, name);
    if (!key || /^\d+$/.test(owner) || /^\d+$/.test(name)) continue;
    if (isModelId(key)) {
      drop(key, "model");
      continue;
    }
    const quoted = /[`'"]$/.test(plain.slice(0, m.index!)) || /^[`'"]/.test(plain.slice(m.index! + m[0].length));
    if (!known.has(normalizeKey(key)) && !looksLikeId(owner, name, quoted)) {
      drop(m[1]!, "not_a_dataset_id");
      continue;
    }
    out.push({ key, confidence: 0, raw: m[1]!, at: m.index!, via: "id" });
  }
  if (index) for (const hit of findNames(plain, index)) out.push({ key: hit.key, confidence: 0, raw: hit.raw, at: hit.start, via: hit.via });
  // Names no table knows, where the text names its sources; never inside a name found above.
  // An entry is about one dataset: its label names the id or known name written beside it.
  const entryName = entry && !out.length ? freeNameOfEntry(plain) : null;
  const free: FreeName[] = [...freeNamesAfterCues(plain), ...(entryName ? [entryName] : [])];
  for (const name of free) {
    if (out.some((c) => c.at < name.end && name.start < c.at + c.raw.length)) continue;
    const slug = corpusSlug(name.name);
    if (slug && !out.some((c) => c.via === "free" && c.key === `corpus:${slug}`)) out.push({ key: `corpus:${slug}`, confidence: 0, raw: name.name, at: name.start, via: "free" });
  }
  return out;
}

/**
 * The key a card's own title names, when the whole title (less "Dataset Card for") is one known
 * name: "# MetaMathQA" on a copy's card is that copy, so "All MetaMathQA data are augmented
 * from GSM8K" does not make MetaMathQA a source. A title that merely contains a name
 * ("OpenHermes 2.5, translated") names the source, and stays one.
 */
function titleKey(body: string, index: NameIndex | null): string | null {
  const title = /^#\s+(.+?)\s*#*\s*$/m.exec(body)?.[1]?.replace(/^dataset card for\s+/i, "").replace(/[*_`]/g, "").trim();
  if (!title || !index) return null;
  const hits = findNames(title, index);
  return hits.length === 1 && hits[0]!.start === 0 && hits[0]!.end === title.length ? normalizeKey(hits[0]!.key) : null;
}

export function extractRules(input: ExtractInput): ExtractResult {
  const index = input.aliases?.size ? nameIndex(input.aliases) : null;
  const self = normalizeKey(input.dataset);
  const titled = titleKey(frontMatter(input.text).body, index);
  const known = new Set([...(input.aliases?.values() ?? [])].map(normalizeKey));
  const found = new Map<string, ExtractedEdge>();
  const dropped: DroppedCandidate[] = [];
  const drop = (candidate: string, reason: string, found?: { key: string; quote: string }) => void dropped.push({ candidate, reason, ...found });

  const accept = (key: string, edge: Omit<ExtractedEdge, "upstream">, raw: string) => {
    if (normalizeKey(key) === self || normalizeKey(key) === titled) return drop(raw, "self");
    // One edge per upstream: the best-supported mention wins, the first on ties.
    const prev = found.get(normalizeKey(key));
    if (!prev || edge.confidence > prev.confidence) found.set(normalizeKey(key), { upstream: key, ...edge });
  };

  // Metadata and configuration names say that a dataset is a source, not how it was used: their
  // relation is a default that a cue in the body about the same upstream replaces.
  const defaulted = new Set<ExtractedEdge>();
  // Upstreams named as entries of a list or table (the text enumerates its sources there).
  const listed = new Set<string>();
  const cued = new Map<string, Relation>();
  const acceptDefault = (key: string, edge: Omit<ExtractedEdge, "upstream" | "relation">, raw: string) => {
    accept(key, { ...edge, relation: "DIRECT_INCLUSION" }, raw);
    const kept = found.get(normalizeKey(key));
    if (kept?.evidence === edge.evidence) defaulted.add(kept);
  };

  const { body, entries, configs } = frontMatter(input.text);
  for (const entry of entries) {
    const value = sourceDatasetName(entry.value);
    if (!value) continue;
    const parts = value.split("/");
    const key = (parts.length === 2 ? hubKey(parts[0]!, parts[1]!) : null) ?? input.aliases?.get(value.toLowerCase()) ?? null;
    if (!key) {
      drop(value, "not_a_dataset_id");
      continue;
    }
    if (isModelId(key)) {
      drop(value, "model");
      continue;
    }
    acceptDefault(key, { confidence: CONFIDENCE.metadata, split: "UNKNOWN", evidence: { source: input.source, quote: entry.quote } }, value);
  }

  const fromConfig = (identifier: string, quote: string) => {
    const hit = index ? nameInIdentifier(identifier, index) : null;
    if (hit) acceptDefault(hit.key, { confidence: CONFIDENCE.strong, split: "UNKNOWN", evidence: { source: input.source, quote } }, identifier);
  };
  for (const c of configs) fromConfig(c.identifier, c.quote);

  for (const seg of segments(body)) {
    if (seg.kind === "config") {
      for (const identifier of seg.identifiers ?? []) fromConfig(identifier, seg.quote);
      continue;
    }
    if (seg.kind === "comment") {
      // Hidden from readers of the card, so never evidence; an instruction there is an injection.
      const reason = INSTRUCTION_TEXT.test(seg.quote) ? "instruction_text" : "comment";
      for (const c of candidatesOf(seg.quote, index, known, drop)) drop(c.raw, reason);
      continue;
    }
    extractFromSegment(seg, input, index, known, self, drop, (key, edge, raw, entry) => {
      if (edge.relation !== "DIRECT_INCLUSION" && !cued.has(normalizeKey(key))) cued.set(normalizeKey(key), edge.relation);
      if (entry) listed.add(normalizeKey(key));
      accept(key, edge, raw);
    });
  }
  for (const edge of defaulted) {
    const relation = cued.get(normalizeKey(edge.upstream));
    if (relation) edge.relation = relation;
  }
  // A card that lists three or more sources describes a mixture: each listed source is one part
  // of a fusion, unless the text says how that one was changed (a cue kept its own relation).
  const parts = [...found.values()].filter((e) => listed.has(normalizeKey(e.upstream)));
  if (parts.length >= FUSION_MIN_SOURCES) for (const e of parts) if (e.relation === "DIRECT_INCLUSION") e.relation = cued.get(normalizeKey(e.upstream)) ?? "STRUCTURED_FUSION";
  return { edges: [...found.values()], dropped };
}

/** Reasons that say the dataset was cleaned of the named data (the contamination rules read them). */
export const CLEANING_REASONS = new Set(["decontamination", "removed"]);

function extractFromSegment(
  seg: Segment,
  input: ExtractInput,
  index: NameIndex | null,
  known: Set<string>,
  self: string,
  drop: (raw: string, reason: string, found?: { key: string; quote: string }) => void,
  accept: (key: string, edge: Omit<ExtractedEdge, "upstream">, raw: string, entry: boolean) => void,
) {
  const s = seg.quote;
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  for (const c of candidatesOf(s, index, known, drop, seg.kind === "list")) {
    const norm = normalizeKey(c.key);
    if (seen.has(norm)) continue;
    seen.add(norm);
    // The dataset itself is no candidate, and must not make a sentence look like a fusion.
    if (norm === self) drop(c.raw, "self");
    else candidates.push(c);
  }
  if (!candidates.length) return;

  const inNegativeSection = NEGATIVE_HEADING.test(seg.heading);
  const kept: Candidate[] = [];
  for (const c of candidates) {
    const reason = blockedBy(s, c.at, c.at + c.raw.length) ?? (inNegativeSection ? (/decontaminat/i.test(seg.heading) ? "decontamination" : "evaluation_section") : null);
    if (reason) drop(c.raw, reason, CLEANING_REASONS.has(reason) ? { key: c.key, quote: s } : undefined);
    else kept.push(c);
  }
  if (!kept.length) return;
  // Cues are read around the names, not inside them ("NuminaMath-CoT" is no distillation cue).
  // A list item's bold label names the part ("**Evolved problems**: a subset of X"), which
  // describes what the upstream already was, not what was done to it here.
  let context = s.replace(ITEM_LABEL, " ").replace(ANY_URL, " ");
  for (const c of candidates) context = context.split(c.raw).join(" X ");
  const relation = relationOf(context, kept.length, seg.heading, seg.lead);
  const hasCue = relation !== "DIRECT_INCLUSION" || STRONG_CUE.test(context);
  const scores = SCORE_ROW.test(s) && seg.kind !== "list";
  const first = Math.min(...candidates.map((c) => c.at));
  for (const c of kept) {
    const about = c.at === first && ITEM_OR_ROW.test(s.slice(0, c.at).replace(/\[[^\]]*\]\($/, "").replace(/[[`*"'(]+$/, ""));
    const context = seg.kind === "list" ? CONFIDENCE.list : about ? CONFIDENCE.item : hasCue ? CONFIDENCE.strong : CONFIDENCE.weak;
    const named = c.via === "stem" ? context - CONFIDENCE.shortForm : c.via === "free" ? context - CONFIDENCE.freeName : context;
    const confidence = Math.round(Math.max(scores ? 0 : c.confidence, named) * 100) / 100;
    accept(c.key, { relation, confidence, split: splitOf(s, c.at), evidence: { source: input.source, quote: s } }, c.raw, seg.kind === "list" || about);
  }
}
