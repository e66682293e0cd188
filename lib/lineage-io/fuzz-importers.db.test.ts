import fs from "node:fs/promises";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { parseKey } from "@/lib/keys";
import { CRAWL_STATES, RELATION_LABELS, RELATIONS } from "@/lib/lineage/types";
import { exportBackup } from "@/lib/server/backup/export";
import { importBackup } from "@/lib/server/backup/import";
import { getDb } from "@/lib/server/db/client";
import { importDpiDirectory } from "@/lib/server/lineage/import-dpi";
import { importOdaDirectory } from "@/lib/server/lineage/import-oda";
import { syncRegistry } from "@/lib/server/lineage/registry";
import { upsertAliases, writeTransaction } from "@/lib/server/lineage/write";
import { importDeconReports, importLineErrors, importOverlapCsv } from "@/lib/server/contamination/measurements";
import { buildFixtureGraph } from "@/test-support/server/fixture-graph";
import { FUZZ_SEED, fuzzRuns, hostileString, J, jsonText, nastyString, numberJson, type Json } from "@/test-support/server/fuzz/arbitraries";
import { changedTables, checksummer, storeTables, type StoreChecksum } from "@/test-support/server/fuzz/checksum";
import { editedRecord, fileBytes, fileText, jsonLine, sourceName } from "@/test-support/server/fuzz/lines";
import { openSecondStore } from "@/test-support/server/second-store";
import { ALIASES, EVAL_SETS, HOLDINGS } from "@/prisma/seed/benchmarks";
import { parseDeconReports } from "./decon";
import { parseDpiSeed } from "./dpi-seed";
import { DPI_EDGES_FILE, DPI_NODES_FILE, parseDpi } from "./dpi";
import { DATA_FILE, GRAPH_FILE, parseOda } from "./oda";
import { OVERLAP_COLUMNS, parseOverlapCsv } from "./overlap-csv";
import { parseSeedFile, serialiseSeedFile } from "./seed-file";

// Property-based fuzzing of the importers: the line parsers (ODA, overlap CSV, DPI, decon,
// the seed files) and the store importers built on them, plus the whole-store JSON backup.
// Random and hostile lines and files (real fixture records with fields broken, files with BOMs,
// CRLF, invalid UTF-8, odd layouts) must never make them throw anything but an AppError (or,
// for the parsers, anything at all: bad lines are per-line results); a refused import leaves
// every table as it was (checksums before and after).

const FIXTURES = path.join(import.meta.dirname, "fixtures");
/** The fixture's well-formed records (fixtures hold deliberately broken lines too). */
const jsonLines = (file: string) =>
  readFileSync(path.join(FIXTURES, file), "utf8")
    .split("\n")
    .flatMap((line) => {
      try {
        const value = JSON.parse(line) as unknown;
        return value && typeof value === "object" && !Array.isArray(value) ? [value as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });

const ODA_GRAPH = jsonLines("oda-small/graph.jsonl");
const ODA_META = ODA_GRAPH.flatMap((r) => {
  try {
    return [JSON.parse(String(r.meta_info)) as Record<string, unknown>];
  } catch {
    return [];
  }
}).filter((m) => m && typeof m === "object");
const ODA_DATA = jsonLines("oda-small/data.jsonl");
const DPI_NODES = jsonLines("dpi-small/dpi_nodes.jsonl");
const DPI_EDGES = jsonLines("dpi-small/dpi_edges.jsonl");
const DECON = jsonLines("decon-small/reports/part-0.jsonl");
const DPI_IDS = DPI_NODES.map((n) => String(n.id));

const stats = { parsed: 0, imports: 0, refused: 0, accepted: 0, faults: 0 };
/** Why imports were refused, roughly (FUZZ_VERBOSE=1). */
const refusals = new Map<string, number>();
/** Per importer: [runs, accepted, refused, faults]. */
const perImporter = new Map<string, [number, number, number, number]>();
const count = (what: string, outcome: 1 | 2, fault: boolean) => {
  const name = what.split("(")[0]!;
  const row = perImporter.get(name) ?? [0, 0, 0, 0];
  row[0] += 1;
  row[outcome] += 1;
  if (fault) row[3] += 1;
  perImporter.set(name, row);
};
const project = process.env.ROOTLINE_TEST_DB ?? "?";
let tmp: string;
let checksum: () => Promise<StoreChecksum>;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "rootline-fuzz-import-"));
  await buildFixtureGraph(getDb());
  await writeTransaction(async (tx) => {
    await syncRegistry(tx, { evalSets: EVAL_SETS, holdings: HOLDINGS });
    await upsertAliases(tx, ALIASES.map((a) => ({ ...a, origin: "SEED" as const })));
  });
  checksum = checksummer(getDb(), await storeTables(getDb()));
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
  console.log(
    `[fuzz-importers] ${project}: ${stats.parsed} inputs parsed, ${stats.imports} imports fuzzed (${stats.accepted} accepted, ${stats.refused} refused), ${stats.faults} faults (throws other than AppError)\n` +
      [...perImporter].map(([name, [runs, ok, refused, faults]]) => `  ${name}: ${runs} runs, ${ok} accepted, ${refused} refused, ${faults} faults`).join("\n") +
      (process.env.FUZZ_VERBOSE ? `\n${[...refusals].sort((a, b) => b[1] - a[1]).map(([k, n]) => `    ${n}× ${k}`).join("\n")}` : ""),
  );
});

