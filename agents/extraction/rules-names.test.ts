import { describe, expect, it } from "vitest";
import { findNames, nameIndex, nameInIdentifier } from "./rules-names";

const aliases = new Map([
  ["openhermes-2.5", "teknium/OpenHermes-2.5"],
  ["ultrachat", "stingning/ultrachat"],
  ["orca-math-word-problems-200k", "microsoft/orca-math-word-problems-200k"],
  ["the-stack-v2", "bigcode/the-stack-v2"],
  ["the-stack", "bigcode/the-stack"],
  ["numinamath-cot", "AI-MO/NuminaMath-CoT"],
  ["numinamath-1.5", "AI-MO/NuminaMath-1.5"],
  ["magicoder-oss-instruct-75k", "ise-uiuc/Magicoder-OSS-Instruct-75K"],
  ["alpaca", "tatsu-lab/alpaca"],
  ["codealpaca-20k", "sahil2801/CodeAlpaca-20k"],
  ["codealpaca_20k", "HuggingFaceH4/CodeAlpaca_20K"],
  ["instruction-dataset", "someone/instruction-dataset"],
  ["dataset-of-tables", "someone/dataset-of-tables"],
  ["sharegpt_vicuna", "someone/sharegpt_vicuna"],
  ["sharegpt52k", "other/ShareGPT52K"],
  ["afriqa", "masakhane/afriqa"],
  ["qwq-longcot-130k", "amphora/QwQ-LongCoT-130K"],
]);
const keys = (text: string) => findNames(text, nameIndex(aliases)).map((h) => [h.key, h.raw, h.via]);

describe("findNames", () => {
  it("matches a known name in any spelling, as the verbatim words written", () => {
    expect(keys("We mix OpenHermes 2.5 with ultra_chat and Ultra-Chat.")).toEqual([
      ["teknium/OpenHermes-2.5", "OpenHermes 2.5", "exact"],
      ["stingning/ultrachat", "ultra_chat", "exact"],
      ["stingning/ultrachat", "Ultra-Chat", "exact"],
    ]);
  });

  it("prefers the longest name and joins a name broken across lines", () => {
    expect(keys("seed code comes from The Stack\nv2, not The Stack.")).toEqual([
      ["bigcode/the-stack-v2", "The Stack\nv2", "exact"],
      ["bigcode/the-stack", "The Stack", "exact"],
    ]);
  });

  it("reads a short form only when one dataset fits and it is written like a name", () => {
    expect(keys("problems from Orca-Math and Orca-math")).toEqual([
      ["microsoft/orca-math-word-problems-200k", "Orca-Math", "stem"],
      ["microsoft/orca-math-word-problems-200k", "Orca-math", "stem"],
    ]);
    // Two NuminaMath releases: the bare family name is not one of them.
    expect(keys("taken from NuminaMath")).toEqual([]);
    // Ordinary words are prefixes of many names.
    expect(keys("The dataset card lists them. Table 3.")).toEqual([]);
    // "sharegpt" also begins another known name, so it is no short form of either.
    expect(keys("conversations from ShareGPT")).toEqual([]);
  });

  it("strips a footnote marker stuck to a name", () => {
    expect(keys("datasets: Magicoder-OSS-Instruct1, and Alpaca2.")).toEqual([
      ["ise-uiuc/Magicoder-OSS-Instruct-75K", "Magicoder-OSS-Instruct", "stem"],
      ["tatsu-lab/alpaca", "Alpaca", "exact"],
    ]);
  });

  it("does not read names inside identifiers, ids or prose phrases", () => {
    expect(keys("OpenHermes-2.5-Mistral-7B is a model; see teknium/OpenHermes-2.5 and alpaca/x.")).toEqual([]);
    expect(keys("a 52k instruction dataset of prompts")).toEqual([]);
  });

  it("does not read the last word of a name that several datasets share", () => {
    // "Code Alpaca" is known under two ids, so it proves neither, and it is not "Alpaca".
    expect(keys("all examples from Code Alpaca")).toEqual([]);
  });
});

describe("nameInIdentifier", () => {
  it("finds the known dataset a configuration is named after", () => {
    const index = nameIndex(aliases);
    expect(nameInIdentifier("translated_afriqa", index)).toEqual({ key: "masakhane/afriqa", via: "exact" });
    expect(nameInIdentifier("QwQ-LongCoT-130K-math", index)).toEqual({ key: "amphora/QwQ-LongCoT-130K", via: "exact" });
    expect(nameInIdentifier("default", index)).toBeNull();
    expect(nameInIdentifier("en", index)).toBeNull();
  });
});

describe("ordinary words that are also dataset names", () => {
  it("reads lower-case 'math' as the word, the capitalised acronym as the name, and keeps coined lower-case names", () => {
    const index = nameIndex(new Map([["math", "EleutherAI/hendrycks_math"], ["flan", "open-orca/flan"]]));
    expect(findNames("A mix of math problems with solutions.", index)).toEqual([]);
    expect(findNames("Problems from MATH and flan.", index).map((h) => h.key)).toEqual(["EleutherAI/hendrycks_math", "open-orca/flan"]);
  });
});

describe("short forms and footnotes that prove nothing", () => {
  const index = nameIndex(
    new Map([
      ["evol-instruct-code-80k", "acme/Evol-Instruct-Code-80k"],
      ["wizard_evol_instruct_70k", "wiz/wizard_evol_instruct_70k"],
      ["orca-math-word-problems-200k", "microsoft/orca-math-word-problems-200k"],
      ["alpaca", "tatsu-lab/alpaca"],
      ["codealpaca-20k", "sahil2801/CodeAlpaca-20k"],
      ["codealpaca_20k", "HuggingFaceH4/CodeAlpaca_20K"],
      ["code-alpaca", "someone/code-alpaca"],
      ["code_alpaca", "other/code_alpaca"],
      ["dolly-15k-ja", "kuni/dolly-15k-ja"],
    ]),
  );
  const found = (text: string) => findNames(text, index).map((h) => [h.key, h.raw]);

  it("does not read a short form that also stands inside another known name", () => {
    // "Evol-Instruct" starts one name and is the middle of another: it names neither.
    expect(found("We apply Evol-Instruct to the seed set.")).toEqual([]);
    // Positive control: a short form no other name contains still resolves.
    expect(found("Problems come from Orca-Math.")).toEqual([["microsoft/orca-math-word-problems-200k", "Orca-Math"]]);
  });

  it("does not read the last word of a shared name with a footnote marker as another dataset", () => {
    expect(found("initialised with the dataset called Code Alpaca3.")).toEqual([]);
    expect(found("the Alpaca3 data")).toEqual([["tatsu-lab/alpaca", "Alpaca"]]);
  });

  it("reads a two-digit footnote marker off a name", () => {
    expect(found("• dolly-15k-ja18: a translated version")).toEqual([["kuni/dolly-15k-ja", "dolly-15k-ja"]]);
  });

  it("does not fall back to a word inside an identifier whose whole name two datasets share", () => {
    expect(nameInIdentifier("code_alpaca_20k", index)).toBeNull();
    expect(nameInIdentifier("alpaca_clean", index)).toEqual({ key: "tatsu-lab/alpaca", via: "exact" });
  });
});
