import { expect, test } from "@playwright/test";

test("searching from the home page for gsm8k finds openai/gsm8k", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("top-datasets").locator("li").first()).toBeVisible();
  await expect(page.getByTestId("benchmarks")).toContainText("openai/gsm8k");

  await page.getByRole("searchbox", { name: /dataset name or key/i }).fill("gsm8k");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/search\?q=gsm8k$/);
  const hit = page.getByTestId("search-results").locator('li[data-key="openai/gsm8k"]');
  await expect(hit).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/search-gsm8k.png", fullPage: true });

  await hit.getByRole("link").click();
  await expect(page).toHaveURL(/\/datasets\/openai\/gsm8k$/);
  await expect(page.getByTestId("lineage-canvas")).toHaveAttribute("data-node-count", /^[1-9]/);
});
