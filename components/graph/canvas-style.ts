import type { StylesheetJson } from "cytoscape";
import { NODE_KINDS, RELATIONS } from "@/lib/lineage/types";
import { MIN_LABEL_PX, NODE_FONT_PX } from "@/lib/graph/labels";
import { CONFIDENCE_OPACITY, CONFIDENCE_WIDTH, CONTAMINATION_EXTRA_HEIGHT, CONTAMINATION_STYLES, DOMAIN_COLORS, DOMAINS_AND_NONE, DRAWN_CONTAMINATION, KIND_SHAPES, REJECTED_EDGE_COLOR, RELATION_STYLES } from "@/lib/graph/style";

/** Node boxes stay inside lib/graph/layout's MIN_SEPARATION so laid-out nodes never touch. */
const NODE_WIDTH = 184;
const NODE_HEIGHT = 52;
const INK = "#0f172a";
const SELECTED = "#f59e0b";
const FONT = "ui-sans-serif, system-ui, sans-serif";

/** A mapData mapper (Cytoscape parses the string; its typings only know numbers and functions). */
function byConfidence(range: { min: number; max: number }): number {
  return `mapData(confidence, 0, 1, ${range.min}, ${range.max})` as unknown as number;
}

/**
 * The canvas's look. Widths and opacities are mapData mappers rather than functions:
 * Cytoscape caches those, which matters at 2,000 nodes. Labels disappear when they would
 * render smaller than MIN_LABEL_PX (zoomed out); a few nodes then keep a short label drawn at a
 * readable size on a white backing (class label-pinned, chosen by lib/graph/labels.ts).
 */
export function lineageStylesheet(): StylesheetJson {
  return [
    {
      selector: "node",
      style: {
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        label: "data(label)",
        "text-wrap": "wrap",
        "text-max-width": `${NODE_WIDTH - 14}px`,
        "text-overflow-wrap": "anywhere",
        "text-valign": "center",
        "text-halign": "center",
        "font-family": FONT,
        "font-size": NODE_FONT_PX,
        "line-height": 1.35,
        "min-zoomed-font-size": MIN_LABEL_PX,
        color: "#ffffff",
        "border-width": 1,
        "border-color": INK,
        "border-opacity": 0.3,
      },
    },
    ...DOMAINS_AND_NONE.map((domain) => ({
      selector: `node[domain = "${domain}"]`,
      style: { "background-color": DOMAIN_COLORS[domain], "border-color": DOMAIN_COLORS[domain] },
    })),
    // Licence colouring: the node's own fill replaces its domain's.
    { selector: "node[fill]", style: { "background-color": "data(fill)", "border-color": "data(fill)", color: "data(ink)" } },
    ...NODE_KINDS.map((kind) => ({ selector: `node[kind = "${kind}"]`, style: { shape: KIND_SHAPES[kind] } })),
    {
      // Benchmarks stand out: evaluation data entering a training chain is what people look for.
      selector: 'node[kind = "BENCHMARK"]',
      style: { "border-width": 4, "border-color": INK, "border-opacity": 1, "border-style": "double" },
    },
    {
      selector: 'node[kind = "EXTERNAL"]',
      style: { "background-color": "#ffffff", color: INK, "border-width": 2, "border-style": "dashed", "border-opacity": 1 },
    },
    { selector: "node[?isRoot]", style: { "border-width": 4, "border-color": INK, "border-opacity": 1, "border-style": "solid", "font-weight": "bold" } },
    {
      // A group of sibling nodes: a stack of cards, light, with dark text; a click spreads it out.
      selector: 'node[kind = "GROUP"]',
      style: {
        shape: "round-rectangle",
        "background-color": "#f1f5f9",
        "background-opacity": 1,
        color: INK,
        "border-width": 3,
        "border-style": "double",
        "border-color": "data(groupColor)",
        "border-opacity": 1,
        "font-weight": "bold",
        "underlay-color": "#94a3b8",
        "underlay-opacity": 0.5,
        "underlay-padding": 4,
        "underlay-shape": "round-rectangle",
      } as object,
    },
    { selector: 'node[kind = "GROUP"][fill]', style: { "background-color": "data(fill)", color: "data(ink)" } },
    // Contamination recolours the border (its style still says the kind) and adds a text line.
    ...DRAWN_CONTAMINATION.map((severity) => ({
      selector: `node[contamination = "${severity}"]`,
      style: { "border-color": CONTAMINATION_STYLES[severity].color, "border-width": CONTAMINATION_STYLES[severity].width, "border-opacity": 1, height: NODE_HEIGHT + CONTAMINATION_EXTRA_HEIGHT },
    })),
    {
      // Far zoomed out, the nodes that matter most keep their name, drawn at a readable size.
      selector: "node.label-pinned",
      style: {
        label: "data(name)",
        "font-size": "data(lfs)",
        "text-wrap": "none",
        "min-zoomed-font-size": 0,
        color: INK,
        "font-weight": "bold",
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.92,
        "text-background-shape": "round-rectangle",
        "text-background-padding": "2px",
        "text-border-color": "#94a3b8",
        "text-border-width": 1,
        "text-border-opacity": 1,
        "z-index": 20,
      } as object,
    },
    // A contamination path on demand: its edges thick and haloed, everything else faded.
    { selector: ".path-dimmed", style: { opacity: 0.22 } },
    { selector: "edge.on-path", style: { width: 6, "z-index": 9, "underlay-color": CONTAMINATION_STYLES.CONTAMINATED.color, "underlay-opacity": 0.3, "underlay-padding": 5 } as object },
    // The selection is drawn around the node (outline and glow), never over it, so the
    // node's own colour and border still read. (These properties postdate the typings.)
    { selector: "node.is-selected", style: { "outline-width": 4, "outline-color": SELECTED, "outline-offset": 3, "underlay-color": SELECTED, "underlay-opacity": 0.35, "underlay-padding": 10, "underlay-shape": "round-rectangle" } as object },
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
    ...RELATIONS.map((relation) => {
      const { color, dash } = RELATION_STYLES[relation];
      return {
        selector: `edge[relation = "${relation}"]`,
        style: {
          "line-color": color,
          "target-arrow-color": color,
          "line-style": dash.length ? ("dashed" as const) : ("solid" as const),
          ...(dash.length ? { "line-dash-pattern": [...dash] } : {}),
        },
      };
    }),
    {
      // Rejected edges are drawn only on request; red plus a bar across the line, so not by colour alone.
      selector: 'edge[status = "REJECTED"]',
      style: { "line-color": REJECTED_EDGE_COLOR, "target-arrow-color": REJECTED_EDGE_COLOR, "mid-target-arrow-shape": "tee", "mid-target-arrow-color": REJECTED_EDGE_COLOR, opacity: 0.7 },
    },
    // A group's link stands for many edges: drawn thicker.
    { selector: "edge[bundle > 1]", style: { width: 4 } },
    { selector: "edge.touches-selected", style: { "z-index": 2, "underlay-color": SELECTED, "underlay-opacity": 0.35, "underlay-padding": 4 } as object },
  ];
}
