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
 */
export function toGraphML(view: ExportView, meta?: Partial<ExportMeta>): string {
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
    ids.set(normalizeKey(node.key), id);
    lines.push(
      `    <node id="${id}">${data("key", node.key)}${data("label", node.displayName)}${data("kind", node.kind)}${data("domains", node.domains.join(","))}${data("url", node.url)}</node>`,
    );
  });
  view.edges.forEach((edge, i) => {
    const source = ids.get(normalizeKey(edge.upstream));
    const target = ids.get(normalizeKey(edge.downstream));
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

export const CSV_COLUMNS = ["upstream", "downstream", "relation", "confidence", "split", "status", "evidence_sources", "evidence_urls"] as const;

/**
 * One RFC 4180 field. Text starting with = + - @ (or a tab / carriage return, which some
 * spreadsheets skip before looking) is prefixed with ' so it is never run as a formula.
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The drawn edges as a CSV edge list (CRLF line ends, header row). */
export function toCsv(view: ExportView): string {
  const rows = [CSV_COLUMNS.join(",")];
  for (const edge of view.edges) {
    const sources = [...new Set(edge.evidence.map((e) => e.source))].join(";");
    // URLs never contain a raw space, so a space separates them unambiguously.
    const urls = [...new Set(edge.evidence.flatMap((e) => (e.url ? [e.url.replace(/\s/g, encodeURIComponent)] : [])))].join(" ");
    rows.push([edge.upstream, edge.downstream, edge.relation, edge.confidence, edge.split, edge.status, sources, urls].map(csvField).join(","));
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
  nodes: LineageNode[];
  edges: LineageEdge[];
};

export function toJson(view: ExportView, meta: ExportMeta): string {
  const document: JsonExport = {
    format: JSON_EXPORT_FORMAT,
    root: meta.root,
    url: meta.url,
    exportedAt: meta.exportedAt,
    state: meta.state,
    nodes: [...view.nodes],
    edges: [...view.edges],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