const options = (numRuns: number) => ({ seed: FUZZ_SEED, numRuns: fuzzRuns(numRuns) });

/** A parser must return, whatever the text. */
function parses<T>(what: string, parse: () => T): T {
  stats.parsed += 1;
  try {
    return parse();
  } catch (error) {
    stats.faults += 1;
    throw new Error(`${what} threw ${String(error)}`, { cause: error });
  }
}

/**
 * An import must resolve, or reject with an AppError of a 4xx code and change nothing.
 * `store` is the checksum of the store the import writes to.
 */
async function imports<T>(what: string, store: () => Promise<StoreChecksum>, run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  stats.imports += 1;
  const before = await store();
  try {
    const value = await run();
    stats.accepted += 1;
    count(what, 1, false);
    return { ok: true, value };
  } catch (error) {
    stats.refused += 1;
    if (!isAppError(error)) stats.faults += 1;
    count(what, 2, !isAppError(error));
    if (process.env.FUZZ_VERBOSE) {
      const key = `${what.split("(")[0]} ${String((error as Error).message).split(tmp).join("TMP").replace(/TMP\/[^/: ]+/g, "TMP/…").replace(/\d+/g, "N").replace(/"[^"]*"/g, '"…"').slice(0, 110)}`;
      refusals.set(key, (refusals.get(key) ?? 0) + 1);
      for (const line of importLineErrors(error) ?? []) {
        const reason = `${what.split("(")[0]} line: ${line.reason.replace(/\d+/g, "N").replace(/"[^"]*"/g, '"…"').slice(0, 100)}`;
        refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
      }
    }
    expect(changedTables(before, await store()), `${what} was refused (${String(error).slice(0, 200)}) but changed rows`).toEqual([]);
    expect(isAppError(error), `${what} threw a ${(error as Error)?.constructor?.name}: ${String(error)}\n${(error as Error)?.stack?.split("\n").slice(0, 6).join("\n")}`).toBe(true);
    if (isAppError(error)) expect(error.status, `${what}: ${error.code} ${error.message}`).toBeLessThan(500);
    return { ok: false, error };
  }
}

/** A fresh folder holding `files` (name → bytes, or null for a folder of that name). */
async function folder(name: string, files: Record<string, Buffer | null>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(tmp, `${name}-`));
  for (const [file, bytes] of Object.entries(files)) {
    const target = path.join(dir, file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    if (bytes === null) await fs.mkdir(target, { recursive: true });
    else await fs.writeFile(target, bytes);
  }
  return dir;
}

/** Stands in for a value while an object is serialised, then replaced by any JSON text (valid or not). */
const PLACEHOLDER = "\u0001fuzz-value\u0001";

const preview = (text: string) => JSON.stringify(text.length > 400 ? `${text.slice(0, 400)}…` : text);

// ---------------------------------------------------------------------------------------
// ODA (graph.jsonl + data.jsonl)

const relationLabel = fc.oneof(fc.constantFrom(...RELATIONS.map((r) => RELATION_LABELS[r])), fc.constantFrom("semantic evolution", " Structured Fusion ", "Unknown"));
const odaValid: Record<string, fc.Arbitrary<Json>> = {
  target: sourceName.map(J.str),
  source: sourceName.map(J.str),
  name: sourceName.map(J.str),
  confidence: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }).map((d) => J.raw(JSON.stringify(d))), fc.constantFrom("0.5", "1", "0", "-0", "1.0000001", "1e-400").map(J.raw), fc.constantFrom("0.5", " 0.7 ", "", "NaN", "Infinity").map(J.str)),
  relationship: relationLabel.map(J.str),
  source_label: fc.constant(J.str("Paper")),
  evidence: fc.oneof(fc.constantFrom("We use the train split.", "test set", "", "validation"), hostileString).map(J.str),
  exists: fc.constantFrom("true", "false", '"exists"', '"not_exists"', "null", "1").map(J.raw),
  url: fc.oneof(fc.constantFrom("https://example.org/x", "", "javascript:alert(1)"), hostileString).map(J.str),
  fingerprint: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), hostileString).map(J.str),
  categories: fc.array(fc.oneof(fc.constantFrom("Math", "Code", "science", "GENERAL", "medical", "Multilingual", "Other"), hostileString).map(J.str), { maxLength: 4 }).map(J.arr),
  year: fc.constantFrom("2024-02", "2024-13", "2024-00", "24-01", "2024-1", "").map(J.str),
  hf_year: fc.constantFrom("2023-11", "9999-12", "0000-01").map(J.str),
  data_type: fc.constantFrom("synthetic", "manual", "human", "mixed", "SYNTHETIC", "other").map(J.str),
  exists_on_hf: fc.constantFrom('"exists"', '"not exists"', "true", "false", '"maybe"').map(J.raw),
  is_terminal_node: fc.constantFrom("true", "false", '"true"', "1").map(J.raw),
  terminal_reason: fc.oneof(fc.constantFrom("Dataset created before or in 2021 (year: 2021)", "Dataset created before or in 99999 (year: 1)", "Primary source", "Depth limit reached", "No source datasets found"), hostileString).map(J.str),
  paper_url: fc.oneof(fc.constantFrom("https://arxiv.org/abs/2401.00001", "http://x", "ftp://x", "https://" + "a".repeat(5000)), hostileString).map(J.str),
  downloads: fc.oneof(fc.constantFrom("0", "-1", "1.5", "2147483647", "2147483648", "9007199254740993", "1e309").map(J.raw), fc.nat().map(J.num)),
  crawl_state: fc.oneof(fc.constantFrom(...CRAWL_STATES), fc.constantFrom("traced", "")).map(J.str),
  display_name: fc.oneof(fc.constantFrom("Nice Name", "x".repeat(1000)), hostileString).map(J.str),
};
const odaGraphLine = jsonLine(editedRecord(ODA_GRAPH, odaValid, { inner: { meta_info: ODA_META } }));
const odaDataLine = jsonLine(editedRecord(ODA_DATA, odaValid));
const odaFiles = fc.record({ graph: fileText(odaGraphLine, 10), data: fc.option(fileText(odaDataLine, 8), { freq: 4 }) });

