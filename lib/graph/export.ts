import { SEVERITIES, SEVERITY_LABELS, type Severity } from "@/lib/contamination/types";
import { normalizeKey } from "@/lib/keys";
import type { LineageEdge, LineageNode } from "@/lib/lineage/types";
import type { ViewState } from "@/lib/view/state";

/**
 * File exports of what the explorer draws (the output of visibleGraph). Pure text builders:
 * the client turns them into downloads. Every value comes from the store and ultimately from
 * dataset cards and agents, so everything is escaped for its format, and CSV cells cannot
 * turn into spreadsheet formulas.
 */

export type ExportView = { nodes: readonly LineageNode[]; edges: readonly LineageEdge[] };

export type ExportMeta = {
  /** The dataset the view is about. */
  root: string;
  /** The permalink of the view. */
  url: string;
  /** ISO timestamp. */
  exportedAt: string;
  state: ViewState;
};

export const JSON_EXPORT_FORMAT = "rootline-view@1";

// ---------------------------------------------------------------------------------------
// Contamination flags

/** Node key (normalised with normalizeKey from lib/keys.ts) → its flags. */
export type ExportMarks = Readonly<
  Record<
    string,
    {
      /** Worst over all evaluation sets. */
      severity: Severity;
      /** Evaluation set ids at that worst severity, e.g. ["aime-2024"]. */
      benchmarks: readonly string[];
      /** Severity per evaluation set id. */
      bySet?: Readonly<Record<string, Severity>>;
    }
  >
>;
/** Optional: evaluation set id → display label, e.g. { "aime-2024": "AIME 2024 (AIME)" }. */
export type ExportSetLabels = Readonly<Record<string, string>>;
/**
 * What the builders accept: ExportMarks, or the canvas's looser ContaminationMarks
 * (lib/graph/elements.ts, severity typed as string). Unknown severities are ignored.
 */
export type ExportMarksInput = Readonly<Record<string, { severity: string; benchmarks: readonly string[]; bySet?: Readonly<Record<string, string>> }>>;

/** One node's flags, checked: a known worst severity, and a severity for every set named. */
export type NodeContamination = { severity: Severity; benchmarks: string[]; bySet: Record<string, Severity> };

const isSeverity = (value: unknown): value is Severity => typeof value === "string" && (SEVERITIES as readonly string[]).includes(value);
const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity);

/**
 * Looks flags up by any casing of a node key. Sets are ordered worst first, then by id;
 * without `bySet`, the worst severity's `benchmarks` stand for it.
 */
export function contaminationLookup(marks: ExportMarksInput | undefined): (key: string) => NodeContamination | null {
  const byKey = new Map<string, NodeContamination>();
  for (const [key, mark] of Object.entries(marks ?? {})) {
    if (!mark || !isSeverity(mark.severity)) continue;
    const benchmarks = (Array.isArray(mark.benchmarks) ? mark.benchmarks : []).filter((b): b is string => typeof b === "string");
    const pairs: [string, Severity][] = mark.bySet
      ? Object.entries(mark.bySet).filter((entry): entry is [string, Severity] => isSeverity(entry[1]))
      : benchmarks.map((b) => [b, mark.severity as Severity]);
    pairs.sort(([a, sa], [b, sb]) => severityRank(sa) - severityRank(sb) || (a < b ? -1 : a > b ? 1 : 0));
    byKey.set(normalizeKey(key), { severity: mark.severity, benchmarks: [...benchmarks], bySet: Object.fromEntries(pairs) });
  }
  return (key) => byKey.get(normalizeKey(key)) ?? null;
}

// ---------------------------------------------------------------------------------------
// GraphML

// XML 1.0 cannot carry most C0 controls, lone surrogates or U+FFFE/U+FFFF at all, not even
// as character references: they become U+FFFD.
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;" };

