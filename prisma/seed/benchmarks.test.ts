import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeKey, parseKey } from "@/lib/keys";
import { aliasNorm } from "@/lib/lineage-io/names";
import { parseSeedFile } from "@/lib/lineage-io/seed-file";
import { isMonth } from "@/lib/contamination/dates";
import { ALIASES, BENCHMARKS, DECONTAMINATIONS, EVAL_SETS, HOLDINGS } from "./benchmarks";

const seed = parseSeedFile(fs.readFileSync(path.join(import.meta.dirname, "oda-graph.json"), "utf8"));
const seededKeys = new Set(seed.nodes.map((n) => normalizeKey(n.key)));
const benchmarkKeys = new Set(BENCHMARKS.map((b) => normalizeKey(b.key)));
const holdingKeys = new Set(HOLDINGS.map((h) => normalizeKey(h.key)));

describe("evaluation sets and holdings", () => {
  it("gives every set a unique slug id, a name, eval splits and a dated window of items", () => {
    const ids = EVAL_SETS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of EVAL_SETS) {
      expect(s.id, s.id).toMatch(/^[a-z0-9][a-z0-9.-]*$/);
      expect(parseKey(s.key), s.key).not.toBeNull();
      expect(s.evalSplits.length, s.id).toBeGreaterThan(0);
      // Every set's items are dated: the date rule needs a start.
      expect(isMonth(s.window.from), s.id).toBe(true);
      expect(s.window.to === null || (isMonth(s.window.to) && s.window.to >= s.window.from!), s.id).toBe(true);
    }
  });

  it("declares holdings once per node and family, with valid windows", () => {
    const ids = HOLDINGS.map((h) => `${normalizeKey(h.key)} ${h.family}`);
    expect(new Set(ids).size).toBe(ids.length);
    for (const h of HOLDINGS) {
      expect(parseKey(h.key), h.key).not.toBeNull();
      for (const m of [h.window.from, h.window.to]) expect(m === null || isMonth(m), h.key).toBe(true);
      expect(EVAL_SETS.some((s) => s.family === h.family), `${h.key} holds a family with no evaluation set`).toBe(true);
    }
  });

  it("states decontamination only by seeded datasets against registered benchmark hosts", () => {
    for (const d of DECONTAMINATIONS) {
      expect(seededKeys.has(normalizeKey(d.dataset)), d.dataset).toBe(true);
      expect(benchmarkKeys.has(normalizeKey(d.target)), d.target).toBe(true);
    }
  });

  it("resolves the free name AIME to the competition and dated names to their sets or corpora", () => {
    const target = (alias: string) => ALIASES.find((a) => aliasNorm(a.alias) === aliasNorm(alias))?.key;
    expect([target("AIME"), target("AIME 2024"), target("AIME24"), target("AIME 2025"), target("AIME 1983-2023")]).toEqual([
      "corpus:aime",
      "Maxwell-Jia/AIME_2024",
      "Maxwell-Jia/AIME_2024",
      "opencompass/AIME2025",
      "corpus:aime-1983-2023",
    ]);
  });
});

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
    const dangling = ALIASES.filter((a) => !seededKeys.has(normalizeKey(a.key)) && !benchmarkKeys.has(normalizeKey(a.key)) && !holdingKeys.has(normalizeKey(a.key)));
    expect(dangling).toEqual([]);
  });

  it("registers the benchmarks the ODA graph already contains under their ODA ids", () => {
    for (const key of ["openai/gsm8k", "EleutherAI/hendrycks_math", "openai/openai_humaneval", "google-research-datasets/mbpp", "allenai/ai2_arc", "Rowan/hellaswag", "truthfulqa/truthful_qa"]) {
      expect(seededKeys.has(normalizeKey(key)) && benchmarkKeys.has(normalizeKey(key)), key).toBe(true);
    }
  });
});
