/**
 * The one place a model is chosen: LINEAGE_MODEL (or --model) is "rules" or provider:model.
 * Provider packages are optional: none ships with Rootline, so a chat model is loaded on
 * demand through LangChain's initChatModel and a missing package is a clear, typed error.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AppError } from "@/lib/errors";
import { rulesExtractor, type Extractor } from "./extraction/extractor";
import { llmExtractor } from "./extraction/llm";

export type ModelSpec = { kind: "rules" } | { kind: "llm"; provider: string; model: string; id: string };
export type LlmSpec = Extract<ModelSpec, { kind: "llm" }>;

type Provider = { package: string; needs: string };

/** Providers LangChain can load, with what each needs besides its package. */
export const PROVIDERS: Record<string, Provider> = {
  openai: { package: "@langchain/openai", needs: "OPENAI_API_KEY" },
  anthropic: { package: "@langchain/anthropic", needs: "ANTHROPIC_API_KEY" },
  ollama: { package: "@langchain/ollama", needs: "a running Ollama server (OLLAMA_BASE_URL, default http://127.0.0.1:11434)" },
  "google-genai": { package: "@langchain/google-genai", needs: "GOOGLE_API_KEY" },
  mistralai: { package: "@langchain/mistralai", needs: "MISTRAL_API_KEY" },
  groq: { package: "@langchain/groq", needs: "GROQ_API_KEY" },
};

const SPEC_HELP = `use "rules" or provider:model with provider one of ${Object.keys(PROVIDERS).join(", ")} (for example openai:gpt-4o-mini, anthropic:claude-3-5-haiku-latest, ollama:llama3)`;
// Ollama tags ("llama3:8b") and registry paths ("hf.co/org/model") are model names too.
const MODEL_NAME = /^[A-Za-z0-9][\w.:@/+-]*$/;

export function parseModelSpec(spec: string | undefined): ModelSpec {
  const text = spec?.trim() ?? "";
  if (!text || text.toLowerCase() === "rules") return { kind: "rules" };
  const colon = text.indexOf(":");
  const provider = colon > 0 ? text.slice(0, colon).toLowerCase() : "";
  const model = colon > 0 ? text.slice(colon + 1).trim() : "";
  if (!provider) throw new AppError("bad_request:params", `Unknown model "${text}": ${SPEC_HELP}.`);
  if (!Object.hasOwn(PROVIDERS, provider)) throw new AppError("bad_request:params", `Unknown model provider "${provider}" in "${text}": ${SPEC_HELP}.`);
  if (!MODEL_NAME.test(model)) throw new AppError("bad_request:params", `Model "${text}" names no model after "${provider}:": ${SPEC_HELP}.`);
  return { kind: "llm", provider, model, id: `${provider}:${model}` };
}

function missingPackage(error: unknown, pkg: string): boolean {
  const e = error as { code?: unknown; message?: unknown };
  const message = typeof e?.message === "string" ? e.message : "";
  return e?.code === "ERR_MODULE_NOT_FOUND" || (message.includes(pkg) && /unable to import|cannot find|not found|failed to (load|resolve)/i.test(message));
}

/** A chat model for an llm spec, at temperature 0 so runs repeat. */
export async function createChatModel(spec: LlmSpec): Promise<BaseChatModel> {
  const provider = PROVIDERS[spec.provider]!;
  // Loaded lazily: rules mode, the default, never pulls in the model machinery.
  const { initChatModel } = await import("langchain/chat_models/universal");
  try {
    return await initChatModel(spec.model, { modelProvider: spec.provider, temperature: 0 });
  } catch (error) {
    if (missingPackage(error, provider.package)) {
      throw new AppError(
        "unavailable",
        `The model ${spec.id} needs the ${provider.package} package: npm install ${provider.package}, and ${provider.needs}.`,
        { model: spec.id, package: provider.package },
      );
    }
    throw new AppError("unavailable", `The model ${spec.id} could not be started (it needs ${provider.needs}): ${(error as Error).message}`, { model: spec.id });
  }
}

/** The extractor for a spec (default LINEAGE_MODEL, and rules when that is unset). Tests inject a fake chatModel. */
export async function createExtractor(options: { spec?: string; chatModel?: BaseChatModel } = {}): Promise<Extractor> {
  const spec = parseModelSpec(options.spec ?? process.env.LINEAGE_MODEL);
  if (spec.kind === "rules") return rulesExtractor();
  return llmExtractor(options.chatModel ?? (await createChatModel(spec)), spec.id);
}
