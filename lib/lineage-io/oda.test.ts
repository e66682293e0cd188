import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  odaFingerprint,
  parseOda,
  relationFromLabel,
  serialiseOda,
  sourcesFromLabel,
  terminalFromText,
  terminalToText,
  type OdaExportEdge,
  type OdaExportNode,
} from "./oda";
import { aliasNorm } from "./names";

const FIXTURE = path.join(import.meta.dirname, "fixtures", "oda-small");
const graph = fs.readFileSync(path.join(FIXTURE, "graph.jsonl"), "utf8");
const data = fs.readFileSync(path.join(FIXTURE, "data.jsonl"), "utf8");
const aliases = new Map([[aliasNorm("GSM8K"), "openai/gsm8k"]]);
const resolveName = (name: string) => aliases.get(aliasNorm(name)) ?? null;

describe("parseOda", () => {
  const parsed = parseOda({ graph, data }, { resolveName });
  const edge = (up: string, down: string) => parsed.edges.find((e) => e.upstream === up && e.downstream === down);
  const node = (key: string) => parsed.nodes.find((n) => n.key === key);

  it("reports every bad line with its file, line number and reason", () => {
    expect(parsed.skipped.map((s) => [s.file, s.line, s.reason])).toEqual([
      ["data.jsonl", 6, "malformed_json"],
      ["data.jsonl", 7, "duplicate_node"],
      ["data.jsonl", 8, "missing_field"],
      ["graph.jsonl", 6, "malformed_json"],
      ["graph.jsonl", 7, "bad_relation"],
      ["graph.jsonl", 8, "bad_confidence"],
      ["graph.jsonl", 9, "missing_field"],
      ["graph.jsonl", 10, "self_loop"],
      ["graph.jsonl", 11, "unkeyable_name"],
      ["graph.jsonl", 12, "malformed_json"],
    ]);
    expect(parsed.stats).toEqual({ graphLines: 17, dataLines: 8, duplicateLinesMerged: 2 });
  });

  it("resolves free names through the alias lookup and merges lines about one pair", () => {
    const gsm = edge("openai/gsm8k", "acme/math-mix")!;
    expect(gsm.lines).toEqual([1, 3]);
    expect(gsm.confidence).toBe(1);
    expect(gsm.relation).toBe("SEMANTIC_EVOLUTION");
    expect(gsm.split).toBe("TRAIN");
    expect(gsm.evidence.map((e) => [e.source, e.url, e.locator])).toEqual([
      ["CARD", "https://huggingface.co/datasets/acme/math-mix", "oda:graph.jsonl:1"],
      ["BLOG", null, "oda:graph.jsonl:3"],
    ]);
    // A free name that resolved to another key says nothing about that key's Hub presence.
    expect(node("openai/gsm8k")!.hubPresence).toBe("EXISTS");
    expect(parsed.nodes.some((n) => n.key === "corpus:gsm8k")).toBe(false);
  });

  it("keys free names as named corpora, folding case variants into one node", () => {
    const cf = edge("corpus:codeforces", "acme/code-mix")!;
    expect(cf.lines).toEqual([4, 5]);
    expect(cf.relation).toBe("DIRECT_INCLUSION");
    expect(cf.confidence).toBe(0.95);
    expect(cf.evidence.map((e) => e.source)).toEqual(["CARD", "PAPER", "GITHUB"]);
    expect(node("corpus:codeforces")).toMatchObject({ kind: "EXTERNAL", displayName: "Codeforces", crawlState: "TERMINAL", terminalReason: "NO_SOURCES_FOUND" });
    expect(node("corpus:codeforces")!.hubPresence).toBeUndefined();
  });

  it("fills PAPER evidence with the target's paper URL", () => {
    const math = edge("EleutherAI/hendrycks_math", "acme/math-mix")!;
    expect(math.evidence).toEqual([
      {
        source: "PAPER",
        url: "https://arxiv.org/abs/2401.00001",
        quote: "We mix in problems from the MATH dataset.",
        fingerprint: odaFingerprint("eleutherai/hendrycks_math", "acme/math-mix", "PAPER", "We mix in problems from the MATH dataset."),
        locator: "oda:graph.jsonl:2",
      },
    ]);
    expect(math.split).toBe("UNKNOWN");
  });

  it("maps node facts from data.jsonl", () => {
    expect(node("acme/math-mix")).toEqual({
      key: "acme/math-mix",
      kind: "DATASET",
      domains: ["MATH"],
      generation: "SYNTHETIC",
      hubPresence: "EXISTS",
      hubDownloads: 1234,
      releaseMonth: "2024-02",
      paperUrl: "https://arxiv.org/abs/2401.00001",
      crawlState: "TRACED",
    });
    expect(node("acme/code-mix")).toMatchObject({ domains: ["CODE", "GENERAL"], generation: "HUMAN" });
    expect(node("openai/gsm8k")).toMatchObject({ crawlState: "TERMINAL", terminalReason: "CREATED_BEFORE_CUTOFF", terminalDetail: "year 2021, cutoff 2021" });
    expect(node("acme/chat-mix")).toMatchObject({ domains: ["GENERAL"], terminalReason: "OTHER", terminalDetail: "Budget ran out" });
    expect(node("acme/chat-mix")!.generation).toBeUndefined();
    // Only in graph.jsonl: presence from `exists`, crawl state left to the store.
    expect(node("ghost/missing-one")).toEqual({ key: "ghost/missing-one", kind: "DATASET", hubPresence: "MISSING" });
  });

  it("keeps reverse and cycle-closing lines for the writer to judge", () => {
    expect(edge("acme/chat-mix", "acme/code-mix")).toBeDefined();
    expect(edge("acme/math-mix", "acme/code-mix")).toBeDefined();
    expect(parsed.edges).toHaveLength(8);
  });

  it("works without data.jsonl", () => {
    const alone = parseOda({ graph });
    expect(alone.nodes.find((n) => n.key === "acme/math-mix")!.crawlState).toBeUndefined();
    expect(alone.edges.find((e) => e.upstream === "EleutherAI/hendrycks_math")!.evidence[0]!.url).toBeNull();
    // Without the alias, "GSM8K" is a named corpus of its own.
    expect(alone.edges.some((e) => e.upstream === "corpus:gsm8k")).toBe(true);
  });
});

