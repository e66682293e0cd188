import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ExplorerPage } from "./pages/explorer-page";
import { EXPLORER_COUNTS, MIX_A, ROOT, SNAPSHOT_ROOT } from "./support/fixture";

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(" | ")}`);
}

test("axe finds no serious or critical violations on home, a lineage view and a snapshot", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("search-input")).toBeVisible();
  expect(await seriousViolations(page), "home").toEqual([]);

  const explorer = new ExplorerPage(page);
  await explorer.open(ROOT);
  expect(await seriousViolations(page), "lineage view").toEqual([]);

  await explorer.open(SNAPSHOT_ROOT);
  const snapshot = await explorer.freeze();
  await explorer.openUrl(snapshot);
  expect(await seriousViolations(page), "snapshot").toEqual([]);
});

test("the keyboard moves the selection and expands the selected node", async ({ page }) => {
  const explorer = new ExplorerPage(page);
  await explorer.open(ROOT, `?up=1&sel=${encodeURIComponent(MIX_A)}`);
  await expect(explorer.canvas).toHaveAttribute("data-selected", MIX_A);
  await explorer.focusCanvas();

  await page.keyboard.press("u");
  await explorer.waitForNodeCountAbove(EXPLORER_COUNTS.up1.nodes);
  await expect.poll(() => explorer.params().getAll("xu")).toContain(MIX_A);
  // Expanding mix-a dropped "· +2↑" from its label. Its label box must shrink with it: the canvas
  // caches the label's image at the box's size, and a stale, wider box left the text squeezed
  // into the true box as soon as the node was restyled (deselected).
  expect(await explorer.misfitLabels(), "labels whose box is not their text's width").toEqual([]);

  const keys = await explorer.drawnKeys();
  const press = async (key: string) => {
    const before = await explorer.selected();
    await page.keyboard.press(key);
    // A move shows within moments on a fast machine, later on a busy one; a key with nowhere to go
    // never changes the selection, so the wait is bounded rather than a fixed pause.
    const moved = await expect
      .poll(() => explorer.selected(), { timeout: 3_000 })
      .not.toBe(before)
      .then(
        () => true,
        () => false,
      );
    const now = await explorer.selected();
    if (moved) {
      expect(keys).toContain(now);
      await expect(explorer.panel).toHaveAttribute("data-key", now!);
    }
    return moved;
  };
  // mix-a has drawn sources (just expanded) and a drawn use (the root): both sideways moves exist.
  expect(await press("ArrowLeft"), "ArrowLeft should select a source of mix-a").toBe(true);
  expect(await press("ArrowRight"), "ArrowRight should select a use").toBe(true);
  // Its layer has several nodes: one of the vertical moves leads somewhere, whichever end it is at.
  expect((await press("ArrowDown")) || (await press("ArrowUp")), "ArrowDown/ArrowUp should move within the layer").toBe(true);
  await explorer.screenshot("keyboard");
});

test("on a narrow screen the panel sits below a canvas that has height", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const explorer = new ExplorerPage(page);
  await explorer.open(ROOT);
  const canvas = (await explorer.canvas.boundingBox())!;
  const panel = (await explorer.panel.boundingBox())!;
  expect(canvas.height).toBeGreaterThan(200);
  expect(canvas.width).toBeLessThanOrEqual(390);
  expect(panel.y).toBeGreaterThanOrEqual(canvas.y + canvas.height - 1);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "the page scrolls sideways").toBeLessThanOrEqual(0);
  await explorer.screenshot("narrow-390");
});
