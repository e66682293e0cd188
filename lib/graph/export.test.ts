import { describe, expect, it } from "vitest";
import type { LineageEdge, LineageNode } from "@/lib/lineage/types";
import { lineageEdge, lineageNode } from "@/lib/lineage/test-factories";
import { DEFAULT_VIEW } from "@/lib/view/state";
import type { ContaminationMarks } from "./elements";
import { CSV_COLUMNS, csvField, escapeXml, JSON_EXPORT_FORMAT, toCsv, toGraphML, toJson, type ExportMarks, type ExportSetLabels, type ExportView } from "./export";

const node = (key: string, extra: Partial<LineageNode> = {}) =>
  lineageNode(key, { displayName: key, url: `https://huggingface.co/datasets/${key}`, ...extra });

const edge = (upstream: string, downstream: string, extra: Partial<LineageEdge> = {}) =>
  lineageEdge(upstream, downstream, { split: "TRAIN", status: "ACCEPTED", ...extra });

const NASTY = `a<b>&"c'\u0001d`;

const view: ExportView = {
  nodes: [
    node("org/root", { displayName: NASTY, domains: ["MATH", "CODE"], kind: "BENCHMARK" }),
    node("up/a", { displayName: "=HYPERLINK(\"http://evil\")", url: null }),
    node("corpus:x", { displayName: "Line one\nline two" }),
  ],
  edges: [
    edge("up/a", "org/root", {
      confidence: 0.75,
      evidence: [
        { source: "CARD", url: "https://example.org/a,b", quote: "q", locator: null },
        { source: "PAPER", url: "https://arxiv.org/abs/1 2", quote: null, locator: null },
        { source: "CARD", url: null, quote: "no url", locator: null },
      ],
    }),
    edge("corpus:x", "up/a", { relation: "COT_DISTILLATION", status: "REJECTED", split: "UNKNOWN" }),
  ],
};

/** RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') {
      if (field !== "") throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else if (char === "\n" || char === "\r") throw new Error(`bare line break at ${i}`);
    else field += char;
  }
  if (quoted) throw new Error("unterminated quote");
  if (field !== "" || row.length) throw new Error("last row lacks CRLF");
  return rows;
}

/** Well-formedness as far as this export needs it: balanced tags, known entities, no raw < or & in text. */
function checkXml(xml: string): void {
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  let last = 0;
  for (const match of body.matchAll(/<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const text = body.slice(last, match.index);
    if (/[<>]/.test(text)) throw new Error(`raw < or > in text: ${text}`);
    for (const entity of text.matchAll(/&[^;]*;?/g)) if (!/^&(amp|lt|gt|quot|apos|#\d+);$/.test(entity[0])) throw new Error(`bad entity ${entity[0]}`);
    for (const value of (match[3] ?? "").matchAll(/="([^"]*)"/g)) {
      for (const entity of value[1]!.matchAll(/&[^;]*;?/g)) if (!/^&(amp|lt|gt|quot|apos|#\d+);$/.test(entity[0])) throw new Error(`bad entity ${entity[0]}`);
    }
    last = match.index + match[0].length;
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else stack.push(name!);
  }
  if (stack.length) throw new Error(`unclosed <${stack.join("><")}>`);
  if (body.slice(last).trim()) throw new Error("text after the root element");
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(xml)) throw new Error("control character in XML");
}

const unescapeXml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, (_, name: string) =>
    name.startsWith("#") ? String.fromCharCode(Number(name.slice(1))) : ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[name]!,
  );

describe("toGraphML", () => {
  const xml = toGraphML(view, { root: "org/root", url: "http://localhost/datasets/org/root?a=1&b=2", exportedAt: "2026-01-01T00:00:00.000Z" });

  it("is well-formed and declares every attribute it uses", () => {
    checkXml(xml);
    expect(() => checkXml("<graphml><graph></graphml>")).toThrow();
    expect(() => checkXml("<a>x & y</a>")).toThrow();
    const declared = [...xml.matchAll(/<key id="([^"]+)" for="(node|edge)"/g)].map((m) => `${m[2]}:${m[1]}`);
    expect(declared).toEqual([
      "node:key",
      "node:label",
      "node:kind",
      "node:domains",
      "node:url",
      "node:contamination",
      "node:contaminationSets",
      "edge:relation",
      "edge:confidence",
      "edge:split",
      "edge:status",
    ]);
    const used = new Set([...xml.matchAll(/<data key="([^"]+)"/g)].map((m) => m[1]));
    for (const key of used) expect(declared.some((d) => d.endsWith(`:${key}`))).toBe(true);
  });

  it("escapes and round-trips text, replacing characters XML cannot hold", () => {
    const label = xml.match(/<node id="n0">.*?<data key="label">(.*?)<\/data>/)![1]!;
    expect(label).not.toMatch(/[<>"']/);
    expect(unescapeXml(label)).toBe(`a<b>&"c'\ufffdd`);
    const multiLine = xml.match(/<node id="n2">.*?<data key="label">(.*?)<\/data>/)![1]!;
    expect(unescapeXml(multiLine)).toBe("Line one\nline two");
    expect(xml).toContain("<desc>Lineage of org/root · http://localhost/datasets/org/root?a=1&amp;b=2 · exported 2026-01-01T00:00:00.000Z</desc>");
  });

  it("links edges by node ids and carries edge attributes", () => {
    expect(xml).toContain('<edge id="e0" source="n1" target="n0"><data key="relation">DIRECT_INCLUSION</data><data key="confidence">0.75</data><data key="split">TRAIN</data><data key="status">ACCEPTED</data></edge>');
    expect(xml).toContain('<edge id="e1" source="n2" target="n1">');
    expect(xml).toContain('<data key="domains">MATH,CODE</data>');
    expect(xml.match(/<node id="n1">.*<\/node>/)![0]).not.toContain('key="url"');
  });

  it("escapes lone surrogates too", () => {
    expect(escapeXml("x\ud800y\u{1F600}")).toBe("x\ufffdy\u{1F600}");
  });
});

describe("toCsv", () => {
  const rows = parseCsv(toCsv(view));

  it("writes a header and one row per edge that parse back", () => {
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual(["up/a", "org/root", "DIRECT_INCLUSION", "0.75", "TRAIN", "ACCEPTED", "CARD;PAPER", "https://example.org/a,b https://arxiv.org/abs/1%202", "", ""]);
    expect(rows[2]).toEqual(["corpus:x", "up/a", "COT_DISTILLATION", "0.9", "UNKNOWN", "REJECTED", "", "", "", ""]);
  });

  it("quotes what needs quoting and defuses formulas", () => {
    expect(csvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("+cmd")).toBe("'+cmd");
    expect(csvField("-2")).toBe("'-2");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-0.5)).toBe("-0.5");
    expect(csvField("plain")).toBe("plain");
    const evil = parseCsv(toCsv({ nodes: [], edges: [edge("=cmd|' /C calc'!A0", "b/b")] }));
    expect(evil[1]![0]).toBe("'=cmd|' /C calc'!A0");
  });
});

describe("toJson", () => {
  it("wraps the view with its format, root, permalink and state", () => {
    const meta = { root: "org/root", url: "http://localhost/datasets/org/root", exportedAt: "2026-01-01T00:00:00.000Z", state: { ...DEFAULT_VIEW, up: 3 } };
    const parsed = JSON.parse(toJson(view, meta));
    expect(parsed).toEqual({
      format: JSON_EXPORT_FORMAT,
      ...meta,
      nodes: view.nodes.map((n) => ({ ...n, contamination: null })),
      edges: view.edges,
      contaminationLegend: LEGEND,
    });
    expect(parsed.nodes[0].displayName).toBe(NASTY);
  });
});

const LEGEND = {
  CONTAMINATED: "Contaminated",
  POSSIBLE: "Possibly contaminated",
  MITIGATED: "Mitigated (decontaminated)",
  TRAIN_LINEAGE: "Training-split lineage",
};

describe("contamination flags in the exports", () => {
  // org/root: CONTAMINATED (AIME 2024, and POSSIBLE for MATH-500); up/a: POSSIBLE; corpus:x: none.
  // Keys as the server normalises them; the view's own casing differs for one of them.
  const flagged: ExportView = { ...view, nodes: [view.nodes[0]!, { ...view.nodes[1]!, key: "Up/A" }, view.nodes[2]!] };
  const marks: ExportMarks = {
    "org/root": { severity: "CONTAMINATED", benchmarks: ["aime-2024"], bySet: { "math-500": "POSSIBLE", "aime-2024": "CONTAMINATED" } },
    "up/a": { severity: "POSSIBLE", benchmarks: ["math-500"], bySet: { "math-500": "POSSIBLE" } },
    "not/drawn": { severity: "MITIGATED", benchmarks: ["gsm8k"], bySet: { gsm8k: "MITIGATED" } },
  };
  const labels: ExportSetLabels = { "aime-2024": "AIME 2024 (AIME)", "math-500": "<script>alert(1)</script>", gsm8k: "GSM8K test" };
  const meta = { root: "org/root", url: "http://localhost/datasets/org/root", exportedAt: "2026-01-01T00:00:00.000Z", state: DEFAULT_VIEW };

  it("JSON: every node's flags (null when none), the legend and the labels of the sets named", () => {
    const parsed = JSON.parse(toJson(flagged, meta, marks, labels));
    expect(parsed.format).toBe(JSON_EXPORT_FORMAT);
    expect(parsed.nodes.map((n: { key: string; contamination: unknown }) => [n.key, n.contamination])).toEqual([
      ["org/root", { severity: "CONTAMINATED", benchmarks: ["aime-2024"], bySet: { "aime-2024": "CONTAMINATED", "math-500": "POSSIBLE" } }],
      ["Up/A", { severity: "POSSIBLE", benchmarks: ["math-500"], bySet: { "math-500": "POSSIBLE" } }],
      ["corpus:x", null],
    ]);
    expect(Object.keys(parsed.nodes[0].contamination.bySet)).toEqual(["aime-2024", "math-500"]);
    expect(parsed.nodes[0].displayName).toBe(NASTY);
    expect(parsed.contaminationLegend).toEqual(LEGEND);
    // Only the sets the view's nodes name (gsm8k belongs to a node that is not drawn).
    expect(parsed.evaluationSets).toEqual({ "aime-2024": "AIME 2024 (AIME)", "math-500": "<script>alert(1)</script>" });
    expect(JSON.parse(toJson(flagged, meta, marks))).not.toHaveProperty("evaluationSets");
  });

  it("GraphML: declared node data with the worst severity and every set's severity", () => {
    const xml = toGraphML(flagged, meta, marks);
    checkXml(xml);
    const nodeData = (id: string, key: string) => {
      const match = xml.match(new RegExp(`<node id="${id}">.*?</node>`))![0].match(new RegExp(`<data key="${key}">(.*?)</data>`));
      return match ? unescapeXml(match[1]!) : null;
    };
    expect([nodeData("n0", "contamination"), nodeData("n0", "contaminationSets")]).toEqual(["CONTAMINATED", "aime-2024:CONTAMINATED,math-500:POSSIBLE"]);
    expect([nodeData("n1", "contamination"), nodeData("n1", "contaminationSets")]).toEqual(["POSSIBLE", "math-500:POSSIBLE"]);
    expect([nodeData("n2", "contamination"), nodeData("n2", "contaminationSets")]).toEqual([null, null]);
  });

  it("CSV: each end's worst severity, still defused against formulas", () => {
    const rows = parseCsv(toCsv(flagged, marks));
    expect(rows[0]!.slice(-2)).toEqual(["upstream_contamination", "downstream_contamination"]);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[8], r[9]])).toEqual([
      ["up/a", "org/root", "POSSIBLE", "CONTAMINATED"],
      ["corpus:x", "up/a", "", "POSSIBLE"],
    ]);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    const evil = parseCsv(toCsv({ nodes: [], edges: [edge("=cmd|' /C calc'!A0", "b/b")] }, { "=cmd|' /c calc'!a0": { severity: "CONTAMINATED", benchmarks: [] } }));
    expect(evil[1]![0]).toBe("'=cmd|' /C calc'!A0");
    expect(evil[1]![8]).toBe("CONTAMINATED");
  });

  it("accepts the canvas's marks (no bySet, severity as string) and ignores severities it does not know", () => {
    const canvas: ContaminationMarks = { "org/root": { severity: "MITIGATED", benchmarks: ["gsm8k"] }, "up/a": { severity: "NONSENSE", benchmarks: ["x"] } };
    const parsed = JSON.parse(toJson(flagged, meta, canvas));
    expect(parsed.nodes.map((n: { contamination: unknown }) => n.contamination)).toEqual([{ severity: "MITIGATED", benchmarks: ["gsm8k"], bySet: { gsm8k: "MITIGATED" } }, null, null]);
    expect(parseCsv(toCsv(flagged, canvas))[1]!.slice(8)).toEqual(["", "MITIGATED"]);
  });
});
