import { describe, expect, it } from "vitest";
import { isNewer, pickHubMatch, sameName } from "./names";

describe("sameName", () => {
  it("ignores case, punctuation, a leading 'the' and trailing filler words", () => {
    expect(sameName("MetaMathQA", "meta-math/MetaMathQA")).toBe(true);
    expect(sameName("the GSM8K dataset", "openai/gsm8k")).toBe(true);
    expect(sameName("Orca Math", "microsoft/orca-math")).toBe(true);
  });

  it("never takes a hosting site's name for a dataset of that name", () => {
    expect(sameName("arXiv", "someone/arxiv")).toBe(false);
    expect(sameName("GitHub", "someone/GitHub")).toBe(false);
    expect(pickHubMatch("arXiv", [{ id: "someone/arxiv", downloads: 5000 }])).toEqual({ id: null, reason: "no_match", candidates: [] });
  });

  it("never merges versions, years or sizes", () => {
    expect(sameName("MATH", "HuggingFaceH4/MATH-500")).toBe(false);
    expect(sameName("AIME 2024", "opencompass/AIME2025")).toBe(false);
    expect(sameName("OpenHermes 2.5", "teknium/OpenHermes-2")).toBe(false);
    expect(sameName("Tulu 3 SFT mix", "allenai/tulu-v2-sft-mixture")).toBe(false);
  });
});

describe("pickHubMatch", () => {
  it("takes the only matching id", () => {
    expect(pickHubMatch("MetaMathQA", [{ id: "meta-math/MetaMathQA", downloads: 5 }, { id: "x/MetaMathQA-40K", downloads: 9 }])).toEqual({ id: "meta-math/MetaMathQA" });
  });

  it("prefers a dominant original over re-uploads, and leaves near ties unresolved", () => {
    expect(pickHubMatch("gsm8k", [{ id: "openai/gsm8k", downloads: 500_000 }, { id: "someone/gsm8k", downloads: 30 }])).toEqual({ id: "openai/gsm8k" });
    expect(pickHubMatch("ShareGPT", [{ id: "a/sharegpt", downloads: 100 }, { id: "b/ShareGPT", downloads: 80 }])).toMatchObject({ id: null, reason: "ambiguous" });
    expect(pickHubMatch("NoSuch", [{ id: "a/other", downloads: 1 }])).toMatchObject({ id: null, reason: "no_match" });
  });
});

describe("isNewer", () => {
  it("is true only when both dates are known and the upstream came later", () => {
    expect(isNewer("2025-01-01T00:00:00Z", "2024-06-01T00:00:00Z")).toBe(true);
    expect(isNewer("2023-01-01T00:00:00Z", "2024-06-01T00:00:00Z")).toBe(false);
    expect(isNewer(null, "2024-06-01T00:00:00Z")).toBe(false);
    expect(isNewer("2025-01-01T00:00:00Z", null)).toBe(false);
  });
});
