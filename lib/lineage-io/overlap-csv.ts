/**
 * Measured benchmark overlap as a CSV file, one measurement a line:
 *
 *   dataset,benchmark,split,overlap,method,url
 *   meta-math/MetaMathQA,GSM8K,test,4.2%,13-gram,https://example.org/report
 *
 * Columns in any order, header names in any case (url may be left out); RFC 4180 quoting
 * (quoted commas, line breaks and doubled quotes); a UTF-8 BOM and blank lines are ignored.
 * Parsing and per-line checks only: which evaluation set a benchmark name means is the
 * importer's question (it needs the registry). Every problem becomes an error with its line.
 */
import { CONTROL_CHARACTERS } from "./storable-text";
import { normalizeKey, parseKey } from "@/lib/keys";

export type MeasurementSplit = "TRAIN" | "TEST" | "VALIDATION" | "ALL";

/** A problem with one line of an input file (line 0: the file as a whole). */
export type LineError = { file: string; line: number; reason: string };

export type OverlapCsvRow = {
  /** Line the record starts on (1-based; the header is a line too). */
  line: number;
  dataset: string;
  /** As written: an evaluation set id, its name, its host's key or an alias. */
  benchmark: string;
  split: MeasurementSplit;
  /** Fraction 0–1. */
  overlap: number;
  method: string;
  url: string | null;
};

export type OverlapCsvResult = { rows: OverlapCsvRow[]; errors: LineError[]; /** Data records read (blank lines not counted). */ records: number };

export const OVERLAP_COLUMNS = ["dataset", "benchmark", "split", "overlap", "method", "url"] as const;
type Column = (typeof OVERLAP_COLUMNS)[number];
const OPTIONAL_COLUMNS: readonly Column[] = ["url"];

export const MAX_METHOD_LENGTH = 200;
export const MAX_URL_LENGTH = 2000;

const SPLIT_WORDS: Record<string, MeasurementSplit> = { train: "TRAIN", test: "TEST", validation: "VALIDATION", all: "ALL" };
export const SPLIT_NAMES = Object.keys(SPLIT_WORDS);

/** train | test | validation | all in any case; anything else (dev, val, eval …) is null. */
export function parseMeasurementSplit(text: string): MeasurementSplit | null {
  return SPLIT_WORDS[text.trim().toLowerCase()] ?? null;
}

// Plain decimal notation only: Number() would also take "", "0x10", "Infinity" and " ".
const DECIMAL = /^\+?(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?$/;

export const OVERLAP_RULE = "overlap must be a fraction from 0 to 1, or a percentage like 4.2%";

/** "0.042" → 0.042, "4.2%" → 0.042; null for anything that is not a number in [0, 1]. */
export function parseOverlapValue(text: string): number | null {
  let t = text.trim();
  const percent = t.endsWith("%");
  if (percent) t = t.slice(0, -1).trimEnd();
  const m = DECIMAL.exec(t);
  if (!m) return null;
  // Shifting the exponent rather than dividing by 100 keeps "4.2%" exactly 0.042.
  const value = Number(`${m[1]}e${Number(m[2] ?? 0) - (percent ? 2 : 0)}`);
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : null;
}

/** The method text, or why it is refused. */
export function checkMethod(text: string): { ok: true; method: string } | { ok: false; reason: string } {
  const method = text.trim().replace(/\s+/g, " ");
  if (!method) return { ok: false, reason: "method is empty (say how the overlap was measured, e.g. 13-gram)" };
  if (method.length > MAX_METHOD_LENGTH) return { ok: false, reason: `method is longer than ${MAX_METHOD_LENGTH} characters` };
  if (CONTROL_CHARACTERS.test(method)) return { ok: false, reason: "method contains a control character" };
  return { ok: true, method };
}

/** Null for an empty URL; an http(s) URL as written; otherwise why it is refused. */
export function checkUrl(text: string): { ok: true; url: string | null } | { ok: false; reason: string } {
  const url = text.trim();
  if (!url) return { ok: true, url: null };
  if (url.length > MAX_URL_LENGTH) return { ok: false, reason: `url is longer than ${MAX_URL_LENGTH} characters` };
  if (CONTROL_CHARACTERS.test(url)) return { ok: false, reason: "url contains a control character" };
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:") || !parsed.hostname) {
    return { ok: false, reason: `url must be empty or an http(s) URL (got ${JSON.stringify(url.length > 80 ? `${url.slice(0, 80)}…` : url)})` };
  }
  return { ok: true, url };
}

/** A node key as written, or in lower case when only that parses (people type `Corpus:x`). */
export function datasetKey(text: string): string | null {
  const key = text.trim();
  if (parseKey(key)) return key;
  return parseKey(normalizeKey(key)) ? normalizeKey(key) : null;
}

export type CsvRecord = { line: number; fields: string[] };

/**
 * RFC 4180 records with the line each starts on. Line breaks are CRLF, LF or CR; inside
 * quotes they are part of the field. A record that breaks the quoting rules is reported and
 * left out, and reading goes on with the next line.
 */
