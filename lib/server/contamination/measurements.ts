import "server-only";

/**
 * Measured benchmark overlap into the store, from an overlap CSV or a folder of allenai/decon
 * reports. An import is checked whole before anything is written: one bad line refuses the
 * file (AppError bad_request:import with every line's error in details.errors) and the store
 * stays as it was. A measurement is identified by its dataset, evaluation set, split, method
 * and URL, so importing the same file again changes nothing and a new number for the same
 * identity updates the row.
 */
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { resolveEvalSet, type EvalSetMatch, type ResolveContext } from "@/lib/contamination/resolve";
import { AppError, isAppError } from "@/lib/errors";
import { normalizeKey, parseKey } from "@/lib/keys";
import { combineDeconGroups, parseDeconReports, resolveDeconEvalKey, type DeconKeyMatch, type DeconSkip } from "@/lib/lineage-io/decon";
import { aliasNorm } from "@/lib/lineage-io/names";
import { checkMethod, checkUrl, datasetKey, parseOverlapCsv, type LineError, type MeasurementSplit } from "@/lib/lineage-io/overlap-csv";
import { getDb } from "../db/client";
import type { Prisma } from "../generated/prisma/client";
import { findNode } from "../lineage/params";
import { loadRegistry } from "../lineage/registry";
import { upsertNodes, writeTransaction, type Tx } from "../lineage/write";

export type MeasurementFormat = "overlap-csv" | "decon";
export type MeasurementOutcome = "created" | "updated" | "unchanged";

export type ImportedMeasurement = {
  dataset: string;
  evalSet: string;
  split: MeasurementSplit;
  overlap: number;
  method: string;
  url: string | null;
  /** `file.csv:12`, or `<folder>:decon`. */
  locator: string;
  matched: number | null;
  samples: number | null;
  outcome: MeasurementOutcome;
  /** decon: the suite keys counted into this row. */
  evalKeys?: string[];
};

export type MeasurementImportReport = {
  format: MeasurementFormat;
  /** The file or folder read. */
  source: string;
  /** Files read (decon: relative to the folder). */
  files: string[];
  /** CSV: data lines; decon: match lines. */
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Datasets the file named that were not in the store yet. */
  nodesCreated: number;
  /** CSV lines repeating an earlier line's measurement exactly. */
  duplicatesFolded: number;
  /** decon: suites (and splits) that mean no registered evaluation set, with their documents. */
  skipped: DeconSkip[];
  /** decon: which registered set each counted suite key was taken to mean, and by which name. */
  evalKeys: DeconKeyMatch[];
  rows: ImportedMeasurement[];
  ms: number;
};

export type StoredMeasurement = {
  dataset: string;
  evalSet: string;
  evalSetName: string;
  family: string;
  split: MeasurementSplit;
  overlap: number;
  method: string;
  url: string | null;
  format: string;
  locator: string | null;
  matched: number | null;
  samples: number | null;
  updatedAt: string;
};

/** The int column that holds document counts. */
const MAX_SAMPLES = 2_147_483_647;

/** Identity of a measurement: a re-import of it updates this row instead of adding one. */
export function measurementFingerprint(m: { dataset: string; evalSet: string; split: MeasurementSplit; method: string; url: string | null }): string {
  return createHash("sha256")
    .update([normalizeKey(m.dataset), m.evalSet.toLowerCase(), m.split, m.method, m.url ?? ""].join("\n"))
    .digest("hex");
}

/** The per-line errors of a refused import, or null for any other error. */
export function importLineErrors(error: unknown): LineError[] | null {
  if (!isAppError(error) || error.code !== "bad_request:import") return null;
  const errors = (error.details as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) ? (errors as LineError[]) : null;
}

function refuse(source: string, errors: LineError[]): never {
  const lines = new Set(errors.map((e) => `${e.file}:${e.line}`)).size;
  throw new AppError(
    "bad_request:import",
    `${source}: ${errors.length} ${errors.length === 1 ? "error" : "errors"} on ${lines} ${lines === 1 ? "line" : "lines"}; nothing was imported.`,
    { errors },
  );
}

