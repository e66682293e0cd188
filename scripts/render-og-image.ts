/**
 * Draws public/og.png, the 1200×630 social preview image (Open Graph / Twitter cards):
 * the Rootline wordmark and tagline on the brand colours of app/icon.svg, beside a small
 * lineage graph (sources on the left converging on a dataset, as the lineage view draws it).
 *
 *   npx tsx scripts/render-og-image.ts [out.png]
 *
 * The SVG below is the source; Chromium renders it with the Geist font from node_modules
 * (embedded, so no system font is used) at device scale 1. Same Chromium, same bytes.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/support/chromium";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.resolve(process.argv[2] ?? path.join(ROOT, "public", "og.png"));
const WIDTH = 1200;
const HEIGHT = 630;

// app/icon.svg and app/globals.css: slate-900 ground, sky-400 edges, slate-50 nodes.
const COLORS = { ground: "#0f172a", edge: "#38bdf8", node: "#f8fafc", text: "#f8fafc", muted: "#cbd5e1", faint: "#94a3b8", panel: "#1e293b" };

function font(file: string): string {
  const bytes = fs.readFileSync(path.join(ROOT, "node_modules/geist/dist/fonts/geist-sans", file));
  return `data:font/woff2;base64,${bytes.toString("base64")}`;
}

type Point = [number, number];

/** A left-to-right edge as the lineage view draws it: a smooth S from upstream to downstream. */
function edge([x1, y1]: Point, [x2, y2]: Point): string {
  const mid = (x1 + x2) / 2;
  return `<path d="M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}"/>`;
}

function graph(): string {
  const sources: Point[] = [
    [820, 150],
    [820, 250],
    [820, 350],
    [820, 450],
  ];
  const middle: Point[] = [
    [960, 200],
    [960, 400],
  ];
  const dataset: Point = [1100, 300];
  const edges = [
    edge(sources[0]!, middle[0]!),
    edge(sources[1]!, middle[0]!),
    edge(sources[2]!, middle[1]!),
    edge(sources[3]!, middle[1]!),
    edge(sources[1]!, middle[1]!),
    edge(middle[0]!, dataset),
    edge(middle[1]!, dataset),
  ];
  const nodes = [...sources, ...middle].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="15"/>`);
  return `
    <g stroke="${COLORS.edge}" stroke-width="6" fill="none" stroke-linecap="round">${edges.join("")}</g>
    <g fill="${COLORS.node}">${nodes.join("")}</g>
    <circle cx="${dataset[0]}" cy="${dataset[1]}" r="34" fill="${COLORS.ground}" stroke="${COLORS.edge}" stroke-width="6"/>
    <circle cx="${dataset[0]}" cy="${dataset[1]}" r="22" fill="${COLORS.node}"/>`;
}

/** app/icon.svg, drawn at `size` px from (x, y). */
function icon(x: number, y: number, size: number): string {
  return `<g transform="translate(${x} ${y}) scale(${size / 32})">
    <rect width="32" height="32" rx="6" fill="${COLORS.panel}"/>
    <g stroke="${COLORS.edge}" stroke-width="2.5" fill="none" stroke-linecap="round"><path d="M8 8 L16 16 M8 24 L16 16 M16 16 L25 16"/></g>
    <g fill="${COLORS.node}"><circle cx="8" cy="8" r="3"/><circle cx="8" cy="24" r="3"/><circle cx="16" cy="16" r="3"/><circle cx="25" cy="16" r="3.5"/></g>
  </g>`;
}

function ogSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
  <rect width="${WIDTH}" height="${HEIGHT}" fill="${COLORS.ground}"/>
  <rect x="0" y="${HEIGHT - 12}" width="${WIDTH}" height="12" fill="${COLORS.edge}"/>
  ${icon(80, 120, 88)}
  <text x="76" y="352" font-family="Geist" font-weight="600" font-size="124" letter-spacing="-3" fill="${COLORS.text}">Rootline</text>
  <text x="80" y="422" font-family="Geist" font-weight="400" font-size="40" fill="${COLORS.muted}">Lineage of post-training datasets</text>
  <text x="80" y="530" font-family="Geist" font-weight="400" font-size="26" fill="${COLORS.faint}">Sources · relations · evidence · benchmark contamination</text>
  ${graph()}
</svg>`;
}

function html(svg: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
  @font-face { font-family: "Geist"; font-weight: 400; src: url(${font("Geist-Regular.woff2")}) format("woff2"); }
  @font-face { font-family: "Geist"; font-weight: 600; src: url(${font("Geist-SemiBold.woff2")}) format("woff2"); }
  html, body { margin: 0; padding: 0; background: ${COLORS.ground}; }
  svg { display: block; }
</style></head><body>${svg}</body></html>`;
}

async function main() {
  const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 1 });
    await page.setContent(html(ogSvg()), { waitUntil: "load" });
    const loaded = await page.evaluate(async () => {
      const faces = await Promise.all([document.fonts.load('600 124px "Geist"'), document.fonts.load('400 40px "Geist"')]);
      await document.fonts.ready;
      return faces.map((list) => list.length);
    });
    if (loaded.some((n) => n === 0)) throw new Error("Geist did not load; the image would use a fallback font");
    const png = await page.screenshot({ type: "png", clip: { x: 0, y: 0, width: WIDTH, height: HEIGHT }, animations: "disabled" });
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, png);
    console.log(`wrote ${path.relative(process.cwd(), OUT)} (${WIDTH}×${HEIGHT}, ${png.length} bytes)`);
  } finally {
    await browser.close();
  }
}

await main();
