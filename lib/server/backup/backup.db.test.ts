import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError, type AppError } from "@/lib/errors";
import { getDb, type Db } from "@/lib/server/db/client";
import { buildFixtureGraph, ROOT } from "@/test-support/server/fixture-graph";
import { openSecondStore } from "@/test-support/server/second-store";
import { exportBackup } from "./export";
import { importBackup } from "./import";

const SECRETS = ["pw-hash-SECRET", "access-SECRET", "refresh-SECRET", "id-token-SECRET", "session-token-SECRET"];
const SECRET_COLUMNS = ["password", "access_token", "refresh_token", "id_token"];
let tmp: string;
let backup: string;
let second: Awaited<ReturnType<typeof openSecondStore>>;

/**
 * A table no migration knows (the export must find it in the catalog) holding the types
 * that text round trips get wrong: bigints past 2^53, numeric, real, NaN and infinities,
 * bytea, timestamptz, interval, nested and NULL-holding arrays, json kept verbatim, uuid,
 * an identity column and a generated one.
 */
const PROBE = `CREATE TABLE backup_probe (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, big bigint, n numeric, r real, d double precision, b bytea,
  tz timestamptz, iv interval, grid int[], txt text[], j json, jb jsonb, u uuid, doubled bigint GENERATED ALWAYS AS (id * 2) STORED)`;
/** Tables with a two-column key and with none (read in physical order), for paging. */
const PAGED = [`CREATE TABLE backup_pair (a text, b int, note text, PRIMARY KEY (a, b))`, `CREATE TABLE backup_nokey (v text, n int)`];
/** The auth tables as the accounts migration makes them, when this checkout does not have it yet. */
const AUTH = [
  `CREATE TABLE IF NOT EXISTS app_user (id text PRIMARY KEY, name text NOT NULL, email text NOT NULL, updated_at timestamp(3) NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS account (id text PRIMARY KEY, account_id text NOT NULL, provider_id text NOT NULL, user_id text NOT NULL REFERENCES app_user(id),
     access_token text, refresh_token text, id_token text, password text, created_at timestamp(3) NOT NULL DEFAULT now(), updated_at timestamp(3) NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS session (id text PRIMARY KEY, token text NOT NULL, user_id text NOT NULL REFERENCES app_user(id),
     expires_at timestamp(3) NOT NULL, updated_at timestamp(3) NOT NULL)`,
];

async function prepareSchema(db: Db): Promise<void> {
  for (const sql of [PROBE, ...PAGED, ...AUTH]) await db.$executeRawUnsafe(sql);
}

