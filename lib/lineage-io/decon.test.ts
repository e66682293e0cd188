import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ResolveContext } from "@/lib/contamination/resolve";
import type { EvalSet } from "@/lib/contamination/types";
import { combineDeconGroups, evalKeyCandidates, parseDeconReports, resolveDeconEvalKey } from "./decon";
import { formatLineError } from "./overlap-csv";
import { aliasNorm } from "./names";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const fixture = (dir: string, files: string[]) => files.map((file) => ({ file, text: fs.readFileSync(path.join(FIXTURES, dir, file), "utf8") }));

// A registry shaped like the seed's, small enough to read in the test.
const set = (id: string, name: string, family: string, key: string): EvalSet => ({ id, name, family, key, evalSplits: ["TEST"], window: { from: null, to: null } });
const EVAL_SETS = [
  set("gsm8k-test", "GSM8K test", "GSM8K", "openai/gsm8k"),
  set("math-test", "MATH test", "MATH", "EleutherAI/hendrycks_math"),
  set("math-500", "MATH-500", "MATH", "HuggingFaceH4/MATH-500"),
  set("aime-2024", "AIME 2024", "AIME", "Maxwell-Jia/AIME_2024"),
  set("aime-2025", "AIME 2025", "AIME", "opencompass/AIME2025"),
  set("livecodebench-v5", "LiveCodeBench v5 (Aug 2024 – Jan 2025)", "LiveCodeBench", "livecodebench/code_generation_lite"),
  set("livecodebench-v6", "LiveCodeBench v6 (Feb – Apr 2025)", "LiveCodeBench", "livecodebench/code_generation_lite"),
];
const ALIASES = new Map([
  [aliasNorm("GSM8K"), "openai/gsm8k"],
  [aliasNorm("Hendrycks MATH"), "EleutherAI/hendrycks_math"],
  [aliasNorm("AIME"), "corpus:aime"],
]);
const context: ResolveContext = { evalSets: EVAL_SETS, aliasKey: (name) => ALIASES.get(aliasNorm(name)) ?? null };
const resolve = (key: string) => resolveDeconEvalKey(key, context);

describe("parseDeconReports", () => {
  const parsed = parseDeconReports({ files: fixture("decon-small", ["reports/part-0.jsonl", "reports/nested/part-1.jsonl"]) });

  it("groups matches by suite and split, counting each training document once", () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.matches).toBe(15);
    expect(parsed.groups.map((g) => [g.evalKey, g.split, g.splitText, g.documents.size])).toEqual([
      // shard-00:3 matched twice, shard-00:17, and the old-format line's shard-02:1 ("gsm8k_test").
      ["gsm8k", "TEST", "test", 3],
      ["gsm8k", "TRAIN", "train", 1],
      ["hendrycks_math_algebra", "TEST", "test", 1],
      ["hendrycks_math_geometry", "TEST", "test", 2],
      ["aime_2025_i", "ALL", "", 1],
      ["aime_2025_ii", "ALL", "", 1],
      ["gsm_plus", "TEST", "test", 2],
      ["livecodebench", "TEST", "test", 1],
      ["mmlu", null, "dev", 1],
      ["math_500", "TEST", "test", 1],
    ]);
  });

  it("reports each bad line with its file, line number and reason", () => {
    const bad = parseDeconReports({ files: fixture("decon-bad", ["report.jsonl"]) });
    expect(bad.matches).toBe(6);
    expect(bad.errors.map(formatLineError)).toEqual([
      expect.stringMatching(/^report\.jsonl:2 {2}not JSON: /),
      "report.jsonl:3  no training_line",
      "report.jsonl:4  a line must hold one JSON object",
      "report.jsonl:5  no eval_key (nor eval_dataset)",
      'report.jsonl:6  training_line must be a whole number (got "7")',
    ]);
    expect(bad.groups.map((g) => [g.evalKey, g.documents.size])).toEqual([["gsm8k", 1]]);
  });

  it("takes the split from an old report's eval_dataset only when the line names neither eval_key nor split", () => {
    const line = (o: object) => JSON.stringify({ training_file: "t", training_line: 1, ...o });
    const groups = parseDeconReports({
      files: [{ file: "r.jsonl", text: [line({ eval_dataset: "gsm8k_test" }), line({ eval_dataset: "gsm8k_train", split: "validation" }), line({ eval_key: "mmlu_test" }), line({ eval_dataset: "x", split: 3 })].join("\n") }],
    });
    expect(groups.groups.map((g) => [g.evalKey, g.split])).toEqual([
      ["gsm8k", "TEST"],
      ["gsm8k_train", "VALIDATION"],
      ["mmlu_test", "ALL"],
    ]);
    expect(groups.errors.map(formatLineError)).toEqual(["r.jsonl:4  split must be a string (got 3)"]);
  });
});

