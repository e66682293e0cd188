/**
 * Rules mode: deterministic extraction of upstream datasets from one source text (a card, a
 * paper abstract, a README) with explicit cue patterns. No model, no network, no state.
 * It is the baseline the LLM mode must beat; every quote it returns is a verbatim slice of
 * the input, so verifyEdges keeps all of them.
 */
import { hubKey, normalizeKey } from "@/lib/keys";
import type { Relation, Split } from "@/lib/lineage/types";

export type ExtractionSource = "card" | "paper" | "github" | "blog";

export type ExtractedEdge = {
  upstream: string;
  relation: Relation;
  confidence: number;
  split: Split;
  evidence: { source: ExtractionSource; quote: string };
};

export type DroppedCandidate = { candidate: string; reason: string };

export type ExtractInput = {
  dataset: string;
  text: string;
  source: ExtractionSource;
  /** Known names (normalized: lowercase, trimmed) → dataset key, e.g. from the alias table. */
  aliases?: Map<string, string>;
};

export type ExtractResult = { edges: ExtractedEdge[]; dropped: DroppedCandidate[] };

const CONFIDENCE = { metadata: 0.95, link: 0.9, list: 0.85, strong: 0.75, weak: 0.6 } as const;

// Sentences naming datasets that were NOT used to build this one.
const NEGATIVE_CUES: [RegExp, string][] = [
  [/\bdecontaminat\w* (against|with|on|for|from|using)\b/i, "decontamination"],
  [/\b(evaluat\w*|benchmark\w*|tested on|test on|leaderboard|pass@\d|accuracy on)\b/i, "evaluation"],
  [/\b(removed?|removing|excluding|exclude[ds]?|filtered out|overlap with)\b/i, "removed"],
  [/\binspired by\b/i, "inspired_by"],
  [/\b(compared? (to|with|against)|baselines?|outperform\w*)\b/i, "comparison"],
  [/\b(cite|citation|bibtex)\b/i, "citation"],
  // Text that talks to a model instead of describing data (prompt injection) is never evidence.
  [/\b(ignore (all |any )?(the )?(previous|prior|above|earlier) instructions|system:|assistant:|you must|must include)\b/i, "instruction_text"],
];
const NEGATIVE_HEADING = /\b(evaluation|benchmark\w*|results?|citation|cite|bibtex|decontamination|limitations|acknowledge?ments?|license|related work)\b/i;
const SOURCE_HEADING = /\b(sources?|source datasets?|subsets?|mixture|composition|built from|derived from|data(set)? (sources|composition)|components?|constituents?)\b/i;
const SOURCE_LEAD = /\b(sources?|source datasets|subsets|mixture|built from|derived from|consists of|composed of|includes?|including)\b\s*:?\s*$/i;

const RELATION_CUES: [Relation, RegExp][] = [
  [/* CoT */ "COT_DISTILLATION", /\b(distill\w*|reasoning traces?|chain[- ]of[- ]thought|CoT|generated (by|with|using) [\w./-]*(gpt|r1|qwen|llama|claude|deepseek|gemini|qwq|o1|o3))\b/i],
  ["SEMANTIC_EVOLUTION", /\b(rewrit\w*|rewrote|evolved?|evolving|evol-instruct|rephras\w*|paraphras\w*|augment\w*)\b/i],
  ["SYNTHETIC_GENERATION", /\b(synthesi[sz]\w*|synthetic\w*|generated from (the )?seeds?|seed (data|questions|problems|tasks))\b/i],
];
const STRONG_CUE = /\b(from|built|derived|based on|subset|filtered|sampled|taken|includes?|including|sourced|collected|consists|composed|seed|uses?|using|drawn|extracted|combin\w*|merged?)\b/i;

const SPLIT_CUES: [Split, RegExp][] = [
  ["TRAIN", /\btrain(ing)?[ -](set|split|portion|subset)\b/i],
  ["TEST", /\btest[ -](set|split|portion)\b/i],
  ["VALIDATION", /\b(validation|dev)[ -](set|split|portion)\b/i],
];

// Model ids, not datasets: size, tuning and quantisation suffixes, and model families.
const MODEL_NAME = /(?:^|[-_.])(\d+(\.\d+)?[bBmM]|\d+x\d+[bB]|instruct|chat|hf|gguf|awq|gptq|exl2|base|it|fp8|fp16|bf16|int4|int8)(?:$|[-_.])/i;
const MODEL_FAMILY = /^(llama|meta-llama|qwen\d?|qwq|mistral|mixtral|gemma|phi-?\d|gpt-?\d|deepseek-(r1|v\d|coder|math|llm)|claude|falcon|vicuna|olmo|tulu-?\d?-\d|yi-)/i;
const MODEL_ORGS = new Set(["meta-llama", "mistralai", "google", "microsoft", "openai", "deepseek-ai", "qwen", "tiiuae", "anthropic", "thebloke", "lmsys", "01-ai"]);
const DATASETISH = /(data|set|corpus|instructions|bench|mix|sft|pairs|problems|questions|collection|evol|cleaned|qa|cot|\d+k\b|\d+k[-_])/i;