async function fill(db: Db): Promise<void> {
  const ids = await buildFixtureGraph(db);
  const id = (key: string) => ids.get(key)!;
  await db.dataset.update({
    where: { id: id(ROOT) },
    data: {
      tags: ["a,b", 'quote"s', "back\\slash", "{brace}", "NULL", "", "ünïcødé ✓"],
      domains: ["MATH", "CODE"],
      generation: "SYNTHETIC",
      hubCreatedAt: new Date("2024-02-29T23:59:59.123Z"),
      license: "line one\nline two\ttab 'single' \"double\"",
    },
  });
  const edge = await db.edge.findFirstOrThrow({ where: { downstreamId: id(ROOT) }, orderBy: { id: "asc" } });
  await db.edge.update({ where: { id: edge.id }, data: { confidence: 0.1 + 0.2 } });
  await db.datasetLicence.createMany({
    data: [
      { datasetId: id(ROOT), licenceId: "apache-2.0", raw: "Apache 2.0", source: "HUB" },
      { datasetId: id("up/a"), licenceId: "cc-by-nc-4.0", raw: "CC BY-NC", source: "DPI", locator: "dpi:x.json#a" },
    ],
  });
  await db.evalSet.create({ data: { id: "gsm-like-test", name: "GSM-like test", family: "GSMLike", datasetId: id("bench/gsm-like"), evalSplits: ["TEST"], itemsFrom: "2021-10" } });
  await db.itemHolding.create({ data: { datasetId: id("up/b"), family: "GSMLike", itemsFrom: "2020-01", evalSplits: ["TRAIN", "TEST"] } });
  await db.overlapMeasurement.create({ data: { datasetId: id(ROOT), evalSetId: "gsm-like-test", split: "TEST", overlap: 1 / 3, method: "13-gram", format: "overlap-csv", fingerprint: "m1", matched: 1, samples: 3 } });
  await db.decontamination.create({ data: { datasetId: id(ROOT), targetId: id("bench/gsm-like"), kind: "decontaminated", source: "CARD", fingerprint: "d1", origin: "AGENT" } });
  await db.agentRun.create({
    data: {
      id: "run-1",
      datasetId: id(ROOT),
      targetKey: ROOT,
      seeds: [ROOT, "up/a"],
      state: "SUCCEEDED",
      model: "rules",
      depth: 2,
      nodeBudget: 50,
      steps: [{ agent: "sourcing", message: "fetched «card»\n", at: "2024-01-01T00:00:00Z", durationMs: 12.5 }],
      counts: { big: 12345678901234567890, nested: { list: [1, null, "x"] } },
      startedAt: new Date("2024-01-01T00:00:00.001Z"),
    },
  });
  await db.agentRun.create({ data: { id: "run-2", targetKey: "nobody/typo", state: "FAILED", failureKind: "NOT_ON_HUB", error: "No dataset “nobody/typo” on the Hugging Face Hub.", model: "rules", depth: 1, nodeBudget: 1 } });
  await db.unresolvedMention.create({
    data: { datasetId: id(ROOT), mention: "Nobody/Typo", mentionNorm: "nobody/typo", reason: "NOT_ON_HUB", relation: "DIRECT_INCLUSION", source: "CARD", quote: "Built from Nobody/Typo.\n«quoted»", fingerprint: "u1", agentRunId: "run-2" },
  });
  await db.snapshot.create({ data: { id: "snap1", rootKey: ROOT, view: { up: 2, filters: [] }, graph: { nodes: [{ key: ROOT }], edges: [] } } });
  await db.appMeta.create({ data: { key: "seed_version", value: "test" } });
  await db.sourceText.create({ data: { url: "https://example.org/card", kind: "card", status: 200, text: "# Card\r\n\\u0041 not an escape" } });
  await db.$executeRawUnsafe(`INSERT INTO backup_probe (big, n, r, d, b, tz, iv, grid, txt, j, jb, u) VALUES
    (9223372036854775807, 12345678901234567890.000000000001, 0.1, 0.1::float8 + 0.2::float8, '\\x00ff10'::bytea, '2024-02-29 23:59:59.999999+05:30',
     '1 year 2 mons 3 days 04:05:06.789', '{{1,2},{3,4}}', ARRAY['a,b', NULL, 'NULL', '"q"', E'line\\nbreak'], '{"b": 1,   "a": [1.0, 2]}',
     '{"x": 12345678901234567890}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),
    (-1, 'NaN', '-Infinity', 'NaN', '', '-infinity', '-1 day', '{}', '{}', 'null', '[]', NULL),
    (NULL, NULL, NULL, 5e-324, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
  await db.$executeRawUnsafe(`INSERT INTO backup_pair SELECT chr(65 + i % 3 + (i % 2) * 32), i / 3, repeat('x', i) FROM generate_series(0, 16) i`);
  await db.$executeRawUnsafe(`INSERT INTO backup_nokey SELECT CASE WHEN i % 4 = 0 THEN NULL ELSE 'same' END, i % 3 FROM generate_series(1, 11) i`);
  await db.$executeRawUnsafe(`INSERT INTO app_user (id, name, email, updated_at) VALUES ('u1', 'Ada', 'ada@example.org', now())`);
  await db.$executeRawUnsafe(
    `INSERT INTO account (id, account_id, provider_id, user_id, password, access_token, refresh_token, id_token, updated_at)
     VALUES ('a1', 'u1', 'credential', 'u1', $1, $2, $3, $4, now())`,
    ...SECRETS.slice(0, 4),
  );
  await db.$executeRawUnsafe(`INSERT INTO session (id, token, user_id, expires_at, updated_at) VALUES ('s1', $1, 'u1', now(), now())`, SECRETS[4]);
}

/** Every row of every table as JSON (an independent reading: row_to_json, not the backup's casts), sorted. */
async function dump(db: Db): Promise<Record<string, string[]>> {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
  );
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = await db.$queryRawUnsafe<{ r: string }[]>(`SELECT row_to_json(t)::text AS r FROM "${name}" t`);
    out[name] = rows.map((r) => r.r).sort();
  }
  return out;
}

/** What a restore of `before` must hold: secret columns NULL, no sessions or verifications. */
function withoutSecrets(before: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = { ...before, session: [], ...(before.verification ? { verification: [] } : {}) };
  out.account = before.account!.map((row) => JSON.stringify({ ...JSON.parse(row), ...Object.fromEntries(SECRET_COLUMNS.map((c) => [c, null])) })).sort();
  return out;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** A copy of the backup with its lines changed by `edit`. */
async function edited(name: string, edit: (lines: string[]) => string[]): Promise<string> {
  const file = path.join(tmp, name);
  await fs.writeFile(file, edit((await fs.readFile(backup, "utf8")).split("\n")).join("\n"));
  return file;
}

const tableLine = (lines: string[], table: string) => lines.findIndex((l) => l.replace(/^,/, "").startsWith(`{"name":"${table}",`));

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "rootline-backup-"));
  backup = path.join(tmp, "store.json");
  second = await openSecondStore();
  await prepareSchema(getDb());
  await prepareSchema(second.db);
  await fill(getDb());
});

afterAll(async () => {
  await second?.drop();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("exportBackup / importBackup", () => {
  it("round-trips every table, row and value into a second, empty store, secrets left out", async () => {
    const before = await dump(getDb());
    // Small pages and batches: keyset paging (one-, two- and no-column keys) and batching are crossed.
    const exported = await exportBackup({ file: backup, pageRows: 3 });
    const text = await fs.readFile(backup, "utf8");
    const document = JSON.parse(text);
    expect(document).toMatchObject({ format: "rootline-backup", version: 1, omitted: { tables: expect.arrayContaining(["session"]) } });
    expect(document.migrations.length).toBeGreaterThan(5);
    const names = document.tables.map((t: { name: string }) => t.name);
    expect(names).toEqual(expect.arrayContaining(["backup_probe", "backup_pair", "backup_nokey"]));
    expect(names).not.toContain("session");
    expect(names).not.toContain("_prisma_migrations");
    // Foreign-key order: a table after those it references.
    for (const [child, parent] of [["edge", "dataset"], ["evidence", "edge"], ["account", "app_user"], ["overlap_measurement", "eval_set"], ["unresolved_mention", "dataset"]]) {
      expect(names.indexOf(child), child).toBeGreaterThan(names.indexOf(parent));
    }
    const account = document.tables.find((t: { name: string }) => t.name === "account");
    for (const column of SECRET_COLUMNS) expect(account.columns.map((c: { name: string }) => c.name)).not.toContain(column);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(exported.tables.find((t) => t.name === "dataset")!.rows).toBe(before.dataset!.length);

    const report = await importBackup({ file: backup, db: second.db, batchRows: 4 });
    expect(report).toMatchObject({ replaced: false, rows: exported.rows, nulled: { account: expect.arrayContaining(SECRET_COLUMNS) } });
    expect(await dump(second.db)).toEqual(withoutSecrets(before));

    // Sequences continue after the restored ids, identity columns too.
    const maxId = Math.max(...(await second.db.dataset.findMany({ select: { id: true } })).map((d) => d.id));
    expect((await second.db.dataset.create({ data: { key: "new/one", keyNorm: "new/one", scheme: "HUB", displayName: "one" } })).id).toBe(maxId + 1);
    const probe = await second.db.$queryRawUnsafe<{ id: string }[]>(`INSERT INTO backup_probe (big) VALUES (1) RETURNING id::text`);
    expect(probe[0]!.id).toBe("4");
  });

  it("refuses a store that holds rows, and --replace restores it exactly", async () => {
    const before = await dump(getDb());
    const refused = await refusal(importBackup({ file: backup }));
    expect(refused.code).toBe("conflict:not_empty");
    expect(refused.message).toMatch(/not empty \(.*dataset.*\).*--replace/);
    expect(await dump(getDb())).toEqual(before);

    await getDb().edge.deleteMany({ where: { confidence: { lt: 0.95 } } });
    await getDb().dataset.update({ where: { keyNorm: "up/a" }, data: { displayName: "changed", tags: ["x"] } });
    await getDb().snapshot.create({ data: { id: "snap2", rootKey: ROOT, view: {}, graph: {} } });
    const report = await importBackup({ file: backup, replace: true });
    expect(report.replaced).toBe(true);
    expect(await dump(getDb())).toEqual(withoutSecrets(before));
  });

  it("refuses a backup of a store with other migrations, naming them", async () => {
    const file = await edited("migrations.json", (lines) => {
      const header = JSON.parse(`${lines[0]!.slice(0, -',"tables":['.length)}}`);
      header.migrations = [...header.migrations.slice(0, -1), "20990101000000_from_the_future"];
      return [`${JSON.stringify(header).slice(0, -1)},"tables":[`, ...lines.slice(1)];
    });
    const before = await dump(getDb());
    const refused = await refusal(importBackup({ file, replace: true }));
    expect(refused.code).toBe("conflict:migrations");
    expect(refused.message).toMatch(/in the backup's store but not in this one: 20990101000000_from_the_future; applied in this store but not in the backup's: \d+_\w+/);
    expect(await dump(getDb())).toEqual(before);
  });

  it("leaves the store as it was when a row fails halfway through", async () => {
    const file = await edited("bad-row.json", (lines) => {
      const at = tableLine(lines, "edge");
      const columns = JSON.parse(`${lines[at]!.replace(/^,/, "").slice(0, -',"rows":['.length)}}`).columns.map((c: { name: string }) => c.name);
      const row = JSON.parse(lines[at + 3]!.slice(1));
      row[columns.indexOf("confidence")] = "2";
      return lines.map((line, i) => (i === at + 3 ? `,${JSON.stringify(row)}` : line));
    });
    const before = await dump(getDb());
    const refused = await refusal(importBackup({ file, replace: true }));
    expect(refused.code).toBe("bad_request:import");
    expect(refused.message).toMatch(/restoring table edge failed .*edge_confidence_range.*Nothing was imported/);
    expect(await dump(getDb())).toEqual(before);
  });

  it("refuses missing, damaged and foreign files with the reason, touching nothing", async () => {
    const cases: [string, RegExp][] = [
      [path.join(tmp, "missing.json"), /missing\.json does not exist/],
      [await edited("text.json", () => ["hello"]), /is not a Rootline backup/],
      [await edited("other.json", () => ['{"format":"something-else","version":1}']), /is not a Rootline backup/],
      [await edited("v2.json", (l) => [l[0]!.replace('"version":1', '"version":2'), ...l.slice(1)]), /backup of version 2; this Rootline reads version 1 only/],
      [await edited("truncated.json", (l) => l.slice(0, tableLine(l, "dataset") + 5)), /ends before the backup does \(inside table \w+\): it is truncated/],
      [await edited("cut-row.json", (l) => l.map((line, i) => (i === tableLine(l, "dataset") + 2 ? line.slice(0, 20) : line))), /:\d+: expected a row of table dataset/],
      [await edited("table.json", (l) => l.map((line) => line.replace('{"name":"snapshot",', '{"name":"no_such_table",'))), /:\d+: table no_such_table is not in this store/],
      [await edited("column.json", (l) => l.map((line) => line.replace('{"name":"root_key","type":"text"}', '{"name":"rootKey","type":"text"}'))), /column snapshot\.rootKey is not in this store/],
      [await edited("count.json", (l) => l.map((line, i) => (i === tableLine(l, "dataset") + 1 ? line.replace(/^\["[^"]*",/, "[") : line))), /a row of table dataset has \d+ values for \d+ columns/],
      [await edited("rowcount.json", (l) => l.map((line) => line.replace(/^\],"rowCount":(\d+)\}$/, (_, n) => `],"rowCount":${Number(n) + 1}}`))), /says it has \d+ rows but holds/],
    ];
    const before = await dump(getDb());
    for (const [file, message] of cases) {
      const refused = await refusal(importBackup({ file, replace: true }));
      expect(refused.code, file).toBe("bad_request:import");
      expect(refused.message, file).toMatch(message);
    }
    expect(await dump(getDb())).toEqual(before);
  });
});
