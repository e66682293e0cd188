import { describe, expect, it } from "vitest";
import { matchScore, normalizeForMatch, queryTokens, rankMatches } from "./match";

describe("normalizeForMatch", () => {
  it("lower-cases and turns every run of punctuation into one space", () => {
    expect(normalizeForMatch("teknium/OpenHermes-2.5")).toBe("teknium openhermes 2.5");
    expect(normalizeForMatch("  corpus:stack_exchange -- v1  ")).toBe("corpus stack exchange v1");
    expect(normalizeForMatch("github:nlpxucan/WizardLM")).toBe("github nlpxucan wizardlm");
  });

  it("keeps a point only between two digits", () => {
    expect(normalizeForMatch("Llama-3.1.json")).toBe("llama 3.1 json");
    expect(normalizeForMatch("v.2")).toBe("v 2");
    expect(normalizeForMatch("2.")).toBe("2");
    expect(normalizeForMatch("2..5")).toBe("2 5");
    expect(normalizeForMatch("a.-5")).toBe("a 5");
    expect(normalizeForMatch("1.2.3")).toBe("1.2.3");
  });

  it("drops Latin accents, folds compatibility forms and keeps other scripts", () => {
    expect(normalizeForMatch("Café-Crème")).toBe("cafe creme");
    expect(normalizeForMatch("ＧＳＭ８Ｋ")).toBe("gsm8k");
    expect(normalizeForMatch("数学/問題")).toBe("数学 問題");
    expect(normalizeForMatch("データ")).toBe("データ");
    expect(normalizeForMatch("%_/\\")).toBe("");
  });
});

describe("queryTokens", () => {
  it("splits, drops empties and duplicates, and keeps at most eight", () => {
    expect(queryTokens(" Hermes  2.5 ")).toEqual(["hermes", "2.5"]);
    expect(queryTokens("gsm GSM gsm-8k")).toEqual(["gsm", "8k"]);
    expect(queryTokens("a b c d e f g h i j")).toEqual(["a", "b", "c", "d", "e", "f", "g", "h"]);
    expect(queryTokens(" -/- ")).toEqual([]);
  });
});

describe("matchScore", () => {
  const hermes = ["teknium/OpenHermes-2.5", "OpenHermes-2.5"];
  const ultra = ["openbmb/UltraFeedback", "UltraFeedback"];

  it("matches when every word occurs in some field", () => {
    // "hermes" is inside "openhermes", "2.5" starts a word: not every word at a word start.
    expect(matchScore("hermes 2.5", hermes)).toBe(3);
    expect(matchScore("teknium 2.5", hermes)).toBe(2);
    // Words may come from different fields.
    expect(matchScore("bmb classic", ["openbmb/UltraFeedback", "UltraFeedback", "Classic Feedback"])).toBe(3);
    expect(matchScore("hermes 3", hermes)).toBeNull();
    expect(matchScore("hermes 25", hermes)).toBeNull();
  });

  it("matches the query without spaces inside a field without spaces and punctuation", () => {
    expect(matchScore("ultra feedback", ultra)).toBe(0); // "ultrafeedback" is the whole name
    expect(matchScore("Ultra-Feed", ultra)).toBe(1);
    expect(matchScore("open hermes", hermes)).toBe(1);
    expect(matchScore("bmb ultra", ultra)).toBe(3); // "bmbultra" inside "openbmbultrafeedback"
    expect(matchScore("feedback ultra", ultra)).toBe(3); // both words, "feedback" mid-word
    expect(matchScore("openhermes25", hermes)).toBeNull();
  });

  it("ranks exact, then prefix, then words at word starts, then anywhere", () => {
    expect(matchScore("GSM8K", ["openai/gsm8k", "gsm8k"])).toBe(0);
    expect(matchScore("gsm", ["openai/gsm8k", "gsm8k"])).toBe(1);
    expect(matchScore("openai gsm", ["openai/gsm8k", "gsm8k"])).toBe(1); // "openaigsm" starts "openaigsm8k"
    expect(matchScore("gsm hard", ["reasoning/gsm-hard-mix", "gsm-hard-mix"])).toBe(1);
    expect(matchScore("hard gsm", ["reasoning/gsm-hard-mix", "gsm-hard-mix"])).toBe(2);
    expect(matchScore("gsm", ["meta/MetaGSM", "MetaGSM"])).toBe(3);
  });

  it("has no match for an empty query or no fields", () => {
    expect(matchScore("", hermes)).toBeNull();
    expect(matchScore(" %_ ", hermes)).toBeNull();
    expect(matchScore("hermes", [])).toBeNull();
  });

  it("treats LIKE and regex characters as plain punctuation", () => {
    expect(matchScore("(a+", ["x/(a+b)"])).toBe(2); // "a" starts the word "a" in "x a b"
    expect(matchScore("a.*", ["x/abc"])).toBe(2); // "a" starts "abc"
    expect(matchScore("[x", ["x/abc"])).toBe(1); // "x" starts "xabc"
    expect(matchScore("under_score", ["misc/under_score"])).toBe(2);
  });
});

describe("rankMatches", () => {
  type Node = { key: string; name: string };
  const nodes: Node[] = [
    { key: "meta/MetaGSM", name: "MetaGSM" }, // 3
    { key: "reasoning/gsm-mix", name: "gsm-mix" }, // 1 (name starts with gsm)
    { key: "x/hard-gsm", name: "hard-gsm" }, // 2
    { key: "openai/gsm8k", name: "gsm8k" }, // 1
    { key: "y/GSM", name: "GSM" }, // 0
    { key: "z/math", name: "math" }, // no match
    { key: "w/other-gsm", name: "other-gsm" }, // 2
  ];
  const fields = (node: Node) => [node.key, node.name];

  it("orders by score, keeping the given order within a score, and honours limit", () => {
    expect(rankMatches("gsm", nodes, fields, 10).map((n) => n.key)).toEqual([
      "y/GSM",
      "reasoning/gsm-mix",
      "openai/gsm8k",
      "x/hard-gsm",
      "w/other-gsm",
      "meta/MetaGSM",
    ]);
    expect(rankMatches("gsm", nodes, fields, 2).map((n) => n.key)).toEqual(["y/GSM", "reasoning/gsm-mix"]);
    expect(rankMatches("gsm", nodes, fields, 0)).toEqual([]);
    expect(rankMatches("  ", nodes, fields, 10)).toEqual([]);
    expect(rankMatches("nothing here", nodes, fields, 10)).toEqual([]);
  });

  it("ranks 10,000 items quickly", () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ key: `owner${i % 97}/Data-Set_${i}.v${i % 7}`, name: `Data-Set_${i}.v${i % 7}` }));
    const started = performance.now();
    const hits = rankMatches("set 123", many, fields, 20);
    const elapsed = performance.now() - started;
    // Hand check: no field is or starts with "set123", so the best score is 2 ("set" and "123"
    // both start words), first reached at i = 123 ("data set 123 v4"; 123 % 97 = 26).
    expect(hits[0]!.key).toBe("owner26/Data-Set_123.v4");
    expect(elapsed).toBeLessThan(1000);
  });
});
