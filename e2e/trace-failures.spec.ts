import { expect, test } from "@playwright/test";
import { OFF_HUB_UPSTREAMS } from "@/test-support/fake-hub/world";
import { ExplorerPage, SCREENSHOT_DIR } from "./pages/explorer-page";
import { TracePanel, traceViaApi, UnresolvedMentions } from "./pages/trace-page";

// The web server's HF_ENDPOINT is a fake Hub serving test-support/fake-hub/world.ts (e2e/prepare-server.ts):
// an id it does not serve is one the Hub answers 404 for.

test.describe.configure({ mode: "serial" });

const UNKNOWN = "nobody-e2e/not-a-real-set";
const UNDER_WAY = /under way|joined a run/i;

test("tracing an id the Hub does not have ends plainly as not on the Hub, and the page offers to try again", async ({ page }) => {
  await page.goto(`/datasets/${UNKNOWN}`);
  const untraced = page.getByTestId("untraced-dataset");
  await expect(untraced).toBeVisible();
  const trace = new TracePanel(page, untraced);
  await trace.start.click();

  await trace.waitFailed("NOT_ON_HUB");
  await expect(trace.state).toHaveText("Failed: not on the Hub");
  await expect(trace.error).toHaveText(`No dataset “${UNKNOWN}” on the Hugging Face Hub. Check the spelling; ids are owner/name.`);
  await expect(trace.retry).toHaveText("Try again");
  await expect(untraced).not.toContainText(UNDER_WAY);

  // Opened again later, the page says what the last run found, still without claiming one is under way.
  await page.reload();
  await trace.waitFailed("NOT_ON_HUB");
  await expect(trace.error).toContainText("on the Hugging Face Hub. Check the spelling");
  await expect(trace.retry).toBeVisible();
  await expect(trace.start).toHaveCount(0);
  await expect(untraced).not.toContainText(UNDER_WAY);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/trace-not-on-hub.png`, fullPage: true });

  // Trying again starts a new run, which ends the same way.
  const firstRun = await trace.progress.getAttribute("data-run");
  await trace.retry.click();
  await expect(trace.progress).not.toHaveAttribute("data-run", firstRun ?? "");
  await trace.waitFailed("NOT_ON_HUB");

  // /runs says the same in its words.
  await page.goto("/runs");
  const row = page.getByTestId("run-row").filter({ hasText: UNKNOWN }).first();
  await expect(row).toHaveAttribute("data-failure", "NOT_ON_HUB");
  await expect(row.getByTestId("run-failure-kind")).toHaveText(": not on the Hub");
  await expect(row).toContainText("Check the spelling");
});

test("a Hub id the Hub answers 404 for is an unresolved mention with its quote in the panel, never a node", async ({ page, request }) => {
  const [missing] = OFF_HUB_UPSTREAMS;
  const run = await traceViaApi(request, "acme-labs/code-instruct-mix", 1);
  expect(run.state, run.error ?? "").toBe("SUCCEEDED");

  const explorer = new ExplorerPage(page);
  await explorer.open("acme-labs/code-instruct-mix");
  expect((await explorer.drawnKeys()).map((k) => k.toLowerCase())).not.toContain(missing!.toLowerCase());
  const mentions = new UnresolvedMentions(explorer.panel);
  const item = mentions.item(missing!);
  await expect(item).toBeVisible();
  await expect(item).toHaveAttribute("data-reason", "NOT_ON_HUB");
  await expect(item).toContainText("not on the Hub — no dataset with this id");
  await expect(item.locator("blockquote")).toContainText(missing!);
  await expect(item.getByRole("link")).toHaveAttribute("href", /\/datasets\/acme-labs\/code-instruct-mix\/blob\//);
  await item.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/unresolved-mention-panel.png`, fullPage: true });

  // The page's own facts list them too, and the id has no page of its own in the graph.
  await expect(new UnresolvedMentions(page.locator("#about-title").locator("..")).item(missing!)).toBeVisible();
  const node = await request.get(`/api/datasets/${missing}`);
  expect(node.status()).toBe(404);
});
