import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { ExplorerPage, SCREENSHOT_DIR } from "./pages/explorer-page";

// On the seeded graph, Bespoke-Stratos-17k is built from NuminaMath data whose sources include
// the AIME competition problems (registered as evaluation data as a whole): contaminated, two steps away.
const DATASET = "bespokelabs/Bespoke-Stratos-17k";
const AIME = "corpus:aime";

test("the lineage view marks contaminated nodes and draws the contaminating path on demand, in the URL", async ({ page }) => {
  const explorer = new ExplorerPage(page);
  await explorer.open(DATASET);
  const marks = JSON.parse((await explorer.canvas.getAttribute("data-contamination")) ?? "{}") as Record<string, string>;
  expect(marks[DATASET]).toBe("CONTAMINATED");

  const flag = explorer.panel.locator(`[data-testid="contamination-flag"][data-benchmark="${AIME}"]`);
  await expect(flag).toHaveAttribute("data-severity", "CONTAMINATED");
  await expect(flag).toContainText("2 steps away");
  await flag.getByTestId("show-contamination-path").click();

  await expect(page).toHaveURL(/[?&]path=corpus%3Aaime/);
  const highlighted = async () => JSON.parse((await explorer.canvas.getAttribute("data-highlight")) ?? "[]") as string[];
  await expect.poll(highlighted).toHaveLength(3);
  await expect(page.getByTestId("explorer-busy")).toBeHidden();
  const path = await highlighted();
  expect(path[0]).toBe(AIME);
  expect(path.at(-1)).toBe(DATASET);
  // Every node of the path is drawn, and its edges carry the highlight.
  await expect(explorer.canvas).toHaveAttribute("data-highlight-drawn", String(path.length));
  const onPath = await page.evaluate(() => {
    const cy = (document.querySelector('[data-testid="lineage-canvas"]') as HTMLElement & { rootlineCy?: import("cytoscape").Core }).rootlineCy!;
    return { edges: cy.edges(".on-path").length, dimmed: cy.elements(".path-dimmed").length, total: cy.elements().length };
  });
  expect(onPath.edges).toBe(path.length - 1);
  expect(onPath.dimmed).toBe(onPath.total - onPath.edges - path.length);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/contamination-path.png`, fullPage: true });

  // The permalink reproduces the highlighted path.
  const url = page.url();
  const other = await page.context().newPage();
  const again = new ExplorerPage(other);
  await again.openUrl(url);
  await expect.poll(async () => JSON.parse((await again.canvas.getAttribute("data-highlight")) ?? "[]") as string[]).toEqual(path);
  await other.close();
});

test("the contamination page lists each benchmark's reach by severity, with a chart and a filterable table", async ({ page, request }) => {
  await page.goto("/contamination");
  const row = page.locator(`[data-testid="reach-row"][data-benchmark="${AIME}"]`);
  await expect(row.locator('[data-severity="CONTAMINATED"]')).not.toHaveText("0");
  await expect(page.getByTestId("reach-chart")).toBeVisible();

  const api = await (await request.get(`/api/contamination?benchmark=${AIME}`)).json();
  const contaminated = api.datasets.filter((d: { severity: string }) => d.severity === "CONTAMINATED").length;
  await expect(row.locator('[data-severity="CONTAMINATED"]')).toHaveText(String(contaminated));

  await page.getByTestId("flag-filter-benchmark").selectOption(AIME);
  await expect(page.getByTestId("flag-row").first()).toBeVisible();
  const severities = await page.getByTestId("flag-row").evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute("data-severity")))]);
  expect(severities).toEqual(["CONTAMINATED"]);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/contamination-page.png`, fullPage: true });
});

test("rejecting the edge a flag rests on updates the flag at once: no stale contamination", async ({ page, request }) => {
  // MMIQC takes GSM8K directly (split not stated): possibly contaminated, one step away.
  const MMIQC = "Vivacem/MMIQC";
  const GSM8K = "openai/gsm8k";
  const explorer = new ExplorerPage(page);
  await explorer.open(MMIQC);
  const flag = explorer.panel.locator(`[data-testid="contamination-flag"][data-benchmark="${GSM8K}"]`);
  await expect(flag).toHaveAttribute("data-severity", "POSSIBLE");
  await expect(flag).toContainText("1 step away");

  const edge = explorer.panel.locator(`[data-testid="incoming-edge"][data-upstream="${GSM8K}"]`);
  await edge.getByTestId("review-reject").click();
  await expect(edge).toHaveAttribute("data-status", "REJECTED");

  // The panel and the API both drop the direct path as soon as the review is saved.
  // allInnerTexts never waits for the element, which disappears when the flag goes.
  await expect.poll(async () => (await flag.allInnerTexts()).join(" ") || "gone").not.toContain("1 step away");
  const after = (await (await request.get(`/api/lineage/${MMIQC}/contamination`)).json()) as { flags: { benchmark: string; paths: string[][] }[] };
  const viaGsm8k = after.flags.find((f) => f.benchmark === GSM8K);
  for (const path of viaGsm8k?.paths ?? []) expect(path.slice(0, 2)).not.toEqual([GSM8K, MMIQC]);
});