async function checkPath(target: string, want: "file" | "directory"): Promise<void> {
  const stat = await fs.stat(target).catch(() => null);
  if (!stat) throw new AppError("bad_request:import", `${target} does not exist.`);
  if (want === "file" && stat.isDirectory()) throw new AppError("bad_request:import", `${target} is a directory; an overlap CSV is one file.`);
  if (want === "directory" && !stat.isDirectory()) throw new AppError("bad_request:import", `${target} is not a directory; decon reports are read from a folder (every *.jsonl and *.jsonl.gz in it).`);
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    throw new AppError("bad_request:import", `Cannot read ${file}: ${(error as Error).message}`);
  }
}

/** What benchmark names mean in this store: its registry and its alias table. */
async function resolveContext(tx: Tx): Promise<ResolveContext> {
  const { evalSets } = await loadRegistry(tx);
  if (!evalSets.length) throw new AppError("bad_request:import", "The store has no registered evaluation sets yet; run `npm run db -- setup` (or seed) first.");
  const aliases = await tx.alias.findMany({ select: { aliasNorm: true, dataset: { select: { key: true } } } });
  const byNorm = new Map(aliases.map((a) => [a.aliasNorm, a.dataset.key]));
  return { evalSets, aliasKey: (name) => byNorm.get(aliasNorm(name)) ?? null };
}

type Pending = Omit<ImportedMeasurement, "outcome"> & { fingerprint: string };

/** Create the datasets the rows name, then insert new rows and update changed ones. */
async function writeMeasurements(tx: Tx, format: MeasurementFormat, pending: Pending[]): Promise<{ rows: ImportedMeasurement[]; nodesCreated: number }> {
  const datasets = [...new Map(pending.map((p) => [normalizeKey(p.dataset), p.dataset])).values()];
  const ids = await upsertNodes(tx, datasets.map((key) => ({ key, kind: parseKey(key)?.scheme === "HUB" ? null : ("EXTERNAL" as const) })));
  const existing = new Map(
    (await tx.overlapMeasurement.findMany({ where: { fingerprint: { in: pending.map((p) => p.fingerprint) } } })).map((r) => [r.fingerprint, r]),
  );
  const rows: ImportedMeasurement[] = [];
  const create: Prisma.OverlapMeasurementCreateManyInput[] = [];
  for (const { fingerprint, ...p } of pending) {
    const values = { overlap: p.overlap, matched: p.matched, samples: p.samples, format };
    const row = existing.get(fingerprint);
    if (!row) {
      create.push({ datasetId: ids.get(normalizeKey(p.dataset))!, evalSetId: p.evalSet, split: p.split, method: p.method, url: p.url, locator: p.locator, fingerprint, ...values });
      rows.push({ ...p, outcome: "created" });
    } else if (row.overlap !== p.overlap || row.matched !== p.matched || row.samples !== p.samples || row.format !== format) {
      // The locator follows the number: it says where the current value was read.
      await tx.overlapMeasurement.update({ where: { id: row.id }, data: { ...values, locator: p.locator } });
      rows.push({ ...p, outcome: "updated" });
    } else rows.push({ ...p, outcome: "unchanged" });
  }
  if (create.length) await tx.overlapMeasurement.createMany({ data: create });
  return { rows, nodesCreated: ids.created };
}

function report(
  base: Pick<MeasurementImportReport, "format" | "source" | "files" | "rowsRead"> & Partial<Pick<MeasurementImportReport, "duplicatesFolded" | "skipped" | "evalKeys">>,
  written: { rows: ImportedMeasurement[]; nodesCreated: number },
  started: number,
): MeasurementImportReport {
  const count = (outcome: MeasurementOutcome) => written.rows.filter((r) => r.outcome === outcome).length;
  return {
    format: base.format,
    source: base.source,
    files: base.files,
    rowsRead: base.rowsRead,
    created: count("created"),
    updated: count("updated"),
    unchanged: count("unchanged"),
    nodesCreated: written.nodesCreated,
    duplicatesFolded: base.duplicatesFolded ?? 0,
    skipped: base.skipped ?? [],
    evalKeys: base.evalKeys ?? [],
    rows: written.rows,
    ms: Date.now() - started,
  };
}

