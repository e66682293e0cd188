import { expect, test } from "@playwright/test";
import { ExplorerPage, SCREENSHOT_DIR } from "./pages/explorer-page";
import { HomePage } from "./pages/home-page";

test("typing in the home search box suggests datasets; choosing one opens its lineage", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("top-datasets").locator("li").first()).toBeVisible();
  await expect(page.getByTestId("benchmarks")).toContainText("openai/gsm8k");
  await expect(home.searchInput).toHaveAttribute("role", "combobox");

  await home.type("gsm");
  await expect(home.suggestions).toBeVisible();
  await expect(home.suggestions).toHaveAttribute("role", "listbox");
  const hit = home.suggestion("openai/gsm8k");
  await expect(hit).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/home-suggestions.png`, fullPage: true });

  await hit.click();
  await expect(page).toHaveURL(/\/datasets\/openai\/gsm8k(\?.*)?$/);
  const explorer = new ExplorerPage(page);
  await explorer.waitReady();
  await expect(explorer.canvas).toHaveAttribute("data-selected", "openai/gsm8k");
});

test("the search results page lists matches with links to their lineage", async ({ page }) => {
  await page.goto("/search?q=gsm8k");
  const hit = page.getByTestId("search-results").locator('li[data-key="openai/gsm8k"]');
  await expect(hit).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/search-gsm8k.png`, fullPage: true });
  await hit.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/datasets\/openai\/gsm8k(\?.*)?$/);
  await new ExplorerPage(page).waitReady();
});
