import "server-only";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import { AppError } from "@/lib/errors";
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupColumn, type BackupHeader } from "./format";

// Reads the file `exportBackup` writes without holding it in memory: a first pass checks
// every line and notes where each table's rows lie (byte offsets); the import then reads
// each table's rows from there, in whatever order the foreign keys ask for.

const TABLES_OPEN = ',"tables":[';
const ROWS_OPEN = ',"rows":[';
const TABLE_END = /^\],"rowCount":(\d+)\}$/;

export type ScannedTable = {
  name: string;
  columns: BackupColumn[];
  rowCount: number;
  /** Line number of the table's header line. */
  line: number;
  /** Byte range of its row lines: [start, end). */
  start: number;
  end: number;
};

export type ScannedBackup = { header: BackupHeader; tables: ScannedTable[] };

type Line = { text: string; number: number; start: number; end: number };

/** The file's lines with their byte offsets, read in chunks (from `start` up to `end`). */
async function* lines(file: string, range: { start?: number; end?: number; firstLine?: number } = {}): AsyncGenerator<Line> {
  const base = range.start ?? 0;
  if (range.end !== undefined && range.end <= base) return;
  const stream = createReadStream(file, { start: base, end: range.end === undefined ? undefined : range.end - 1 });
  let parts: Buffer[] = [];
  let offset = base;
  let lineStart = base;
  let number = range.firstLine ?? 1;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let from = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, from)) {
      parts.push(chunk.subarray(from, nl));
      const end = offset + nl + 1;
      yield { text: Buffer.concat(parts).toString("utf8").replace(/\r$/, ""), number: number++, start: lineStart, end };
      parts = [];
      lineStart = end;
      from = nl + 1;
    }
    if (from < chunk.length) parts.push(chunk.subarray(from));
    offset += chunk.length;
  }
  if (parts.length) yield { text: Buffer.concat(parts).toString("utf8"), number, start: lineStart, end: offset };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");

/** The header line, or why the file is not a backup this version reads. */
function readHeader(file: string, text: string): BackupHeader {
  const notBackup = new AppError("bad_request:import", `${file} is not a Rootline backup (made by \`npm run lineage -- export --format json\`).`, { file });
  const prefix = /^\s*\{\s*"format"\s*:\s*("(?:[^"\\]|\\.)*")\s*,\s*"version"\s*:\s*(-?[\d.]+)/.exec(text);
  if (!prefix || parse(prefix[1]!) !== BACKUP_FORMAT) throw notBackup;
  const version = Number(prefix[2]);
  if (version !== BACKUP_VERSION) {
    throw new AppError("bad_request:import", `${file} is a Rootline backup of version ${prefix[2]}; this Rootline reads version ${BACKUP_VERSION} only.`, { file, version });
  }
  const header = text.endsWith(TABLES_OPEN) ? parse(`${text.slice(0, -TABLES_OPEN.length)}}`) : undefined;
  if (!isObject(header)) {
    throw new AppError(
      "bad_request:import",
      `${file}:1: the backup's first line must be its header ending in "tables":[ — the file was changed or reformatted since it was exported.`,
      { file, line: 1 },
    );
  }
  const omitted = header.omitted;
  if (
    typeof header.createdAt !== "string" ||
    !isStrings(header.migrations) ||
    !isObject(omitted) ||
    !isStrings(omitted.tables) ||
    !isObject(omitted.columns) ||
    !Object.values(omitted.columns).every(isStrings)
  ) {
    throw new AppError("bad_request:import", `${file}:1: the backup's header lacks createdAt, migrations or omitted, or has them in the wrong shape.`, { file, line: 1 });
  }
  return header as BackupHeader;
}

function readTableStart(file: string, line: Line, first: boolean, seen: Set<string>): Pick<ScannedTable, "name" | "columns"> {
  const bad = (reason: string) => new AppError("bad_request:import", `${file}:${line.number}: ${reason}`, { file, line: line.number });
  const text = line.text;
  if (text.startsWith(",") === first || !text.endsWith(ROWS_OPEN)) throw bad(`expected the start of a table ({"name":…,"columns":[…],"rows":[) or the end of the backup (]}).`);
  const meta = parse(`${text.slice(first ? 0 : 1, -ROWS_OPEN.length)}}`);
  if (!isObject(meta) || typeof meta.name !== "string" || !meta.name || !Array.isArray(meta.columns)) throw bad("a table needs a name and a list of columns.");
  const columns = meta.columns as unknown[];
  if (!columns.every((c) => isObject(c) && typeof c.name === "string" && c.name && typeof c.type === "string" && c.type)) {
    throw bad(`every column of table ${meta.name} needs a name and a type.`);
  }
  const names = new Set((columns as BackupColumn[]).map((c) => c.name));
  if (names.size !== columns.length) throw bad(`table ${meta.name} lists a column twice.`);
  if (seen.has(meta.name)) throw bad(`table ${meta.name} appears twice.`);
  seen.add(meta.name);
  return { name: meta.name, columns: (columns as BackupColumn[]).map((c) => ({ name: c.name, type: c.type })) };
}

