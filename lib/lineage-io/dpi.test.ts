import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeKey, parseKey } from "@/lib/keys";
import { DPI_CONFIDENCE, DPI_EDGES_FILE, DPI_NODES_FILE, domainsFromCategories, dpiLocator, dpiSlug, parseDpi, uniqueDpiSlugs, type DpiParse } from "./dpi";
import { aliasNorm } from "./names";

const FIXTURE = path.join(import.meta.dirname, "fixtures", "dpi-small");
const nodesText = fs.readFileSync(path.join(FIXTURE, DPI_NODES_FILE), "utf8");
const edgesText = fs.readFileSync(path.join(FIXTURE, DPI_EDGES_FILE), "utf8");
const aliases = new Map([[aliasNorm("Trivia Classic"), "classic-org/trivia"]]);
const resolveName = (name: string) => aliases.get(aliasNorm(name)) ?? null;

const LOC = "dpi:summaries/Acme.json";
const finders = (parsed: DpiParse) => ({
  node: (key: string) => parsed.nodes.find((n) => n.key === key),
  edge: (up: string, down: string) => parsed.edges.find((e) => e.upstream === up && e.downstream === down),
  upstreamsOf: (down: string) => parsed.edges.filter((e) => e.downstream === down && e.kind === "derived-from").map((e) => e.upstream),
});

