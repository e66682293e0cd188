import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rulesExtractor } from "./extractor";
import { extractRules } from "./rules";

const card = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

describe("rulesExtractor", () => {
  it("is named rules and returns exactly what extractRules returns", async () => {
    const extractor = rulesExtractor();
    expect(extractor.id).toBe("rules");
    const aliases = new Map([["gsm8k", "openai/gsm8k"]]);
    for (const [dataset, name] of [["acme/math-mix", "mixture-card.md"], ["acme/helpful-chat", "injection-card.md"], ["acme/self-referential", "self-card.md"]] as const) {
      const input = { dataset, text: card(name), source: "card" as const, aliases };
      const result = await extractor.extract(input);
      expect(result).toEqual(extractRules(input));
      expect(result.edges.length).toBeGreaterThan(0);
    }
  });
});
