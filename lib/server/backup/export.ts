import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { getDb, type Db } from "@/lib/server/db/client";
import { appliedMigrations, readCatalog, type ColumnInfo, type TableInfo } from "./catalog";
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  SECRET_TABLES,
  TEXT_SETTINGS,
  ident,
  isSecretColumn,
  type BackupHeader,
  type BackupReport,
  type BackupTableReport,
  type Sql,
} from "./format";

/** Rows read per query (keyset pages in primary-key order). */
const PAGE_ROWS = 2000;
/** Written to the file in pieces of about this many characters. */
const FLUSH_CHARS = 1 << 20;
/** The snapshot transaction of a big store may take a while. */
const TRANSACTION_MS = 60 * 60_000;

/** The columns a backup holds: not computed by the database, not secret. */
export function backedUpColumns(table: TableInfo): ColumnInfo[] {
  return table.columns.filter((c) => !c.generated && !isSecretColumn(table.name, c.name));
}

/** Buffered appends to an open file, awaited so a slow disk holds the reader back. */
function writer(handle: fs.FileHandle) {
  let pending: string[] = [];
  let size = 0;
  const flush = async () => {
    if (!pending.length) return;
    const chunk = pending.join("");
    pending = [];
    size = 0;
    await handle.write(chunk);
  };
  return {
    async line(text: string) {
      pending.push(text, "\n");
      size += text.length + 1;
      if (size >= FLUSH_CHARS) await flush();
    },
    flush,
  };
}

/**
 * Each row of a table as one JSON array of text values, in primary-key order (physical
 * order for a table without a key), read in keyset pages so that no page re-reads the
 * rows before it.
 */
async function* tableRows(db: Sql, table: TableInfo, columns: ColumnInfo[], pageRows: number): AsyncGenerator<string> {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const keys = table.primaryKey.length
    ? table.primaryKey.map((name) => ({ expr: ident(name), type: byName.get(name)!.type }))
    : [{ expr: "ctid", type: "tid" }];
  const values = columns.length ? `ARRAY[${columns.map((c) => `${ident(c.name)}::text`).join(", ")}]` : "ARRAY[]::text[]";
  const select = `SELECT to_json(${values})::text AS r, ${keys.map((k, i) => `${k.expr}::text AS k${i}`).join(", ")} FROM ${ident(table.name)}`;
  const order = `ORDER BY ${keys.map((k) => k.expr).join(", ")} LIMIT ${pageRows}`;
  const after = `WHERE (${keys.map((k) => k.expr).join(", ")}) > (${keys.map((k, i) => `$${i + 1}::${k.type}`).join(", ")})`;
  let last: string[] | undefined;
  for (;;) {
    const page = await db.$queryRawUnsafe<Record<string, string>[]>(last ? `${select} ${after} ${order}` : `${select} ${order}`, ...(last ?? []));
    for (const row of page) yield row.r!;
    if (page.length < pageRows) return;
    const end = page[page.length - 1]!;
    last = keys.map((_, i) => end[`k${i}`]!);
  }
}

/**
 * Write the whole store to `file` as one JSON document (see format.ts), read in one
 * REPEATABLE READ snapshot so that the rows of all tables agree with each other. The file
 * appears only when complete (written beside it, then renamed).
 */
export async function exportBackup({
  file,
  db = getDb(),
  pageRows = PAGE_ROWS,
}: {
  file: string;
  db?: Db;
  /** Rows per read (tests make it small to cross page boundaries). */
  pageRows?: number;
}): Promise<BackupReport> {
  const started = Date.now();
  const target = path.resolve(file);
  const temporary = `${target}.${process.pid}.partial`;
  const cannot = (reason: string) => new AppError("bad_request:params", `Cannot write the backup to ${target}: ${reason}.`, { file: target });
  if ((await fs.stat(target).catch(() => null))?.isDirectory()) throw cannot("it is a directory");
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(temporary, "w");
  } catch (error) {
    throw cannot((error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  let finished = false;
  try {
    const out = writer(handle);
    const report = await db.$transaction(
      async (tx) => {
        for (const setting of TEXT_SETTINGS) await tx.$executeRawUnsafe(setting);
        const tables = await readCatalog({ db: tx });
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          migrations: await appliedMigrations({ db: tx }),
          omitted: {
            tables: tables.filter((t) => SECRET_TABLES.includes(t.name)).map((t) => t.name),
            columns: Object.fromEntries(
              tables
                .map((t) => [t.name, t.columns.filter((c) => isSecretColumn(t.name, c.name)).map((c) => c.name)] as const)
                .filter(([, columns]) => columns.length),
            ),
          },
        };
        await out.line(`${JSON.stringify(header).slice(0, -1)},"tables":[`);
        const counts: BackupTableReport[] = [];
        for (const table of tables.filter((t) => !SECRET_TABLES.includes(t.name))) {
          const columns = backedUpColumns(table);
          const meta = { name: table.name, columns: columns.map((c) => ({ name: c.name, type: c.type })) };
          await out.line(`${counts.length ? "," : ""}${JSON.stringify(meta).slice(0, -1)},"rows":[`);
          let rows = 0;
          for await (const row of tableRows(tx, table, columns, pageRows)) await out.line(`${rows++ ? "," : ""}${row}`);
          await out.line(`],"rowCount":${rows}}`);
          counts.push({ name: table.name, rows });
        }
        await out.line("]}");
        await out.flush();
        return { header, counts };
      },
      { isolationLevel: "RepeatableRead", timeout: TRANSACTION_MS, maxWait: 60_000 },
    );
    await handle.sync();
    await handle.close();
    await fs.rename(temporary, target);
    finished = true;
    const { header, counts } = report;
    return {
      file: target,
      ...header,
      tables: counts,
      rows: counts.reduce((sum, t) => sum + t.rows, 0),
      ms: Date.now() - started,
    };
  } finally {
    if (!finished) {
      await handle.close().catch(() => {});
      await fs.rm(temporary, { force: true });
    }
  }
}
