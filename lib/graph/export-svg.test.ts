import { describe, expect, it } from "vitest";
import { lineageEdge, lineageNode } from "@/lib/lineage/test-factories";
import type { LineageEdge, LineageNode } from "@/lib/lineage/types";
import { toSvg } from "./export-svg";

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
});
