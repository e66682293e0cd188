import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { ExplorerPage, SCREENSHOT_DIR } from "./pages/explorer-page";

const seriousAxe = async (page: import("@playwright/test").Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);

test("the licences page ranks conflicts, and a conflicting dataset shows the restriction and its path, coloured by licence", async ({ page, request }) => {
  await page.goto("/licences");
  await expect(page.getByTestId("licence-coverage")).toContainText("Data Provenance Collection");
  const response = await request.get("/api/analysis/licences?limit=5&scope=hub");
  const api = (await response.json()) as { datasets: { dataset: string; worst: { reason: string } }[] };
  expect(response.status(), JSON.stringify(api)).toBe(200);
  expect(api.datasets.length).toBeGreaterThan(0);
  const first = page.getByTestId("hub-conflict-table").getByTestId("conflict-row").first();
  await expect(first).toHaveAttribute("data-dataset", api.datasets[0]!.dataset);
  await expect(first).toContainText(api.datasets[0]!.worst.reason);
  expect(await seriousAxe(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/licences.png`, fullPage: true });

  // The row's link opens the dataset coloured by licence, with its conflicts in the panel.
  await first.getByRole("link").click();
  await expect(page).toHaveURL(/color=licence/);
  const explorer = new ExplorerPage(page);
  await expect(explorer.canvas).toHaveAttribute("data-ready", "1");
  const panel = page.getByTestId("licence-panel");
  await expect(panel.getByTestId("licence-conflict").first()).toBeVisible();
  const detail = (await (await request.get(`/api/lineage/${api.datasets[0]!.dataset}/licences`)).json()) as { inherited: { licence: string; from: string }[] };
  await expect(panel.getByTestId("inherited-licence").first()).toContainText(detail.inherited[0]!.licence);
  await explorer.openLegend();
  await expect(page.getByTestId("legend-licences")).toBeVisible();
  const fills = await page.evaluate(() => {
    const cy = (document.querySelector('[data-testid="lineage-canvas"]') as HTMLElement & { rootlineCy?: import("cytoscape").Core }).rootlineCy!;
    return [...new Set(cy.nodes().map((n) => n.data("fill") as string | undefined))];
  });
  expect(fills.every((f) => typeof f === "string" && /^#[0-9a-f]{6}$/i.test(f))).toBe(true);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/licence-colouring.png`, fullPage: true });

  // Back to domain colours from the toolbar.
  await page.getByTestId("color-by").selectOption("domain");
  await expect(page).not.toHaveURL(/color=licence/);
});

test("rank datasets by store criteria: Borda and Kemeny beside the mean, from a shareable URL", async ({ page }) => {
  await page.goto("/rank?d=meta-math/MetaMathQA&d=TIGER-Lab/MathInstruct&d=nvidia/OpenMathInstruct-2&d=AI-MO/NuminaMath-CoT&c=downloads&c=depth&c=contamination");
  const results = page.getByTestId("rank-results");
  await expect(results).toBeVisible();
  await expect(page.getByTestId("ranking-borda").locator("li")).toHaveCount(4);
  await expect(page.getByTestId("ranking-kemeny").locator("li")).toHaveCount(4);
  await expect(page.getByTestId("bump-chart")).toBeVisible();
  await expect(page.getByTestId("rank-tau")).toContainText("τ Borda–Kemeny");
  expect(await seriousAxe(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/rank-datasets.png`, fullPage: true });

  await page.goto("/rank?d=meta-math/MetaMathQA&d=nobody/nothing&c=downloads");
  await expect(page.getByTestId("rank-error")).toHaveText("Not in the store: nobody/nothing.");
});

test("rank any table from a CSV: a large-scale criterion sways the mean, not the rank aggregations; bad cells are named", async ({ page }) => {
  await page.goto("/rank");
  const csv = ["system,accuracy,f1,downloads", "alpha,0.90,0.88,1000", "beta,0.85,0.84,900000000", "gamma,0.88,0.90,2000"].join("\n");
  await page.getByLabel(/^Table \(CSV/).fill(csv);
  await page.getByTestId("csv-lower").fill("");
  await page.getByRole("button", { name: "Rank", exact: true }).last().click();
  const results = page.getByTestId("rank-results").last();
  await expect(results).toBeVisible();
  // beta's downloads dwarf everything in the raw mean; on ranks, alpha and gamma lead.
  await expect(results.getByTestId("ranking-mean").locator("li").first()).toContainText("beta");
  await expect(results.getByTestId("ranking-borda").locator("li").first()).not.toContainText("beta");
  await expect(page).toHaveURL(/#csv=/);

  await page.getByLabel(/^Table \(CSV/).fill("system,accuracy\nalpha,0.9\nbeta,high\n");
  await page.getByRole("button", { name: "Rank", exact: true }).last().click();
  await expect(page.getByTestId("rank-error").last()).toContainText(/row 2/i);
});
