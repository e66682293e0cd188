import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeKey, parseKey } from "@/lib/keys";
import { aliasNorm } from "@/lib/lineage-io/names";
import { parseSeedFile } from "@/lib/lineage-io/seed-file";
import { ALIASES, BENCHMARKS } from "./benchmarks";

const seed = parseSeedFile(fs.readFileSync(path.join(import.meta.dirname, "oda-graph.json"), "utf8"));
const seededKeys = new Set(seed.nodes.map((n) => normalizeKey(n.key)));
const benchmarkKeys = new Set(BENCHMARKS.map((b) => normalizeKey(b.key)));

describe("benchmark registry and aliases", () => {
  it("uses valid keys, once each", () => {
    for (const b of BENCHMARKS) expect(parseKey(b.key), b.key).not.toBeNull();
    for (const a of ALIASES) expect(parseKey(a.key), a.key).not.toBeNull();
    expect(benchmarkKeys.size).toBe(BENCHMARKS.length);
  });

  it("gives every alias its own normalised form (a repeat would be silently dropped)", () => {
    const norms = ALIASES.map((a) => aliasNorm(a.alias));
    expect(norms.filter((n, i) => norms.indexOf(n) !== i)).toEqual([]);
    expect(norms.every(Boolean)).toBe(true);
  });

  it("points aliases only at nodes of the seeded graph or registered benchmarks (catches misspelt ids)", () => {
    const dangling = ALIASES.filter((a) => !seededKeys.has(normalizeKey(a.key)) && !benchmarkKeys.has(normalizeKey(a.key)));
    expect(dangling).toEqual([]);
  });

  it("registers the benchmarks the ODA graph already contains under their ODA ids", () => {
    for (const key of ["openai/gsm8k", "EleutherAI/hendrycks_math", "openai/openai_humaneval", "google-research-datasets/mbpp", "allenai/ai2_arc", "Rowan/hellaswag", "truthfulqa/truthful_qa"]) {
      expect(seededKeys.has(normalizeKey(key)) && benchmarkKeys.has(normalizeKey(key)), key).toBe(true);
    }
  });
});
