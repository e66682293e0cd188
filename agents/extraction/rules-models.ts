/**
 * Model ids versus dataset ids. Cards name teacher and base models in the same "owner/name"
 * form as their sources, so a candidate is judged by the words of its name: a parameter size
 * ("8x22B", "7B", "135M"), a quantisation or tuning suffix ("-GGUF", "-Instruct") or a model
 * family ("Mixtral", "Qwen2.5") says model; a dataset word standing as a word of its own
 * ("-mix", "_qa", "MetaMathQA", "200k") says dataset. The owner only breaks ties: a model
 * organisation publishes datasets too ("openai/gsm8k", "google/IFEval"), so it never makes a
 * name without a model signal a model, but it lets a model signal outweigh a dataset word.
 */

// A row count is written in thousands or a few millions ("MathX-5M", "OpenThoughts2-1M");
// models sized in millions of parameters are written in hundreds ("135M", "360M").
const PARAMETER_SIZE = /^(\d+(\.\d+)?[bB]|\d+x\d+(\.\d+)?[bB]|\d{3,}[mM])$/;
const QUANTISED = /^(gguf|awq|gptq|exl2|fp8|fp16|bf16|int4|int8|mlx|onnx)$/i;
const TUNING_SUFFIX = /^(instruct|chat|hf|base|it)$/i;
const MODEL_FAMILY = /^(llama|meta-llama|qwen\d?|qwq|mistral|mixtral|gemma|gemini|phi-?\d|gpt-?\d|deepseek-(r1|v\d|coder|math|llm)|claude|falcon|vicuna|olmo|tulu-?\d?-\d|yi-)/i;
const MODEL_ORGS = new Set(["meta-llama", "mistralai", "google", "microsoft", "openai", "deepseek-ai", "qwen", "tiiuae", "anthropic", "thebloke", "lmsys", "01-ai", "gemini"]);

const DATASET_WORDS = new Set([
  "data", "dataset", "datasets", "set", "sets", "corpus", "corpora", "instructions", "bench", "benchmark", "eval", "evals",
  "mix", "mixture", "sft", "pairs", "problems", "questions", "prompts", "conversations", "dialogs", "dialogues",
  "collection", "evol", "cleaned", "qa", "cot", "preferences", "web",
]);
const ROW_COUNT = /^(\d+(\.\d+)?[kK]|\d{1,2}(\.\d+)?[mM])$/;

/** The words of a name: split at separators, and once more at case changes ("MetaMathQA" → Meta, Math, QA). */
function words(name: string): { parts: string[]; subparts: string[] } {
  const parts = name.split(/[-_.\s]+/).filter(Boolean);
  const subparts = parts.flatMap((p) => p.split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u));
  return { parts, subparts };
}

/** "size": a parameter size or quantisation format; "family": a family name with a tuning suffix. */
export type ModelSignals = { model: "size" | "family" | "weak" | null; dataset: boolean };

export function modelSignals(name: string): ModelSignals {
  const { parts, subparts } = words(name);
  const dataset = parts.some((p) => ROW_COUNT.test(p)) || [...parts, ...subparts].some((p) => DATASET_WORDS.has(p.toLowerCase()));
  // "1.5B" splits into "1" and "5B", which still reads as a size.
  if (parts.some((p) => PARAMETER_SIZE.test(p) || QUANTISED.test(p))) return { model: "size", dataset };
  const family = MODEL_FAMILY.test(name);
  const tuned = parts.some((p) => TUNING_SUFFIX.test(p));
  if (family && tuned) return { model: "family", dataset };
  return { model: family || tuned ? "weak" : null, dataset };
}

export function isModelId(key: string): boolean {
  const [owner = "", name = ""] = key.split("/");
  const { model, dataset } = modelSignals(name);
  if (!model) return false;
  if (!dataset) return true;
  // A dataset word in a model organisation's name does not outweigh a size or a tuned family
  // ("mistralai/Mixtral-8x22B-Instruct-v0.1"); a bare "-chat" or family name does
  // ("lmsys/lmsys-chat-1m", "tiiuae/falcon-web-corpus").
  return model !== "weak" && MODEL_ORGS.has(owner.toLowerCase());
}