describe("ODA", () => {
  it("parseOda never throws; every skip names a known reason and a real line; edges join valid keys", () => {
    const reasons = new Set(["malformed_json", "missing_field", "bad_relation", "bad_confidence", "unkeyable_name", "self_loop", "duplicate_node"]);
    fc.assert(
      fc.property(odaFiles, ({ graph, data }) => {
        const result = parses(`parseOda(graph=${preview(graph)}, data=${preview(data ?? "")})`, () => parseOda({ graph, data }));
        const lines = { [GRAPH_FILE]: graph.split(/\r?\n/).length, [DATA_FILE]: (data ?? "").split(/\r?\n/).length };
        for (const skip of result.skipped) {
          expect(reasons.has(skip.reason), skip.reason).toBe(true);
          expect(skip.line).toBeGreaterThanOrEqual(1);
          expect(skip.line).toBeLessThanOrEqual(lines[skip.file as keyof typeof lines] ?? Infinity);
        }
        for (const edge of result.edges) {
          expect(parseKey(edge.upstream), edge.upstream).not.toBeNull();
          expect(parseKey(edge.downstream), edge.downstream).not.toBeNull();
          expect(edge.confidence >= 0 && edge.confidence <= 1).toBe(true);
        }
        for (const node of result.nodes) expect(parseKey(node.key), node.key).not.toBeNull();
      }),
      options(1500),
    );
  });

  it("importOdaDirectory imports hostile files or refuses them with an AppError, and a refusal changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(odaFiles, fc.option(fileBytes(fileText(odaGraphLine, 10)), { freq: 4 }), async ({ graph, data }, rawGraph) => {
        const files: Record<string, Buffer | null> = { [GRAPH_FILE]: rawGraph ?? Buffer.from(graph) };
        if (data !== null) files[DATA_FILE] = Buffer.from(data);
        const dir = await folder("oda", files);
        await imports(`importOdaDirectory(graph=${preview(rawGraph?.toString("utf8") ?? graph)}, data=${preview(data ?? "")})`, checksum, () => importOdaDirectory(dir, { actor: "fuzz" }));
        await fs.rm(dir, { recursive: true, force: true });
      }),
      options(200),
    );
  }, 180_000);

  it("importOdaDirectory refuses odd folders (missing, a file, graph.jsonl or data.jsonl a folder) with an AppError", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("no-graph", "graph-is-folder", "data-is-folder", "not-a-folder", "missing"), fc.boolean(), async (how, withData) => {
        const files: Record<string, Buffer | null> = { [GRAPH_FILE]: how === "graph-is-folder" ? null : Buffer.from(jsonText(J.of(ODA_GRAPH[0]))) };
        if (how === "no-graph") delete files[GRAPH_FILE];
        if (withData || how === "data-is-folder") files[DATA_FILE] = how === "data-is-folder" ? null : Buffer.from(jsonText(J.of(ODA_DATA[0])));
        const dir = await folder("oda", files);
        const target = how === "not-a-folder" ? path.join(dir, GRAPH_FILE) : how === "missing" ? path.join(dir, "nowhere") : dir;
        await imports(`importOdaDirectory(layout ${how})`, checksum, () => importOdaDirectory(target, { actor: "fuzz" }));
        await fs.rm(dir, { recursive: true, force: true });
      }),
      options(20),
    );
  });
});

// ---------------------------------------------------------------------------------------
// Overlap CSV

