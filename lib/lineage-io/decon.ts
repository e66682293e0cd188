/**
 * Contamination reports of allenai/decon: JSON lines, one per match of a training document
 * with an evaluation instance,
 *
 *   {"training_file": "part-00.jsonl", "training_line": 812, "eval_key": "gsm8k",
 *    "split": "test", "contamination_score": 0.93, "method": "simple", …}
 *
 * Older reports have no eval_key, only eval_dataset (which may end in its split:
 * "gsm8k_test"). A report lists only contaminated documents, so an overlap is the number of
 * distinct (training_file, training_line) documents matched for an evaluation suite and
 * split, over the dataset's document count, which the caller supplies.
 *
 * Parsing, counting and the naming rules that map decon's suite keys onto registered
 * evaluation sets; no I/O, no database.
 */
import { resolveEvalSet, type ResolveContext } from "@/lib/contamination/resolve";
import type { EvalSet } from "@/lib/contamination/types";
import { parseMeasurementSplit, SPLIT_NAMES, type LineError, type MeasurementSplit } from "./overlap-csv";

export type DeconGroup = {
  /** The suite key as the report writes it. */
  evalKey: string;
  /** null: a split Rootline does not record (dev, auxiliary_train …). */
  split: MeasurementSplit | null;
  /** The split as the report writes it ("" when it names none). */
  splitText: string;
  /** Distinct training documents matched, as `training_file \0 training_line`. */
  documents: Set<string>;
};

export type DeconParseResult = {
  /** Match lines read (blank lines not counted). */
  matches: number;
  groups: DeconGroup[];
  errors: LineError[];
};

function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

// Only for eval_dataset without a split field: decon's early reports folded the split into the name.
const SPLIT_SUFFIX = /^(.+?)_(train|test|validation)$/i;

/**
 * Every report file's matches grouped by suite and split, with each bad line (not JSON, no
 * training_file / training_line / eval_key) as an error. Files are named as given.
 */
export function parseDeconReports(input: { files: readonly { file: string; text: string }[] }): DeconParseResult {
  const groups = new Map<string, DeconGroup>();
  const errors: LineError[] = [];
  let matches = 0;
  for (const { file, text: content } of input.files) {
    const lines = content.split(/\r\n|\n|\r/);
    for (let index = 0; index < lines.length; index++) {
      const raw = lines[index]!.trim();
      if (!raw) continue;
      matches += 1;
      const line = index + 1;
      const fail = (reason: string) => errors.push({ file, line, reason });
      let record: Record<string, unknown> | null;
      try {
        record = asObject(JSON.parse(raw));
      } catch (error) {
        fail(`not JSON: ${(error as Error).message}`);
        continue;
      }
      if (!record) {
        fail("a line must hold one JSON object");
        continue;
      }
      const before = errors.length;
      const trainingFile = text(record.training_file);
      if (!trainingFile) fail(record.training_file === undefined || record.training_file === null ? "no training_file" : "training_file must be a non-empty string");
      const trainingLine = record.training_line;
      if (trainingLine === undefined || trainingLine === null) fail("no training_line");
      else if (typeof trainingLine !== "number" || !Number.isSafeInteger(trainingLine) || trainingLine < 0) fail(`training_line must be a whole number (got ${JSON.stringify(trainingLine)})`);
      const evalKey = text(record.eval_key);
      const evalDataset = text(record.eval_dataset);
      if (!evalKey && !evalDataset) fail("no eval_key (nor eval_dataset)");
      const splitValue = record.split;
      if (splitValue !== undefined && splitValue !== null && typeof splitValue !== "string") fail(`split must be a string (got ${JSON.stringify(splitValue)})`);
      if (errors.length > before) continue;

      let suite = (evalKey ?? evalDataset)!;
      let splitText = typeof splitValue === "string" ? splitValue.trim() : "";
      if (!evalKey && !splitText) {
        const suffix = SPLIT_SUFFIX.exec(suite);
        if (suffix) [suite, splitText] = [suffix[1]!, suffix[2]!];
      }
      const id = `${suite.toLowerCase()}\n${splitText.toLowerCase()}`;
      let group = groups.get(id);
      if (!group) {
        group = { evalKey: suite, split: splitText ? parseMeasurementSplit(splitText) : "ALL", splitText, documents: new Set() };
        groups.set(id, group);
      }
      group.documents.add(`${trainingFile}\0${trainingLine as number}`);
    }
  }
  return { matches, groups: [...groups.values()], errors };
}

/**
 * Names to try for a decon suite key, most specific first: the key as written, with `_` as
 * spaces and as `-`, then the same for ever shorter prefixes of its `_`-separated words
 * (`hendrycks_math_algebra` → … `hendrycks_math` → … `hendrycks`).
 */