describe("labels", () => {
  it("maps relationship labels and rejects others", () => {
    expect(relationFromLabel("Direct Inclusion/Subset")).toBe("DIRECT_INCLUSION");
    expect(relationFromLabel(" cot distillation ")).toBe("COT_DISTILLATION");
    expect(relationFromLabel("Copied")).toBeNull();
    expect(relationFromLabel(3)).toBeNull();
  });

  it("splits combined evidence sources", () => {
    expect(sourcesFromLabel("HuggingFace README; Paper")).toEqual(["CARD", "PAPER"]);
    expect(sourcesFromLabel("paper")).toEqual(["PAPER"]);
    expect(sourcesFromLabel("GitHub;Blog")).toEqual(["GITHUB", "BLOG"]);
    expect(sourcesFromLabel("Forum")).toEqual(["IMPORT"]);
    expect(sourcesFromLabel("")).toEqual([]);
  });

  it("round-trips terminal reasons", () => {
    expect(terminalFromText("No source datasets found")).toEqual({ reason: "NO_SOURCES_FOUND" });
    expect(terminalFromText("All source datasets do not exist on HuggingFace")).toEqual({ reason: "SOURCES_NOT_ON_HUB" });
    expect(terminalFromText("Dataset created before or in 2020 (year: 2019)")).toEqual({ reason: "CREATED_BEFORE_CUTOFF", detail: "year 2019, cutoff 2020" });
    expect(terminalFromText("Something else")).toEqual({ reason: "OTHER", detail: "Something else" });
    for (const text of ["No source datasets found", "Dataset created before or in 2020 (year: 2019)", "Something else", "Depth limit reached"]) {
      const { reason, detail } = terminalFromText(text);
      expect(terminalToText(reason, detail)).toBe(text);
    }
  });
});