const csvField = (value: string) => (/[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value);
const cell = (valid: fc.Arbitrary<string>, odd: readonly string[]) => fc.oneof({ weight: 30, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom(...odd) }, { weight: 1, arbitrary: hostileString });
const overlapCell: Record<string, fc.Arbitrary<string>> = {
  dataset: cell(fc.constantFrom("meta-math/MetaMathQA", "Org/Root-Set", "corpus:fixture-mix", "github:a/b", "ORG/ROOT-SET"), ["not a key", ""]),
  benchmark: cell(fc.constantFrom("GSM8K", "gsm8k-test", "math-test", "AIME 2025", "openai/gsm8k", "MATH test"), ["AIME", "GSM9K", "MATH", ""]),
  split: cell(fc.constantFrom("test", "TEST", "train", "validation", "all"), ["dev", ""]),
  overlap: cell(fc.constantFrom("4.2%", "0.1", "0", "1", "1e-400", " 0.2 ", ".5", "5.", "1e-2", "100%"), ["1.5", "101%", "1e309", "NaN", "0x1", "", "50 %", "1e2%", "-0"]),
  method: cell(fc.constantFrom("13-gram", "decon", "embedding cosine>=0.9, top-1", "x\u00e9"), ["", "m".repeat(201), "a\u0000b", "\u0007"]),
  url: cell(fc.constantFrom("", "https://example.org/a,b", "http://x.example/r"), ["javascript:alert(1)", "https://" + "a".repeat(2001), "http://x", "https://x.example/\u0000"]),
};
const overlapCsv = fc
  .tuple(
    fc.oneof(
      { weight: 8, arbitrary: fc.constant([...OVERLAP_COLUMNS] as string[]) },
      { weight: 3, arbitrary: fc.shuffledSubarray([...OVERLAP_COLUMNS], { minLength: OVERLAP_COLUMNS.length }) },
      { weight: 1, arbitrary: fc.shuffledSubarray([...OVERLAP_COLUMNS], { minLength: 3 }) },
      { weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom(...OVERLAP_COLUMNS, "Dataset", " split ", "extra"), nastyString(6)), { maxLength: 8 }) },
    ),
    fc.array(fc.tuple(fc.constantFrom(...Array<string>(40).fill("row"), "short", "long", "raw"), fc.record(overlapCell), nastyString(10)), { maxLength: 6 }),
    fc.constantFrom("\n", "\r\n", "\r"),
    fc.boolean(),
  )
  .map(([header, rows, eol, bom]) => {
    const lines = [header.map(csvField).join(",")];
    for (const [kind, cells, raw] of rows) {
      const fields = header.map((h) => cells[h.trim().toLowerCase()] ?? "");
      if (kind === "short") fields.pop();
      if (kind === "long") fields.push("x");
      lines.push(kind === "raw" ? raw : fields.map(csvField).join(","));
    }
    return `${bom ? "\ufeff" : ""}${lines.join(eol)}`;
  });

describe("overlap CSV", () => {
  it("parseOverlapCsv never throws; rows are well-formed, errors name real lines", () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 6, arbitrary: overlapCsv }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) }, { weight: 1, arbitrary: fc.constantFrom("", '"', 'a,"b\n', '"""', "\u0000", "dataset,benchmark,split,overlap,method,url\n\"unterminated") }), (text) => {
        const result = parses(`parseOverlapCsv(${preview(text)})`, () => parseOverlapCsv({ text, file: "f.csv" }));
        for (const row of result.rows) {
          expect(row.overlap >= 0 && row.overlap <= 1, String(row.overlap)).toBe(true);
          expect(parseKey(row.dataset), row.dataset).not.toBeNull();
        }
        for (const error of result.errors) expect(error.reason.length).toBeGreaterThan(0);
      }),
      options(1500),
    );
  });

  it("importOverlapCsv imports or refuses with an AppError, refuses whatever the parser faults, and a refusal changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes(overlapCsv), fc.constantFrom("file", "file", "file", "file", "file", "file", "file", "file", "folder", "missing"), async (bytes, how) => {
        const dir = await folder("overlap", how === "folder" ? { "data.csv": null } : { "data.csv": bytes });
        const file = path.join(dir, how === "missing" ? "nowhere.csv" : "data.csv");
        const parsedErrors = how === "file" ? parseOverlapCsv({ text: bytes.toString("utf8"), file: "data.csv" }).errors.length : 1;
        const outcome = await imports(`importOverlapCsv(${how}, ${preview(bytes.toString("utf8"))})`, checksum, () => importOverlapCsv({ file }));
        if (parsedErrors) expect(outcome.ok, "a file with bad lines must be refused whole").toBe(false);
        if (!outcome.ok && how === "file" && parsedErrors) expect(importLineErrors(outcome.error)?.length ?? 0).toBeGreaterThan(0);
        await fs.rm(dir, { recursive: true, force: true });
      }),
      options(200),
    );
  }, 180_000);
});

// ---------------------------------------------------------------------------------------
// Data Provenance Collection (dpi_nodes.jsonl + dpi_edges.jsonl)

