import { expect, test } from "@playwright/test";
import { ExplorerPage } from "./pages/explorer-page";
import { EXPLORER_COUNTS, ROOT } from "./support/fixture";
import { PNG_SIGNATURE, assertBalancedXml, parseCsv } from "./support/files";

test("every export downloads a file that parses and holds the drawn view", async ({ page }) => {
  const explorer = new ExplorerPage(page);
  // The default view includes the edge whose evidence quote holds markup: exports must escape it.
  await explorer.open(ROOT);
  const nodes = await explorer.nodeCount();
  const edges = await explorer.edgeCount();
  expect({ nodes, edges }).toEqual(EXPLORER_COUNTS.up2);
  const keys = await explorer.drawnKeys();

  const png = await explorer.download("png");
  expect(png.download.suggestedFilename()).toMatch(/\.png$/);
  expect([...png.body.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(png.body.length).toBeGreaterThan(1000);

  const svg = await explorer.download("svg");
  expect(svg.download.suggestedFilename()).toMatch(/\.svg$/);
  const svgText = svg.body.toString("utf8");
  expect(svgText).toContain("<svg");
  expect(svgText).toContain("</svg>");
  expect(() => assertBalancedXml(svgText)).not.toThrow();

  const json = await explorer.download("json");
  expect(json.download.suggestedFilename()).toMatch(/\.json$/);
  const parsed: unknown = JSON.parse(json.body.toString("utf8"));
  const flat = JSON.stringify(parsed);
  for (const key of keys) expect(flat).toContain(JSON.stringify(key));

  const graphml = await explorer.download("graphml");
  expect(graphml.download.suggestedFilename()).toMatch(/\.graphml$/);
  const graphmlText = graphml.body.toString("utf8");
  expect(graphmlText).toContain("<graphml");
  const { elements } = assertBalancedXml(graphmlText);
  expect(elements.get("node")).toBe(nodes);
  expect(elements.get("edge")).toBe(edges);

  const csv = await explorer.download("csv");
  expect(csv.download.suggestedFilename()).toMatch(/\.csv$/);
  const rows = parseCsv(csv.body.toString("utf8")).filter((r) => r.some((f) => f !== ""));
  const header = rows[0]!;
  expect(header.length).toBeGreaterThanOrEqual(3);
  expect(header.join(",").toLowerCase()).toMatch(/upstream|source/);
  expect(rows).toHaveLength(edges + 1);
  for (const row of rows) expect(row).toHaveLength(header.length);
});
