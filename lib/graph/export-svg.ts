/**
 * The drawn view as a standalone SVG image, from the same data and positions the canvas
 * uses. Written here rather than taken from a Cytoscape plugin: the image stays the same
 * whatever the renderer does, it is testable without a browser, and it keeps the client
 * bundle free of copyleft code.
 */
import { normalizeKey } from "@/lib/keys";
import { escapeXml, type ExportView } from "./export";
import { nodeLabel } from "./elements";
import { CONFIDENCE_OPACITY, CONFIDENCE_WIDTH, DOMAIN_COLORS, NO_DOMAIN, REJECTED_EDGE_COLOR, RELATION_STYLES } from "./style";

export const SVG_NODE = { width: 184, height: 52 } as const;
const PADDING = 40;
const INK = "#0f172a";
const FONT = "ui-sans-serif, system-ui, sans-serif";

type Point = { x: number; y: number };

function lerp(range: { min: number; max: number }, t: number): number {
  return range.min + (range.max - range.min) * Math.min(1, Math.max(0, t));
}

/** Where the segment from a box's centre towards `toward` leaves the box. */
function boxExit(center: Point, toward: Point): Point {
  const dx = toward.x - center.x;
  const dy = toward.y - center.y;
  if (dx === 0 && dy === 0) return center;
  const sx = dx === 0 ? Infinity : SVG_NODE.width / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : SVG_NODE.height / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: center.x + dx * s, y: center.y + dy * s };
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * `positions` are node centres in model coordinates keyed by node key (any casing); nodes
 * without a position are left out, and so are their edges.
 */
export function toSvg(view: ExportView, positions: Readonly<Record<string, Point>>, options: { rootKey?: string; title?: string } = {}): string {
  const at = new Map<string, Point>();
  for (const [key, point] of Object.entries(positions)) {
    if (Number.isFinite(point.x) && Number.isFinite(point.y)) at.set(normalizeKey(key), point);
  }
  const nodes = view.nodes.filter((n) => at.has(normalizeKey(n.key)));
  const xs = nodes.map((n) => at.get(normalizeKey(n.key))!.x);
  const ys = nodes.map((n) => at.get(normalizeKey(n.key))!.y);
  const minX = (nodes.length ? Math.min(...xs) : 0) - SVG_NODE.width / 2 - PADDING;
  const minY = (nodes.length ? Math.min(...ys) : 0) - SVG_NODE.height / 2 - PADDING;
  const width = (nodes.length ? Math.max(...xs) : 0) + SVG_NODE.width / 2 + PADDING - minX;
  const height = (nodes.length ? Math.max(...ys) : 0) + SVG_NODE.height / 2 + PADDING - minY;
  const root = options.rootKey ? normalizeKey(options.rootKey) : null;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${round(minX)} ${round(minY)} ${round(width)} ${round(height)}" width="${Math.ceil(width)}" height="${Math.ceil(height)}" font-family="${FONT}">`,
  );
  out.push(`<title>${escapeXml(options.title ?? "Rootline lineage view")}</title>`);
  out.push(`<rect x="${round(minX)}" y="${round(minY)}" width="${round(width)}" height="${round(height)}" fill="#ffffff"/>`);
  out.push(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>`);

  out.push(`<g class="edges">`);
  for (const edge of view.edges) {
    const from = at.get(normalizeKey(edge.upstream));
    const to = at.get(normalizeKey(edge.downstream));
    if (!from || !to) continue;
    const start = boxExit(from, to);
    const end = boxExit(to, from);
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
    const c = at.get(normalizeKey(node.key))!;
    const x = round(c.x - SVG_NODE.width / 2);
    const y = round(c.y - SVG_NODE.height / 2);
    const external = node.kind === "EXTERNAL";
    const fill = external ? "#ffffff" : DOMAIN_COLORS[node.domains[0] ?? NO_DOMAIN];
    const text = external ? INK : "#ffffff";
    const isRoot = root === normalizeKey(node.key);
    const stroke = isRoot || node.kind === "BENCHMARK" ? ` stroke="${INK}" stroke-width="${isRoot ? 4 : 3}"` : external ? ` stroke="${INK}" stroke-width="2" stroke-dasharray="6 4"` : "";
    const [name, detail] = nodeLabel(node).split("\n");
    out.push(
      `<g class="node"><title>${escapeXml(node.key)}</title>` +
        `<rect x="${x}" y="${y}" width="${SVG_NODE.width}" height="${SVG_NODE.height}" rx="${external ? 0 : 8}" fill="${fill}"${stroke}/>` +
        `<text x="${round(c.x)}" y="${round(c.y - 4)}" text-anchor="middle" font-size="13" font-weight="${isRoot ? 700 : 500}" fill="${text}">${escapeXml(name ?? "")}</text>` +
        `<text x="${round(c.x)}" y="${round(c.y + 13)}" text-anchor="middle" font-size="11" fill="${text}">${escapeXml(detail ?? "")}</text></g>`,
    );
  }
  out.push(`</g></svg>`);
  return out.join("\n");
}
