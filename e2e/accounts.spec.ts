import { expect, test, type Page } from "@playwright/test";
import { account, ACCOUNTS_URL } from "./support/accounts";

// The accounts-mode server (e2e/prepare-accounts-server.ts): reading is public, every change needs a
// signed-in account with the right role, and this machine is no longer special.
test.use({ baseURL: ACCOUNTS_URL });

const ROOT = "rootline-e2e/explorer-root";

async function signIn(page: Page, role: "viewer" | "reviewer" | "admin", next = "/") {
  const who = account(role);
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("account-user")).toContainText(who.name);
}

test("a visitor reads everything but changes nothing: 401 with a message, and the pages say how to sign in", async ({ page, request }) => {
  await page.goto(`/datasets/${ROOT}`);
  await expect(page.getByTestId("sign-in-link")).toBeVisible();
  await expect(page.getByTestId("review-accept")).toHaveCount(0);
  await page.goto("/review");
  await expect(page.getByTestId("review-readonly")).toContainText("Sign in");
  const write = await request.post("/api/reviews", { data: { upstream: "rootline-e2e/mix-b", downstream: ROOT, action: "accept" } });
  expect(write.status()).toBe(401);
  expect((await write.json()).error.message).toMatch(/Sign in to review edges/);
  // On the server's own machine too: with accounts on, the socket grants nothing.
  expect((await request.post("/api/runs", { data: { key: "acme/probe" } })).status()).toBe(401);
});

test("a wrong password is refused with a plain message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account("reviewer").email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toContainText("do not match");
});

test("a viewer signs in and is told the role it lacks (403)", async ({ page }) => {
  await signIn(page, "viewer");
  await expect(page.getByTestId("account-user")).toContainText("(viewer)");
  const refused = await page.request.post("/api/reviews", { data: { upstream: "rootline-e2e/mix-b", downstream: ROOT, action: "accept" } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toMatch(/reviewer role/);
  await page.goto("/review");
  await expect(page.getByTestId("review-readonly")).toContainText("reviewer role");
});

test("a reviewer works through the queue by keyboard, and the verdict and note show in the dataset's panel", async ({ page }) => {
  await signIn(page, "reviewer", "/review");
  await expect(page).toHaveURL(/\/review$/);
  const item = page.getByTestId("review-item");
  await expect(item).toBeVisible();
  const edge = (await item.getAttribute("data-edge"))!;
  const [upstream, downstream] = edge.split("->");
  const before = await page.getByTestId("review-count").textContent();
  await page.getByTestId("review-note").fill("Checked against the card.");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("a");
  await expect(page.getByTestId("review-status")).toContainText("Accepted");
  await expect(page.getByTestId("review-count")).not.toHaveText(before!);
  await expect(item).not.toHaveAttribute("data-edge", edge);
  await page.screenshot({ path: "e2e/artifacts/review-queue.png", fullPage: true });

  await page.goto(`/datasets/${downstream}`);
  const history = page.getByTestId("review-history");
  await expect(history.getByTestId("review-entry").first()).toContainText(`${account("reviewer").name} accepted`);
  await expect(history.getByTestId("review-entry").first()).toContainText("Checked against the card.");
  const incoming = page.locator(`[data-testid=incoming-edge][data-upstream="${upstream}"]`);
  await expect(incoming).toHaveAttribute("data-status", "ACCEPTED");
});

test("signing out ends the session: the next write is a 401", async ({ page }) => {
  await signIn(page, "reviewer");
  await page.getByTestId("sign-out").click();
  await expect(page.getByTestId("sign-in-link")).toBeVisible();
  expect((await page.request.post("/api/reviews", { data: { upstream: "rootline-e2e/mix-b", downstream: ROOT, action: "reject" } })).status()).toBe(401);
});