/** Text safe inside XML content and attribute values (tabs and newlines survive attribute normalisation). */
export function escapeXml(value: string): string {
  return value.replace(XML_INVALID, "\ufffd").replace(/[&<>"'\t\n\r]/g, (char) => XML_ESCAPES[char]!);
}

const NODE_KEYS = [
  ["key", "string"],
  ["label", "string"],
  ["kind", "string"],
  ["domains", "string"],
  ["url", "string"],
  ["contamination", "string"],
  ["contaminationSets", "string"],
] as const;
const EDGE_KEYS = [
  ["relation", "string"],
  ["confidence", "double"],
  ["split", "string"],
  ["status", "string"],
] as const;

function data(key: string, value: string | number | null): string {
  return value === null || value === "" ? "" : `<data key="${key}">${escapeXml(String(value))}</data>`;
}

/**
 * GraphML 1.0 (directed). Element ids are `n0…`/`e0…` because the schema types them as
 * NMTOKEN, which cannot hold the `/` of a key; the key itself is the `key` attribute.
 * A flagged node carries `contamination` (its worst severity) and `contaminationSets`
 * (`id:SEVERITY` per evaluation set, comma-separated, worst first).
 */
export function toGraphML(view: ExportView, meta?: Partial<ExportMeta>, marks?: ExportMarksInput): string {
  const flagsOf = contaminationLookup(marks);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...NODE_KEYS.map(([name, type]) => `  <key id="${name}" for="node" attr.name="${name}" attr.type="${type}"/>`),
    ...EDGE_KEYS.map(([name, type]) => `  <key id="${name}" for="edge" attr.name="${name}" attr.type="${type}"/>`),
    '  <graph id="lineage" edgedefault="directed">',
  ];
  const description = [meta?.root && `Lineage of ${meta.root}`, meta?.url, meta?.exportedAt && `exported ${meta.exportedAt}`].filter(Boolean).join(" · ");
  if (description) lines.push(`    <desc>${escapeXml(description)}</desc>`);
  const ids = new Map<string, string>();
  view.nodes.forEach((node, i) => {
    const id = `n${i}`;
    ids.set(node.id, id);
    const flags = flagsOf(node.key);
    const sets = flags ? Object.entries(flags.bySet).map(([set, severity]) => `${set}:${severity}`).join(",") : "";
    lines.push(
      `    <node id="${id}">${data("key", node.key)}${data("label", node.displayName)}${data("kind", node.kind)}${data("domains", node.domains.join(","))}${data("url", node.url)}` +
        `${data("contamination", flags?.severity ?? null)}${data("contaminationSets", sets)}</node>`,
    );
  });
  view.edges.forEach((edge, i) => {
    const source = ids.get(edge.upstreamId);
    const target = ids.get(edge.downstreamId);
    if (!source || !target) return;
    lines.push(
      `    <edge id="e${i}" source="${source}" target="${target}">${data("relation", edge.relation)}${data("confidence", edge.confidence)}${data("split", edge.split)}${data("status", edge.status)}</edge>`,
    );
  });
  lines.push("  </graph>", "</graphml>", "");
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------
// CSV

export const CSV_COLUMNS = [
  "upstream",
  "downstream",
  "relation",
  "confidence",
  "split",
  "status",
  "evidence_sources",
  "evidence_urls",
  "upstream_contamination",
  "downstream_contamination",
] as const;

/**
 * One RFC 4180 field. Text starting with = + - @ (or a tab / carriage return, which some
 * spreadsheets skip before looking) is prefixed with ' so it is never run as a formula.
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The drawn edges as a CSV edge list (CRLF line ends, header row). The contamination columns
 * hold each end's worst severity, empty when it has none.
 */
export function toCsv(view: ExportView, marks?: ExportMarksInput): string {
  const flagsOf = contaminationLookup(marks);
  const rows = [CSV_COLUMNS.join(",")];
  for (const edge of view.edges) {
    const sources = [...new Set(edge.evidence.map((e) => e.source))].join(";");
    // URLs never contain a raw space, so a space separates them unambiguously.
    const urls = [...new Set(edge.evidence.flatMap((e) => (e.url ? [e.url.replace(/\s/g, encodeURIComponent)] : [])))].join(" ");
    const upstreamFlag = flagsOf(edge.upstream)?.severity ?? "";
    const downstreamFlag = flagsOf(edge.downstream)?.severity ?? "";
    rows.push([edge.upstream, edge.downstream, edge.relation, edge.confidence, edge.split, edge.status, sources, urls, upstreamFlag, downstreamFlag].map(csvField).join(","));
  }
  return `${rows.join("\r\n")}\r\n`;
}

// ---------------------------------------------------------------------------------------
// JSON

export type JsonExport = {
  format: typeof JSON_EXPORT_FORMAT;
  root: string;
  url: string;
  exportedAt: string;
  state: ViewState;
  /** Every node carries its flags (`null` when it has none). */
  nodes: (LineageNode & { contamination: NodeContamination | null; position?: { x: number; y: number }; group?: string })[];
  edges: LineageEdge[];
  /** Severity → what it means in words. */
  contaminationLegend: Record<Severity, string>;
  /** Display labels of the evaluation sets the nodes name (only when labels were given). */
  evaluationSets?: Record<string, string>;
  /** Where the canvas looked: zoom, and pan (screen px of model point 0,0), when a layout was given. */
  viewport?: { zoom: number; pan: { x: number; y: number } };
};

/** The drawn picture: each node's model position (a grouped node: its group's, with the group id). */
export type ExportLayout = {
  positions: Readonly<Record<string, { x: number; y: number }>>;
  groupOf?: Readonly<Record<string, string>>;
  viewport: { zoom: number; pan: { x: number; y: number } };
};

/**
 * The view as JSON. Adds to format rootline-view@1 without changing what was there: each
 * node's `contamination`, the `contaminationLegend` and, given labels, `evaluationSets`;
 * given the layout, each node's `position` (and `group` when drawn inside one) and the
 * `viewport`, so the file holds the picture as well as the graph.
 */
export function toJson(view: ExportView, meta: ExportMeta, marks?: ExportMarksInput, setLabels?: ExportSetLabels, layout?: ExportLayout): string {
  const flagsOf = contaminationLookup(marks);
  const nodes = view.nodes.map((node) => {
    const group = layout?.groupOf?.[node.id];
    const position = layout?.positions[group ?? node.id];
    return { ...node, contamination: flagsOf(node.key), ...(position ? { position: { x: position.x, y: position.y } } : {}), ...(group ? { group } : {}) };
  });
  const document: JsonExport = {
    format: JSON_EXPORT_FORMAT,
    root: meta.root,
    url: meta.url,
    exportedAt: meta.exportedAt,
    state: meta.state,
    nodes,
    edges: [...view.edges],
    contaminationLegend: { ...SEVERITY_LABELS },
    ...(layout ? { viewport: { zoom: layout.viewport.zoom, pan: { x: layout.viewport.pan.x, y: layout.viewport.pan.y } } } : {}),
  };
  if (setLabels) {
    const named = new Set(nodes.flatMap((n) => (n.contamination ? [...n.contamination.benchmarks, ...Object.keys(n.contamination.bySet)] : [])));
    document.evaluationSets = Object.fromEntries(
      [...named].sort().flatMap((id) => (Object.hasOwn(setLabels, id) && typeof setLabels[id] === "string" ? [[id, setLabels[id]!]] : [])),
    );
  }
  return `${JSON.stringify(document, null, 2)}\n`;
}
