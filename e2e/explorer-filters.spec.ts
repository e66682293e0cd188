import { expect, test } from "@playwright/test";
import { ExplorerPage } from "./pages/explorer-page";
import { EXPLORER_COUNTS, ROOT } from "./support/fixture";

test("depth changes the drawn nodes and the URL", async ({ page }) => {
  const explorer = new ExplorerPage(page);
  await explorer.open(ROOT, "?up=1");
  expect({ nodes: await explorer.nodeCount(), edges: await explorer.edgeCount() }).toEqual(EXPLORER_COUNTS.up1);

  await explorer.setDepthUp(3);
  await expect.poll(() => explorer.nodeCount()).toBe(EXPLORER_COUNTS.up3.nodes);
  expect(await explorer.edgeCount()).toBe(EXPLORER_COUNTS.up3.edges);
  await expect.poll(() => explorer.params().get("up")).toBe("3");
  const api = await explorer.apiView(ROOT, "?up=3");
  expect(await explorer.drawnKeys()).toEqual(api.graph.nodes.map((n) => n.key).sort());
  expect(await explorer.cyCounts()).toEqual(EXPLORER_COUNTS.up3);
  await explorer.screenshot("depth-3");
});

test("relation and confidence filters hide edges and are kept in the URL", async ({ page }) => {
  const explorer = new ExplorerPage(page);
  await explorer.open(ROOT);
  expect({ nodes: await explorer.nodeCount(), edges: await explorer.edgeCount() }).toEqual(EXPLORER_COUNTS.up2);
  expect((await explorer.drawnEdges()).some((e) => e.relation === "DIRECT_INCLUSION")).toBe(true);

  await explorer.setRelation("DIRECT_INCLUSION", false);
  await expect.poll(() => explorer.edgeCount()).toBeLessThan(EXPLORER_COUNTS.up2.edges);
  expect((await explorer.drawnEdges()).map((e) => e.relation)).not.toContain("DIRECT_INCLUSION");
  await expect.poll(() => explorer.params().get("rel")).toBe("STRUCTURED_FUSION,SYNTHETIC_GENERATION,SEMANTIC_EVOLUTION,COT_DISTILLATION");
  expect(await explorer.cyCounts()).toEqual({ nodes: await explorer.nodeCount(), edges: await explorer.edgeCount() });
  await explorer.screenshot("filter-relation");

  await explorer.setRelation("DIRECT_INCLUSION", true);
  await expect.poll(() => explorer.edgeCount()).toBe(EXPLORER_COUNTS.up2.edges);
  await expect.poll(() => explorer.params().has("rel")).toBe(false);

  // 0.3 and 0.4 are below 0.5: base-2 → mix-a and quoted-source → explorer-root go.
  await explorer.setMinConfidence(0.5);
  await expect.poll(() => explorer.edgeCount()).toBe(EXPLORER_COUNTS.up2.edges - 2);
  const confidences = (await explorer.drawnEdges()).map((e) => e.confidence);
  expect(Math.min(...confidences)).toBeGreaterThanOrEqual(0.5);
  await expect.poll(() => explorer.params().get("conf")).toBe("0.5");
  await explorer.screenshot("filter-confidence");
});

test("invalid URL parameters are dropped with a visible notice and the view still renders", async ({ page }) => {
  const explorer = new ExplorerPage(page);
  await page.goto(`/datasets/${ROOT}?up=99&rel=NOPE&bogus=1&sel=%3Cscript%3E`);
  await explorer.waitReady();
  await expect(explorer.notice).toBeVisible();
  await expect(explorer.notice).toHaveAttribute("role", "status");
  for (const part of ["up", "NOPE", "bogus", "sel"]) await expect(explorer.notice).toContainText(part);
  await expect(explorer.notice).toContainText("<script>");
  // Every bad value fell back to its default.
  expect({ nodes: await explorer.nodeCount(), edges: await explorer.edgeCount() }).toEqual(EXPLORER_COUNTS.up2);
  await expect(explorer.canvas).toHaveAttribute("data-selected", ROOT);
  expect(await page.evaluate(() => (window as Window & { __xss?: unknown }).__xss)).toBeUndefined();
  await explorer.screenshot("invalid-params-notice");
});
