import { describe, expect, it } from "vitest";
import { isModelId, modelSignals } from "./rules-models";

describe("isModelId", () => {
  it("reads sizes, tuning suffixes, quantisation and families as models", () => {
    for (const id of [
      "mistralai/Mixtral-8x22B-Instruct-v0.1",
      "Qwen/Qwen2.5-1.5B-Instruct",
      "meta-llama/Llama-3-8B-Instruct",
      "deepseek-ai/DeepSeek-R1",
      "acme/Tiny-135M",
      "someone/OpenHermes-2.5-Mistral-7B",
      "someone/some-model-GGUF",
      "someone/helper-chat",
      "/Llama-3-70B-Instruct",
    ])
      expect(isModelId(id), id).toBe(true);
  });

  it("does not read a dataset word inside another word ('Mixtral' holds no 'mix')", () => {
    expect(modelSignals("Mixtral-8x22B-Instruct-v0.1").dataset).toBe(false);
    expect(modelSignals("math-mix").dataset).toBe(true);
    expect(modelSignals("MetaMathQA").dataset).toBe(true);
  });

  it("never makes a name without a model signal a model because of its owner", () => {
    for (const id of ["openai/openai_humaneval", "google/IFEval", "openai/gsm8k", "microsoft/orca-math-word-problems-200k"])
      expect(isModelId(id), id).toBe(false);
  });

  it("lets a dataset word win over a model signal unless a model organisation shows a size or family", () => {
    expect(isModelId("lmsys/lmsys-chat-1m")).toBe(false);
    expect(isModelId("tiiuae/falcon-web-corpus")).toBe(false);
    expect(isModelId("google/gemma-2-it-preferences")).toBe(true);
    expect(isModelId("acme/MathX-5M")).toBe(false);
    expect(isModelId("someone/WizardLM_evol_instruct_70k")).toBe(false);
    expect(isModelId("someone/llama-7b-sft-data")).toBe(false);
    expect(isModelId("meta-llama/Llama-3.1-8B-sft-data")).toBe(true);
  });
});
