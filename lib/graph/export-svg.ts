/**
 * The drawn view as a standalone SVG image, from the same data and positions the canvas
 * uses. Written here rather than taken from a Cytoscape plugin: the image stays the same
 * whatever the renderer does, it is testable without a browser, and it keeps the client
 * bundle free of copyleft code.
 */
import { normalizeKey } from "@/lib/keys";
import { SEVERITY_LABELS } from "@/lib/contamination/types";
import { contaminationLookup, escapeXml, type ExportMarksInput, type ExportSetLabels, type ExportView, type NodeContamination } from "./export";
import { nodeLabel } from "./elements";
import {
  CONFIDENCE_OPACITY,
  CONFIDENCE_WIDTH,
  CONTAMINATION_EXTRA_HEIGHT,
  CONTAMINATION_STYLES,
  DOMAIN_COLORS,
  DRAWN_CONTAMINATION,
  NO_DOMAIN,
  REJECTED_EDGE_COLOR,
  RELATION_STYLES,
  type DrawnContamination,
} from "./style";

export const SVG_NODE = { width: 184, height: 52 } as const;
const PADDING = 40;
const INK = "#0f172a";
const FONT = "ui-sans-serif, system-ui, sans-serif";
const MUTED = "#475569";

type Point = { x: number; y: number };
type Box = { width: number; height: number };

export type SvgOptions = {
  rootKey?: string;
  title?: string;
  /** Contamination flags per node key (the canvas's marks will do); drawn as the canvas draws them. */
  marks?: ExportMarksInput;
  /** Evaluation set id → display label, for node tooltips and the legend's note. */
  setLabels?: ExportSetLabels;
};

/** How a node's tooltip words each severity, followed by the sets. */
const TITLE_PHRASES: Record<DrawnContamination, string> = {
  CONTAMINATED: "Contaminated by",
  POSSIBLE: "Possibly contaminated by",
  MITIGATED: "Decontaminated against",
};

const isDrawn = (severity: string): severity is DrawnContamination => (DRAWN_CONTAMINATION as readonly string[]).includes(severity);

/** The flag a node is drawn with, or null (no flag, or one the canvas does not draw). */
function drawnMark(flags: NodeContamination | null): DrawnContamination | null {
  return flags && isDrawn(flags.severity) ? flags.severity : null;
}

function setLabel(labels: ExportSetLabels | undefined, id: string): string {
  const label = labels && Object.hasOwn(labels, id) ? labels[id] : undefined;
  return typeof label === "string" && label ? label : id;
}

/** "Contaminated by AIME 2024 (AIME), MATH-500" and so on, one line per drawn severity, worst first. */
function contaminationTitle(flags: NodeContamination, labels: ExportSetLabels | undefined): string[] {
  const sets = Object.keys(flags.bySet).length ? Object.entries(flags.bySet) : flags.benchmarks.map((b) => [b, flags.severity] as const);
  return DRAWN_CONTAMINATION.flatMap((severity) => {
    const names = sets.filter(([, s]) => s === severity).map(([id]) => setLabel(labels, id));
    return names.length ? [`${TITLE_PHRASES[severity]} ${names.join(", ")}`] : severity === flags.severity ? [SEVERITY_LABELS[severity]] : [];
  });
}

/** Rough text width for laying out the legend (no font metrics without a browser). */
const textWidth = (text: string, size: number) => [...text].length * size * 0.6;

/** Splits "a, b, c" after commas so each line stays within `maxChars` where it can. */
function wrap(parts: readonly string[], maxChars: number): string[] {
  const lines: string[] = [];
  let line = "";
  parts.forEach((part, i) => {
    const piece = i < parts.length - 1 ? `${part},` : part;
    if (line && [...line].length + 1 + [...piece].length > maxChars) {
      lines.push(line);
      line = piece;
    } else line = line ? `${line} ${piece}` : piece;
  });
  if (line) lines.push(line);
  return lines;
}

function lerp(range: { min: number; max: number }, t: number): number {
  return range.min + (range.max - range.min) * Math.min(1, Math.max(0, t));
}

/** Where the segment from a box's centre towards `toward` leaves the box. */
function boxExit(center: Point, box: Box, toward: Point): Point {
  const dx = toward.x - center.x;
  const dy = toward.y - center.y;
  if (dx === 0 && dy === 0) return center;
  const sx = dx === 0 ? Infinity : box.width / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : box.height / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: center.x + dx * s, y: center.y + dy * s };
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * `positions` are node centres in model coordinates keyed by node key (any casing); nodes
 * without a position are left out, and so are their edges. Flagged nodes (`options.marks`)
 * get the canvas's severity border, a taller box with a third label line, a tooltip naming
 * the evaluation sets and `data-contamination`; a legend below the graph explains the
 * severities that occur.
 */
