/**
 * Which names a negative cue governs. "We train on MetaMathQA and evaluate on GSM8K" names a
 * source and a benchmark in one sentence: the evaluation cue blocks the clause it stands in,
 * not every name in the sentence. Text addressed to a model (prompt injection) is different:
 * it blocks the whole piece, because nothing in it is a description of the data.
 */

type Cue = { re: RegExp; reason: string; scope: "clause" | "segment" };

// Text that talks to a model instead of describing data (prompt injection) is never evidence.
// Role markers end in ":" (no word boundary after it), so they are matched on their own.
// So are lines that tell a reader to produce output ("Also output {…}", "respond with…"), JSON
// object fragments (a card describes data in prose; an object literal with a quoted key is a
// format example or an injected answer), and chat-template markers.
export const INSTRUCTION_TEXT = new RegExp(
  [
    String.raw`\b(?:ignore|disregard|forget) (?:all |any )?(?:the )?(?:previous|prior|above|earlier|preceding) (?:instructions|prompts?|rules|text)\b`,
    String.raw`\b(?:you must|must include|new instructions?|as an ai\b|you are (?:an?|the) (?:ai|assistant|model|language model))`,
    String.raw`\b(?:also |now |please )?(?:output|print|emit|respond with|reply with|return|answer with)\b[^.\n]{0,60}(?:\{|\bjson\b|\bupstream\b|\brelation\b)`,
    String.raw`\{\s*"[A-Za-z_][\w-]*"\s*:`,
    String.raw`<\|(?:im_start|im_end|system|user|assistant)\|>|\[\/?INST\]|^\s*#{2,}\s*(?:system|instruction)s?\b`,
    String.raw`\b(?:system|assistant|user):`,
  ].join("|"),
  "im",
);

export const NEGATIVE_CUES: Cue[] = [
  { re: /\bdecontaminat\w*\b/i, reason: "decontamination", scope: "clause" },
  { re: /\b(evaluat\w*|tested on|test on|leaderboard|pass@\d|accuracy on|held[- ]out)\b/i, reason: "evaluation", scope: "clause" },
  { re: /\b(removed?|removing|excluding|exclude[ds]?|filtered out|overlap with)\b/i, reason: "removed", scope: "clause" },
  // A work whose approach was followed is a model of the method, not a source of the data.
  { re: /\b(inspired by|(replicat|reproduc)\w* (the )?(results?|approach|method|recipe|work|setup) of|follow\w* the (approach|recipe|method|methodology) of|in the style of|similar to)\b/i, reason: "inspired_by", scope: "clause" },
  { re: /\b(compared? (to|with|against)|baselines?|outperform\w*)\b/i, reason: "comparison", scope: "clause" },
  { re: /\b(cite|citation|bibtex)\b/i, reason: "citation", scope: "clause" },
  { re: INSTRUCTION_TEXT, reason: "instruction_text", scope: "segment" },
];

// "benchmark" names a kind of dataset as often as a use of one ("questions from the X
// benchmark"), so it blocks its clause only when nothing there says the data was taken from it.
const BENCHMARK = /\bbenchmark\w*\b/i;
const SOURCING = /\b(from|derived|built|based on|sampled|taken|sourced|collected|drawn|extracted|subsets? of|seeds?|adapted|converted)\b/i;

// Clause boundaries: ";", a dash, "but/while/whereas…", and ", and" or "and" before a new
// action ("…, and we evaluate on…"). A plain ", and" only ends a list ("A, B, and C").
const CLAUSE_BREAK = /;|\s[—–]\s|\s--\s|,?\s(?=(?:but|whereas|while|although|though)\s)|,?\s(?=and\s+(?:we|then|finally|it|they|this|these|evaluat\w*|test\w*|report\w*|compar\w*|benchmark\w*|decontaminat\w*)\b)/gi;

const REMOVAL = new RegExp(NEGATIVE_CUES.find((c) => c.reason === "removed")!.re.source, "gi");
// "Rows from X were kept after removing duplicates": a removal introduced as a step applied to
// data already named is about what was dropped from it, not about the name before it.
const STEP_BEFORE = /\b(after|by|that|which|when|before|while)\s+$/i;

function removalGoverns(clause: string, at: number): boolean {
  for (const m of clause.matchAll(REMOVAL)) if (m.index! < at || !STEP_BEFORE.test(clause.slice(0, m.index!))) return true;
  return false;
}

// "Uses X instead of Y": Y is named as what was not used. The cue governs the phrase it opens,
// up to the next comma ("…rather than the score, as Y did" is about Y's method, not a rejection of Y),
// and never the names before it.
const NOT_USED = /\b(instead of|rather than|in place of|as opposed to)\b/gi;

function notUsed(clause: string, at: number): boolean {
  for (const m of clause.matchAll(NOT_USED)) if (m.index! < at && !/[,:]/.test(clause.slice(m.index!, at))) return true;
  return false;
}

// "A decontaminated version of X" names X as the data that was cleaned and kept: the source.
const CLEANED_VERSION = /\bdecontaminated (?:version|variant|copy|subset|release) of\b/gi;

function decontaminationGoverns(clause: string, at: number): boolean {
  const cleaned = [...clause.matchAll(CLEANED_VERSION)].filter((m) => m.index! < at).at(-1);
  if (cleaned && !/decontaminat/i.test(clause.slice(cleaned.index! + cleaned[0].length, at))) return false;
  return /\bdecontaminat\w*\b/i.test(clause.replace(CLEANED_VERSION, (m) => " ".repeat(m.length)));
}

export type Clause = { start: number; end: number; text: string };

export function clauses(text: string): Clause[] {
  const out: Clause[] = [];
  let last = 0;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    out.push({ start: last, end: m.index!, text: text.slice(last, m.index!) });
    last = m.index! + m[0].length;
  }
  out.push({ start: last, end: text.length, text: text.slice(last) });
  return out;
}

// "the Code Evol-Instruct technique", "Self-Instruct framework": the name is a method that some
// dataset shares its name with, and the text is about the method, not that data.
// So is a name followed by "paper", "model" or "team": the text speaks of the publication, a
// model of that name or its authors ("as outlined in the Orca paper").
const NAMES_A_METHOD = /^[\])*`'"]*\s*(?:technique|method|methodology|algorithm|approach|framework|strategy|procedure|paradigm|pipeline|paper|model|team|authors|blog post|report)s?\b/i;

/** Why the name written from `position` to `end` of `text` is not an upstream, or null when nothing blocks it. */
export function blockedBy(text: string, position: number, end = position): string | null {
  if (end > position && NAMES_A_METHOD.test(text.slice(end))) return "method";
  for (const cue of NEGATIVE_CUES) if (cue.scope === "segment" && cue.re.test(text)) return cue.reason;
  const clause = clauses(text).find((c) => position >= c.start && position < c.end) ?? { text, start: 0 };
  const at = position - clause.start;
  for (const cue of NEGATIVE_CUES) {
    if (cue.scope !== "clause") continue;
    const governs = cue.reason === "removed" ? removalGoverns(clause.text, at) : cue.reason === "decontamination" ? decontaminationGoverns(clause.text, at) : cue.re.test(clause.text);
    if (governs) return cue.reason;
  }
  if (notUsed(clause.text, at)) return "not_used";
  if (BENCHMARK.test(clause.text) && !SOURCING.test(clause.text)) return "evaluation";
  return null;
}