export function evalKeyCandidates(evalKey: string): string[] {
  const key = evalKey.trim();
  const words = key.split("_").filter(Boolean);
  const out: string[] = [];
  const add = (...names: string[]) => {
    for (const name of names) if (name && !out.includes(name)) out.push(name);
  };
  add(key, key.replace(/_/g, " "), key.replace(/_/g, "-"));
  for (let k = words.length - 1; k >= 1; k--) {
    // A word that makes another benchmark of the name (MMLU-Pro is not MMLU, HumanEval+ adds
    // tests) stops the shortening: only subject, config and part names fold into the set.
    if (VARIANT.test(words[k]!)) break;
    const prefix = words.slice(0, k);
    add(prefix.join("_"), prefix.join(" "), prefix.join("-"));
  }
  return out;
}

/** Suffix words that name a different benchmark built on the shorter name's items. */
const VARIANT = /^(?:pro|plus|hard|redux|extended|extra|lite|mini|x|v\d+|multilingual|translated|cot|verified|platinum|symbolic|robust|perturbed|contrast|adv|adversarial)$/i;

export type DeconKeyResolution = { ok: true; set: EvalSet; via: string } | { ok: false; reason: string };

/**
 * The evaluation set a decon suite key means: the first candidate name that resolves to
 * exactly one set (a candidate naming several, like "aime" for the AIME family, does not
 * count). decon checks hundreds of suites; most are simply not registered here.
 */
export function resolveDeconEvalKey(evalKey: string, context: ResolveContext): DeconKeyResolution {
  let ambiguous: string | null = null;
  for (const candidate of evalKeyCandidates(evalKey)) {
    const match = resolveEvalSet(candidate, context);
    if (match.ok) return { ok: true, set: match.set, via: candidate };
    if (match.reason === "ambiguous") ambiguous ??= match.message;
  }
  return { ok: false, reason: ambiguous ? `ambiguous: ${ambiguous}` : "not a registered evaluation set" };
}

export type DeconMeasurement = {
  evalSet: EvalSet;
  split: MeasurementSplit;
  /** Distinct training documents matched, across every suite key that means this set. */
  matched: number;
  /** matched / samples; above 1 when samples is too small for the report. */
  overlap: number;
  evalKeys: string[];
};

export type DeconSkip = { evalKey: string; split: string; documents: number; reason: string };

export type DeconKeyMatch = { evalKey: string; evalSet: string; via: string };

/**
 * Measurements per (evaluation set, split): suite keys that mean the same set (MATH's seven
 * subject suites) count each training document once. Suites that mean no registered set,
 * and splits Rootline does not record, are skipped with their document counts.
 */
export function combineDeconGroups(input: { groups: readonly DeconGroup[]; samples: number; resolve: (evalKey: string) => DeconKeyResolution }): {
  measurements: DeconMeasurement[];
  skipped: DeconSkip[];
  keys: DeconKeyMatch[];
} {
  const cache = new Map<string, DeconKeyResolution>();
  const resolve = (key: string) => {
    let hit = cache.get(key);
    if (!hit) cache.set(key, (hit = input.resolve(key)));
    return hit;
  };
  const buckets = new Map<string, { evalSet: EvalSet; split: MeasurementSplit; documents: Set<string>; evalKeys: Set<string> }>();
  const skipped: DeconSkip[] = [];
  const keys = new Map<string, DeconKeyMatch>();
  for (const group of input.groups) {
    const match = resolve(group.evalKey);
    const skip = (reason: string) => skipped.push({ evalKey: group.evalKey, split: group.splitText || "all", documents: group.documents.size, reason });
    if (!match.ok) {
      skip(match.reason);
      continue;
    }
    if (!group.split) {
      skip(`split ${JSON.stringify(group.splitText)} is not one Rootline records (${SPLIT_NAMES.join(", ")})`);
      continue;
    }
    keys.set(group.evalKey, { evalKey: group.evalKey, evalSet: match.set.id, via: match.via });
    const id = `${match.set.id}\n${group.split}`;
    let bucket = buckets.get(id);
    if (!bucket) buckets.set(id, (bucket = { evalSet: match.set, split: group.split, documents: new Set(), evalKeys: new Set() }));
    for (const doc of group.documents) bucket.documents.add(doc);
    bucket.evalKeys.add(group.evalKey);
  }
  const measurements = [...buckets.values()]
    .map((b) => ({ evalSet: b.evalSet, split: b.split, matched: b.documents.size, overlap: b.documents.size / input.samples, evalKeys: [...b.evalKeys].sort() }))
    .sort((a, b) => a.evalSet.id.localeCompare(b.evalSet.id) || a.split.localeCompare(b.split));
  skipped.sort((a, b) => b.documents - a.documents || a.evalKey.localeCompare(b.evalKey) || a.split.localeCompare(b.split));
  return { measurements, skipped, keys: [...keys.values()].sort((a, b) => a.evalKey.localeCompare(b.evalKey)) };
}
