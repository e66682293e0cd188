/**
 * Names no table knows, in the places a text names its sources: right after a sourcing cue
 * ("augmented from X and Y", "a translated version of X", "built on X", "a subset of X") or
 * as the entry of a sources list ("- **X**: …", "| X | 50k |"). They come out as `corpus:`
 * keys for the tracing agent to resolve (alias table, then the Hub's strict search) or keep
 * as external sources for a person to review.
 *
 * Only words written like a coined name count: a capital inside the word (UltraChat), letters
 * with digits (GSM8K, WildChat-1M), an acronym (FLAN), or capitalised words that the text
 * itself calls a dataset ("the Stanford Human Preferences dataset"). A capitalised ordinary
 * word ("from Stanford", "built on Llama") never is, and neither are models, organisations,
 * hosting sites and the field's acronyms (GPT-4, OpenAI, GitHub, LLM, SFT).
 */

import { modelSignals } from "./rules-models";

export type FreeName = { name: string; start: number; end: number };

// A cue that says the next names are sources. Verbs of making need their preposition
// ("built on", "collected from"); nouns of part-and-copy their "of".
const CUE = new RegExp(
  String.raw`\b(?:(?:augment|deriv|buil|sampl|tak|collect|sourc|extract|filter|translat|adapt|distill?|draw|obtain|curat|convert|construct|gather|compil|repurpos|select|clean|deduplicat|reformat|scrap)\w*\s+(?:\w+ly\s+)?(?:data\s+|them\s+|it\s+|problems\s+|questions\s+|prompts\s+)?(?:from|on(?:\s+top\s+of)?|upon|out\s+of)` +
    String.raw`|(?:subset|version|translation|portion|sample|copy|mirror|reformatting|re-?upload|cleanup|extension|expansion|mix(?:ture)?|combination|union|blend)s?\s+of` +
    String.raw`|based\s+on|consists?\s+of|composed\s+of|comprising|combin(?:es|ing)|merg(?:es|ing)|includ(?:es|ing)|sources?\s+(?:are|include)|sources?\s*:)(?!\w)`,
  "gi",
);

// Words that may stand between a cue and the names, or between names, without ending the list:
// articles, "original", split words, counts, and what the items are.
const FILLER = new Set(
  ("the a an our its their this these original publicly public available open existing popular well known well-known following " +
    "training train test validation dev set sets split splits subset subsets portion portions part parts version versions " +
    "of data dataset datasets corpus corpora collection collections benchmark benchmarks examples samples problems questions " +
    "prompts conversations instructions tasks items pairs responses dialogues dialogs english cleaned filtered deduplicated full entire " +
    "million millions thousand thousands billion hundred about around approximately roughly over nearly " +
    "source sources origins which are namely such as two three four five six seven eight nine ten several various multiple").split(" "),
);
const DATASET_NOUN = /^(?:dataset|datasets|corpus|corpora|collection|benchmark|data)$/i;
const CONJUNCTION = /^(?:and|plus|or)$/i;

// Never dataset names, however they are written.
const NOT_NAMES = new Set(
  (
    "llm llms nlp ai api apis json jsonl csv sft rl rlhf rlaif dpo ppo grpo orpo kto cot qa url urls pdf html gpu gpus cpu " +
    "mit apache cc by nc sa nd gpl bsd usa us uk eu un ceo phd faq tl dr readme md ie eg etc vs ok id ids " +
    "openai google meta microsoft nvidia anthropic stanford berkeley mit allenai ai2 huggingface hugging face deepmind baai " +
    "alibaba tencent bytedance amazon apple ibm salesforce cohere mistralai eleutherai laion lmsys tsinghua pku cmu " +
    "github gitlab arxiv kaggle zenodo hf modelscope reddit twitter x " +
    "gpt gpt3 gpt4 gpt4o gpt35 chatgpt claude gemini gemma llama llama2 llama3 qwen qwen2 qwen25 qwen3 qwq mistral mixtral " +
    "deepseek deepseekr1 deepseekv3 r1 o1 o3 o4 phi phi3 phi4 falcon vicuna olmo palm bard bert t5 flant5 roberta " +
    "english chinese french german spanish japanese korean russian arabic python java javascript c cpp rust go " +
    "january february march april may june july august september october november december"
  ).split(" "),
);

// A model written as a name: a family with a version or size ("GPT-4", "Llama-3-70B", "Qwen2.5-72B-Instruct").
const MODEL_NAME = /^(?:gpt|llama|qwen|qwq|mistral|mixtral|gemma|gemini|claude|phi|deepseek|falcon|vicuna|olmo|palm|yi|internlm|baichuan|chatglm|glm|o\d)(?:[-_. ]?[\w.-]*)$/i;

// A licence written as a name ("CC-BY-NC-4.0", "ODC-BY-1.0", "Apache 2.0").
const LICENCE = /^(?:cc|odc|odbl|pddl|apache|mit|gpl|lgpl|agpl|bsd|mpl|cdla|openrail|epl|artistic|unlicense|wtfpl)(?:[-\s.]|$)/i;

const spelled = (s: string) => s.toLowerCase().replace(/[-_.\s]+/g, "");

/** A single word written like a coined name. */
function coined(word: string): boolean {
  if (word.length < 3 || !/\p{L}/u.test(word)) return false;
  return /\p{Ll}\p{Lu}/u.test(word) || (/\p{L}/u.test(word) && /\d/.test(word) && /^\p{L}/u.test(word)) || /^\p{Lu}[\p{Lu}\d]+$/u.test(word) || /^\p{Lu}[\w]*[-_]\w/u.test(word);
}

