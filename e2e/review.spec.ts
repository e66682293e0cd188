import { expect, test } from "@playwright/test";

// The single-user install (the main e2e server, no accounts): this machine is its admin.

test("the review queue lists edges that need a person, with evidence; a verdict and its note reach the panel", async ({ page }) => {
  await page.goto("/review");
  await expect(page.getByTestId("account-local")).toBeVisible();
  const item = page.getByTestId("review-item");
  await expect(item).toBeVisible();
  await expect(page.getByTestId("review-evidence").or(item.getByText("No evidence recorded."))).toBeVisible();
  // N moves on, P back.
  const first = await item.getAttribute("data-edge");
  await page.keyboard.press("n");
  await expect(item).not.toHaveAttribute("data-edge", first!);
  await page.keyboard.press("p");
  await expect(item).toHaveAttribute("data-edge", first!);
  const [, downstream] = first!.split("->");
  await page.getByTestId("review-note").fill("Not what the card says.");
  await page.getByTestId("review-reject").click();
  await expect(page.getByTestId("review-status")).toContainText("Rejected");
  await page.goto(`/datasets/${downstream}`);
  await expect(page.getByTestId("review-history").getByTestId("review-entry").first()).toContainText("local rejected");
  await expect(page.getByTestId("review-history").getByTestId("review-entry").first()).toContainText("Not what the card says.");
});

test("pages run only scripts carrying the request's nonce, and work under that policy", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) violations.push(message.text());
  });
  const first = await page.goto("/datasets/rootline-e2e/explorer-root");
  const csp = first!.headers()["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).not.toContain("unsafe-eval");
  // The explorer works: the graph draws and a node can be selected.
  await expect(page.getByTestId("lineage-canvas")).toBeVisible();
  await expect(page.getByTestId("node-panel")).toBeVisible();
  const second = await page.request.get("/datasets/rootline-e2e/explorer-root");
  expect(/'nonce-([^']+)'/.exec(second.headers()["content-security-policy"]!)?.[1]).not.toBe(nonce);
  // Every script the page carries has the nonce; no inline handler ran.
  const scripts = await page.locator("script").evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(violations).toEqual([]);
});

test("a reviewer on this machine adds a source by hand; a cycle is refused with a message", async ({ page }) => {
  await page.goto("/datasets/rootline-e2e/explorer-root");
  const panel = page.getByTestId("node-panel");
  await panel.getByTestId("add-source-open").click();
  await panel.getByLabel("Source dataset key").fill("openai/gsm8k");
  await panel.getByLabel("Note (where this is stated)").fill("Section 2 of the paper.");
  await panel.getByRole("button", { name: "Add source" }).click();
  await expect(panel.locator('[data-testid=incoming-edge][data-upstream="openai/gsm8k"]')).toHaveAttribute("data-status", "ACCEPTED");
  await expect(panel.getByTestId("review-entry").first()).toContainText("added by hand");
  const cycle = await page.request.post("/api/edges", { data: { upstream: "rootline-e2e/explorer-root", downstream: "rootline-e2e/mix-a", relation: "DIRECT_INCLUSION" } });
  expect(cycle.status()).toBe(409);
  expect((await cycle.json()).error.message).toMatch(/cycle|reverse/);
});
