import { expect, test } from "@playwright/test";
import { LineagePage } from "./pages/lineage-page";

const METAMATH = "meta-math/MetaMathQA";
const SOURCES = ["openai/gsm8k", "EleutherAI/hendrycks_math"];

test("the MetaMathQA page draws its sources and shows the selected node's facts", async ({ page }) => {
  const lineage = new LineagePage(page);
  await lineage.open(METAMATH);

  await expect(page.getByRole("heading", { level: 1, name: "MetaMathQA" })).toBeVisible();
  await expect(page.getByTestId("dataset-key")).toHaveText(METAMATH);
  await expect(page.getByRole("link", { name: /view on hugging face/i }).first()).toHaveAttribute("href", `https://huggingface.co/datasets/${METAMATH}`);

  expect(await lineage.nodeCount()).toBeGreaterThanOrEqual(3);
  expect(await lineage.edgeCount()).toBeGreaterThanOrEqual(2);
  const drawn = await lineage.drawnKeys();
  expect(drawn).toHaveLength(await lineage.nodeCount());
  expect(drawn).toEqual(expect.arrayContaining([METAMATH, ...SOURCES]));
  for (const key of SOURCES) await expect(lineage.upstreamItem(key)).toBeVisible();

  // The page's own dataset is selected first; choosing a source from the list moves the panel.
  await expect(lineage.panel).toHaveAttribute("data-key", METAMATH);
  await expect(lineage.panel.getByTestId("incoming-edge").first()).toBeVisible();
  await lineage.selectFromUpstreamList("openai/gsm8k");
  await expect(lineage.panel).toHaveAttribute("data-key", "openai/gsm8k");
  await expect(lineage.panel.getByRole("heading", { name: "gsm8k" })).toBeVisible();
  await expect(lineage.canvas).toHaveAttribute("data-selected", "openai/gsm8k");

  await page.screenshot({ path: "e2e/artifacts/screenshots/lineage-metamathqa.png", fullPage: true });
});

test("a source's link opens its own lineage page", async ({ page }) => {
  const lineage = new LineagePage(page);
  await lineage.open(METAMATH);
  await lineage.upstreamItem("openai/gsm8k").getByRole("link", { name: "gsm8k" }).click();
  await expect(page).toHaveURL(/\/datasets\/openai\/gsm8k$/);
  await lineage.waitForCanvas();
  await expect(lineage.panel).toHaveAttribute("data-key", "openai/gsm8k");
});

test("unknown and malformed keys get helpful pages, not errors", async ({ page }) => {
  const missing = await page.goto("/datasets/corpus:no-such-corpus");
  expect(missing?.status()).toBe(404);
  await expect(page.getByTestId("dataset-not-found")).toBeVisible();

  // A Hub id the graph has never seen is not an error: the page offers to trace it.
  const untraced = await page.goto("/datasets/nobody/no-such-dataset");
  expect(untraced?.status()).toBe(200);
  await expect(page.getByTestId("untraced-dataset")).toBeVisible();
  await expect(page.getByTestId("trace-upstream")).toBeVisible();

  // A malformed key is the caller's mistake: the page explains it, and the status says so too.
  const malformed = await page.goto("/datasets/not-a-key");
  expect(malformed?.status()).toBe(400);
  await expect(page.getByTestId("invalid-key")).toContainText("is not a dataset key");
});
