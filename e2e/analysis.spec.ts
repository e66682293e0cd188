import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { ExplorerPage, SCREENSHOT_DIR } from "./pages/explorer-page";

const seriousAxe = async (page: import("@playwright/test").Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);

test("the analyses page shows patterns per domain and the most redundant datasets, each figure linking to its datasets", async ({ page, request }) => {
  await page.goto("/");
  await page.getByTestId("home-analyses").getByRole("link", { name: "Structural patterns" }).click();
  await expect(page).toHaveURL(/\/analysis$/);
  await expect(page.getByTestId("patterns-chart")).toBeVisible();
  await expect(page.getByTestId("definitions")).toContainText("longest upstream path");

  const api = (await (await request.get("/api/analysis/patterns")).json()) as { domains: { domain: string; datasets: number; depth: { median: number } }[]; edges: { used: number } };
  const math = api.domains.find((d) => d.domain === "MATH")!;
  const row = page.locator('[data-testid="patterns-row"][data-domain="MATH"]');
  await expect(row.locator("td").first()).toHaveText(String(math.datasets));
  // Vertical refinement in math, wide mixtures in general data: the paper's finding, on this graph.
  const general = api.domains.find((d) => d.domain === "GENERAL")!;
  expect(math.depth.median).toBeGreaterThan(general.depth.median);

  const ranking = (await (await request.get("/api/analysis/redundancy?limit=5")).json()) as { datasets: { dataset: string }[] };
  await expect(page.getByTestId("redundancy-row").first()).toHaveAttribute("data-dataset", ranking.datasets[0]!.dataset);
  expect(await seriousAxe(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/analysis-page.png`, fullPage: true });

  // The deepest chain's link draws that dataset with its whole upstream.
  await page.getByTestId("exemplars").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/datasets\/.+\?up=\d+/);
  await expect(page.getByTestId("lineage-canvas")).toHaveAttribute("data-ready", "1");
});

test("the panel measures the selected dataset and draws both paths to an ancestor it reaches twice, from a permalink too", async ({ page, request }) => {
  const DATASET = "qihoo360/Light-R1-SFTData";
  const explorer = new ExplorerPage(page);
  await explorer.open(DATASET);
  const panel = page.getByTestId("analysis-panel");
  const measures = (await (await request.get(`/api/lineage/${DATASET}/analysis`)).json()) as { depth: number; fanIn: number; ancestors: number };
  await expect(panel.locator('[data-measure="depth"]')).toHaveText(String(measures.depth));
  await expect(panel.locator('[data-measure="fanIn"]')).toHaveText(String(measures.fanIn));
  await expect(panel.locator('[data-measure="ancestors"]')).toHaveText(String(measures.ancestors));

  const redundancy = (await (await request.get(`/api/lineage/${DATASET}/redundancy`)).json()) as { shared: { ancestor: string; via: string[]; paths: string[][] }[] };
  const first = redundancy.shared[0]!;
  expect(first.via.length).toBeGreaterThanOrEqual(2);
  const shared = panel.locator(`[data-testid="shared-ancestor"][data-ancestor="${first.ancestor}"]`);
  await shared.getByTestId("show-twice").click();
  await expect(page).toHaveURL(new RegExp(`[?&]twice=${encodeURIComponent(first.ancestor)}`));
  await expect(explorer.canvas).toHaveAttribute("data-highlight-paths", String(first.paths.length));
  const union = [...new Set(first.paths.flat())];
  await expect(explorer.canvas).toHaveAttribute("data-highlight-drawn", String(union.length));
  await expect(explorer.canvas).toHaveAttribute("data-highlight-in-view", "1");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/reached-twice.png`, fullPage: true });

  const again = new ExplorerPage(await page.context().newPage());
  await again.openUrl(explorer.pathAndQuery());
  await expect(again.canvas).toHaveAttribute("data-highlight-drawn", String(union.length));
  await expect(again.page.getByTestId("most-similar")).toBeVisible();
});

test("compare lineages: matrices from a shareable URL, and a clear message for bad input", async ({ page }) => {
  await page.goto("/compare?d=meta-math/MetaMathQA&d=TIGER-Lab/MathInstruct&d=nvidia/OpenMathInstruct-2");
  const result = page.getByTestId("compare-result");
  await expect(result).toBeVisible();
  await expect(page.getByTestId("matrix-root").locator("tbody tr")).toHaveCount(3);
  await expect(page.getByTestId("shared-roots")).toContainText("openai/gsm8k");
  expect(await seriousAxe(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/compare.png`, fullPage: true });

  await page.getByLabel(/Datasets to compare/).fill("meta-math/MetaMathQA\nnobody/nothing");
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page.getByTestId("compare-error")).toHaveText("Not in the store: nobody/nothing.");
  await page.goto("/compare?d=meta-math/MetaMathQA");
  await expect(page.getByTestId("compare-error")).toContainText("from 2 to 20 datasets");
});

test("a root-anchored sampling plan sums to its budget, skips benchmark data, and exports", async ({ page }) => {
  await page.goto("/sampling");
  const form = page.getByTestId("sampling-form");
  await form.locator('select[name="domain"]').selectOption("MATH");
  await form.getByLabel("Budget (samples)").fill("10000");
  await form.getByRole("button", { name: "Plan the sample" }).click();
  await expect(page).toHaveURL(/budget=10000/);
  await expect(page.getByTestId("sampling-plan")).toBeVisible();
  const samples = await page.getByTestId("allocation-row").evaluateAll((rows) => rows.map((r) => Number(r.children[3]!.textContent!.replace(/,/g, ""))));
  expect(samples.reduce((a, b) => a + b, 0)).toBe(10000);
  await expect(page.getByTestId("skipped")).toContainText("openai/gsm8k — hosts an evaluation set: GSM8K test (GSM8K)");
  await expect(page.getByTestId("avoided-duplication")).toContainText("Sampling the candidates uniformly would put");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("plan-export-json").click()]);
  const plan = JSON.parse(await readFile((await download.path())!, "utf8")) as { allocations: { samples: number }[]; budget: number };
  expect(plan.allocations.reduce((n, a) => n + a.samples, 0)).toBe(plan.budget);
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("plan-export-csv").click()]);
  expect((await readFile((await csv.path())!, "utf8")).split("\r\n")[0]).toBe("root,draw_from,samples,share,candidates,skipped_reason");
  expect(await seriousAxe(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/sampling.png`, fullPage: true });

  await page.goto("/sampling?domain=MATH&budget=0&strategy=equal");
  await expect(page.getByTestId("sampling-error")).toContainText("budget: must be at least 1");
});
