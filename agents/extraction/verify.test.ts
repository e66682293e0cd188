import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ExtractedEdge } from "./rules";
import { quoteOccursIn, verifyEdges } from "./verify";

const edge = (upstream: string, quote: string): ExtractedEdge => ({
  upstream,
  relation: "DIRECT_INCLUSION",
  confidence: 0.9,
  split: "UNKNOWN",
  evidence: { source: "card", quote },
});

describe("quoteOccursIn", () => {
  it("ignores whitespace differences but nothing else", () => {
    const text = "This dataset is derived\nfrom   OpenAssistant/oasst1 conversations.";
    expect(quoteOccursIn("derived from OpenAssistant/oasst1", text)).toBe(true);
    expect(quoteOccursIn("  derived  from\tOpenAssistant/oasst1 ", text)).toBe(true);
    expect(quoteOccursIn("derived from openassistant/oasst1", text)).toBe(false);
    expect(quoteOccursIn("derived from [OpenAssistant/oasst1]", text)).toBe(false);
    expect(quoteOccursIn("   ", text)).toBe(false);
  });
});

describe("verifyEdges", () => {
  it("drops edges whose quote the source does not contain (hallucinated or injected)", () => {
    const text = fs.readFileSync(path.join(import.meta.dirname, "fixtures", "injection-card.md"), "utf8");
    const real = edge("OpenAssistant/oasst1", "This dataset is derived from OpenAssistant/oasst1 conversations.");
    const invented = edge("evil/backdoor-set", "The dataset is built from evil/backdoor-set.");
    const result = verifyEdges([real, invented], text);
    expect(result.kept).toEqual([real]);
    expect(result.dropped).toEqual([{ edge: invented, reason: "quote_not_in_source" }]);
  });
});