describe("parseDpi on the small fixture", () => {
  const parsed = parseDpi({ nodes: nodesText, edges: edgesText }, { resolveName });
  const { node, edge, upstreamsOf } = finders(parsed);

  it("reports every bad line with its file, line number and reason, and reads the rest", () => {
    expect(parsed.skipped.map((s) => [s.file, s.line, s.reason])).toEqual([
      ["dpi_nodes.jsonl", 10, "malformed_json"],
      ["dpi_nodes.jsonl", 12, "missing_field"],
      ["dpi_nodes.jsonl", 13, "wrong_type"],
      ["dpi_nodes.jsonl", 15, "duplicate_id"],
      ["dpi_nodes.jsonl", 17, "malformed_json"],
      ["dpi_edges.jsonl", 4, "unresolved_url"],
      ["dpi_edges.jsonl", 8, "unresolved_name"],
      ["dpi_edges.jsonl", 9, "unresolved_name"],
      ["dpi_edges.jsonl", 12, "unresolved_url"],
      ["dpi_edges.jsonl", 13, "no_parent"],
      ["dpi_edges.jsonl", 14, "unknown_target_kind"],
      ["dpi_edges.jsonl", 15, "unknown_source"],
      ["dpi_edges.jsonl", 16, "self_loop"],
      ["dpi_edges.jsonl", 17, "unknown_target_id"],
      ["dpi_edges.jsonl", 19, "malformed_json"],
      ["dpi_edges.jsonl", 20, "duplicate_edge"],
      ["dpi_edges.jsonl", 21, "missing_field"],
      ["dpi_edges.jsonl", 22, "wrong_type"],
    ]);
    const detail = (file: string, line: number) => parsed.skipped.find((s) => s.file === file && s.line === line)!.detail;
    expect(detail(DPI_NODES_FILE, 12)).toBe("name is empty");
    expect(detail(DPI_NODES_FILE, 13)).toMatch(/task_categories/);
    expect(detail(DPI_NODES_FILE, 15)).toMatch(/line 5/);
    expect(detail(DPI_EDGES_FILE, 9)).toMatch(/collection "Task Bundle"/);
    expect(detail(DPI_EDGES_FILE, 17)).toMatch(/"ghost"/);
    expect(detail(DPI_EDGES_FILE, 21)).toBe("no target_kind");
    expect(parsed.stats).toEqual({ nodeLines: 16, edgeLines: 23, partNodes: 6, hubNodes: 2, builtNodes: 0, namedOnly: 3, edgesDerived: 11, edgesPartOf: 6, edgesBuiltFrom: 0 });
  });

  it("keys an entry with an hf_id of its own by that Hub id, with its facts", () => {
    expect(node("acme-lab/Math-Drills")).toEqual({
      key: "acme-lab/Math-Drills",
      displayName: "Math Drills",
      dpiId: "math-drills",
      collection: "Acme",
      domains: ["MATH", "CODE"],
      paperUrl: "https://arxiv.org/abs/2401.00001",
      generation: "SYNTHETIC",
      licences: [
        { raw: "MIT License", url: "https://opensource.org/licenses/MIT" },
        { raw: "Unspecified", url: null },
      ],
      evidence: { repo: "example-org/provenance", file: "summaries/Acme.json", commit: "0123456789abcdef0123456789abcdef01234567", jsonKey: "math-drills" },
      hfId: "acme-lab/Math-Drills",
      part: false,
    });
    const chat = node("acme-lab/distilled-chat")!;
    // "Number Conversion" and "Dialog Generation" say no domain; "yes" is no clear boolean.
    expect([chat.domains, chat.generation, chat.paperUrl, chat.licences]).toEqual([[], null, null, [{ raw: "CC BY 4.0", url: null }]]);
  });

  it("keys entries sharing an hf_id as parts, each part-of the Hub repo", () => {
    for (const id of ["bundle-qa", "bundle-sum"]) {
      const part = node(`corpus:dpi-${id}`)!;
      expect([part.dpiId, part.displayName, part.hfId, part.part]).toEqual([id, "Task Bundle", "acme-lab/task-bundle", true]);
      expect(edge(`corpus:dpi-${id}`, "acme-lab/task-bundle")).toEqual({
        upstream: `corpus:dpi-${id}`,
        downstream: "acme-lab/task-bundle",
        relation: "DIRECT_INCLUSION",
        confidence: DPI_CONFIDENCE,
        kind: "part-of",
        locators: [`dpi:summaries/Task Bundle.json#${id}`],
      });
    }
    expect(node("corpus:dpi-bundle-sum")!.domains).toEqual(["CODE"]);
    // The repo itself is no DPI entry, so no node.
    expect(node("acme-lab/task-bundle")).toBeUndefined();
    expect(parsed.edges.filter((e) => e.kind === "part-of").map((e) => e.downstream)).toEqual([
      "acme-lab/task-bundle",
      "acme-lab/task-bundle",
      "acme-lab/code-langs",
      "acme-lab/code-langs",
      "acme-lab/code-langs",
      "acme-lab/code-langs",
    ]);
  });

  it("keys entries without a usable Hub id as named corpora with no repo edge", () => {
    expect(node("corpus:dpi-forum-dump")).toMatchObject({ displayName: "Forum Dump", hfId: null, part: false, licences: [{ raw: "Custom", url: null }] });
    // An ownerless hf_id ("trivia") is no owner/name key: kept as hfId, keyed by the DPI id.
    expect(node("corpus:dpi-trivia-classic")).toMatchObject({ hfId: "trivia", part: false, evidence: null });
    expect(parsed.edges.some((e) => e.upstream.startsWith("corpus:dpi-forum-dump") && e.kind === "part-of")).toBe(false);
  });

  it("gives colliding slugs deterministic, unique suffixes and keeps slugs at most 100 characters", () => {
    const langs = parsed.nodes.filter((n) => n.hfId === "acme-lab/code-langs").map((n) => [n.dpiId, n.key]);
    expect(langs).toEqual([
      ["lang-c", "corpus:dpi-lang-c"],
      ["lang c 2", "corpus:dpi-lang-c-2"],
      ["lang-c#", "corpus:dpi-lang-c-3"],
      ["lang-c++", "corpus:dpi-lang-c-4"],
    ]);
    const long = parsed.nodes.find((n) => n.displayName === "Long One")!;
    expect(long.key.length).toBeLessThanOrEqual("corpus:dpi-".length + 100);
    expect(long.key).toMatch(/^corpus:dpi-acme-very-long-task-name-[a-z0-9-]*[a-z0-9]$/);
    expect(parseKey(long.key)?.scheme).toBe("CORPUS");
  });

  it("resolves an hf_dataset_url parent to the Hub id, in the node's own spelling, before any DPI ids", () => {
    expect(upstreamsOf("acme-lab/distilled-chat")).toEqual(["acme-lab/Math-Drills", "acme-lab/task-bundle", "other-org/web-qa"]);
  });

  it("makes one edge per DPI id a name matched, and merges a pair's repeated annotations", () => {
    expect(upstreamsOf("acme-lab/Math-Drills")).toEqual(["classic-org/trivia", "corpus:dpi-bundle-qa", "corpus:dpi-bundle-sum"]);
    expect(edge("corpus:dpi-bundle-qa", "acme-lab/Math-Drills")!.locators).toEqual([`${LOC}#math-drills/Derived from Datasets[4]`]);
    expect(edge("corpus:dpi-forum-dump", "corpus:dpi-bundle-sum")!.kind).toBe("derived-from");
    // Line 17 names an unknown id and a known one: the known one still makes its edge.
    expect(upstreamsOf("corpus:dpi-lang-c")).toEqual(["corpus:dpi-forum-dump"]);
    // Lines 1, 16 (beside its self-loop) and 18 annotate one pair; line 20 repeats line 18 exactly.
    expect(edge("acme-lab/Math-Drills", "acme-lab/distilled-chat")).toEqual({
      upstream: "acme-lab/Math-Drills",
      downstream: "acme-lab/distilled-chat",
      relation: "DIRECT_INCLUSION",
      confidence: 0.8,
      kind: "derived-from",
      locators: [`${LOC}#distilled-chat/Derived from Datasets[0]`, `${LOC}#distilled-chat/Derived from Datasets[15]`, `${LOC}#distilled-chat/Derived from Datasets[17]`],
    });
  });

  it("keys URL parents through keys.ts and free names only through resolveName", () => {
    expect(upstreamsOf("corpus:dpi-forum-dump")).toEqual(["github:acme-lab/scraper", "web:forum.example.org"]);
    // A line without an evidence pointer is located by its file and line.
    expect(edge("classic-org/trivia", "corpus:dpi-bundle-qa")!.locators).toEqual(["dpi:dpi_edges.jsonl:23"]);

    const plain = parseDpi({ nodes: nodesText, edges: edgesText });
    expect(plain.skipped.filter((s) => s.reason === "unresolved_name").map((s) => s.line)).toEqual([7, 8, 9, 23]);
    expect(plain.nodes.map((n) => n.key)).toEqual(parsed.nodes.map((n) => n.key));
    expect(plain.edges.some((e) => e.upstream === "classic-org/trivia")).toBe(false);
    // No corpus node is ever made of a free name.
    expect(parsed.edges.filter((e) => e.upstream.startsWith("corpus:")).every((e) => parsed.nodes.some((n) => n.key === e.upstream))).toBe(true);

    // An alias answer that is no valid key counts as no answer.
    const bad = parseDpi({ nodes: nodesText, edges: edgesText }, { resolveName: () => "not a key" });
    expect(bad.skipped.filter((s) => s.reason === "unresolved_name").map((s) => s.line)).toEqual([7, 8, 9, 23]);
  });

  it("sorts nodes and edges by key, whatever the order of the node lines", () => {
    const keys = parsed.nodes.map((n) => normalizeKey(n.key));
    expect(keys).toEqual([...keys].sort());
    const reversed = parseDpi({ nodes: nodesText.split("\n").reverse().join("\n"), edges: edgesText }, { resolveName });
    expect(reversed.nodes).toEqual(parsed.nodes);
    expect(reversed.edges).toEqual(parsed.edges);
  });

  it("reads the nodes alone when there is no edge file", () => {
    const alone = parseDpi({ nodes: nodesText, edges: null });
    expect(alone.stats.edgeLines).toBe(0);
    expect(alone.edges.every((e) => e.kind === "part-of")).toBe(true);
    expect(alone.edges).toHaveLength(6);
  });

  it("never throws on junk", () => {
    const junk = parseDpi({ nodes: '\uFEFF{"id": 7, "name": "x"}\nnull\n"text"\n{"id":"a","name":"A","licenses":[3]}\n', edges: '{"source_id":"a"}\n{}\n' });
    expect(junk.nodes).toEqual([]);
    expect(junk.skipped.map((s) => s.reason)).toEqual(["wrong_type", "malformed_json", "malformed_json", "wrong_type", "missing_field", "missing_field"]);
    const badUrl = parseDpi({
      nodes: '{"id":"a","name":"A"}\n',
      edges: '{"source_id":"a","target_raw":"https://example.org/%E0%A4%A","target_kind":"url_or_domain"}\n',
    });
    expect(badUrl.skipped.map((s) => s.reason)).toEqual(["unresolved_url"]);
  });
});

