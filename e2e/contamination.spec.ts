import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ExplorerPage, SCREENSHOT_DIR } from "./pages/explorer-page";

// On the seeded graph, AIME 2024's items reach Mixture-of-Thoughts four steps away, through the
// AIME competition corpus and NuminaMath: possibly contaminated (the corpus holds every year).
// Four steps is beyond the default depth, so drawing the path must load its nodes too.
const DATASET = "open-r1/Mixture-of-Thoughts";
const AIME_2024 = "aime-2024";

async function cy<T>(page: Page, read: (cy: import("cytoscape").Core) => T): Promise<T> {
  return page.evaluate(`(${read.toString()})(document.querySelector('[data-testid="lineage-canvas"]').rootlineCy)`) as Promise<T>;
}

test("a flag's path is drawn, in view and the rest faded, from the panel and from its permalink", async ({ page }) => {
  const explorer = new ExplorerPage(page);
  await explorer.open(DATASET);
  const flag = explorer.panel.locator(`[data-testid="contamination-flag"][data-benchmark="${AIME_2024}"]`);
  await expect(flag).toHaveAttribute("data-severity", "POSSIBLE");
  await expect(flag).toContainText("AIME 2024 (AIME), 4 steps away");
  await expect(flag).toContainText("holds AIME items since Mar 1983");
  await flag.getByTestId("path-count").click();
  // Each step names its relation, split and date, with where the evidence is.
  const steps = flag.getByTestId("contamination-path").first().getByTestId("path-step");
  await expect(steps).toHaveCount(4);
  await expect(steps.first()).toContainText(/split not stated, created \w{3} 2024/);
  await expect(steps.first().getByTestId("step-evidence").first()).toContainText(/From the (paper|dataset card)/);

  await flag.getByTestId("show-contamination-path").click();
  await expect(page).toHaveURL(/[?&]path=aime-2024/);
  const highlighted = async () => JSON.parse((await explorer.canvas.getAttribute("data-highlight")) ?? "[]") as string[];
  await expect.poll(highlighted).toHaveLength(5);
  const path = await highlighted();
  expect([path[0], path.at(-1)]).toEqual(["corpus:aime", DATASET]);
  await expect(explorer.canvas).toHaveAttribute("data-highlight-drawn", "5");
  await expect(explorer.canvas).toHaveAttribute("data-highlight-in-view", "1");
  const drawn = await cy(page, (c) => ({ edges: c.edges(".on-path").length, dimmed: c.elements(".path-dimmed").length, total: c.elements().length }));
  expect(drawn.edges).toBe(4);
  expect(drawn.dimmed).toBe(drawn.total - drawn.edges - 5);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/contamination-path.png`, fullPage: true });

  // The permalink opens on the same path, loaded and fitted in view, in a fresh page.
  const other = await page.context().newPage();
  const again = new ExplorerPage(other);
  await again.openUrl(`/datasets/${DATASET}?path=${AIME_2024}`);
  await expect.poll(async () => JSON.parse((await again.canvas.getAttribute("data-highlight")) ?? "[]") as string[]).toEqual(path);
  await expect(again.canvas).toHaveAttribute("data-highlight-drawn", "5");
  await expect(again.canvas).toHaveAttribute("data-highlight-in-view", "1");
  const inView = await cy(other, (c) => {
    const box = c.extent();
    return c.nodes(".on-path").every((n) => {
      const p = (n as import("cytoscape").NodeSingular).position();
      return p.x >= box.x1 && p.x <= box.x2 && p.y >= box.y1 && p.y <= box.y2;
    });
  });
  expect(inView).toBe(true);
  await other.close();
});

test("the benchmark filter shows only what one evaluation set reaches, coloured by its severity, in the URL", async ({ page, request }) => {
  const explorer = new ExplorerPage(page);
  await explorer.openUrl("/datasets/AI-MO/NuminaMath-CoT?down=3");
  const everything = Number(await explorer.canvas.getAttribute("data-node-count"));
  await page.getByTestId("benchmark-filter").selectOption(AIME_2024);
  await expect(page).toHaveURL(/[?&]bench=aime-2024/);
  await expect(page.getByTestId("benchmark-filter-summary")).toContainText("AIME 2024 (AIME) reaches");
  await expect.poll(async () => Number(await explorer.canvas.getAttribute("data-node-count"))).toBeLessThan(everything);

  // Every node left is one the set reaches (with its severity for that set) or one its items enter through.
  const reach = (await (await request.get(`/api/contamination?benchmark=${AIME_2024}`)).json()) as { datasets: { dataset: string; severity: string }[] };
  const severityOf = new Map(reach.datasets.map((d) => [d.dataset, d.severity]));
  const keys = JSON.parse((await explorer.canvas.getAttribute("data-node-keys")) ?? "[]") as string[];
  const marks = JSON.parse((await explorer.canvas.getAttribute("data-contamination")) ?? "{}") as Record<string, string>;
  for (const key of keys) expect(severityOf.has(key) || key === "corpus:aime", key).toBe(true);
  for (const [key, severity] of Object.entries(marks)) expect(severity, key).toBe(severityOf.get(key));
  expect(marks["AI-MO/NuminaMath-CoT"]).toBe("POSSIBLE");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/benchmark-filter.png`, fullPage: true });

  // An evaluation set that reaches nothing drawn says so rather than leaving a blank canvas.
  await page.getByTestId("benchmark-filter").selectOption("ifeval");
  await expect(page.getByTestId("benchmark-filter-summary")).toContainText("IFEval reaches none of the");
  await page.getByRole("button", { name: "Show every node" }).click();
  await expect(page).not.toHaveURL(/bench=/);
  await expect.poll(async () => Number(await explorer.canvas.getAttribute("data-node-count"))).toBe(everything);
});