export function parseCsvRecords(input: string): { records: CsvRecord[]; errors: { line: number; reason: string }[] } {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const errors: { line: number; reason: string }[] = [];
  const n = text.length;
  const isBreak = (i: number) => text[i] === "\n" || text[i] === "\r";
  let i = 0;
  let line = 1;
  const skipBreak = () => {
    if (text[i] === "\r" && text[i + 1] === "\n") i += 2;
    else i += 1;
    line += 1;
  };

  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let problem: string | null = null;
    for (;;) {
      let value = "";
      if (text[i] === '"') {
        i += 1;
        let closed = false;
        while (i < n) {
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i += 1;
            closed = true;
            break;
          }
          if (text[i] === "\n" || (text[i] === "\r" && text[i + 1] !== "\n")) line += 1;
          value += text[i];
          i += 1;
        }
        if (!closed) {
          problem = "a quoted field starting on this line is never closed (a missing \")";
          break;
        }
        while (i < n && text[i] !== "," && !isBreak(i)) {
          problem ??= 'text after a closing quote (inside a quoted field, write a quote as "")';
          value += text[i];
          i += 1;
        }
      } else {
        while (i < n && text[i] !== "," && !isBreak(i)) {
          if (text[i] === '"') problem ??= 'a quote inside an unquoted field (quote the whole field and write the quote as "")';
          value += text[i];
          i += 1;
        }
      }
      fields.push(value);
      if (i < n && text[i] === ",") {
        i += 1;
        continue;
      }
      break;
    }
    if (i < n) skipBreak();
    if (problem) errors.push({ line: start, reason: problem });
    else if (!(fields.length === 1 && fields[0]!.trim() === "")) records.push({ line: start, fields });
  }
  return { records, errors };
}

function readHeader(fields: string[]): { columns: Column[]; problems: string[] } {
  const problems: string[] = [];
  const columns: Column[] = [];
  const known = `columns are ${OVERLAP_COLUMNS.join(", ")}`;
  for (const raw of fields) {
    const name = raw.trim().toLowerCase();
    if (!(OVERLAP_COLUMNS as readonly string[]).includes(name)) problems.push(name ? `unknown column "${raw.trim()}" (${known})` : `an empty column name (${known})`);
    else if (columns.includes(name as Column)) problems.push(`column "${name}" appears twice`);
    columns.push(name as Column);
  }
  const missing = OVERLAP_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c) && !columns.includes(c));
  if (missing.length) problems.push(`missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (the first line must be the header: ${OVERLAP_COLUMNS.join(",")})`);
  return { columns, problems };
}

/** Every record of an overlap CSV checked on its own; `file` names the errors. */
export function parseOverlapCsv(input: { text: string; file: string }): OverlapCsvResult {
  const { file } = input;
  const parsed = parseCsvRecords(input.text);
  const errors: LineError[] = parsed.errors.map((e) => ({ file, ...e }));
  const [header, ...data] = parsed.records;
  if (!header) {
    if (!errors.length) errors.push({ file, line: 0, reason: `the file is empty; it needs a header line: ${OVERLAP_COLUMNS.join(",")}` });
    return { rows: [], errors, records: 0 };
  }
  const { columns, problems } = readHeader(header.fields);
  if (problems.length) {
    // Without a usable header no line can be read; the header's problems say it all.
    return { rows: [], errors: [...problems.map((reason) => ({ file, line: header.line, reason })), ...errors].sort((a, b) => a.line - b.line), records: data.length };
  }

  const rows: OverlapCsvRow[] = [];
  for (const record of data) {
    const fail = (reason: string) => errors.push({ file, line: record.line, reason });
    if (record.fields.length !== columns.length) {
      fail(`expected ${columns.length} fields (${columns.join(", ")}), found ${record.fields.length}`);
      continue;
    }
    const value = (column: Column) => {
      const index = columns.indexOf(column);
      return index === -1 ? "" : record.fields[index]!;
    };
    const before = errors.length;

    const datasetText = value("dataset").trim();
    const dataset = datasetKey(datasetText);
    if (!datasetText) fail("dataset is empty");
    else if (!dataset) fail(`dataset ${JSON.stringify(datasetText)} is not a node key (owner/name, corpus:slug, github:owner/repo, arxiv:id or web:host/path)`);

    const benchmark = value("benchmark").trim();
    if (!benchmark) fail("benchmark is empty");

    const splitText = value("split").trim();
    const split = parseMeasurementSplit(splitText);
    if (!split) fail(splitText ? `unknown split ${JSON.stringify(splitText)} (allowed: ${SPLIT_NAMES.join(", ")})` : `split is empty (allowed: ${SPLIT_NAMES.join(", ")})`);

    const overlapText = value("overlap").trim();
    const overlap = parseOverlapValue(overlapText);
    if (overlap === null) fail(`${OVERLAP_RULE} (got ${JSON.stringify(overlapText)})`);

    const method = checkMethod(value("method"));
    if (!method.ok) fail(method.reason);
    const url = checkUrl(value("url"));
    if (!url.ok) fail(url.reason);

    if (errors.length === before && dataset && split && overlap !== null && method.ok && url.ok) {
      rows.push({ line: record.line, dataset, benchmark, split, overlap, method: method.method, url: url.url });
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors, records: data.length };
}

/** `file:line  reason` (just `file  reason` for the file as a whole). */
export function formatLineError(error: LineError): string {
  return `${error.line ? `${error.file}:${error.line}` : error.file}  ${error.reason}`;
}