const dpiValid: Record<string, fc.Arbitrary<Json>> = {
  id: fc.oneof(fc.constantFrom(...DPI_IDS), nastyString(8)).map(J.str),
  source_id: fc.oneof(fc.constantFrom(...DPI_IDS), nastyString(8)).map(J.str),
  name: sourceName.map(J.str),
  collection: fc.oneof(fc.constantFrom("Acme", "Task Bundle", ""), hostileString).map(J.str),
  hf_id: fc.oneof(fc.constantFrom("acme-lab/Math-Drills", "ACME-LAB/math-drills", "acme-lab/task-bundle", "not an id", ""), sourceName).map(J.str),
  collection_url: sourceName.map(J.str),
  arxiv_url: fc.oneof(fc.constantFrom("https://arxiv.org/abs/2401.00001", "None", ""), sourceName).map(J.str),
  task_categories: fc.array(fc.oneof(fc.constantFrom("Math Word Problems", "Code Generation", "Summarization"), hostileString).map(J.str), { maxLength: 4 }).map(J.arr),
  licenses: fc.array(fc.record({ license: fc.oneof(fc.constantFrom("MIT License", "CC BY 4.0", "Unspecified", "Apache License 2.0"), hostileString), url: fc.oneof(fc.constantFrom("None", "", "https://x"), hostileString) }).map(J.of), { maxLength: 3 }).map(J.arr),
  model_generated: fc.constantFrom("true", "false", '"yes"', "null").map(J.raw),
  target_raw: sourceName.map(J.str),
  target_kind: fc.oneof(fc.constantFrom("hf_dataset_url", "name", "url_or_domain", "placeholder"), hostileString).map(J.str),
  target_hf_id: fc.oneof(fc.constantFrom("acme-lab/Math-Drills", "x/y"), sourceName).map(J.str),
  target_dpi_node_ids: fc.array(fc.oneof(fc.constantFrom(...DPI_IDS), nastyString(6)).map(J.str), { maxLength: 3 }).map(J.arr),
};
const dpiNodesText = fileText(jsonLine(editedRecord(DPI_NODES, dpiValid, { maxEdits: 2 })), 10);
const dpiEdgesText = fileText(jsonLine(editedRecord(DPI_EDGES, dpiValid, { maxEdits: 2 })), 10);
const DPI_REASONS = new Set(["malformed_json", "missing_field", "wrong_type", "duplicate_id", "unknown_source", "unknown_target_id", "unknown_target_kind", "unresolved_name", "unresolved_url", "no_parent", "self_loop", "duplicate_edge"]);

describe("Data Provenance Collection", () => {
  it("parseDpi never throws; skips have known reasons; edges join valid keys", () => {
    fc.assert(
      fc.property(dpiNodesText, fc.option(dpiEdgesText, { freq: 5 }), (nodes, edges) => {
        const result = parses(`parseDpi(nodes=${preview(nodes)}, edges=${preview(edges ?? "")})`, () => parseDpi({ nodes, edges }, { resolveName: (name) => (name.toLowerCase() === "gsm8k" ? "openai/gsm8k" : null) }));
        for (const skip of result.skipped) expect(DPI_REASONS.has(skip.reason), skip.reason).toBe(true);
        for (const node of result.nodes) expect(parseKey(node.key), node.key).not.toBeNull();
        for (const edge of result.edges) expect(parseKey(edge.upstream) && parseKey(edge.downstream), `${edge.upstream} → ${edge.downstream}`).toBeTruthy();
      }),
      options(1000),
    );
  });

  it("importDpiDirectory imports hostile files or refuses them with an AppError, and a refusal changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes(dpiNodesText), fc.option(fileBytes(dpiEdgesText), { freq: 5 }), async (nodes, edges) => {
        const files: Record<string, Buffer | null> = { [DPI_NODES_FILE]: nodes };
        if (edges) files[DPI_EDGES_FILE] = edges;
        const dir = await folder("dpi", files);
        await imports(`importDpiDirectory(nodes=${preview(nodes.toString("utf8"))}, edges=${preview(edges?.toString("utf8") ?? "")})`, checksum, () => importDpiDirectory(dir, { actor: "fuzz" }));
        await fs.rm(dir, { recursive: true, force: true });
      }),
      options(150),
    );
  }, 180_000);

  it("importDpiDirectory refuses odd folders (no dpi_nodes.jsonl, or a folder of that name) with an AppError", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("no-nodes", "nodes-is-folder", "edges-is-folder", "missing"), async (how) => {
        const files: Record<string, Buffer | null> = { [DPI_NODES_FILE]: how === "nodes-is-folder" ? null : Buffer.from(jsonText(J.of(DPI_NODES[0]))) };
        if (how === "no-nodes") delete files[DPI_NODES_FILE];
        if (how === "edges-is-folder") files[DPI_EDGES_FILE] = null;
        const dir = await folder("dpi", files);
        await imports(`importDpiDirectory(layout ${how})`, checksum, () => importDpiDirectory(how === "missing" ? path.join(dir, "nowhere") : dir, { actor: "fuzz" }));
        await fs.rm(dir, { recursive: true, force: true });
      }),
      options(12),
    );
  });
});

// ---------------------------------------------------------------------------------------
// decon reports