test("measured overlap shows on the flags it confirms, in the API, the panel and /contamination", async ({ page, request }) => {
  // e2e/fixtures/overlap.csv: OmniThought-0528 4.2 % AIME 2024 (confirms a possible flag), 0.03 % GSM8K test
  // (evidence against one), SlimOrca 2.1 % MMLU test (no lineage path: measured only).
  const omni = (await (await request.get("/api/lineage/alibaba-pai/OmniThought-0528/contamination")).json()) as { flags: { benchmark: string; severity: string; lineageSeverity: string; measured: { overlap: number }[]; measuredAgainst: boolean }[] };
  expect(omni.flags.find((f) => f.benchmark === AIME_2024)).toMatchObject({ severity: "CONTAMINATED", lineageSeverity: "POSSIBLE", measured: [{ overlap: 0.042 }] });
  expect(omni.flags.find((f) => f.benchmark === "gsm8k-test")).toMatchObject({ severity: "POSSIBLE", measuredAgainst: true });

  const explorer = new ExplorerPage(page);
  await explorer.open("alibaba-pai/OmniThought-0528");
  const confirmed = explorer.panel.locator(`[data-testid="contamination-flag"][data-benchmark="${AIME_2024}"]`);
  await expect(confirmed).toHaveAttribute("data-severity", "CONTAMINATED");
  await expect(confirmed.getByTestId("measured-overlap")).toContainText("4.2 % of its samples match AIME 2024");
  await expect(explorer.panel.locator('[data-testid="contamination-flag"][data-benchmark="gsm8k-test"]').getByTestId("measured-overlap")).toContainText("evidence against this flag");

  await page.goto("/contamination");
  await page.getByTestId("flag-filter-benchmark").selectOption("mmlu-test");
  const row = page.getByTestId("flag-row").filter({ hasText: "SlimOrca" });
  await expect(row).toContainText("Contaminated (measured only)");
  await expect(row).toContainText("2.1 %");
  await expect(page.locator('[data-testid="reach-row"][data-benchmark="mmlu-test"] [data-measured]')).toHaveText("1");
});

test("the contamination page counts per family and per evaluation set, and downloads every flag", async ({ page, request }) => {
  await page.goto("/contamination");
  const aime = page.locator('[data-testid="family-row"][data-family="AIME"]');
  await expect(aime).toContainText("AIME 2024");
  await expect(page.getByTestId("reach-chart")).toBeVisible();
  const row = page.locator(`[data-testid="reach-row"][data-benchmark="${AIME_2024}"]`);
  const api = (await (await request.get(`/api/contamination?benchmark=${AIME_2024}`)).json()) as { datasets: { severity: string }[] };
  for (const severity of ["CONTAMINATED", "POSSIBLE"]) {
    await expect(row.locator(`[data-severity="${severity}"]`)).toHaveText(String(api.datasets.filter((d) => d.severity === severity).length));
  }

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("flags-csv").click()]);
  const csv = await (await import("node:fs/promises")).readFile((await download.path())!, "utf8");
  const lines = csv.trim().split("\n");
  expect(lines[0]).toBe("dataset,dataset_name,benchmark,benchmark_name,family,severity,steps,measured_only,overlap");
  expect(lines).toContain("openbmb/UltraFeedback,UltraFeedback,truthfulqa,TruthfulQA,TruthfulQA,CONTAMINATED,1,false,");

  await page.getByTestId("flag-filter-benchmark").selectOption("truthfulqa");
  const truthful = (await (await request.get("/api/contamination?benchmark=truthfulqa")).json()) as { datasets: { severity: string }[] };
  // The table starts on every severity but training-split lineage.
  await expect(page.getByTestId("flag-row")).toHaveCount(truthful.datasets.filter((d) => d.severity !== "TRAIN_LINEAGE").length);
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
  const flag = explorer.panel.locator('[data-testid="contamination-flag"][data-benchmark="gsm8k-test"]');
  await expect(flag).toHaveAttribute("data-severity", "POSSIBLE");
  await expect(flag).toContainText("1 step away");

  const edge = explorer.panel.locator(`[data-testid="incoming-edge"][data-upstream="${GSM8K}"]`);
  await edge.getByTestId("review-reject").click();
  await expect(edge).toHaveAttribute("data-status", "REJECTED");

  // The panel and the API both drop the direct path as soon as the review is saved.
  // allInnerTexts never waits for the element, which disappears when the flag goes.
  await expect.poll(async () => (await flag.allInnerTexts()).join(" ") || "gone").not.toContain("1 step away");
  const after = (await (await request.get(`/api/lineage/${MMIQC}/contamination`)).json()) as { flags: { benchmark: string; paths: string[][] }[] };
  const viaGsm8k = after.flags.find((f) => f.benchmark === "gsm8k-test");
  for (const path of viaGsm8k?.paths ?? []) expect(path.slice(0, 2)).not.toEqual([GSM8K, MMIQC]);
});