describe("decon suite keys", () => {
  it("tries the key as written, with spaces and dashes, then ever shorter prefixes", () => {
    expect(evalKeyCandidates("aime_2025_i")).toEqual(["aime_2025_i", "aime 2025 i", "aime-2025-i", "aime_2025", "aime 2025", "aime-2025", "aime"]);
    expect(evalKeyCandidates("gsm8k")).toEqual(["gsm8k"]);
    // Another benchmark on the same items' name never folds into it.
    expect(evalKeyCandidates("mmlu_pro")).toEqual(["mmlu_pro", "mmlu pro", "mmlu-pro"]);
    expect(evalKeyCandidates("humaneval_plus")).not.toContain("humaneval");
    expect(evalKeyCandidates("mmlu_pro_math")).not.toContain("mmlu");
  });

  it("resolves MATH subjects through the host's alias, AIME exams to their year, and skips ambiguous prefixes", () => {
    expect(resolve("hendrycks_math_algebra")).toMatchObject({ ok: true, set: { id: "math-test" }, via: "hendrycks_math" });
    expect(resolve("aime_2025_ii")).toMatchObject({ ok: true, set: { id: "aime-2025" }, via: "aime_2025" });
    expect(resolve("math_500")).toMatchObject({ ok: true, set: { id: "math-500" }, via: "math_500" });
    // Only the dashed form is the set's id.
    expect(resolve("livecodebench_v5")).toMatchObject({ ok: true, set: { id: "livecodebench-v5" }, via: "livecodebench-v5" });
    // "aime" names the whole family (two sets here): not a match, and nothing shorter is left.
    expect(resolve("aime_1999")).toEqual({ ok: false, reason: expect.stringMatching(/^ambiguous: The AIME family has 2 evaluation sets/) });
    expect(resolve("squad_v2")).toEqual({ ok: false, reason: "not a registered evaluation set" });
  });

  it("counts documents once across suites meaning the same set and split, and skips the rest with their counts", () => {
    const parsed = parseDeconReports({ files: fixture("decon-small", ["reports/part-0.jsonl", "reports/nested/part-1.jsonl"]) });
    const combined = combineDeconGroups({ groups: parsed.groups, samples: 1000, resolve });
    expect(combined.measurements.map((m) => [m.evalSet.id, m.split, m.matched, m.overlap, m.evalKeys])).toEqual([
      ["aime-2025", "ALL", 1, 0.001, ["aime_2025_i", "aime_2025_ii"]],
      ["gsm8k-test", "TEST", 3, 0.003, ["gsm8k"]],
      ["gsm8k-test", "TRAIN", 1, 0.001, ["gsm8k"]],
      ["math-500", "TEST", 1, 0.001, ["math_500"]],
      // shard-00:40 matched algebra and geometry: one document.
      ["math-test", "TEST", 2, 0.002, ["hendrycks_math_algebra", "hendrycks_math_geometry"]],
    ]);
    expect(combined.skipped).toEqual([
      { evalKey: "gsm_plus", split: "test", documents: 2, reason: "not a registered evaluation set" },
      { evalKey: "livecodebench", split: "test", documents: 1, reason: expect.stringMatching(/^ambiguous: The LiveCodeBench family has 2 evaluation sets; name one: livecodebench-v5 /) },
      { evalKey: "mmlu", split: "dev", documents: 1, reason: "not a registered evaluation set" },
    ]);
    expect(combined.keys.find((k) => k.evalKey === "hendrycks_math_geometry")).toEqual({ evalKey: "hendrycks_math_geometry", evalSet: "math-test", via: "hendrycks_math" });
  });

  it("skips a registered suite's split that Rootline does not record", () => {
    const parsed = parseDeconReports({ files: [{ file: "r.jsonl", text: '{"training_file":"t","training_line":1,"eval_key":"gsm8k","split":"dev"}' }] });
    const combined = combineDeconGroups({ groups: parsed.groups, samples: 10, resolve });
    expect(combined.measurements).toEqual([]);
    expect(combined.skipped).toEqual([{ evalKey: "gsm8k", split: "dev", documents: 1, reason: 'split "dev" is not one Rootline records (train, test, validation, all)' }]);
  });
});
