/**
 * LLM mode: a chat model reads one source text and reports upstream datasets. The model is
 * not trusted: its answer is repaired only as far as JSON syntax goes, every edge is checked
 * on its own, names are mapped to keys here (not by the model), and an edge survives only
 * when its quote is a verbatim, non-instruction sentence of the text that names the upstream.
 * Decontamination and removal statements pass the same checks and come back as `dropped`
 * entries with the benchmark's key, the shape rules mode gives them.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { hubKey, keyFromName, normalizeKey, parseKey } from "@/lib/keys";
import { aliasNorm } from "@/lib/lineage-io/names";
import { RELATION_LABELS, RELATIONS, SPLITS, type Relation } from "@/lib/lineage/types";
import type { Extractor } from "./extractor";
import { buildExtractionMessages, STRUCTURED_OUTPUT_NAME, UPSTREAM_REPORT_SCHEMA } from "./prompt";
import { INSTRUCTION_TEXT, isModelId, type DroppedCandidate, type ExtractedEdge, type ExtractInput, type ExtractResult } from "./rules";
import { verifyEdges } from "./verify";

export type LlmExtractorOptions = {
  /** Longer texts are cut before they reach the model (quotes are still checked against the whole text). */
  maxChars?: number;
};

const DEFAULT_MAX_CHARS = 100_000;

// ---------------------------------------------------------------------------------------------
// JSON repair: models wrap JSON in fences and prose, and write JavaScript or Python literals.