function acceptable(name: string): boolean {
  const s = spelled(name);
  if (s.length < 3 || NOT_NAMES.has(s) || MODEL_NAME.test(name) || LICENCE.test(name) || modelSignals(name).model === "size") return false;
  // Every word of the name counted in NOT_NAMES ("OpenAI GPT-4") is no dataset either.
  return !name.split(/[\s]+/).every((w) => NOT_NAMES.has(spelled(w)) || MODEL_NAME.test(w));
}

type Word = { text: string; start: number; end: number };

function wordsOf(text: string, from: number, to: number): Word[] {
  const out: Word[] = [];
  const re = /[\p{L}\p{N}][\p{L}\p{N}._-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * The name starting at word i: a coined word, optionally with a version or size after it
 * ("OpenHermes 2.5"); or one to four capitalised words the text follows with "dataset",
 * "corpus", "collection" or "benchmark" ("the FLAN collection", "Natural Instructions dataset").
 */
function nameAt(text: string, words: Word[], i: number): { name: string; start: number; end: number; next: number } | null {
  const w = words[i]!;
  const gap = (a: number) => text.slice(words[a]!.end, words[a + 1]?.start ?? words[a]!.end);
  if (coined(w.text)) {
    let j = i;
    // One name may run over a few words written like names ("Multi-Genre NLI", "OpenHermes 2.5").
    while (j - i < 3 && words[j + 1] && /^ $/.test(gap(j)) && (coined(words[j + 1]!.text) || /^v?\d+(?:\.\d+)*[kKmMbB]?$/.test(words[j + 1]!.text))) j++;
    return { name: text.slice(w.start, words[j]!.end), start: w.start, end: words[j]!.end, next: j + 1 };
  }
  let j = i;
  while (j < words.length && j - i < 4 && /^\p{Lu}[\p{L}\d'-]*$/u.test(words[j]!.text) && (j === i || /^ $/.test(gap(j - 1)))) j++;
  if (j > i && words[j] && /^ $/.test(gap(j - 1)) && DATASET_NOUN.test(words[j]!.text) && !FILLER.has(words[i]!.text.toLowerCase())) {
    return { name: text.slice(w.start, words[j - 1]!.end), start: w.start, end: words[j - 1]!.end, next: j };
  }
  return null;
}

/** The names of a list running from `from`: names joined by commas and "and", fillers skipped. */
function namesFrom(text: string, from: number, limit: number): FreeName[] {
  const end = Math.min(text.length, from + limit);
  const stop = /[.;:!?()\[\]]\s|[.!?]$/g;
  stop.lastIndex = from;
  const stopAt = stop.exec(text)?.index ?? end;
  const words = wordsOf(text, from, Math.min(end, stopAt + 1));
  const out: FreeName[] = [];
  let i = 0;
  while (i < words.length && out.length < 12) {
    const found = nameAt(text, words, i);
    if (found) {
      if (acceptable(found.name)) out.push({ name: found.name, start: found.start, end: found.end });
      i = found.next;
      // Past a name: a dataset noun, "(…)" or a count may follow; then a joiner continues the list.
      while (i < words.length && (DATASET_NOUN.test(words[i]!.text) || FILLER.has(words[i]!.text.toLowerCase())) && /^\s+$/.test(text.slice(words[i - 1]!.end, words[i]!.start))) i++;
      if (i >= words.length) break;
      const between = text.slice(words[i - 1]!.end, words[i]!.start);
      const comma = /^\s*[,;/]\s*$/.test(between);
      if (!comma && !/^\s+$/.test(between)) break;
      if (CONJUNCTION.test(words[i]!.text)) i++;
      else if (!comma) break;
      continue;
    }
    // Before the first name, fillers ("the training sets of") may stand; anything else ends it.
    if (FILLER.has(words[i]!.text.toLowerCase()) || /^\d[\d,.]*[kKmMbB]?$/.test(words[i]!.text)) {
      i++;
      continue;
    }
    break;
  }
  return out;
}

/** Names written after a sourcing cue in a sentence. */
export function freeNamesAfterCues(sentence: string): FreeName[] {
  if (OURS_OR_SCORES.test(sentence)) return [];
  const out: FreeName[] = [];
  for (const m of sentence.matchAll(CUE)) out.push(...namesFrom(sentence, m.index! + m[0].length, 240));
  return dedupe(out);
}

// A row of a results table ("| X (ours) | 24.7 |") compares datasets; it does not list sources.
// (Rows of a table the text labels as its sources are entries, counts and all: the caller says which.)
const OURS = /\(ours\)/i;
const OURS_OR_SCORES = /\(ours\)|^\|.*\|\s*[\d.,]+\s*%?\s*\|/i;

/** The name an entry of a sources list or table is about: its bold label, or the words that open it. */
export function freeNameOfEntry(entry: string): FreeName | null {
  const m = /^\s*(?:[-*+•]|\d+[.)]|\|)\s*(?:\*\*|__|\[)?/.exec(entry);
  // The name opens the entry (after a count: "~1 million of X"); a bracketed note does not.
  if (!m || OURS.test(entry) || /^[^\p{L}\p{N}~]/u.test(entry.slice(m[0].length))) return null;
  const names = namesFrom(entry, m[0].length, 80);
  return names[0] ?? null;
}

function dedupe(names: FreeName[]): FreeName[] {
  const seen = new Set<string>();
  return names.filter((n) => !seen.has(spelled(n.name)) && seen.add(spelled(n.name)));
}