export function toSvg(view: ExportView, positions: Readonly<Record<string, Point>>, options: SvgOptions = {}): string {
  const at = new Map<string, Point>();
  for (const [key, point] of Object.entries(positions)) {
    if (Number.isFinite(point.x) && Number.isFinite(point.y)) at.set(normalizeKey(key), point);
  }
  const flagsOf = contaminationLookup(options.marks);
  const nodes = view.nodes.filter((n) => at.has(n.id));
  const boxes = new Map<string, Box>();
  for (const node of view.nodes) {
    const grow = drawnMark(flagsOf(node.key)) ? CONTAMINATION_EXTRA_HEIGHT : 0;
    boxes.set(node.id, { width: SVG_NODE.width, height: SVG_NODE.height + grow });
  }
  const boxOf = (id: string): Box => boxes.get(id) ?? SVG_NODE;
  const extent = nodes.map((n) => ({ c: at.get(n.id)!, b: boxOf(n.id) }));
  const minX = (extent.length ? Math.min(...extent.map(({ c, b }) => c.x - b.width / 2)) : -SVG_NODE.width / 2) - PADDING;
  const minY = (extent.length ? Math.min(...extent.map(({ c, b }) => c.y - b.height / 2)) : -SVG_NODE.height / 2) - PADDING;
  const graphWidth = (extent.length ? Math.max(...extent.map(({ c, b }) => c.x + b.width / 2)) : SVG_NODE.width / 2) + PADDING - minX;
  const graphHeight = (extent.length ? Math.max(...extent.map(({ c, b }) => c.y + b.height / 2)) : SVG_NODE.height / 2) + PADDING - minY;
  const root = options.rootKey ? normalizeKey(options.rootKey) : null;

  // The legend: only the severities drawn in this image, and the evaluation sets they name.
  const drawnFlags = nodes.flatMap((n) => {
    const flags = flagsOf(n.key);
    return flags && drawnMark(flags) ? [flags] : [];
  });
  const occurring = DRAWN_CONTAMINATION.filter((severity) => drawnFlags.some((f) => f.severity === severity));
  const legendSets = new Map<string, string>();
  if (options.setLabels) {
    for (const flags of drawnFlags) {
      const ids = Object.keys(flags.bySet).length ? Object.entries(flags.bySet).filter(([, s]) => isDrawn(s)).map(([id]) => id) : flags.benchmarks;
      for (const id of ids) legendSets.set(id, setLabel(options.setLabels, id));
    }
  }
  const LEGEND_TITLE = "Benchmark contamination";
  const ROW = 22;
  const noteSize = 11;
  const noteParts = [...legendSets.values()].sort((a, b) => a.localeCompare(b));
  const available = Math.max(graphWidth - 2 * PADDING, 320);
  const noteLines = noteParts.length ? wrap([`Evaluation sets: ${noteParts[0]}`, ...noteParts.slice(1)], Math.floor(available / (noteSize * 0.6))) : [];
  const legendRows = occurring.length ? 1 + occurring.length + noteLines.length : 0;
  const legendHeight = legendRows * ROW;
  const legendWidth = occurring.length
    ? Math.max(textWidth(LEGEND_TITLE, 12), ...occurring.map((s) => 40 + textWidth(SEVERITY_LABELS[s], 12)), ...noteLines.map((l) => textWidth(l, noteSize)))
    : 0;
  const width = Math.max(graphWidth, legendWidth + 2 * PADDING);
  const height = graphHeight + legendHeight;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${round(minX)} ${round(minY)} ${round(width)} ${round(height)}" width="${Math.ceil(width)}" height="${Math.ceil(height)}" font-family="${FONT}">`,
  );
  out.push(`<title>${escapeXml(options.title ?? "Rootline lineage view")}</title>`);
  out.push(`<rect x="${round(minX)}" y="${round(minY)}" width="${round(width)}" height="${round(height)}" fill="#ffffff"/>`);
  out.push(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>`);

  out.push(`<g class="edges">`);
  for (const edge of view.edges) {
    const from = at.get(edge.upstreamId);
    const to = at.get(edge.downstreamId);
    if (!from || !to) continue;
    const start = boxExit(from, boxOf(edge.upstreamId), to);
    const end = boxExit(to, boxOf(edge.downstreamId), from);
    const style = RELATION_STYLES[edge.relation];
    const color = edge.status === "REJECTED" ? REJECTED_EDGE_COLOR : style.color;
    const dash = style.dash.length ? ` stroke-dasharray="${style.dash.join(" ")}"` : "";
    out.push(
      `<line x1="${round(start.x)}" y1="${round(start.y)}" x2="${round(end.x)}" y2="${round(end.y)}" stroke="${color}" stroke-width="${round(lerp(CONFIDENCE_WIDTH, edge.confidence))}" stroke-opacity="${round(lerp(CONFIDENCE_OPACITY, edge.confidence))}"${dash} marker-end="url(#arrow)">` +
        `<title>${escapeXml(`${edge.upstream} → ${edge.downstream} · ${edge.relation} · ${Math.round(edge.confidence * 100)}% · ${edge.status}`)}</title></line>`,
    );
  }
  out.push(`</g>`);

  out.push(`<g class="nodes">`);
  for (const node of nodes) {
    const c = at.get(node.id)!;
    const box = boxOf(node.id);
    const x = round(c.x - box.width / 2);
    const y = round(c.y - box.height / 2);
    const external = node.kind === "EXTERNAL";
    const fill = external ? "#ffffff" : DOMAIN_COLORS[node.domains[0] ?? NO_DOMAIN];
    const text = external ? INK : "#ffffff";
    const isRoot = root === node.id;
    const flags = flagsOf(node.key);
    const mark = drawnMark(flags);
    // As on the canvas: a flag recolours the border over root and kind; the dashes still say "external".
    const stroke = mark
      ? ` stroke="${CONTAMINATION_STYLES[mark].color}" stroke-width="${CONTAMINATION_STYLES[mark].width}"${external ? ' stroke-dasharray="6 4"' : ""}`
      : isRoot || node.kind === "BENCHMARK"
        ? ` stroke="${INK}" stroke-width="${isRoot ? 4 : 3}"`
        : external
          ? ` stroke="${INK}" stroke-width="2" stroke-dasharray="6 4"`
          : "";
    const [name, detail] = nodeLabel(node).split("\n");
    const title = flags && mark ? [node.key, ...contaminationTitle(flags, options.setLabels)].join("\n") : node.key;
    // Label lines 17 px apart, centred in the box.
    const first = mark ? c.y - 12 : c.y - 4;
    out.push(
      `<g class="node"${mark ? ` data-contamination="${mark}"` : ""}><title>${escapeXml(title)}</title>` +
        `<rect x="${x}" y="${y}" width="${box.width}" height="${box.height}" rx="${external ? 0 : 8}" fill="${fill}"${stroke}/>` +
        `<text x="${round(c.x)}" y="${round(first)}" text-anchor="middle" font-size="13" font-weight="${isRoot ? 700 : 500}" fill="${text}">${escapeXml(name ?? "")}</text>` +
        `<text x="${round(c.x)}" y="${round(first + 17)}" text-anchor="middle" font-size="11" fill="${text}">${escapeXml(detail ?? "")}</text>` +
        (mark ? `<text x="${round(c.x)}" y="${round(first + 33)}" text-anchor="middle" font-size="11" font-weight="600" fill="${text}">${escapeXml(CONTAMINATION_STYLES[mark].text)}</text>` : "") +
        `</g>`,
    );
  }
  out.push(`</g>`);

  if (occurring.length) {
    const left = minX + PADDING;
    let baseline = minY + graphHeight - PADDING / 2 + 14;
    out.push(`<g class="legend">`);
    out.push(`<text x="${round(left)}" y="${round(baseline)}" font-size="12" font-weight="700" fill="${INK}">${escapeXml(LEGEND_TITLE)}</text>`);
    for (const severity of occurring) {
      baseline += ROW;
      const { color, width: strokeWidth } = CONTAMINATION_STYLES[severity];
      out.push(
        `<g class="legend-entry" data-severity="${severity}">` +
          `<rect x="${round(left + strokeWidth / 2)}" y="${round(baseline - 12)}" width="${round(28 - strokeWidth)}" height="14" rx="3" fill="#ffffff" stroke="${color}" stroke-width="${strokeWidth}"/>` +
          `<text x="${round(left + 40)}" y="${round(baseline)}" font-size="12" fill="${INK}">${escapeXml(SEVERITY_LABELS[severity])}</text></g>`,
      );
    }
    for (const line of noteLines) {
      baseline += ROW;
      out.push(`<text class="legend-note" x="${round(left)}" y="${round(baseline)}" font-size="${noteSize}" fill="${MUTED}">${escapeXml(line)}</text>`);
    }
    out.push(`</g>`);
  }
  out.push(`</svg>`);
  return out.join("\n");
}
