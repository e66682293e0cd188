import { describe, expect, it } from "vitest";
import { externalUrl, formatKey, keyFromName, keyFromPathSegments, keyFromUrl, keyToPath, normalizeKey, parseKey } from "./keys";

describe("parseKey", () => {
  it.each([
    ["openai/gsm8k", { scheme: "HUB", owner: "openai", name: "gsm8k" }],
    ["EleutherAI/hendrycks_math", { scheme: "HUB", owner: "EleutherAI", name: "hendrycks_math" }],
    ["github:tatsu-lab/stanford_alpaca", { scheme: "GITHUB", owner: "tatsu-lab", repo: "stanford_alpaca" }],
    ["arxiv:2309.12284", { scheme: "ARXIV", id: "2309.12284" }],
    ["web:data.mendeley.com/datasets/834vsxnb99/3", { scheme: "WEB", host: "data.mendeley.com", path: "datasets/834vsxnb99/3" }],
    ["corpus:stack-exchange", { scheme: "CORPUS", slug: "stack-exchange" }],
  ])("parses %s", (input, expected) => {
    expect(parseKey(input)).toEqual(expected);
    expect(formatKey(parseKey(input)!)).toBe(input);
  });

  it.each(["", "gsm8k", "a/b/c", "/gsm8k", "openai/", "openai/gsm 8k", "owner/..", "corpus:Stack Exchange", "corpus:", "ftp:x/y", "github:a/b/c", "arxiv:12.3", "web:not a host", "x".repeat(301)])(
    "rejects %j",
    (input) => expect(parseKey(input)).toBeNull(),
  );
});

describe("keyFromName", () => {
  it("keeps Hub ids and classifies URLs", () => {
    expect(keyFromName("meta-math/MetaMathQA")?.key).toBe("meta-math/MetaMathQA");
    expect(keyFromName("https://huggingface.co/datasets/openai/gsm8k/viewer")?.key).toBe("openai/gsm8k");
    expect(keyFromName("https://github.com/nlpxucan/WizardLM.git")?.key).toBe("github:nlpxucan/WizardLM");
    expect(keyFromName("http://arxiv.org/abs/2309.12284v2")?.key).toBe("arxiv:2309.12284");
    expect(keyFromName("https://data.mendeley.com/datasets/834vsxnb99/3")?.key).toBe("web:data.mendeley.com/datasets/834vsxnb99/3");
  });

  it("turns free names into corpus keys and keeps the written name for display", () => {
    expect(keyFromName("Stack Exchange")).toEqual({ key: "corpus:stack-exchange", scheme: "CORPUS", displayName: "Stack Exchange" });
    expect(keyFromName("HARP(Human Annotated Reasoning Problems)")?.key).toBe("corpus:harp-human-annotated-reasoning-problems");
    expect(keyFromName("prithwirajsust/bengali-news-summarization-dataset (Kaggle)")?.key).toBe(
      "corpus:prithwirajsust-bengali-news-summarization-dataset-kaggle",
    );
    expect(keyFromName("  ")).toBeNull();
    expect(keyFromName("!!!")).toBeNull();
  });
});

describe("route paths", () => {
  it.each(["openai/gsm8k", "github:nlpxucan/WizardLM", "corpus:stack-exchange", "web:data.mendeley.com/datasets/834vsxnb99/3", "arxiv:2309.12284"])(
    "round-trips %s",
    (key) => {
      const segments = keyToPath(key).split("/");
      expect(keyFromPathSegments(segments)).toBe(key);
    },
  );
  it("rejects malformed segments", () => {
    expect(keyFromPathSegments(["only-one"])).toBeNull();
    expect(keyFromPathSegments(["%E0%A4%A", "x"])).toBeNull();
    expect(keyFromPathSegments([])).toBeNull();
  });
});

it("normalises and links", () => {
  expect(normalizeKey("EleutherAI/Hendrycks_MATH")).toBe("eleutherai/hendrycks_math");
  expect(externalUrl("openai/gsm8k")).toBe("https://huggingface.co/datasets/openai/gsm8k");
  expect(externalUrl("corpus:x")).toBeNull();
  expect(keyFromUrl("mailto:a@b.c")).toBeNull();
});
