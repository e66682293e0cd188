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

test("search matches every word of a query, and says so when nothing matches", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  // "hermes" is inside "OpenHermes" and "2.5" a word of its own: no single substring matches.
  await home.type("hermes 2.5");
  await expect(home.suggestion("teknium/OpenHermes-2.5")).toBeVisible();
  await expect(page.getByTestId("search-no-matches")).toHaveCount(0);

  await home.searchInput.fill("");
  await home.type("zzqq nothing");
  const none = page.getByTestId("search-no-matches");
  await expect(none).toHaveText("No datasets match “zzqq nothing”.");
  await expect(home.suggestions).toBeHidden();
  await expect(home.searchInput).toHaveAttribute("aria-expanded", "false");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/home-no-matches.png`, fullPage: true });

  // The results page takes the same rule: "ultra feedback" is UltraFeedback without its space.
  await page.goto("/search?q=ultra+feedback");
  await expect(page.getByTestId("search-results").locator("li").first()).toHaveAttribute("data-key", "openbmb/UltraFeedback");
  await page.goto("/search?q=zzqq+nothing");
  await expect(page.getByTestId("search-no-matches")).toContainText("No datasets match “zzqq nothing”.");
  await expect(page.getByTestId("search-results")).toHaveCount(0);
});
