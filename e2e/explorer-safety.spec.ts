import { expect, test } from "@playwright/test";
import { ExplorerPage } from "./pages/explorer-page";
import { QUOTED, ROOT, XSS_NAME, XSS_QUOTE_PARTS } from "./support/fixture";

type XssWindow = Window & { __xss?: unknown };

test("evidence quotes and names holding <script> and <img onerror> render as inert text", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const explorer = new ExplorerPage(page);
  await explorer.open(ROOT);

  // The root is selected; its incoming quoted-source edge carries the hostile quote.
  await expect(explorer.panel).toHaveAttribute("data-key", ROOT);
  for (const part of XSS_QUOTE_PARTS) await expect(explorer.panel).toContainText(part);
  await expect(explorer.panel.locator("script")).toHaveCount(0);
  await expect(explorer.panel.locator('img[src="x"]')).toHaveCount(0);
  await explorer.screenshot("xss-quote-panel");

  await explorer.clickNode(QUOTED);
  await expect(explorer.panel).toHaveAttribute("data-key", QUOTED);
  await expect(explorer.panel).toContainText(XSS_NAME);
  await expect(explorer.panel.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);

  // Give any injected handler the chance to run before checking it did not.
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as XssWindow).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
