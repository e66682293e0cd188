import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { E2E_EXPECTED, E2E_TARGET } from "@/test-support/fake-hub/world";
import type { LineageGraph } from "@/lib/lineage/types";
import { ExplorerPage, SCREENSHOT_DIR } from "./pages/explorer-page";
import { TracePanel, traceViaApi, waitForRun, type RunJson } from "./pages/trace-page";

// The web server's HF_ENDPOINT is a fake Hub serving test-support/fake-hub/world.ts (e2e/prepare-server.ts).

test.describe.configure({ mode: "serial" });

test("a never-traced dataset: the trace shows its steps, then the upstream graph two levels deep with a quote on every edge", async ({ page }) => {
  await page.goto(`/datasets/${E2E_TARGET}`);
  await expect(page.getByTestId("untraced-dataset")).toBeVisible();
  await page.getByTestId("trace-upstream").click();

  // The steps show while the agents work, and stay in the panel when the page turns into
  // the dataset's lineage at the end.
  const trace = new TracePanel(page);
  await expect(trace.progress).toBeVisible();
  await trace.waitForSteps(2);
  await expect(trace.progress.locator('[data-testid="run-step"][data-agent="sourcing"]').first()).toContainText(E2E_TARGET);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/trace-progress.png`, fullPage: true });

  const explorer = new ExplorerPage(page);
  await explorer.waitReady();
  const panelTrace = new TracePanel(page, explorer.panel);
  await trace.waitDone();
  for (const agent of ["sourcing", "extraction", "tracing", "aggregation"]) {
    await expect(panelTrace.progress.locator(`[data-testid="run-step"][data-agent="${agent}"]`).first()).toBeVisible();
  }
  const drawn = (await explorer.drawnKeys()).map((k) => k.toLowerCase());
  for (const key of [...Object.keys(E2E_EXPECTED.level1), ...E2E_EXPECTED.level2]) expect(drawn, `${key} is drawn`).toContain(key.toLowerCase());

  const { graph } = (await explorer.apiView(E2E_TARGET)) as { graph: LineageGraph };
  const direct = graph.edges.filter((e) => e.downstream.toLowerCase() === E2E_TARGET.toLowerCase());
  expect(Object.fromEntries(direct.map((e) => [e.upstream, e.relation]))).toEqual(E2E_EXPECTED.level1);
  // openai/gsm8k is named in the card's evaluation section: it is a level-2 source, never a direct one.
  expect(direct.map((e) => e.upstream.toLowerCase())).not.toContain("openai/gsm8k");
  for (const edge of graph.edges.filter((e) => e.origin === "AGENT")) {
    expect(edge.evidence.length, `${edge.upstream} → ${edge.downstream} has evidence`).toBeGreaterThan(0);
    for (const ev of edge.evidence) expect(ev.quote?.trim().length ?? 0).toBeGreaterThan(10);
  }

  // The panel shows the quotes as text.
  await explorer.clickNode("acme-labs/gsm-style-synth");
  await expect(explorer.panel).toContainText("gsm-style-synth");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/trace-done.png`, fullPage: true });

  // The run is recorded.
  await page.goto("/runs");
  const row = page.getByTestId("run-row").filter({ hasText: E2E_TARGET }).first();
  await expect(row).toHaveAttribute("data-state", "SUCCEEDED");
  const runsAxe = await new AxeBuilder({ page }).analyze();
  expect(runsAxe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await row.getByRole("link").first().click();
  await expect(page.getByTestId("run-progress")).toHaveAttribute("data-state", "SUCCEEDED");
  await expect(page.getByTestId("run-step").filter({ hasText: "Aggregation" }).first()).toBeVisible();
  const runAxe = await new AxeBuilder({ page }).analyze();
  expect(runAxe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});

test("expanding a never-traced node in the explorer traces it and merges its sources into the drawn graph", async ({ page, request }) => {
  // chat-blend traced one level: its sources are in the graph but have never been traced themselves.
  const setup = await traceViaApi(request, "rootline-demo/chat-blend", 1);
  expect(setup.state, setup.error ?? "").toBe("SUCCEEDED");

  const explorer = new ExplorerPage(page);
  await explorer.open("rootline-demo/chat-blend");
  const before = await explorer.drawnKeys();
  expect(before.map((k) => k.toLowerCase())).not.toContain("acme-labs/sci-exam-questions");
  const positionsBefore = await explorer.positions();

  await explorer.clickNode("acme-labs/sci-reasoning-distilled");
  await explorer.expandUpstream();
  const trace = new TracePanel(page, explorer.panel);
  await expect(trace.progress).toBeVisible();
  await trace.waitDone();

  await expect.poll(async () => (await explorer.drawnKeys()).map((k) => k.toLowerCase()), { timeout: 20_000 }).toContain("acme-labs/sci-exam-questions");
  // Merge, not replace: what was drawn stays where it was.
  const positionsAfter = await explorer.positions();
  for (const key of before) expect(positionsAfter[key], `${key} kept its place`).toEqual(positionsBefore[key]);
});

test("two requests to trace the same dataset at once share one run", async ({ request }) => {
  const body = { key: "rootline-demo/time-travel", depth: 1 };
  const [a, b] = await Promise.all([request.post("/api/runs", { data: body }), request.post("/api/runs", { data: body })]);
  const [ra, rb] = (await Promise.all([a.json(), b.json()])) as { run: RunJson; shared: boolean }[];
  expect(ra!.run.id).toBe(rb!.run.id);
  expect([ra!.shared, rb!.shared].sort()).toEqual([false, true]);
  const done = await waitForRun(request, ra!.run.id);
  expect(done.state).toBe("SUCCEEDED");
  // The card names a dataset created after it: the trace refuses that edge and says why.
  expect(done.steps.some((s) => s.agent === "tracing" && /acme-labs\/future-set: created/.test(s.message))).toBe(true);
});

test("bad trace requests get clear 4xx answers", async ({ request }) => {
  const notHub = await request.post("/api/runs", { data: { key: "corpus:web" } });
  expect(notHub.status()).toBe(400);
  expect((await notHub.json()).error.message).toMatch(/Only Hub datasets/);
  const tooDeep = await request.post("/api/runs", { data: { key: "a/b", depth: 99 } });
  expect(tooDeep.status()).toBe(400);
  expect((await tooDeep.json()).error.message).toMatch(/depth/);
  const notJson = await request.post("/api/runs", { data: "{", headers: { "content-type": "application/json" } });
  expect(notJson.status()).toBe(400);
  const badId = await request.get("/api/runs/not-a-run");
  expect(badId.status()).toBe(400);
  const unknown = await request.get("/api/runs/00000000-0000-4000-8000-000000000000");
  expect(unknown.status()).toBe(404);
});