function benchmarkProblem(benchmark: string, match: Extract<EvalSetMatch, { ok: false }>): string {
  if (match.reason === "ambiguous") return `benchmark ${JSON.stringify(benchmark)} is ambiguous: ${match.message}`;
  return `benchmark ${JSON.stringify(benchmark)} is not a registered evaluation set${match.suggestions.length ? `; did you mean ${match.suggestions.join(", ")}?` : " (no registered set has a similar name)"}`;
}

const percent = (fraction: number) => `${Number((fraction * 100).toFixed(4))}%`;

/**
 * Import an overlap CSV (dataset,benchmark,split,overlap,method,url). Benchmarks are
 * resolved against the store's registry and aliases; unknown and ambiguous ones, like any
 * bad value, refuse the whole file.
 */
export async function importOverlapCsv(params: { file: string }): Promise<MeasurementImportReport> {
  const started = Date.now();
  const source = params.file;
  await checkPath(source, "file");
  const name = path.basename(source);
  const parsed = parseOverlapCsv({ text: (await readBytes(source)).toString("utf8"), file: name });

  return writeTransaction(async (tx) => {
    const context = await resolveContext(tx);
    const errors = [...parsed.errors];
    const resolved = new Map<string, EvalSetMatch>();
    const seen = new Map<string, { line: number; overlap: number }>();
    const pending: Pending[] = [];
    let duplicatesFolded = 0;
    for (const row of parsed.rows) {
      let match = resolved.get(row.benchmark);
      if (!match) resolved.set(row.benchmark, (match = resolveEvalSet(row.benchmark, context)));
      if (!match.ok) {
        errors.push({ file: name, line: row.line, reason: benchmarkProblem(row.benchmark, match) });
        continue;
      }
      const identity = { dataset: row.dataset, evalSet: match.set.id, split: row.split, method: row.method, url: row.url };
      const fingerprint = measurementFingerprint(identity);
      const earlier = seen.get(fingerprint);
      if (earlier) {
        if (earlier.overlap === row.overlap) duplicatesFolded += 1;
        else errors.push({ file: name, line: row.line, reason: `line ${earlier.line} measures the same dataset, evaluation set (${match.set.id}), split, method and url with a different overlap (${percent(earlier.overlap)} there, ${percent(row.overlap)} here)` });
        continue;
      }
      seen.set(fingerprint, { line: row.line, overlap: row.overlap });
      pending.push({ ...identity, overlap: row.overlap, locator: `${name}:${row.line}`, matched: null, samples: null, fingerprint });
    }
    if (errors.length) refuse(source, errors.sort((a, b) => a.line - b.line));
    const written = await writeMeasurements(tx, "overlap-csv", pending);
    return report({ format: "overlap-csv", source, files: [name], rowsRead: parsed.records, duplicatesFolded }, written, started);
  });
}

const REPORT_FILE = /\.jsonl(\.gz)?$/i;

/** Report files under `dir` (relative paths, sorted); symlinked folders are not followed. */
async function reportFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (rel: string) => {
    const entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true }).catch((error: Error) => {
      throw new AppError("bad_request:import", `Cannot read ${path.join(dir, rel)}: ${error.message}`);
    });
    for (const entry of entries) {
      const child = rel ? path.join(rel, entry.name) : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (REPORT_FILE.test(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && (await fs.stat(path.join(dir, child)).catch(() => null))?.isFile()))) found.push(child);
    }
  };
  await walk("");
  return found.sort();
}

/**
 * Import a folder of decon reports for one dataset: per registered evaluation set and split,
 * the distinct training documents matched over `samples` (the dataset's document count).
 * Suites Rootline does not register are skipped and reported, not refused.
 */