const deconValid: Record<string, fc.Arbitrary<Json>> = {
  training_file: fc.oneof(fc.constantFrom("shard-00.jsonl", "shard-01.jsonl", ""), hostileString).map(J.str),
  training_line: fc.oneof(fc.integer({ min: 0, max: 50 }).map(J.num), fc.constantFrom("-1", "1.5", "9007199254740993", "1e309", '"7"').map(J.raw)),
  eval_key: fc.oneof(fc.constantFrom("gsm8k", "GSM8K", "hendrycks_math", "hendrycks_math_algebra", "mmlu", "aime_2024", "cais/mmlu", "unknown_suite", "_", "__proto__"), hostileString).map(J.str),
  eval_dataset: fc.oneof(fc.constantFrom("gsm8k_test", "mmlu_validation", "math_train", "x_"), hostileString).map(J.str),
  split: fc.oneof(fc.constantFrom("test", "train", "validation", "dev", "all", "", "TEST"), hostileString).map(J.str),
  contamination_score: numberJson,
};
const deconCleanValid: Record<string, fc.Arbitrary<Json>> = {
  training_file: fc.constantFrom("shard-00.jsonl", "shard-01.jsonl", "a/b c.jsonl").map(J.str),
  training_line: fc.integer({ min: 0, max: 50 }).map(J.num),
  eval_key: fc.constantFrom("gsm8k", "GSM8K", "hendrycks_math", "hendrycks_math_algebra", "mmlu", "aime_2024", "unknown_suite").map(J.str),
  split: fc.constantFrom("test", "train", "validation", "dev", "", "TEST").map(J.str),
};
const deconText = fc.oneof(
  { weight: 2, arbitrary: fileText(editedRecord(DECON, deconCleanValid, { maxEdits: 3, validOnly: true }).map(jsonText), 12) },
  { weight: 1, arbitrary: fileText(jsonLine(editedRecord(DECON, deconValid, { maxEdits: 2 })), 12) },
);

describe("decon reports", () => {
  it("parseDeconReports never throws; every group holds documents, every error a reason", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(nastyString(10), deconText), { minLength: 1, maxLength: 3 }), (files) => {
        const result = parses(`parseDeconReports(${preview(JSON.stringify(files))})`, () => parseDeconReports({ files: files.map(([file, text]) => ({ file, text })) }));
        for (const group of result.groups) expect(group.documents.size).toBeGreaterThan(0);
        for (const error of result.errors) expect(error.reason.length).toBeGreaterThan(0);
      }),
      options(1000),
    );
  });

  it("importDeconReports imports or refuses with an AppError, and a refusal changes nothing", async () => {
    // The options come from the command line, and argv cannot carry a NUL (the same checks
    // refuse nothing else the overlap CSV's method and url columns can carry; see "found by fuzzing").
    const argv = (arb: fc.Arbitrary<string>) => arb.map((s) => s.replace(/\u0000/g, ""));
    const params = fc.record({
      dataset: fc.oneof({ weight: 4, arbitrary: fc.constantFrom("fixture-org/decon-mix", "Org/Root-Set", "corpus:fixture-mix", "ORG/root-set") }, { weight: 1, arbitrary: argv(hostileString) }),
      samples: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(1000, 2_147_483_647, 60) }, { weight: 1, arbitrary: fc.constantFrom(1, 3, 2_147_483_648, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53) }),
      method: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(undefined, "decon", "simple") }, { weight: 1, arbitrary: fc.constantFrom("m".repeat(201), "") }, { weight: 1, arbitrary: argv(hostileString) }),
      url: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(undefined, "https://example.org/r", "") }, { weight: 1, arbitrary: fc.constantFrom("javascript:x", "http://") }, { weight: 1, arbitrary: argv(hostileString) }),
    });
    const reports = fc.array(
      fc.tuple(
        fc.oneof({ weight: 6, arbitrary: fc.constantFrom("a.jsonl", "b.JSONL", "nested/c.jsonl", "d.jsonl.gz") }, { weight: 1, arbitrary: fc.constantFrom("e.jsonl.gz", "notes.txt", "dir.jsonl") }),
        fc.oneof({ weight: 4, arbitrary: deconText.map((t) => Buffer.from(t)) }, { weight: 1, arbitrary: fileBytes(deconText) }),
        fc.boolean(),
      ),
      { minLength: 1, maxLength: 3 },
    );
    await fc.assert(
      fc.asyncProperty(params, reports, async (p, files) => {
        const layout: Record<string, Buffer | null> = {};
        for (const [name, bytes, raw] of files) layout[name] = name === "dir.jsonl" ? null : name === "d.jsonl.gz" || (name.endsWith(".gz") && !raw) ? gzipSync(bytes) : bytes;
        const dir = await folder("decon", layout);
        await imports(`importDeconReports(${JSON.stringify(p)}, files=${preview(JSON.stringify(files.map(([n, b]) => [n, b.toString("utf8")])))})`, checksum, () => importDeconReports({ dir, ...p }));
        await fs.rm(dir, { recursive: true, force: true });
      }),
      options(200),
    );
  }, 180_000);
});

// ---------------------------------------------------------------------------------------
// The bundled seed files (parsed at start-up): a bad one is an Error with a message, nothing odder

