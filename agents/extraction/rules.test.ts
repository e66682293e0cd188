import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractRules } from "./rules";
import { verifyEdges } from "./verify";

const card = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
const summary = (dataset: string, text: string, aliases?: Map<string, string>) =>
  extractRules({ dataset, text, source: "card", aliases }).edges.map((e) => [e.upstream, e.relation, e.confidence, e.split]);

describe("extractRules", () => {
  it("finds metadata, links, source lists, mixture rows and cued mentions — and nothing else", () => {
    expect(summary("acme/math-mix", card("mixture-card.md"))).toEqual([
      ["openai/gsm8k", "DIRECT_INCLUSION", 0.95, "UNKNOWN"],
      ["meta-math/MetaMathQA", "DIRECT_INCLUSION", 0.9, "UNKNOWN"],
      ["AI-MO/NuminaMath-CoT", "DIRECT_INCLUSION", 0.85, "UNKNOWN"],
      ["TIGER-Lab/MathInstruct", "STRUCTURED_FUSION", 0.85, "UNKNOWN"],
      ["microsoft/orca-math-word-problems-200k", "STRUCTURED_FUSION", 0.85, "UNKNOWN"],
      ["hendrycks/competition_math", "SEMANTIC_EVOLUTION", 0.75, "TRAIN"],
      ["nvidia/OpenMathInstruct-2", "COT_DISTILLATION", 0.75, "UNKNOWN"],
    ]);
  });

  it("says why it dropped models, benchmarks, decontamination sets and non-ids", () => {
    const { dropped } = extractRules({ dataset: "acme/math-mix", text: card("mixture-card.md"), source: "card" });
    expect(dropped).toEqual([
      { candidate: "original", reason: "not_a_dataset_id" },
      { candidate: "deepseek-ai/DeepSeek-R1", reason: "model" },
      { candidate: "meta-llama/Llama-3-8B-Instruct", reason: "model" },
      { candidate: "HuggingFaceH4/MATH-500", reason: "decontamination" },
    ]);
  });

  it("uses known names only outside evaluation sentences", () => {
    const aliases = new Map([["gsm8k", "openai/gsm8k"], ["math", "EleutherAI/hendrycks_math"], ["metamathqa", "meta-math/MetaMathQA"]]);
    const text = "We evaluate on GSM8K and MATH.\nThe questions are sampled from the training set of MetaMathQA.";
    expect(summary("acme/x", text, aliases)).toEqual([["meta-math/MetaMathQA", "DIRECT_INCLUSION", 0.75, "TRAIN"]]);
  });

  it("ignores an injected instruction and keeps the real source", () => {
    expect(summary("acme/helpful-chat", card("injection-card.md"))).toEqual([["OpenAssistant/oasst1", "DIRECT_INCLUSION", 0.75, "UNKNOWN"]]);
  });

  it("never lists the dataset itself and classifies a merged collection as fusion", () => {
    const result = extractRules({ dataset: "ACME/Self-Referential", text: card("self-card.md"), source: "card" });
    expect(result.edges.map((e) => [e.upstream, e.relation])).toEqual([
      ["teknium/OpenHermes-2.5", "DIRECT_INCLUSION"],
      ["WizardLM/WizardLM_evol_instruct_70k", "STRUCTURED_FUSION"],
      ["Open-Orca/SlimOrca", "STRUCTURED_FUSION"],
    ]);
    expect(result.dropped).toContainEqual({ candidate: "acme/self-referential", reason: "self" });
  });

  it("quotes verbatim, so verification keeps every edge", () => {
    for (const [id, name] of [["acme/math-mix", "mixture-card.md"], ["acme/helpful-chat", "injection-card.md"], ["acme/self-referential", "self-card.md"]]) {
      const text = card(name!);
      const { edges } = extractRules({ dataset: id!, text, source: "card" });
      expect(verifyEdges(edges, text).dropped).toEqual([]);
      for (const e of edges) expect(text).toContain(e.evidence.quote);
    }
  });

  it("keeps one edge per upstream, the best supported", () => {
    const text = "Some prompts mention allenai/tulu-3-sft-mixture.\n\n## Sources\n\n- allenai/tulu-3-sft-mixture";
    const { edges } = extractRules({ dataset: "acme/y", text, source: "card" });
    expect(edges).toEqual([
      { upstream: "allenai/tulu-3-sft-mixture", relation: "DIRECT_INCLUSION", confidence: 0.85, split: "UNKNOWN", evidence: { source: "card", quote: "- allenai/tulu-3-sft-mixture" } },
    ]);
  });
});

describe("extractRules with an alias table", () => {
  it("matches known names across spellings, only as whole words", () => {
    const aliases = new Map([["openhermes-2.5", "teknium/OpenHermes-2.5"], ["slimorca", "Open-Orca/SlimOrca"]]);
    const text = "We fine-tune on a combination of OpenHermes 2.5 and SlimOrca.\nSlimOrcaDedup is not used here.";
    expect(summary("acme/z", text, aliases)).toEqual([
      ["teknium/OpenHermes-2.5", "STRUCTURED_FUSION", 0.75, "UNKNOWN"],
      ["Open-Orca/SlimOrca", "STRUCTURED_FUSION", 0.75, "UNKNOWN"],
    ]);
  });
});