/** Double-quoted strings, no trailing commas, quoted keys, JSON literals; content is never changed. */
function normalizeJsonish(s: string): string {
  let out = "";
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '"' || c === "'") {
      let str = "";
      i++;
      while (i < s.length && s[i] !== c) {
        const ch = s[i]!;
        if (ch === "\\" && i + 1 < s.length) {
          // \' is no JSON escape; inside a single-quoted string it is just the apostrophe.
          str += s[i + 1] === "'" ? "'" : ch + s[i + 1];
          i += 2;
          continue;
        }
        if (c === "'" && ch === '"') str += '\\"';
        else if (ch.charCodeAt(0) < 0x20) str += ch === "\n" ? "\\n" : ch === "\t" ? "\\t" : ch === "\r" ? "\\r" : `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
        else str += ch;
        i++;
      }
      i++;
      out += `"${str}"`;
      continue;
    }
    if (c === ",") {
      let j = i + 1;
      while (j < s.length && /\s/.test(s[j]!)) j++;
      if (s[j] === "}" || s[j] === "]") {
        i++;
        continue;
      }
    }
    if (/[A-Za-z_$]/.test(c)) {
      let j = i;
      while (j < s.length && /[\w$]/.test(s[j]!)) j++;
      const word = s.slice(i, j);
      let k = j;
      while (k < s.length && /\s/.test(s[k]!)) k++;
      const literal = ({ True: "true", False: "false", None: "null", true: "true", false: "false", null: "null" } as Record<string, string>)[word];
      out += s[k] === ":" ? `"${word}"` : (literal ?? word);
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function between(text: string, open: string, close: string): string | null {
  const start = text.indexOf(open);
  const end = text.lastIndexOf(close);
  return start !== -1 && end > start ? text.slice(start, end + 1) : null;
}

/**
 * Parse a model's JSON answer, repairing what models commonly get wrong: code fences, prose
 * before or after the JSON, trailing commas, single quotes, unquoted keys, Python literals.
 * Throws SyntaxError when no JSON value can be recovered.
 */
export function parseModelJson(text: string): unknown {
  const fenced = /```[\w-]*[ \t]*\r?\n?([\s\S]*?)```/.exec(text);
  const body = (fenced ? fenced[1]! : text).trim();
  const candidates = [body, between(body, "{", "}"), between(body, "[", "]")].filter((c): c is string => !!c && /^[[{]/.test(c));
  for (const candidate of candidates) {
    for (const attempt of [candidate, normalizeJsonish(candidate)]) {
      try {
        return JSON.parse(attempt);
      } catch {
        // next repair
      }
    }
  }
  throw new SyntaxError(candidates.length ? "no valid JSON object after repair" : "no JSON object in the answer");
}

// ---------------------------------------------------------------------------------------------
// Validation: the report's shape is all-or-nothing, each edge is judged on its own.

const compact = (s: string) => s.toUpperCase().replace(/[^A-Z]/g, "");
const RELATION_BY_SPELLING = new Map<string, Relation>(RELATIONS.flatMap((r) => [[compact(r), r], [compact(RELATION_LABELS[r]), r]] as [string, Relation][]));

// The cleaning list is optional: answers from before it existed, and models that leave it out, still parse.
const REPORT = z.union([
  z.object({ upstreams: z.array(z.unknown()), decontaminated: z.unknown().optional() }),
  z.object({ edges: z.array(z.unknown()), decontaminated: z.unknown().optional() }),
  z.array(z.unknown()),
]);

// Models write splits as prose ("training", "dev", "full"); the first letters decide.
function splitSpelling(v: unknown): unknown {
  if (v === undefined || v === null || v === "") return "UNKNOWN";
  if (typeof v !== "string") return v;
  const w = v.toLowerCase().replace(/[^a-z]/g, "");
  if (w.startsWith("train")) return "TRAIN";
  if (w.startsWith("test")) return "TEST";
  if (w.startsWith("valid") || w === "val" || w.startsWith("dev")) return "VALIDATION";
  if (/^(all|full|whole|entire)/.test(w)) return "ALL";
  if (/^(unknown|none|na|unspecified|notstated)$/.test(w)) return "UNKNOWN";
  return v.trim().toUpperCase();
}

const EDGE = z.object({
  upstream: z.string().trim().min(1).max(300),
  relation: z.preprocess((v) => (typeof v === "string" ? (RELATION_BY_SPELLING.get(compact(v)) ?? v) : v), z.enum(RELATIONS)),
  confidence: z.preprocess((v) => (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : v), z.number().min(0).max(1)),
  split: z.preprocess(splitSpelling, z.enum(SPLITS)),
  quote: z.string().trim().min(1),
});
type ModelEdge = z.infer<typeof EDGE>;

type CleaningReason = "decontamination" | "removed";

// The label is a convenience: a missing or odd one is read off the sentence instead of costing the statement.
function cleaningKind(v: unknown): CleaningReason | undefined {
  const w = typeof v === "string" ? v.trim().toLowerCase() : "";
  if (w.startsWith("decontaminat")) return "decontamination";
  if (/^(remov|exclud|filter|drop|discard)/.test(w)) return "removed";
  return undefined;
}

const CLEANING = z.object({
  benchmark: z.string().trim().min(1).max(300),
  kind: z.preprocess(cleaningKind, z.enum(["decontamination", "removed"]).optional()),
  quote: z.string().trim().min(1),
});

/** Words that make a sentence a cleaning statement; without one the model read it into the text. */
const CLEANING_CUE = /\b(decontaminat\w*|contaminat\w*|remov\w*|exclud\w*|filter(?:ed|ing)?\s+out|overlap\w*|dedup\w*|drop(?:ped|ping)?|discard\w*|n-gram\w*|\d+-gram\w*)\b/i;
const DECONTAMINATION_CUE = /contaminat|-gram|overlap|dedup/i;

function reportItems(payload: unknown, id: string): { items: unknown[]; cleaning: unknown } {
  const parsed = REPORT.safeParse(payload);
  if (!parsed.success) throw malformed(id, "expected an object with an upstreams list", payload);
  const report = parsed.data;
  if (Array.isArray(report)) return { items: report, cleaning: undefined };
  return { items: "upstreams" in report ? report.upstreams : report.edges, cleaning: report.decontaminated };
}

function malformed(id: string, why: string, output: unknown): AppError {
  const shown = typeof output === "string" ? output : JSON.stringify(output) ?? String(output);
  return new AppError("unavailable", `The model ${id} returned malformed output (${why}).`, { model: id, output: shown.slice(0, 500) });
}

function describeCandidate(item: unknown, field: "upstream" | "benchmark" = "upstream"): string {
  if (item && typeof item === "object" && typeof (item as Record<string, unknown>)[field] === "string") return (item as Record<string, string>)[field]!;
  return (JSON.stringify(item) ?? String(item)).slice(0, 120);
}

// ---------------------------------------------------------------------------------------------
// Names to keys.

type Resolved = { key: string } | { reason: string };

function aliasLookup(aliases: Map<string, string> | undefined): (name: string) => string | undefined {
  if (!aliases?.size) return () => undefined;
  let byNorm: Map<string, string | null> | null = null;
  return (name) => {
    const exact = aliases.get(name.toLowerCase());
    if (exact) return exact;
    if (!byNorm) {
      byNorm = new Map();
      // Two keys behind one spelling is ambiguous: such a name resolves to neither.
      for (const [alias, key] of aliases) {
        const norm = aliasNorm(alias);
        if (!norm) continue;
        const prev = byNorm.get(norm);
        byNorm.set(norm, prev === undefined || prev === key ? key : null);
      }
    }
    return byNorm.get(aliasNorm(name)) ?? undefined;
  };
}

/** Model ids written as free names ("Llama 3 70B Instruct") are judged by the name alone. */
function looksLikeModel(name: string, key: string): boolean {
  return parseKey(key)?.scheme === "HUB" ? isModelId(key) : isModelId(`/${name.replace(/\s+/g, "-")}`);
}

/** How a card names its own dataset in prose: "chat-blend" or "Acme Chat Blend" for acme/chat-blend. */
function selfNames(dataset: string): Set<string> {
  const [owner = "", name = ""] = dataset.split("/");
  return new Set([aliasNorm(name), aliasNorm(owner + name)].filter(Boolean));
}

function resolveUpstream(name: string, input: ExtractInput, alias: (name: string) => string | undefined): Resolved {
  const self = normalizeKey(input.dataset);
  const parts = name.split("/");
  const hub = parts.length === 2 ? hubKey(parts[0]!.trim(), parts[1]!.trim()) : null;
  const aliased = hub ? undefined : alias(name);
  const key = hub ?? aliased ?? keyFromName(name)?.key ?? null;
  if (!key) return { reason: "not_a_dataset_id" };
  if (normalizeKey(key) === self) return { reason: "self" };
  if (!hub && !aliased && selfNames(input.dataset).has(aliasNorm(name))) return { reason: "self" };
  if (!aliased && looksLikeModel(name, key)) return { reason: "model" };
  return { key };
}

function ownName(key: string): string {
  const parsed = parseKey(key);
  return parsed?.scheme === "HUB" ? parsed.name : parsed?.scheme === "GITHUB" ? parsed.repo : parsed?.scheme === "CORPUS" ? parsed.slug : "";
}

/** The quote must name the upstream, as the model wrote it or by its key's own name. */
function quoteNames(quote: string, written: string, key: string): boolean {
  const haystack = aliasNorm(quote);
  return [written, key, ownName(key)].some((name) => {
    const needle = aliasNorm(name);
    return needle.length > 0 && haystack.includes(needle);
  });
}

const WORD = /[\p{L}\p{N}]+(?:[-_.][\p{L}\p{N}]+)*/gu;
const flat = (s: string) => aliasNorm(s).replace(/[/:]/g, "");

/**
 * Stricter than quoteNames: the name must be whole words of the quote, so "MATH" is not named
 * by "MATH-500" (a removal of MATH-500 says nothing about the rest of MATH).
 */
function quoteNamesWhole(quote: string, written: string, key: string): boolean {
  const needles = new Set([written, key, ownName(key)].map(flat).filter(Boolean));
  const longest = Math.max(0, ...[...needles].map((n) => n.length));
  const words = [...quote.matchAll(WORD)].map((m) => flat(m[0]));
  for (let i = 0; i < words.length; i++) {
    let run = "";
    for (let j = i; j < words.length && run.length < longest; j++) {
      run += words[j];
      if (needles.has(run)) return true;
    }
  }
  return false;
}

// INSTRUCTION_TEXT ends in \b, which no role marker followed by a space ("SYSTEM: add X") passes.
const ROLE_MARKER = /\b(system|assistant)\s*:/i;
const addressesModel = (s: string) => INSTRUCTION_TEXT.test(s) || ROLE_MARKER.test(s);

const blank = (s: string) => s.replace(/[^\n]/g, " ");
// A sentence ends at . ! or ? before white space, or at the end of its line.
const SENTENCE = /[^\n]+?(?:[.!?](?=\s)|$)/gm;

/**
 * The text a quote may come from: the source without HTML comments (hidden from readers of the
 * card, as in rules mode) and without sentences that address a model. Checking the quote alone
 * is not enough: "SYSTEM: the data has no overlap with X." quoted from its sixth word on is
 * verbatim and reads like a statement.
 */
type EvidenceTexts = { full: string; visible: string; trusted: string };

// Whitespace-normalised once per source, the way verifyEdges compares quotes.
const squash = (text: string) => text.replace(/\s+/g, " ").trim();

function evidenceTexts(text: string): EvidenceTexts {
  const visible = text.replace(/<!--[\s\S]*?(?:-->|$)/g, blank);
  const trusted = visible.replace(SENTENCE, (s) => (addressesModel(s) ? blank(s) : s));
  return { full: squash(text), visible: squash(visible), trusted: squash(trusted) };
}

function evidenceRejection(quote: string, texts: EvidenceTexts): string | null {
  const q = squash(quote);
  if (!q || !texts.full.includes(q)) return "quote_not_in_source";
  if (addressesModel(quote)) return "instruction_text";
  if (!texts.visible.includes(q)) return "comment";
  if (!texts.trusted.includes(q)) return "instruction_text";
  return null;
}

/**
 * Decontamination and removal statements as `dropped` entries carrying the benchmark's key and
 * the sentence. A false one would hide contamination (the contamination rules treat the dataset
 * as cleaned of the benchmark), so each must be a verbatim, visible, non-instruction sentence
 * of the text that names the benchmark and says it was cleaned; anything else is dropped
 * without a key, so nothing downstream can read it as a cleaning statement.
 */
function cleaningStatements(report: unknown, input: ExtractInput, alias: (name: string) => string | undefined, texts: EvidenceTexts): DroppedCandidate[] {
  if (report === undefined || report === null) return [];
  if (!Array.isArray(report)) return [{ candidate: describeCandidate(report), reason: "invalid_cleaning: decontaminated expected a list" }];
  const out: DroppedCandidate[] = [];
  const seen = new Set<string>();
  for (const item of report) {
    const parsed = CLEANING.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      out.push({ candidate: describeCandidate(item, "benchmark"), reason: `invalid_cleaning: ${issue?.path.join(".") || "statement"} ${issue?.message ?? ""}`.trim() });
      continue;
    }
    const { benchmark, quote } = parsed.data;
    const resolved = resolveUpstream(benchmark, input, alias);
    if ("reason" in resolved) {
      out.push({ candidate: benchmark, reason: resolved.reason });
      continue;
    }
    const rejected =
      evidenceRejection(quote, texts) ??
      (!quoteNamesWhole(quote, benchmark, resolved.key) ? "quote_does_not_name_benchmark" : !CLEANING_CUE.test(quote) ? "not_a_cleaning_statement" : null);
    if (rejected) {
      out.push({ candidate: benchmark, reason: rejected });
      continue;
    }
    // One statement per benchmark, the first: the contamination rules need one, not every sentence.
    if (seen.has(normalizeKey(resolved.key))) continue;
    seen.add(normalizeKey(resolved.key));
    const kind: CleaningReason = parsed.data.kind ?? (DECONTAMINATION_CUE.test(quote) ? "decontamination" : "removed");
    out.push({ candidate: benchmark, reason: kind, key: resolved.key, quote });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Talking to the model.

type StructuredOut = { raw?: BaseMessage; parsed?: unknown } | Record<string, unknown>;

function structuredRunnable(chatModel: BaseChatModel) {
  // The base class implements withStructuredOutput on top of tool calling only.
  if (typeof chatModel.bindTools !== "function") return null;
  try {
    return chatModel.withStructuredOutput(UPSTREAM_REPORT_SCHEMA, { name: STRUCTURED_OUTPUT_NAME, includeRaw: true });
  } catch {
    return null;
  }
}

function messageText(message: BaseMessage): string {
  return typeof message.content === "string" ? message.content : message.text;
}

/** Structured output with includeRaw gives {raw, parsed}; when parsing failed, the raw message is repaired instead. */
function payloadOfStructured(out: StructuredOut, id: string): unknown {
  if (!out || typeof out !== "object" || !("raw" in out) || !("parsed" in out)) return out;
  if (out.parsed !== null && out.parsed !== undefined) return out.parsed;
  const raw = out.raw as (BaseMessage & { tool_calls?: { args: unknown }[]; invalid_tool_calls?: { args?: string }[] }) | undefined;
  if (!raw) throw malformed(id, "no answer", out);
  const args = raw.tool_calls?.[0]?.args;
  if (args && typeof args === "object") return args;
  return parseOrThrow(raw.invalid_tool_calls?.[0]?.args ?? messageText(raw), id);
}

function parseOrThrow(text: string, id: string): unknown {
  try {
    return parseModelJson(text);
  } catch (error) {
    throw malformed(id, (error as Error).message, text);
  }
}

async function askModel(chatModel: BaseChatModel, messages: BaseMessage[], id: string): Promise<unknown> {
  const structured = structuredRunnable(chatModel);
  let answer: StructuredOut | BaseMessage;
  try {
    answer = structured ? await structured.invoke(messages) : await chatModel.invoke(messages);
  } catch (error) {
    throw new AppError("unavailable", `The model ${id} failed: ${(error as Error).message}`, { model: id });
  }
  return structured ? payloadOfStructured(answer as StructuredOut, id) : parseOrThrow(messageText(answer as BaseMessage), id);
}

// ---------------------------------------------------------------------------------------------

export function llmExtractor(chatModel: BaseChatModel, id: string, options: LlmExtractorOptions = {}): Extractor {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  return {
    id,
    async extract(input: ExtractInput): Promise<ExtractResult> {
      const messages = buildExtractionMessages({ ...input, text: input.text.slice(0, maxChars) });
      const { items, cleaning } = reportItems(await askModel(chatModel, messages, id), id);
      const alias = aliasLookup(input.aliases);
      const dropped: DroppedCandidate[] = [];
      const candidates: { edge: ExtractedEdge; written: string }[] = [];

      for (const item of items) {
        const parsed = EDGE.safeParse(item);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          dropped.push({ candidate: describeCandidate(item), reason: `invalid_edge: ${issue?.path.join(".") || "edge"} ${issue?.message ?? ""}`.trim() });
          continue;
        }
        const e: ModelEdge = parsed.data;
        const resolved = resolveUpstream(e.upstream, input, alias);
        if ("reason" in resolved) {
          dropped.push({ candidate: e.upstream, reason: resolved.reason });
          continue;
        }
        candidates.push({
          written: e.upstream,
          edge: { upstream: resolved.key, relation: e.relation, confidence: e.confidence, split: e.split, evidence: { source: input.source, quote: e.quote } },
        });
      }

      const verified = verifyEdges(
        candidates.map((c) => c.edge),
        input.text,
      );
      const writtenOf = new Map(candidates.map((c) => [c.edge, c.written]));
      for (const d of verified.dropped) dropped.push({ candidate: writtenOf.get(d.edge)!, reason: d.reason });

      const texts = evidenceTexts(input.text);
      const found = new Map<string, ExtractedEdge>();
      for (const edge of verified.kept) {
        const written = writtenOf.get(edge)!;
        // A verbatim sentence that addresses a model (an injected instruction) or that readers never see is no evidence.
        const rejected = evidenceRejection(edge.evidence.quote, texts);
        if (rejected) {
          dropped.push({ candidate: written, reason: rejected });
          continue;
        }
        if (!quoteNames(edge.evidence.quote, written, edge.upstream)) {
          dropped.push({ candidate: written, reason: "quote_does_not_name_upstream" });
          continue;
        }
        // One edge per upstream: the most confident wins, the first on ties.
        const prev = found.get(normalizeKey(edge.upstream));
        if (!prev || edge.confidence > prev.confidence) found.set(normalizeKey(edge.upstream), edge);
      }
      dropped.push(...cleaningStatements(cleaning, input, alias, texts));
      return { edges: [...found.values()], dropped };
    },
  };
}
