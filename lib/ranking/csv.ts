/**
 * CSV in: RFC 4180 (quoted fields, doubled quotes, CRLF or LF line ends, a leading BOM) or
 * the same with tabs, one header row, the first column the item name, every other column a
 * criterion.
 */
import { describeValue, validateTable } from "./table";
import { MAX_CRITERIA, MAX_ITEMS, RankingInputError, RankingTooLargeError, type Table } from "./types";

/** Where a record sits, said for people: the header, or a data row counted from 1. */
function rowLabel(record: number): string {
  return record === 0 ? "The header row" : `Row ${record}`;
}

function rowWhere(record: number): { row?: number } {
  return record === 0 ? {} : { row: record };
}

/**
 * Splits CSV text into records of fields (RFC 4180). A quote may only open a field and must
 * close it; `""` inside a quoted field is one quote; quoted fields may span lines. Empty
 * lines are dropped. Throws `RankingInputError` naming the row on malformed quoting.
 */
export function parseCsvRecords(text: string): string[][] {
  const s = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const delimiter = delimiterOf(s);
  const records: string[][] = [];
  let fields: string[] = [];
  let i = 0;
  const n = s.length;
  const endRecord = () => {
    if (!(fields.length === 1 && fields[0] === "")) records.push(fields);
    fields = [];
  };
  while (i < n) {
    let field = "";
    if (s[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) throw new RankingInputError(`${rowLabel(records.length)}: a quoted field is never closed.`, rowWhere(records.length));
        const c = s[i]!;
        if (c === '"') {
          if (s[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += c;
        i++;
      }
      const next = s[i];
      if (next !== undefined && next !== delimiter && next !== "\n" && next !== "\r") {
        throw new RankingInputError(`${rowLabel(records.length)}: unexpected text after a closing quote (a quote inside a field is written "").`, rowWhere(records.length));
      }
    } else {
      while (i < n && s[i] !== delimiter && s[i] !== "\n" && s[i] !== "\r") {
        if (s[i] === '"') {
          throw new RankingInputError(`${rowLabel(records.length)}: a quote inside an unquoted field (quote the whole field and double the quote).`, rowWhere(records.length));
        }
        field += s[i];
        i++;
      }
    }
    fields.push(field);
    if (i >= n) break;
    const sep = s[i]!;
    i++;
    if (sep === delimiter) {
      if (i >= n) fields.push(""); // "a,b," ends with an empty field
      continue;
    }
    if (sep === "\r" && s[i] === "\n") i++;
    endRecord();
  }
  if (fields.length > 0) endRecord();
  return records;
}

/**
 * Commas, or tabs when the header row has a tab (a table copied from a spreadsheet or a web
 * page pastes as tab-separated text).
 */
function delimiterOf(text: string): "," | "\t" {
  const firstLine = text.slice(0, text.search(/\r|\n/) === -1 ? undefined : text.search(/\r|\n/));
  return firstLine.includes("\t") ? "\t" : ",";
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Cells that say "no result" in published tables. */
const MISSING = new Set(["-", "–", "—", "n/a", "na", "n.a.", "?", "none", "null"]);
/** Footnote and significance marks after a figure (85.3†, 85.3*, 85.3^a). */
const MARKS = /(?:[†‡§¶*#]+|\^[a-z0-9]+|[¹²³⁰⁴-⁹]+)$/u;
/** Thousands separators only in their unambiguous form: 1,234 or 12,345.6 ("1,5" stays refused). */
const THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/**
 * A cell as a number, read the way leaderboard tables are written: empty or a no-result mark
 * ("-", "—", "n/a") is missing; a plain decimal with optional sign and exponent ("12", "-0.5",
 * ".5", "1e6") is itself; around it, markdown emphasis (**85.3**), a footnote mark (85.3†),
 * a percent sign (85.3% is 85.3: one column uses one scale), an uncertainty (85.3 ± 0.4,
 * 85.3 +/- 0.4, 85.3 (0.4)), a typographic minus and thousands separators (1,234) are read
 * through. Anything else ("1e", "0x10", "1,5", "NaN", "Infinity", "85 %%") is refused.
 */
export function parseCell(raw: string): number | null | undefined {
  let t = raw.trim();
  if (t === "") return null;
  if (MISSING.has(t.toLowerCase())) return null;
  // Emphasis wraps the whole figure, marks included: **85.3†**.
  for (let m: RegExpExecArray | null; (m = /^(\*\*|__|\*|_|`)(.+)\1$/.exec(t)); ) t = m[2]!.trim();
  t = t.replace(/\s*(?:±|\+\/-|\+-)\s*[\d.]+%?$/, "").replace(/\s*\(\s*[±]?[\d.]+%?\s*\)$/, "");
  t = t.replace(MARKS, "").trim();
  if (t.endsWith("%")) t = t.slice(0, -1).trim();
  t = t.replace(/^[−‒]/, "-");
  if (THOUSANDS.test(t)) t = t.replace(/,/g, "");
  return NUMBER.test(t) ? Number(t) : undefined;
}

/**
 * A table from CSV text. Every criterion is higher-is-better unless named in `options.lower`
 * (names matched after trimming; an unknown name is an error). Cells go through `parseCell`,
 * then the whole table through `validateTable`.
 */
export function parseCsvTable(text: string, options: { lower?: string[] } = {}): Table {
  const records = parseCsvRecords(text);
  const header = records[0];
  if (!header) throw new RankingInputError("The CSV is empty: it needs a header row and one row per item.");
  if (header.length < 2) throw new RankingInputError("The header row needs an item column and at least one criterion column.");
  if (records.length - 1 > MAX_ITEMS) throw new RankingTooLargeError(`The CSV has ${records.length - 1} items; at most ${MAX_ITEMS} can be ranked.`);
  if (header.length - 1 > MAX_CRITERIA) throw new RankingTooLargeError(`The CSV has ${header.length - 1} criteria; at most ${MAX_CRITERIA} can be ranked on.`);

  const names = header.slice(1).map((h) => h.trim());
  names.forEach((name, j) => {
    if (name === "") throw new RankingInputError(`The header row: column ${j + 2} has no criterion name.`);
  });
  const lower = (options.lower ?? []).map((l) => l.trim());
  const unknown = lower.filter((l) => !names.includes(l));
  if (unknown.length > 0) {
    const list = unknown.map((u) => `"${u}"`).join(", ");
    throw new RankingInputError(`Lower-is-better names ${unknown.length === 1 ? "a column" : "columns"} the CSV does not have: ${list}.`, { column: unknown[0]! });
  }
  const lowerSet = new Set(lower);
  const criteria = names.map((name) => ({ name, higherIsBetter: !lowerSet.has(name) }));

  const items: string[] = [];
  const scores: (number | null)[][] = [];
  for (let r = 1; r < records.length; r++) {
    const cells = records[r]!;
    if (cells.length !== header.length) {
      throw new RankingInputError(`Row ${r} has ${cells.length} cells; the header row has ${header.length}.`, { row: r });
    }
    const item = cells[0]!.trim();
    items.push(item);
    scores.push(
      cells.slice(1).map((cell, j) => {
        const v = parseCell(cell);
        if (v === undefined) {
          const column = names[j]!;
          throw new RankingInputError(`Row ${r} ("${item}"), column "${column}": ${describeValue(cell.trim())} is not a number.`, { row: r, column });
        }
        return v;
      }),
    );
  }
  return validateTable({ items, criteria, scores });
}