/**
 * Check the whole file (header, every table, every row's shape and count, its end) and
 * return where each table's rows are. Anything wrong is an AppError "bad_request:import"
 * naming the file and line; nothing has touched a store yet.
 */
export async function scanBackup({ file }: { file: string }): Promise<ScannedBackup> {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat) throw new AppError("bad_request:import", `${file} does not exist.`, { file });
  if (!stat.isFile()) throw new AppError("bad_request:import", `${file} is not a file.`, { file });
  let header: BackupHeader | undefined;
  const tables: ScannedTable[] = [];
  const seen = new Set<string>();
  let table: (ScannedTable & { rows: number }) | undefined;
  let ended = false;
  for await (const line of lines(file)) {
    const bad = (reason: string) => new AppError("bad_request:import", `${file}:${line.number}: ${reason}`, { file, line: line.number });
    if (!header) header = readHeader(file, line.text);
    else if (ended) {
      if (line.text.trim()) throw bad("there is more after the end of the backup.");
    } else if (!table) {
      if (line.text === "]}") ended = true;
      else table = { ...readTableStart(file, line, tables.length === 0, seen), rowCount: 0, rows: 0, line: line.number, start: line.end, end: line.end };
    } else {
      const end = TABLE_END.exec(line.text);
      if (end) {
        if (Number(end[1]) !== table.rows) throw bad(`table ${table.name} says it has ${end[1]} rows but holds ${table.rows}.`);
        tables.push({ name: table.name, columns: table.columns, rowCount: table.rows, line: table.line, start: table.start, end: line.start });
        table = undefined;
        continue;
      }
      const first = table.rows === 0;
      const row = line.text.startsWith(",") !== first ? parse(first ? line.text : line.text.slice(1)) : undefined;
      if (!Array.isArray(row)) throw bad(`expected a row of table ${table.name} (a JSON array${first ? "" : " after a comma"}) or its end (],"rowCount":N}).`);
      if (row.length !== table.columns.length) throw bad(`a row of table ${table.name} has ${row.length} values for ${table.columns.length} columns.`);
      if (!row.every((v) => v === null || typeof v === "string")) throw bad(`a row of table ${table.name} holds a value that is neither text nor null.`);
      table.rows += 1;
    }
  }
  if (!header) throw new AppError("bad_request:import", `${file} is empty.`, { file });
  if (!ended) throw new AppError("bad_request:import", `${file} ends before the backup does (${table ? `inside table ${table.name}` : "no closing ]}"}): it is truncated.`, { file });
  return { header, tables };
}

/**
 * A scanned table's rows in batches: each batch one JSON array of row arrays (the lines
 * as written, never re-serialised), with the line numbers it came from.
 */
export async function* rowBatches({
  file,
  table,
  maxRows,
  maxChars,
}: {
  file: string;
  table: ScannedTable;
  maxRows: number;
  maxChars: number;
}): AsyncGenerator<{ json: string; rows: number; firstLine: number; lastLine: number }> {
  let batch: string[] = [];
  let chars = 0;
  let firstLine = table.line + 1;
  let lastLine = table.line;
  const take = () => {
    const out = { json: `[${batch.join(",")}]`, rows: batch.length, firstLine, lastLine };
    batch = [];
    chars = 0;
    firstLine = lastLine + 1;
    return out;
  };
  for await (const line of lines(file, { start: table.start, end: table.end, firstLine: table.line + 1 })) {
    const row = line.text.startsWith(",") ? line.text.slice(1) : line.text;
    batch.push(row);
    chars += row.length;
    lastLine = line.number;
    if (batch.length >= maxRows || chars >= maxChars) yield take();
  }
  if (batch.length) yield take();
}