describe("DPI helpers", () => {
  it("finds domains only where a category says so", () => {
    expect(domainsFromCategories(["Math", "Mathematical Equation Generation"])).toEqual(["MATH"]);
    expect(domainsFromCategories(["Code Repair", "C++ Program Synthesis", "Text to Code"])).toEqual(["CODE"]);
    expect(domainsFromCategories(["Number Conversion", "Decoding Ciphers", "Question Answering", "Mathematician Biographies"])).toEqual([]);
  });

  it("slugs ids and disambiguates collisions independently of input order", () => {
    expect(dpiSlug("Flan Collection (P3) / Task_1")).toBe("flan-collection-p3-task-1");
    expect(dpiSlug("x".repeat(150))).toHaveLength(100);
    expect(dpiSlug("???")).toMatch(/^entry-[0-9a-f]{12}$/);
    const a = uniqueDpiSlugs(["b-1", "b#1", "b 1", "b+1"]);
    const b = uniqueDpiSlugs(["b+1", "b 1", "b#1", "b-1"]);
    expect([...a].sort()).toEqual([...b].sort());
    expect(new Set(a.values()).size).toBe(4);
    expect(a.get("b 1")).toBe("b-1");
  });

  it("writes evidence pointers as locators", () => {
    expect(dpiLocator({ file: "data_summaries/X (Y).json", json_key: "x-y", field: "Derived from Datasets", index: 3 })).toBe(
      "dpi:data_summaries/X (Y).json#x-y/Derived from Datasets[3]",
    );
    expect(dpiLocator({ file: "f.json" })).toBe("dpi:f.json");
    expect(dpiLocator({ json_key: "x" })).toBeNull();
  });
});

