import type { EdgeSingular, StylesheetJson } from "cytoscape";
import { NODE_KINDS, RELATIONS } from "@/lib/lineage/types";
import { CONFIDENCE_OPACITY, CONFIDENCE_WIDTH, DOMAIN_COLORS, DOMAINS_AND_NONE, KIND_SHAPES, RELATION_STYLES } from "@/lib/graph/style";

/** Node boxes stay inside lib/graph/layout's MIN_SEPARATION so laid-out nodes never touch. */
const NODE_WIDTH = 176;
const NODE_HEIGHT = 50;

function byConfidence(range: { min: number; max: number }) {
  return (edge: EdgeSingular) => {
    const c = Math.min(1, Math.max(0, Number(edge.data("confidence")) || 0));
    return range.min + (range.max - range.min) * c;
  };
}

export function lineageStylesheet(): StylesheetJson {
  return [
    {
      selector: "node",
      style: {
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        label: "data(label)",
        "text-wrap": "wrap",
        "text-max-width": `${NODE_WIDTH - 16}px`,
        "text-overflow-wrap": "anywhere",
        "text-valign": "center",
        "text-halign": "center",
        "font-size": 11,
        "line-height": 1.3,
        color: "#ffffff",
        "border-width": 1,
        "border-color": "#0f172a",
        "border-opacity": 0.25,
      },
    },
    ...DOMAINS_AND_NONE.map((domain) => ({
      selector: `node[domain = "${domain}"]`,
      style: { "background-color": DOMAIN_COLORS[domain], "border-color": DOMAIN_COLORS[domain] },
    })),
    ...NODE_KINDS.map((kind) => ({ selector: `node[kind = "${kind}"]`, style: { shape: KIND_SHAPES[kind] } })),
    {
      // Benchmarks stand out: evaluation data entering a training chain is what people look for.
      selector: 'node[kind = "BENCHMARK"]',
      style: { "border-width": 3, "border-color": "#0f172a", "border-opacity": 1, "border-style": "double" },
    },
    {
      selector: 'node[kind = "EXTERNAL"]',
      style: { "background-color": "#ffffff", color: "#0f172a", "border-width": 2, "border-style": "dashed", "border-opacity": 1 },
    },
    { selector: "node[?isRoot]", style: { "border-width": 4, "border-color": "#0f172a", "border-opacity": 1, "font-weight": "bold" } },
    {
      selector: "node:selected",
      style: { "overlay-color": "#f59e0b", "overlay-opacity": 0.25, "overlay-padding": 6, "border-color": "#f59e0b", "border-width": 4, "border-opacity": 1 },
    },
    {
      selector: "edge",
      style: {
        "curve-style": "bezier",
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.9,
        width: byConfidence(CONFIDENCE_WIDTH),
        opacity: byConfidence(CONFIDENCE_OPACITY),
      },
    },
    ...RELATIONS.map((relation) => ({
      selector: `edge[relation = "${relation}"]`,
      style: {
        "line-color": RELATION_STYLES[relation].color,
        "target-arrow-color": RELATION_STYLES[relation].color,
        "line-style": RELATION_STYLES[relation].line,
      },
    })),
    { selector: 'edge[status = "REJECTED"]', style: { "line-color": "#ef4444", "target-arrow-color": "#ef4444", opacity: 0.3 } },
    { selector: "edge:selected", style: { "overlay-color": "#f59e0b", "overlay-opacity": 0.2, "overlay-padding": 4 } },
  ];
}
