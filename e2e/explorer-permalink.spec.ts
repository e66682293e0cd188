import { expect, test } from "@playwright/test";
import { ExplorerPage } from "./pages/explorer-page";
import { EXPLORER_COUNTS, MIX_A, ROOT, key } from "./support/fixture";

const METAMATH = "meta-math/MetaMathQA";

test("a permalink draws exactly the nodes the view API returns for the same query", async ({ page }) => {
  const explorer = new ExplorerPage(page);
  const query = "?up=1&down=0";
  await explorer.open(METAMATH, query);

  const api = await explorer.apiView(METAMATH, query);
  // The seed has no rejected edges, so nothing the API returns is hidden by default.
  expect(api.graph.edges.filter((e) => e.status === "REJECTED")).toEqual([]);
  const apiKeys = api.graph.nodes.map((n) => n.key).sort();
  expect(apiKeys).toEqual(expect.arrayContaining([METAMATH, "openai/gsm8k", "EleutherAI/hendrycks_math"]));

  expect(await explorer.nodeCount()).toBe(apiKeys.length);
  expect(await explorer.edgeCount()).toBe(api.graph.edges.length);
  expect(await explorer.cyCounts()).toEqual({ nodes: apiKeys.length, edges: api.graph.edges.length });
  expect(await explorer.drawnKeys()).toEqual(apiKeys);
  // The page's own dataset is selected on first load.
  await expect(explorer.canvas).toHaveAttribute("data-selected", METAMATH);
  await expect(explorer.panel).toBeVisible();
  await explorer.screenshot("permalink-metamathqa");
});

test("expanding upstream adds nodes, keeps every drawn node where it was, and records it in the URL", async ({ page }) => {
  const explorer = new ExplorerPage(page);
  await explorer.open(ROOT, "?up=1");
  expect(await explorer.nodeCount()).toBe(EXPLORER_COUNTS.up1.nodes);
  const before = await explorer.positions();
  const keysBefore = await explorer.drawnKeys();
  expect(Object.keys(before).sort()).toEqual(keysBefore);

  await explorer.clickNode(MIX_A);
  await expect(explorer.panel).toHaveAttribute("data-key", MIX_A);
  await explorer.screenshot("expand-before");
  await explorer.expandUpstream();
  await explorer.waitForNodeCountAbove(keysBefore.length);

  const keysAfter = await explorer.drawnKeys();
  expect(keysAfter).toEqual(expect.arrayContaining([...keysBefore, key("base-1"), key("base-2")]));
  expect(await explorer.cyCounts()).toEqual({ nodes: await explorer.nodeCount(), edges: await explorer.edgeCount() });
  const after = await explorer.positions();
  for (const [k, p] of Object.entries(before)) expect(after[k], `position of ${k}`).toEqual(p);
  expect(explorer.params().getAll("xu")).toContain(MIX_A);
  await explorer.screenshot("expand-after");
});

test("a shared URL shows the same nodes and edges in a new browser context", async ({ page, browser }) => {
  const explorer = new ExplorerPage(page);
  await explorer.open(ROOT, "?up=1");
  await explorer.clickNode(MIX_A);
  await explorer.expandUpstream();
  await explorer.waitForNodeCountAbove(EXPLORER_COUNTS.up1.nodes);
  await expect.poll(() => explorer.params().getAll("xu")).toContain(MIX_A);
  const url = explorer.pathAndQuery();
  const keys = await explorer.drawnKeys();
  const edges = await explorer.edgeNames();

  const context = await browser.newContext({ baseURL: new URL(page.url()).origin });
  try {
    const other = new ExplorerPage(await context.newPage());
    await other.openUrl(url);
    expect(await other.drawnKeys()).toEqual(keys);
    expect(await other.edgeCount()).toBe(edges.length);
    expect(await other.edgeNames()).toEqual(edges);
    await other.screenshot("shared-url-new-context");
  } finally {
    await context.close();
  }
});