describe("seed files", () => {
  const seed = parseSeedFile(readFileSync(path.join(import.meta.dirname, "..", "..", "prisma", "seed", "oda-graph.json"), "utf8"));
  const small = JSON.parse(serialiseSeedFile({ header: seed.header, nodes: seed.nodes.slice(0, 4), edges: seed.edges.slice(0, 4) })) as Record<string, unknown>;
  const mutated = fc
    .tuple(fc.constantFrom("header", "nodes", "edges"), fc.nat(3), fc.constantFrom("key", "kind", "upstream", "relation", "confidence", "evidence", "format", "counts", "domains", "fingerprint"), fc.oneof(numberJson, hostileString.map(J.str), fc.constant(J.raw("null"))))
    .map(([part, index, field, value]) => {
      const copy = structuredClone(small) as Record<string, unknown>;
      const target = part === "header" ? (copy.header as Record<string, unknown>) : ((copy[part] as Record<string, unknown>[])[index] ?? {});
      target[field] = PLACEHOLDER;
      return JSON.stringify(copy).replace(JSON.stringify(PLACEHOLDER), () => jsonText(value));
    });
  const texts = fc.oneof({ weight: 5, arbitrary: mutated }, { weight: 1, arbitrary: hostileString }, { weight: 1, arbitrary: fc.constantFrom("{}", "[]", "null", '{"header":null}', '{"nodes":[],"edges":[]}') });

  it("parseSeedFile and parseDpiSeed return or throw an Error with a message (never a TypeError or RangeError)", () => {
    fc.assert(
      fc.property(texts, (text) => {
        for (const [name, parse] of [["parseSeedFile", parseSeedFile], ["parseDpiSeed", parseDpiSeed]] as const) {
          stats.parsed += 1;
          try {
            parse(text);
          } catch (error) {
            expect(error, `${name}(${preview(text)})`).toBeInstanceOf(Error);
            expect([Error, SyntaxError], `${name}(${preview(text)}) threw ${String(error)}`).toContain((error as Error).constructor);
            expect((error as Error).message.length).toBeGreaterThan(0);
          }
        }
      }),
      options(800),
    );
  });
});

// ---------------------------------------------------------------------------------------
// Minimal cases the fuzzing found (each its own test, so each fix turns one green)

describe("found by fuzzing", () => {
  const meta = { source: "Paper", confidence: 0.5, relationship: "Structured Fusion" };
  const oda = (graph: object[], data: object[] = []) => ({ [GRAPH_FILE]: Buffer.from(graph.map((l) => JSON.stringify(l)).join("\n")), [DATA_FILE]: Buffer.from(data.map((l) => JSON.stringify(l)).join("\n")) });

  it.each([
    ["a Hub URL with a bare %", "https://huggingface.co/datasets/%"],
    ["a GitHub URL with a broken escape", "https://github.com/a/%zz"],
    ["a host-like name ending in %", "example.com/100%"],
  ])("parseOda skips or keys a name that is %s, never throws (%s)", (_what, name) => {
    const result = parses(`parseOda(${name})`, () => parseOda({ graph: JSON.stringify({ target: "a/b", source: name, meta_info: meta }) }));
    expect(result.edges.length + result.skipped.length).toBe(1);
  });

  it.each([
    ["a NUL in a terminal reason (data.jsonl)", oda([], [{ name: "a/b", is_terminal_node: true, terminal_reason: "x\u0000" }])],
    ["a NUL in a display name (data.jsonl)", oda([], [{ name: "a/b", display_name: "x\u0000" }])],
    ["a NUL in a paper URL (data.jsonl)", oda([], [{ name: "a/b", paper_url: "https://x.example/\u0000" }])],
    ["a NUL in a free-text source name", oda([{ target: "a/b", source: "Stack\u0000Exchange", meta_info: meta }])],
    ["a NUL in an evidence quote", oda([{ target: "a/b", source: "c/d", meta_info: { ...meta, evidence: "q\u0000" } }])],
  ])("importOdaDirectory imports or refuses with an AppError a file with %s", async (what, files) => {
    const dir = await folder("oda-case", files);
    await imports(`importOdaDirectory(${what})`, checksum, () => importOdaDirectory(dir));
  });

  it.each([
    ["a NUL in a name", { id: "x", name: "N\u0000", collection: null, hf_id: null, licenses: [], task_categories: [] }],
    ["a NUL in a licence", { id: "x", name: "N", collection: null, hf_id: "a/b", licenses: [{ license: "MIT\u0000", url: "None" }], task_categories: [] }],
  ])("importDpiDirectory imports or refuses with an AppError a file with %s", async (what, node) => {
    const dir = await folder("dpi-case", { [DPI_NODES_FILE]: Buffer.from(JSON.stringify(node)) });
    await imports(`importDpiDirectory(${what})`, checksum, () => importDpiDirectory(dir));
  });

  it.each([
    ["method", "meta-math/MetaMathQA,GSM8K,test,0.1,a\u0000b,"],
    ["url", "meta-math/MetaMathQA,GSM8K,test,0.1,13-gram,https://x.example/\u0000"],
  ])("importOverlapCsv refuses a NUL in the %s column as a line error (an AppError), nothing imported", async (what, row) => {
    const dir = await folder("overlap-case", { "x.csv": Buffer.from(`${OVERLAP_COLUMNS.join(",")}\n${row}\n`) });
    const outcome = await imports(`importOverlapCsv(NUL in ${what})`, checksum, () => importOverlapCsv({ file: path.join(dir, "x.csv") }));
    expect(outcome.ok).toBe(false);
  });

  it.each([
    ["importOdaDirectory", GRAPH_FILE, (dir: string): Promise<unknown> => importOdaDirectory(dir)],
    ["importDpiDirectory", DPI_NODES_FILE, (dir: string): Promise<unknown> => importDpiDirectory(dir)],
  ] as const)("%s refuses with an AppError a folder whose %s is a folder", async (what, file, run) => {
    const dir = await folder("layout-case", { [file]: null });
    await imports(`${what}(${file} is a folder)`, checksum, () => run(dir));
  });
});

