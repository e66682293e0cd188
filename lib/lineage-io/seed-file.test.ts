import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSeedFile, serialiseSeedFile } from "./seed-file";

const SEED = path.join(import.meta.dirname, "..", "..", "prisma", "seed", "oda-graph.json");

describe("seed file", () => {
  const text = fs.readFileSync(SEED, "utf8");

  it("reads the bundled seed and writes it back byte for byte, one node or edge per line", () => {
    const file = parseSeedFile(text);
    expect(serialiseSeedFile(file)).toBe(text);
    expect(text.split("\n").length).toBeGreaterThan(file.nodes.length + file.edges.length);
    expect(file.header.source.commit).toBe("93acf2dc8feec120e60a584f3414c33c805e3915");
  });

  it("ships facts only: no evidence quotes, no summaries", () => {
    const file = parseSeedFile(text);
    expect(file.edges.every((e) => e.evidence.every((v) => !("quote" in v)))).toBe(true);
    expect(text).not.toMatch(/"(quote|summary|evidence)":\s*"/);
  });

  it("rejects a file with unknown fields or bad values, naming where", () => {
    const file = parseSeedFile(text);
    const withQuote = { ...file, edges: [{ ...file.edges[0]!, evidence: [{ ...file.edges[0]!.evidence[0]!, quote: "x" }] }] };
    expect(() => parseSeedFile(JSON.stringify(withQuote))).toThrow(/edges\.0\.evidence\.0/);
    const badConfidence = { ...file, edges: [{ ...file.edges[0]!, confidence: 2 }] };
    expect(() => parseSeedFile(JSON.stringify(badConfidence))).toThrow(/edges\.0\.confidence/);
  });
});