function isModelId(key: string): boolean {
  const [owner = "", name = ""] = key.split("/");
  if (DATASETISH.test(name)) return false;
  return MODEL_NAME.test(name) || MODEL_FAMILY.test(name) || MODEL_ORGS.has(owner.toLowerCase());
}

const HUB_LINK = /https?:\/\/(?:www\.)?huggingface\.co\/datasets\/([A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*)/g;
const ANY_URL = /https?:\/\/[^\s)\]>"']+/g;
const OWNER_NAME = /(?<![\w.@/-])([A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*[A-Za-z0-9])(?![\w/-])/g;

type Segment = { quote: string; context: "list" | "text"; heading: string; lead: string };
type Candidate = { key: string; confidence: number; raw: string };

/** The text as quotable pieces: list lines and table rows whole, prose split into sentences. */
function segments(body: string): Segment[] {
  const out: Segment[] = [];
  let heading = "";
  let fenced = false;
  let lead = "";
  let tableIsSources = false;
  for (const line of body.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (/^(```|~~~)/.test(trimmed)) {
      fenced = !fenced;
      continue;
    }
    // Code and BibTeX blocks name cited works, not sources.
    if (fenced || /^@\w+\s*\{/.test(trimmed) || trimmed.startsWith("<!--")) continue;
    if (!trimmed) {
      lead = "";
      continue;
    }
    const h = /^#{1,6}\s+(.*)$/.exec(trimmed) ?? /^\*\*(.+?):?\*\*:?$/.exec(trimmed);
    if (h) {
      heading = h[1]!;
      lead = "";
      tableIsSources = false;
      continue;
    }
    if (trimmed.startsWith("|")) {
      if (/^\|[\s:|-]+\|?$/.test(trimmed)) continue;
      if (!tableIsSources && /\b(source|dataset|subset|origin)s?\b/i.test(trimmed) && !/[\/]/.test(trimmed)) {
        tableIsSources = true;
        continue;
      }
      out.push({ quote: trimmed, context: tableIsSources || SOURCE_HEADING.test(heading) ? "list" : "text", heading, lead });
      continue;
    }
    const item = /^([-*+]|\d+[.)])\s+/.test(trimmed);
    if (item) {
      out.push({ quote: trimmed, context: SOURCE_HEADING.test(heading) || SOURCE_LEAD.test(lead) ? "list" : "text", heading, lead });
      continue;
    }
    lead = trimmed;
    for (const sentence of trimmed.split(/(?<=[.!?])\s+(?=[A-Z[(*`])/)) {
      if (sentence.trim()) out.push({ quote: sentence.trim(), context: "text", heading, lead: "" });
    }
  }
  return out;
}

/** source_datasets / datasets entries of the YAML front matter, each with its verbatim line. */
function frontMatter(text: string): { body: string; entries: { value: string; quote: string }[] } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return { body: text, entries: [] };
  const entries: { value: string; quote: string }[] = [];
  let inList = false;
  for (const line of m[1]!.split(/\r?\n/)) {
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
  return { body: text.slice(m[0].length), entries };
}

function aliasPattern(aliases: Map<string, string> | undefined): RegExp | null {
  if (!aliases?.size) return null;
  const names = [...aliases.keys()].filter((n) => n.length >= 3).sort((a, b) => b.length - a.length);
  if (!names.length) return null;
  // "OpenHermes 2.5", "OpenHermes-2.5" and "openhermes_2.5" are the same name.
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/[-_ ]+/g, "[-_ ]?"));
  return new RegExp(`(?<![\\w/-])(${escaped.join("|")})(?![\\w/-])`, "gi");
}

const spelling = (name: string) => name.toLowerCase().replace(/[-_ ]+/g, "");

function aliasBySpelling(aliases: Map<string, string>, written: string): string | undefined {
  const wanted = spelling(written);
  for (const [name, key] of aliases) if (spelling(name) === wanted) return key;
  return undefined;
}

