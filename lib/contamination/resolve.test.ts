import { describe, expect, it } from "vitest";
import { resolveEvalSet } from "./resolve";
import type { EvalSet } from "./types";

const set = (id: string, name: string, family: string, key: string): EvalSet => ({ id, name, family, key, evalSplits: ["ALL"], window: { from: null, to: null } });
const evalSets = [
  set("aime-2024", "AIME 2024", "AIME", "Maxwell-Jia/AIME_2024"),
  set("aime-2025", "AIME 2025", "AIME", "opencompass/AIME2025"),
  set("truthfulqa", "TruthfulQA", "TruthfulQA", "truthfulqa/truthful_qa"),
  set("lcb-v5", "LiveCodeBench v5", "LiveCodeBench", "livecodebench/code_generation_lite"),
  set("lcb-v6", "LiveCodeBench v6", "LiveCodeBench", "livecodebench/code_generation_lite"),
];
const aliases: Record<string, string> = { aime24: "Maxwell-Jia/AIME_2024", lcb: "livecodebench/code_generation_lite" };
const resolve = (q: string) => resolveEvalSet(q, { evalSets, aliasKey: (name) => aliases[name.toLowerCase()] });
const id = (q: string) => {
  const r = resolve(q);
  return r.ok ? r.set.id : `${r.reason}: ${r.suggestions.join(",")}`;
};

describe("resolveEvalSet", () => {
  it("takes an id, a name, a host key or an alias of the host, in any casing", () => {
    expect(["AIME-2024", "aime 2024", "maxwell-jia/aime_2024", "AIME24", "TruthfulQA", "truthfulqa/truthful_qa"].map(id)).toEqual(["aime-2024", "aime-2024", "aime-2024", "aime-2024", "truthfulqa", "truthfulqa"]);
  });

  it("refuses a host or family with several sets, naming them", () => {
    expect(id("livecodebench/code_generation_lite")).toBe("ambiguous: lcb-v5,lcb-v6");
    expect(id("LCB")).toBe("ambiguous: lcb-v5,lcb-v6");
    const family = resolve("AIME");
    expect(family).toMatchObject({ ok: false, reason: "ambiguous", suggestions: ["aime-2024", "aime-2025"] });
    expect(!family.ok && family.message).toContain("aime-2024 (AIME 2024), aime-2025 (AIME 2025)");
  });

  it("suggests the nearest registered sets for an unknown name", () => {
    const r = resolve("aime 2023");
    expect(r).toMatchObject({ ok: false, reason: "unknown" });
    expect(!r.ok && r.suggestions[0]).toMatch(/^aime-202[45]$/);
    expect(!r.ok && r.message).toContain("Registered: aime-2024, aime-2025");
    expect(resolve("zzz")).toMatchObject({ ok: false, reason: "unknown", suggestions: [] });
  });
});
