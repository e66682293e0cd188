/**
 * CSV in: RFC 4180 (quoted fields, doubled quotes, CRLF or LF line ends, a leading BOM), one
 * header row, the first column the item name, every other column a criterion.
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
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
        throw new RankingInputError(`${rowLabel(records.length)}: unexpected text after a closing quote (a quote inside a field is written "").`, rowWhere(records.length));
      }
    } else {
      while (i < n && s[i] !== "," && s[i] !== "\n" && s[i] !== "\r") {
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
    if (sep === ",") {
      if (i >= n) fields.push(""); // "a,b," ends with an empty field
      continue;
    }
    if (sep === "\r" && s[i] === "\n") i++;
    endRecord();
  }
  if (fields.length > 0) endRecord();
  return records;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A cell as a number: empty (after trimming) is missing; otherwise a plain decimal with an
 * optional sign and exponent ("12", "-0.5", ".5", "1e6", "2.5E-3"); anything else ("1e",
 * "0x10", "1,5", "85%", "NaN", "Infinity") is refused.
 */
export function parseCell(raw: string): number | null | undefined {
  const t = raw.trim();
  if (t === "") return null;
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