function relationOf(sentence: string, candidates: number, heading: string): Relation {
  for (const [relation, cue] of RELATION_CUES) if (cue.test(sentence)) return relation;
  // Several sources named together are a fusion unless the text says how each was changed.
  if (candidates > 1) return "STRUCTURED_FUSION";
  if (/\b(mixture|combination|collection)\b/i.test(heading)) return "STRUCTURED_FUSION";
  for (const [relation, cue] of RELATION_CUES) if (cue.test(heading)) return relation;
  return "DIRECT_INCLUSION";
}

function splitOf(sentence: string): Split {
  for (const [split, cue] of SPLIT_CUES) if (cue.test(sentence)) return split;
  return "UNKNOWN";
}

export function extractRules(input: ExtractInput): ExtractResult {
  const self = normalizeKey(input.dataset);
  const aliasRe = aliasPattern(input.aliases);
  const found = new Map<string, ExtractedEdge>();
  const dropped: DroppedCandidate[] = [];

  const accept = (key: string, edge: Omit<ExtractedEdge, "upstream">, raw: string) => {
    if (normalizeKey(key) === self) return void dropped.push({ candidate: raw, reason: "self" });
    // One edge per upstream: the best-supported mention wins, the first on ties.
    const prev = found.get(normalizeKey(key));
    if (!prev || edge.confidence > prev.confidence) found.set(normalizeKey(key), { upstream: key, ...edge });
  };

  const { body, entries } = frontMatter(input.text);
  for (const entry of entries) {
    const parts = entry.value.split("/");
    const key = (parts.length === 2 ? hubKey(parts[0]!, parts[1]!) : null) ?? input.aliases?.get(entry.value.toLowerCase()) ?? null;
    if (!key) {
      dropped.push({ candidate: entry.value, reason: "not_a_dataset_id" });
      continue;
    }
    if (isModelId(key)) {
      dropped.push({ candidate: entry.value, reason: "model" });
      continue;
    }
    accept(key, { relation: "DIRECT_INCLUSION", confidence: CONFIDENCE.metadata, split: "UNKNOWN", evidence: { source: input.source, quote: entry.quote } }, entry.value);
  }

  for (const seg of segments(body)) {
    const s = seg.quote;
    const candidates: Candidate[] = [];
    const seen = new Set<string>();
    const add = (key: string, confidence: number, raw: string) => {
      const norm = normalizeKey(key);
      if (seen.has(norm)) return;
      // The dataset itself is no candidate, and must not make a sentence look like a fusion.
      if (norm === self) {
        seen.add(norm);
        return void dropped.push({ candidate: raw, reason: "self" });
      }
      seen.add(norm);
      candidates.push({ key, confidence, raw });
    };
    for (const m of s.matchAll(HUB_LINK)) {
      const [owner, name] = m[1]!.replace(/[.]+$/, "").split("/") as [string, string];
      const key = hubKey(owner, name);
      if (key) add(key, CONFIDENCE.link, m[1]!);
    }
    const noUrls = s.replace(ANY_URL, " ");
    for (const m of noUrls.matchAll(OWNER_NAME)) {
      const [owner, name] = m[1]!.split("/") as [string, string];
      const key = hubKey(owner, name);
      if (!key || /^\d+$/.test(owner) || /^\d+$/.test(name)) continue;
      if (isModelId(key)) {
        dropped.push({ candidate: key, reason: "model" });
        continue;
      }
      add(key, 0, m[1]!);
    }
    if (aliasRe) {
      for (const m of noUrls.matchAll(aliasRe)) {
        const key = input.aliases!.get(m[1]!.toLowerCase()) ?? aliasBySpelling(input.aliases!, m[1]!);
        if (key) add(key, 0, m[1]!);
      }
    }
    if (!candidates.length) continue;

    const negative = NEGATIVE_CUES.find(([cue]) => cue.test(s)) ?? (NEGATIVE_HEADING.test(seg.heading) ? [null, "evaluation_section"] : null);
    if (negative) {
      for (const c of candidates) dropped.push({ candidate: c.raw, reason: negative[1] as string });
      continue;
    }
    // Cues are read around the names, not inside them ("NuminaMath-CoT" is no distillation cue).
    let context = s.replace(ANY_URL, " ");
    for (const c of candidates) context = context.split(c.raw).join(" X ");
    const relation = relationOf(context, candidates.length, seg.heading);
    const hasCue = relation !== "DIRECT_INCLUSION" || STRONG_CUE.test(s);
    for (const c of candidates) {
      const confidence = Math.max(c.confidence, seg.context === "list" ? CONFIDENCE.list : hasCue ? CONFIDENCE.strong : CONFIDENCE.weak);
      accept(c.key, { relation, confidence, split: splitOf(s), evidence: { source: input.source, quote: s } }, c.raw);
    }
  }
  return { edges: [...found.values()], dropped };
}