// ---------------------------------------------------------------------------------------
// The whole-store JSON backup

describe("whole-store JSON backup import", () => {
  let second: Awaited<ReturnType<typeof openSecondStore>>;
  let base: string[];
  let secondChecksum: () => Promise<StoreChecksum>;

  beforeAll(async () => {
    const file = path.join(tmp, "base-backup.json");
    await exportBackup({ file });
    base = (await fs.readFile(file, "utf8")).split("\n");
    second = await openSecondStore();
    secondChecksum = checksummer(second.db, await storeTables(second.db));
  }, 180_000);

  afterAll(async () => {
    await second?.drop();
  });

  /** Row lines (`[…]` or `,[…]`) and the lines around them. */
  const edit = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("cell" as const), line: fc.nat(), cell: fc.nat(), value: fc.oneof(hostileString, fc.constantFrom("", "0", "-1", "99999999999999999999", "NaN", "1e309", "{}", "{", "[]", "2024-13-45", "not-a-uuid", "TRAIN", "NOPE", "t", "\\N")).map((v) => v as string | null) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("cell" as const), line: fc.nat(), cell: fc.nat(), value: fc.constant(null) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("replace" as const), line: fc.nat(), text: fc.oneof(hostileString, fc.constantFrom("]}", "],\"rowCount\":0}", "[]", ",[]", ",[null]", "")) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("drop" as const), line: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("duplicate" as const), line: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("header" as const), field: fc.constantFrom("version", "migrations", "createdAt", "omitted", "format"), value: fc.oneof(numberJson, hostileString.map(J.str), fc.constant(J.raw("[]")), fc.constant(J.raw("null"))) }) },
  );

  function applyEdits(lines: string[], edits: Edit[]): string {
    let out = [...lines];
    for (const e of edits) out = apply(out, e);
    return out.join("\n");
  }

  type Edit = { kind: "cell"; line: number; cell: number; value: string | null } | { kind: "replace"; line: number; text: string } | { kind: "drop"; line: number } | { kind: "duplicate"; line: number } | { kind: "truncate"; at: number } | { kind: "header"; field: string; value: Json };
  function apply(lines: string[], e: Edit): string[] {
    const rows = lines.map((l, i) => [l, i] as const).filter(([l]) => /^,?\[/.test(l)).map(([, i]) => i);
    if (e.kind === "cell") {
      if (!rows.length) return lines;
      const at = rows[e.line % rows.length]!;
      const comma = lines[at]!.startsWith(",");
      // An earlier edit (a truncation, a replaced line) may have left this line no JSON row: nothing to edit.
      let row: (string | null)[];
      try {
        row = JSON.parse(comma ? lines[at]!.slice(1) : lines[at]!) as (string | null)[];
      } catch {
        return lines;
      }
      if (!Array.isArray(row) || !row.length) return lines;
      row[e.cell % row.length] = e.value;
      return lines.map((l, i) => (i === at ? `${comma ? "," : ""}${JSON.stringify(row)}` : l));
    }
    if (e.kind === "replace") return lines.map((l, i) => (i === e.line % lines.length ? e.text.replace(/[\r\n]/g, " ") : l));
    if (e.kind === "drop") return lines.filter((_, i) => i !== e.line % lines.length);
    if (e.kind === "duplicate") return lines.flatMap((l, i) => (i === e.line % lines.length ? [l, l] : [l]));
    if (e.kind === "truncate") {
      const text = lines.join("\n");
      return text.slice(0, e.at % (text.length + 1)).split("\n");
    }
    // An earlier edit (a truncation) may have broken the header line already: nothing left to edit.
    let header: Record<string, unknown>;
    try {
      header = JSON.parse(`${lines[0]!.slice(0, -',"tables":['.length)}}`) as Record<string, unknown>;
    } catch {
      return lines;
    }
    header[e.field] = PLACEHOLDER;
    return [`${JSON.stringify(header).slice(0, -1).replace(JSON.stringify(PLACEHOLDER), () => jsonText(e.value))},"tables":[`, ...lines.slice(1)];
  }

  it("importBackup of a damaged backup restores it or refuses with a 4xx AppError, and a refusal changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), fc.boolean(), async (edits, replace) => {
        const text = applyEdits(base, edits as Edit[]);
        const file = path.join(tmp, "damaged-backup.json");
        await fs.writeFile(file, text);
        await imports(`importBackup(replace=${replace}, edits=${JSON.stringify(edits).slice(0, 600)})`, secondChecksum, () => importBackup({ file, db: second.db, replace }));
      }),
      options(120),
    );
  }, 240_000);
});
