import { describe, expect, it } from "vitest";
import { lineageEdge, lineageNode } from "@/lib/lineage/test-factories";
import type { LineageEdge, LineageNode } from "@/lib/lineage/types";
import type { ContaminationMarks } from "./elements";
import type { ExportMarks } from "./export";
import { toSvg } from "./export-svg";
import { CONTAMINATION_STYLES } from "./style";

const node = (key: string, extra: Partial<LineageNode> = {}) => lineageNode(key, { domains: ["MATH"], ...extra });
const edge = (upstream: string, downstream: string, extra: Partial<LineageEdge> = {}) =>
  lineageEdge(upstream, downstream, { relation: "STRUCTURED_FUSION", confidence: 0.5, ...extra });

describe("toSvg", () => {
  const view = {
    nodes: [node("a/up", { displayName: `<img src=x onerror="x()"> & co`, hiddenUpstream: 2 }), node("a/root"), node("corpus:web", { kind: "EXTERNAL", scheme: "CORPUS" })],
    edges: [edge("a/up", "a/root"), edge("corpus:web", "a/root", { status: "REJECTED", relation: "DIRECT_INCLUSION", confidence: 1 })],
  };
  const svg = toSvg(view, { "a/up": { x: 0, y: 0 }, "A/ROOT": { x: 240, y: 0 }, "corpus:web": { x: 0, y: 80 } }, { rootKey: "a/root" });

  it("draws every positioned node and edge, with labels escaped", () => {
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg.match(/<g class="node">/g)).toHaveLength(3);
    expect(svg.match(/<line /g)).toHaveLength(2);
    expect(svg).toContain("&lt;img src=x onerror=");
    expect(svg).not.toContain("<img");
    expect(svg).toContain("+2↑");
  });

  it("encodes relation, review status and confidence in the edge style", () => {
    const [fusion, rejected] = svg.match(/<line [^>]*>/g)!;
    expect(fusion).toContain('stroke-dasharray="8 4"');
    expect(rejected).toContain('stroke="#dc2626"');
    expect(rejected).not.toContain("stroke-dasharray");
    expect(Number(/stroke-width="([\d.]+)"/.exec(rejected!)![1])).toBeGreaterThan(Number(/stroke-width="([\d.]+)"/.exec(fusion!)![1]));
  });

  it("leaves out nodes without a position and their edges; the view box fits what is drawn", () => {
    const partial = toSvg(view, { "a/root": { x: 100, y: 50 } });
    expect(partial.match(/<g class="node">/g)).toHaveLength(1);
    expect(partial).not.toContain("<line ");
    expect(partial).toMatch(/viewBox="-32 -16 264 132"/);
  });

  it("draws nothing about contamination without marks", () => {
    expect(svg).not.toContain("data-contamination");
    expect(svg).not.toContain('class="legend"');
  });
});

const unescape = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, (_, name: string) =>
    name.startsWith("#") ? String.fromCharCode(Number(name.slice(1))) : ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[name]!,
  );

/** Each `<g class="node">`: its attributes, title, rect attributes and text lines. */
function nodeGroups(svg: string) {
  return [...svg.matchAll(/<g class="node"([^>]*)><title>([^<]*)<\/title><rect ([^>]*)\/>((?:<text [^>]*>[^<]*<\/text>)*)<\/g>/g)].map((m) => ({
    contamination: /data-contamination="([^"]*)"/.exec(m[1]!)?.[1] ?? null,
    title: unescape(m[2]!),
    stroke: /\bstroke="([^"]*)"/.exec(m[3]!)?.[1] ?? null,
    strokeWidth: /stroke-width="([^"]*)"/.exec(m[3]!)?.[1] ?? null,
    height: Number(/height="([^"]*)"/.exec(m[3]!)![1]),
    lines: [...m[4]!.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((t) => unescape(t[1]!)),
  }));
}