export async function importDeconReports(params: { dir: string; dataset: string; samples: number; method?: string; url?: string }): Promise<MeasurementImportReport> {
  const started = Date.now();
  const source = params.dir;
  const dataset = typeof params.dataset === "string" ? datasetKey(params.dataset) : null;
  if (!dataset) throw new AppError("bad_request:import", `--dataset ${JSON.stringify(params.dataset)} is not a node key (owner/name, corpus:slug, github:owner/repo …).`);
  const { samples } = params;
  if (!Number.isSafeInteger(samples) || samples < 1 || samples > MAX_SAMPLES) throw new AppError("bad_request:import", `--samples must be a whole number from 1 to ${MAX_SAMPLES} (the dataset's number of training documents).`);
  const method = checkMethod(params.method ?? "decon");
  if (!method.ok) throw new AppError("bad_request:import", `--method: ${method.reason}.`);
  const url = checkUrl(params.url ?? "");
  if (!url.ok) throw new AppError("bad_request:import", `--url: ${url.reason}.`);

  await checkPath(source, "directory");
  const files = await reportFiles(source);
  if (!files.length) throw new AppError("bad_request:import", `${source} holds no decon reports (*.jsonl or *.jsonl.gz files).`);
  const texts: { file: string; text: string }[] = [];
  const errors: LineError[] = [];
  for (const file of files) {
    const bytes = await readBytes(path.join(source, file));
    if (!file.toLowerCase().endsWith(".gz")) {
      texts.push({ file, text: bytes.toString("utf8") });
      continue;
    }
    try {
      texts.push({ file, text: (await promisify(gunzip)(bytes)).toString("utf8") });
    } catch (error) {
      errors.push({ file, line: 0, reason: `cannot be gunzipped: ${(error as Error).message}` });
    }
  }
  const parsed = parseDeconReports({ files: texts });
  errors.push(...parsed.errors);
  if (errors.length) refuse(source, errors);

  return writeTransaction(async (tx) => {
    const context = await resolveContext(tx);
    const combined = combineDeconGroups({ groups: parsed.groups, samples, resolve: (key) => resolveDeconEvalKey(key, context) });
    const over = combined.measurements.find((m) => m.matched > samples);
    if (over) throw new AppError("bad_request:import", `--samples ${samples} is fewer than the ${over.matched} documents matched for ${over.evalSet.id} (${over.split.toLowerCase()}); it must be the dataset's number of training documents.`);
    const locator = `${path.basename(path.resolve(source))}:decon`;
    const pending: Pending[] = combined.measurements.map((m) => {
      const identity = { dataset, evalSet: m.evalSet.id, split: m.split, method: method.method, url: url.url };
      return { ...identity, overlap: m.overlap, locator, matched: m.matched, samples, evalKeys: m.evalKeys, fingerprint: measurementFingerprint(identity) };
    });
    const written = await writeMeasurements(tx, "decon", pending);
    return report({ format: "decon", source, files, rowsRead: parsed.matches, skipped: combined.skipped, evalKeys: combined.keys }, written, started);
  });
}

/** A dataset's measurements, largest overlap first; not_found:dataset for an unknown key. */
export async function listMeasurements(params: { key: string }): Promise<StoredMeasurement[]> {
  const db = getDb();
  const node = await findNode(db, params.key);
  const rows = await db.overlapMeasurement.findMany({ where: { datasetId: node.id }, include: { evalSet: { select: { name: true, family: true } } } });
  return rows
    .map((r) => ({
      dataset: node.key,
      evalSet: r.evalSetId,
      evalSetName: r.evalSet.name,
      family: r.evalSet.family,
      split: r.split as MeasurementSplit,
      overlap: r.overlap,
      method: r.method,
      url: r.url,
      format: r.format,
      locator: r.locator,
      matched: r.matched,
      samples: r.samples,
      updatedAt: r.updatedAt.toISOString(),
    }))
    .sort((a, b) => b.overlap - a.overlap || a.evalSet.localeCompare(b.evalSet) || a.split.localeCompare(b.split) || a.method.localeCompare(b.method));
}