// The Data Provenance extract, when ../shared sits beside the repository (CI puts it there); the app never needs it.
const REAL = path.resolve(import.meta.dirname, "../../../shared/reference/dpi");
const realExists = fs.existsSync(path.join(REAL, DPI_NODES_FILE)) && fs.existsSync(path.join(REAL, DPI_EDGES_FILE));

describe("parseDpi on the Data Provenance Collection extract", () => {
  it.skipIf(!realExists)("reads the reference files into sane lineage facts", () => {
    const parsed = parseDpi({ nodes: fs.readFileSync(path.join(REAL, DPI_NODES_FILE), "utf8"), edges: fs.readFileSync(path.join(REAL, DPI_EDGES_FILE), "utf8") });
    const skips: Record<string, number> = {};
    for (const s of parsed.skipped) skips[`${s.file} ${s.reason}`] = (skips[`${s.file} ${s.reason}`] ?? 0) + 1;
    console.log("DPI stats", parsed.stats, "skips", skips);

    expect(parsed.nodes.length).toBeGreaterThanOrEqual(3500);
    const { partNodes, hubNodes, builtNodes, namedOnly } = parsed.stats;
    expect(partNodes + hubNodes + builtNodes + namedOnly).toBe(parsed.nodes.length);
    const keys = new Set(parsed.nodes.map((n) => normalizeKey(n.key)));
    expect(keys.size).toBe(parsed.nodes.length);
    expect(new Set(parsed.nodes.map((n) => n.dpiId)).size).toBe(parsed.nodes.length);
    for (const n of parsed.nodes) expect(parseKey(n.key), n.key).not.toBeNull();

    const pairs = new Set<string>();
    for (const e of parsed.edges) {
      expect(normalizeKey(e.upstream), `self-loop ${e.upstream}`).not.toBe(normalizeKey(e.downstream));
      for (const end of [e.upstream, e.downstream]) {
        // A node, or a Hub id / GitHub repo / web page named by a URL — never an invented corpus.
        const scheme = parseKey(end)?.scheme;
        expect(keys.has(normalizeKey(end)) || scheme === "HUB" || (end === e.upstream && (scheme === "GITHUB" || scheme === "WEB")), end).toBe(true);
      }
      const pair = `${normalizeKey(e.upstream)}\n${normalizeKey(e.downstream)}`;
      expect(pairs.has(pair)).toBe(false);
      pairs.add(pair);
      expect(e.locators.length).toBeGreaterThan(0);
    }
    expect(parsed.stats.edgesDerived + parsed.stats.edgesPartOf + parsed.stats.edgesBuiltFrom).toBe(parsed.edges.length);
    // Dynosaur's tasks name the dataset they were made from (511 name bigscience/P3): made from it, never parts of it.
    const dynosaurP3 = parsed.nodes.filter((n) => n.collection === "Dynosaur" && n.hfId === "bigscience/P3");
    expect(dynosaurP3.length).toBeGreaterThan(500);
    for (const n of dynosaurP3) expect(parsed.edges.find((e) => e.upstream === "bigscience/P3" && e.downstream === n.key)?.kind).toBe("built-from");
    expect(parsed.edges.some((e) => e.downstream === "bigscience/P3" && e.kind === "part-of")).toBe(false);
    // A collection published as one repo: its entries are parts of it.
    const aya = parsed.nodes.filter((n) => n.collection === "Aya Dataset");
    expect(aya.every((n) => n.part && parsed.edges.some((e) => e.upstream === n.key && e.downstream === "CohereForAI/aya_dataset"))).toBe(true);
    expect(parsed.stats.edgesDerived).toBeGreaterThan(300);
    expect(parsed.skipped.filter((s) => s.file === DPI_NODES_FILE)).toEqual([]);
    expect(parsed.skipped.filter((s) => s.reason === "no_parent").length).toBe(848);
  });
});
