import { fakeModel } from "@langchain/core/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { extractRules } from "./extraction/rules";
import { createExtractor, parseModelSpec, PROVIDERS } from "./model";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("parseModelSpec", () => {
  it("reads rules from nothing, blank or rules", () => {
    for (const spec of [undefined, "", "  ", "rules", "RULES", " rules "]) expect(parseModelSpec(spec), String(spec)).toEqual({ kind: "rules" });
  });

  it("reads provider:model, keeping everything after the first colon as the model", () => {
    expect(parseModelSpec("openai:gpt-4o-mini")).toEqual({ kind: "llm", provider: "openai", model: "gpt-4o-mini", id: "openai:gpt-4o-mini" });
    expect(parseModelSpec("anthropic:claude-3-5-haiku-latest")).toMatchObject({ provider: "anthropic", model: "claude-3-5-haiku-latest" });
    expect(parseModelSpec("ollama:llama3")).toMatchObject({ provider: "ollama", model: "llama3", id: "ollama:llama3" });
    expect(parseModelSpec("ollama:qwen2.5:7b")).toMatchObject({ provider: "ollama", model: "qwen2.5:7b", id: "ollama:qwen2.5:7b" });
    expect(parseModelSpec(" OpenAI:gpt-4o ")).toMatchObject({ provider: "openai", id: "openai:gpt-4o" });
  });

  it("rejects anything else as a bad request that says what is accepted", () => {
    for (const spec of ["gpt-4o-mini", "openai", "openai:", "openai: ", "magic:model-1", ":gpt-4o", "openai:gpt 4o", "toString:x"]) {
      let error: unknown;
      try {
        parseModelSpec(spec);
      } catch (e) {
        error = e;
      }
      expect(error, spec).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("bad_request:params");
      expect((error as AppError).message).toMatch(/use "rules" or provider:model/);
    }
  });
});

describe("createExtractor", () => {
  const input = { dataset: "acme/x", text: "The prompts are sampled from the training set of openai/gsm8k.", source: "card" as const };

  it("is the rules extractor when LINEAGE_MODEL is unset or rules", async () => {
    vi.stubEnv("LINEAGE_MODEL", undefined);
    for (const extractor of [await createExtractor(), await createExtractor({ spec: "rules" })]) {
      expect(extractor.id).toBe("rules");
      expect(await extractor.extract(input)).toEqual(extractRules(input));
    }
    vi.stubEnv("LINEAGE_MODEL", "rules");
    expect((await createExtractor({ chatModel: fakeModel() })).id).toBe("rules");
  });

  it("follows LINEAGE_MODEL to an llm extractor, and an explicit spec over the variable", async () => {
    const answer = { upstreams: [{ upstream: "openai/gsm8k", relation: "DIRECT_INCLUSION", confidence: 0.9, split: "train", quote: input.text }] };
    vi.stubEnv("LINEAGE_MODEL", "anthropic:claude-3-5-haiku-latest");
    const extractor = await createExtractor({ chatModel: fakeModel().structuredResponse(answer) });
    expect(extractor.id).toBe("anthropic:claude-3-5-haiku-latest");
    expect((await extractor.extract(input)).edges).toEqual([{ upstream: "openai/gsm8k", relation: "DIRECT_INCLUSION", confidence: 0.9, split: "TRAIN", evidence: { source: "card", quote: input.text } }]);
    expect((await createExtractor({ spec: "rules" })).id).toBe("rules");
    expect((await createExtractor({ spec: "ollama:llama3", chatModel: fakeModel() })).id).toBe("ollama:llama3");
  });

  it("rejects a bad LINEAGE_MODEL", async () => {
    vi.stubEnv("LINEAGE_MODEL", "gpt-4o");
    await expect(createExtractor()).rejects.toMatchObject({ code: "bad_request:params" });
  });

  // No provider package ships with Rootline, so this is what a user without one sees.
  it("names the missing provider package, its install command and what else it needs", async () => {
    await expect(createExtractor({ spec: "openai:gpt-4o-mini" })).rejects.toMatchObject({
      code: "unavailable",
      message: "The model openai:gpt-4o-mini needs the @langchain/openai package: npm install @langchain/openai, and OPENAI_API_KEY.",
    });
    for (const [provider, { package: pkg, needs }] of Object.entries(PROVIDERS)) {
      const error = await createExtractor({ spec: `${provider}:some-model` }).catch((e: unknown) => e);
      expect(error, provider).toBeInstanceOf(AppError);
      expect((error as AppError).message, provider).toBe(`The model ${provider}:some-model needs the ${pkg} package: npm install ${pkg}, and ${needs}.`);
    }
  });
});