describe("toSvg with contamination flags", () => {
  const view = {
    nodes: [node("a/bad", { displayName: "Bad" }), node("a/maybe", { displayName: "Maybe" }), node("a/clean", { displayName: "Clean" }), node("a/train", { displayName: "Train" })],
    edges: [edge("a/bad", "a/maybe"), edge("a/maybe", "a/clean")],
  };
  const positions = { "a/bad": { x: 0, y: 0 }, "a/maybe": { x: 240, y: 0 }, "a/clean": { x: 480, y: 0 }, "a/train": { x: 480, y: 120 } };
  const marks: ExportMarks = {
    "a/bad": { severity: "CONTAMINATED", benchmarks: ["aime-2024"], bySet: { "aime-2024": "CONTAMINATED", "math-500": "POSSIBLE" } },
    "a/maybe": { severity: "POSSIBLE", benchmarks: ["math-500"], bySet: { "math-500": "POSSIBLE" } },
    "a/train": { severity: "TRAIN_LINEAGE", benchmarks: ["gsm8k"], bySet: { gsm8k: "TRAIN_LINEAGE" } },
  };
  const setLabels = { "aime-2024": "AIME 2024 (AIME)", "math-500": `<script>alert("x")</script>`, gsm8k: "GSM8K test" };
  const svg = toSvg(view, positions, { rootKey: "a/clean", marks, setLabels });
  const groups = nodeGroups(svg);

  it("borders flagged nodes in the canvas's severity colours, with its third label line", () => {
    expect(groups).toHaveLength(4);
    const [bad, maybe, clean, train] = groups;
    expect(bad).toMatchObject({ contamination: "CONTAMINATED", stroke: "#b91c1c", strokeWidth: "6", height: 68, lines: ["Bad", "dataset", "⚠ benchmark test data"] });
    expect(maybe).toMatchObject({ contamination: "POSSIBLE", stroke: "#c2410c", strokeWidth: "5", height: 68, lines: ["Maybe", "dataset", "⚠ possible test data"] });
    expect(clean).toMatchObject({ contamination: null, stroke: "#0f172a", strokeWidth: "4", height: 52, lines: ["Clean", "dataset"] });
    // Training-split lineage is not drawn on nodes, as on the canvas.
    expect(train).toMatchObject({ contamination: null, stroke: null, height: 52, lines: ["Train", "dataset"] });
    expect(CONTAMINATION_STYLES.CONTAMINATED.color).toBe("#b91c1c");
  });

  it("names the evaluation sets in each flagged node's tooltip", () => {
    expect(groups.map((g) => g.title)).toEqual([
      `a/bad\nContaminated by AIME 2024 (AIME)\nPossibly contaminated by <script>alert("x")</script>`,
      `a/maybe\nPossibly contaminated by <script>alert("x")</script>`,
      "a/clean",
      "a/train",
    ]);
  });

  it("adds a legend below the graph, inside the view box, for the severities that occur only", () => {
    const legend = svg.match(/<g class="legend">[\s\S]*?<\/g>\n<\/svg>$/)![0];
    expect([...legend.matchAll(/data-severity="([A-Z_]+)"/g)].map((m) => m[1])).toEqual(["CONTAMINATED", "POSSIBLE"]);
    expect([...legend.matchAll(/<rect [^>]*stroke="([^"]*)"/g)].map((m) => m[1])).toEqual(["#b91c1c", "#c2410c"]);
    expect([...legend.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]!))).toEqual([
      "Benchmark contamination",
      "Contaminated",
      "Possibly contaminated",
      `Evaluation sets: <script>alert("x")</script>, AIME 2024 (AIME)`,
    ]);
    const [minX, minY, width, height] = /viewBox="([^"]*)"/.exec(svg)![1]!.split(" ").map(Number) as [number, number, number, number];
    const nodeBottom = Math.max(...[...svg.matchAll(/<rect x="[^"]*" y="([^"]*)" width="184" height="(\d+)"/g)].map((m) => Number(m[1]) + Number(m[2])));
    const ys = [...legend.matchAll(/<text [^>]*\by="([^"]*)"/g)].map((m) => Number(m[1]));
    const xs = [...legend.matchAll(/\bx="([^"]*)"/g)].map((m) => Number(m[1]));
    for (const y of ys) expect(y > nodeBottom && y < minY + height).toBe(true);
    for (const x of xs) expect(x >= minX && x < minX + width).toBe(true);
  });

  it("escapes hostile set labels everywhere", () => {
    expect(svg).not.toContain("<script");
    expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });

  it("takes the canvas's marks, and leaves the note out without labels", () => {
    const canvasMarks: ContaminationMarks = { "A/CLEAN": { severity: "MITIGATED", benchmarks: ["gsm8k"] } };
    const plain = toSvg(view, positions, { marks: canvasMarks });
    const clean = nodeGroups(plain)[2]!;
    expect(clean).toMatchObject({ contamination: "MITIGATED", stroke: "#15803d", strokeWidth: "4", title: "a/clean\nDecontaminated against gsm8k" });
    expect(clean.lines[2]).toBe("decontaminated");
    expect([...plain.matchAll(/data-severity="([A-Z_]+)"/g)].map((m) => m[1])).toEqual(["MITIGATED"]);
    expect(plain).not.toContain("legend-note");
  });

  it("stops edges at the taller boxes of flagged nodes", () => {
    const tall = toSvg({ nodes: view.nodes.slice(0, 2), edges: [edge("a/bad", "a/maybe")] }, { "a/bad": { x: 0, y: 0 }, "a/maybe": { x: 0, y: 200 } }, { marks });
    expect(tall).toMatch(/<line x1="0" y1="34" x2="0" y2="166"/);
  });
});