describe("serialiseOda", () => {
  const nodes: OdaExportNode[] = [
    {
      key: "acme/math-mix",
      displayName: "Math Mix",
      domains: ["MATH", "CODE"],
      generation: "SYNTHETIC",
      hubPresence: "EXISTS",
      hubDownloads: 10,
      releaseMonth: "2024-02",
      hubCreatedAt: new Date("2024-03-05T00:00:00Z"),
      paperUrl: "https://arxiv.org/abs/2401.00001",
      crawlState: "TERMINAL",
      terminalReason: "CREATED_BEFORE_CUTOFF",
      terminalDetail: "year 2019, cutoff 2020",
    },
    {
      key: "corpus:codeforces",
      displayName: "Codeforces",
      domains: [],
      generation: null,
      hubPresence: "UNKNOWN",
      hubDownloads: null,
      releaseMonth: null,
      hubCreatedAt: null,
      paperUrl: null,
      crawlState: "UNTRACED",
      terminalReason: null,
      terminalDetail: null,
    },
    {
      key: "ghost/gone",
      displayName: "gone",
      domains: [],
      generation: null,
      hubPresence: "MISSING",
      hubDownloads: null,
      releaseMonth: null,
      hubCreatedAt: null,
      paperUrl: null,
      crawlState: "UNTRACED",
      terminalReason: null,
      terminalDetail: null,
    },
  ];
  const edges: OdaExportEdge[] = [
    {
      upstream: "corpus:codeforces",
      downstream: "acme/math-mix",
      relation: "STRUCTURED_FUSION",
      confidence: 0.8,
      evidence: [
        { source: "CARD", url: "https://huggingface.co/datasets/acme/math-mix", quote: "From the card." },
        { source: "PAPER", url: "https://example.org/other-paper", quote: null, fingerprint: "from-an-agent" },
      ],
    },
    { upstream: "ghost/gone", downstream: "acme/math-mix", relation: "DIRECT_INCLUSION", confidence: 1, evidence: [] },
  ];
  const out = serialiseOda({ nodes, edges });

  it("writes one graph line per evidence in the reference layout", () => {
    const lines = out.graph.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({ target: "acme/math-mix", source: "corpus:codeforces", meta_info: expect.any(String) });
    expect(JSON.parse(lines[0].meta_info)).toEqual({ source: "HuggingFace README", confidence: 0.8, relationship: "Structured Fusion", evidence: "From the card.", exists: false });
    expect(JSON.parse(lines[1].meta_info)).toMatchObject({ source: "Paper", evidence: "", url: "https://example.org/other-paper", fingerprint: "from-an-agent" });
    expect(JSON.parse(lines[2].meta_info)).toEqual({ source: "", confidence: 1, relationship: "Direct Inclusion/Subset", evidence: "", exists: false });
    const unknown = serialiseOda({ nodes: [{ ...nodes[2]!, hubPresence: "UNKNOWN" }], edges: [edges[1]!] });
    expect(JSON.parse(JSON.parse(unknown.graph).meta_info).exists).toBeNull();
    expect(parseOda(unknown).nodes.find((n) => n.key === "ghost/gone")!.hubPresence).toBeUndefined();
  });

  it("writes node facts the parser reads back", () => {
    const record = JSON.parse(out.data.split("\n")[0]!);
    expect(record).toMatchObject({ name: "acme/math-mix", categories: ["Math", "Code"], hf_year: "2024-03", year: "2024-02", data_type: "synthetic", exists_on_hf: "exists", is_terminal_node: true, terminal_reason: "Dataset created before or in 2020 (year: 2019)" });
    const back = parseOda(out);
    expect(back.skipped).toEqual([]);
    expect(back.nodes.find((n) => n.key === "acme/math-mix")).toEqual({
      key: "acme/math-mix",
      displayName: "Math Mix",
      kind: "DATASET",
      domains: ["MATH", "CODE"],
      generation: "SYNTHETIC",
      hubPresence: "EXISTS",
      hubDownloads: 10,
      releaseMonth: "2024-02",
      paperUrl: "https://arxiv.org/abs/2401.00001",
      crawlState: "TERMINAL",
      terminalReason: "CREATED_BEFORE_CUTOFF",
      terminalDetail: "year 2019, cutoff 2020",
    });
    expect(back.nodes.find((n) => n.key === "corpus:codeforces")).toMatchObject({ kind: "EXTERNAL", displayName: "Codeforces", crawlState: "UNTRACED" });
    const edge = back.edges.find((e) => e.upstream === "corpus:codeforces")!;
    expect(edge.evidence.map((e) => [e.source, e.url, e.quote, e.fingerprint])).toEqual([
      ["CARD", "https://huggingface.co/datasets/acme/math-mix", "From the card.", odaFingerprint("corpus:codeforces", "acme/math-mix", "CARD", "From the card.")],
      ["PAPER", "https://example.org/other-paper", null, "from-an-agent"],
    ]);
    expect(back.edges.find((e) => e.upstream === "ghost/gone")!.evidence).toEqual([]);
  });
});
