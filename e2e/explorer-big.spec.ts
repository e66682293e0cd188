import { expect, test, type Page } from "@playwright/test";
import { ExplorerPage, SCREENSHOT_DIR } from "./pages/explorer-page";

// Big lineages on the seeded graph: Tülu 3's SFT mixture ten steps up is ~500 drawn nodes
// (and ~800 more inside groups), ODA-scored-data-2603 ~760, fineweb has 111 sources of
// which 105 are leaves (CC-MAIN dumps).
const TULU = "allenai/tulu-3-sft-mixture";
const ODA = "OpenDataArena/ODA-scored-data-2603";
const FINEWEB = "HuggingFaceFW/fineweb";
const FINEWEB_FAN = "fan:up:huggingfacefw/fineweb";
const LABEL_ZOOM = 0.75;

type Cy = import("cytoscape").Core;

function onCy<T, A>(page: Page, read: (cy: Cy, arg: A) => T, arg: A): Promise<T> {
  return page.evaluate(([source, a]) => {
    const cy = (document.querySelector('[data-testid="lineage-canvas"]') as HTMLElement & { rootlineCy?: Cy }).rootlineCy!;
    return (new Function("cy", "arg", `return (${source})(cy, arg);`) as (c: Cy, x: unknown) => T)(cy, a);
  }, [read.toString(), arg] as const);
}

/** The root's label as drawn: its text and its size on screen. */
function rootLabel(page: Page, id: string) {
  return onCy(
    page,
    (cy, nodeId: string) => {
      const node = cy.getElementById(nodeId);
      return { text: String(node.style("label")), px: parseFloat(String(node.renderedStyle("font-size"))), zoom: cy.zoom() };
    },
    id,
  );
}

test("a 500-node view opens on the root and its neighbours, readable, and keeps the root's name when fitted whole", async ({ page }) => {
  const explorer = new ExplorerPage(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await explorer.open(TULU, "?up=10");
  expect(await explorer.nodeCount()).toBeGreaterThan(300);
  // Canvas first: it starts high on the page and fits in the first screen.
  const box = (await explorer.canvas.boundingBox())!;
  expect(box.y).toBeLessThan(260);
  expect(box.y + box.height).toBeLessThanOrEqual(900);
  // The first view: zoomed in enough to read, the root among the nodes in sight, and a count of the rest.
  await expect(explorer.canvas).toHaveAttribute("data-in-view", /^\d+$/);
  const first = await rootLabel(page, TULU.toLowerCase());
  expect(first.zoom).toBeGreaterThanOrEqual(LABEL_ZOOM);
  expect(first.px).toBeGreaterThanOrEqual(9);
  await expect(page.getByTestId("in-view-count")).toContainText(/\d+ of \d+ drawn nodes in view · \d+ more in \d+ groups/);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/big-tulu-first-view.png` });

  await page.getByTestId("fit-all").click();
  await expect.poll(async () => (await explorer.viewport()).zoom).toBeLessThan(LABEL_ZOOM);
  await expect.poll(async () => JSON.parse((await explorer.canvas.getAttribute("data-pinned-labels")) ?? "[]") as string[]).toContain(TULU.toLowerCase());
  const fitted = await rootLabel(page, TULU.toLowerCase());
  expect(fitted.text).toBe("tulu-3-sft-mixture");
  expect(fitted.px).toBeGreaterThanOrEqual(9);
  // Other kept labels too, none of them smaller than 9 px on screen.
  const pinned = JSON.parse((await explorer.canvas.getAttribute("data-pinned-labels")) ?? "[]") as string[];
  expect(pinned.length).toBeGreaterThan(10);
  const sizes = await onCy(page, (cy, ids: string[]) => ids.map((id) => parseFloat(String(cy.getElementById(id).renderedStyle("font-size")))), pinned);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(9);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/big-tulu-fitted.png` });
});

test("a wide fan is one group node that spreads out in place on click, moving nothing, and the URL keeps it open", async ({ page }) => {
  const explorer = new ExplorerPage(page);
  await explorer.open(FINEWEB, "?up=1");
  const groups = await explorer.groups();
  expect(groups[FINEWEB_FAN]).toBeGreaterThan(100);
  await expect(explorer.canvas.locator("xpath=..")).toBeVisible();
  const before = await explorer.positions();
  const count = await explorer.nodeCount();
  await explorer.clickGroup(FINEWEB_FAN);
  await expect.poll(() => explorer.nodeCount()).toBe(count - 1 + groups[FINEWEB_FAN]!);
  expect(await explorer.groups()).toEqual({});
  await expect(page).toHaveURL(/[?&]fu=HuggingFaceFW%2Ffineweb/);
  const after = await explorer.positions();
  for (const [key, p] of Object.entries(before)) if (key !== FINEWEB_FAN) expect(after[key], key).toEqual(p);
  // The members sit left of fineweb, in their own block: no two boxes overlap.
  const points = Object.values(after);
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) expect(Math.abs(points[i]!.x - points[j]!.x) >= 200 || Math.abs(points[i]!.y - points[j]!.y) >= 64).toBe(true);
  }
  await page.screenshot({ path: `${SCREENSHOT_DIR}/big-fineweb-fan-open.png` });

  // Reloading the link gives the same picture.
  await explorer.openUrl(explorer.pathAndQuery());
  expect(await explorer.positions()).toEqual(after);
});

test("find in graph: / focuses it, multi-word and partial queries match, Enter selects and centres; no match says so", async ({ page }) => {
  const explorer = new ExplorerPage(page);
  await explorer.open("meta-math/MetaMathQA", "?up=2&down=1");
  await explorer.canvas.click({ position: { x: 5, y: 5 } }).catch(() => {});
  await page.keyboard.press("/");
  await expect(page.getByTestId("find-input")).toBeFocused();
  await page.keyboard.type("hermes 2.5");
  await expect(page.getByTestId("find-option").first()).toContainText("OpenHermes-2.5");
  await page.keyboard.press("Enter");
  await expect(explorer.canvas).toHaveAttribute("data-selected", "teknium/OpenHermes-2.5");
  await expect(page).toHaveURL(/[?&]sel=teknium%2FOpenHermes-2\.5/);
  // Centred in the canvas (within a few pixels once the glide ends).
  await expect
    .poll(() =>
      onCy(page, (cy, id: string) => {
        const p = cy.getElementById(id).renderedPosition();
        return Math.round(Math.hypot(p.x - cy.width() / 2, p.y - cy.height() / 2));
      }, "teknium/openhermes-2.5"),
    )
    .toBeLessThan(5);
  await page.getByTestId("find-input").fill("ultra feedback zzz");
  await expect(page.getByTestId("find-no-matches")).toBeVisible();
});

test("a permalink opened in a fresh browser context gives the same positions and viewport, and the JSON export holds them", async ({ page, browser }) => {
  const explorer = new ExplorerPage(page);
  await page.setViewportSize({ width: 1280, height: 860 });
  await explorer.open(ODA, "?up=3");
  // Build the view: open a group, expand a node, then pan and zoom.
  const groups = Object.keys(await explorer.groups());
  expect(groups.length).toBeGreaterThan(0);
  await explorer.clickGroup(groups[0]!);
  await expect.poll(async () => Object.keys(await explorer.groups()).length).toBe(groups.length - 1);
  // A node whose sources are not drawn yet.
  const frontier = await onCy(page, (cy) => cy.nodes().filter((n) => Number(n.data("hiddenUpstream")) > 0 && n.data("kind") !== "GROUP").map((n) => String(n.data("key"))).sort()[0]!, null);
  await explorer.clickNode(frontier);
  const count = await explorer.nodeCount();
  await explorer.expandUpstream();
  await explorer.waitForNodeCountAbove(count);
  await onCy(page, (cy) => cy.viewport({ zoom: 0.42, pan: { x: 300, y: 120 } }), null);
  await expect(page).toHaveURL(/[?&]at=/);
  await expect(explorer.canvas).toHaveAttribute("aria-busy", "false");
  const link = explorer.pathAndQuery();
  expect(link).toMatch(/fu=.*xu=/);
  const positions = await explorer.positions();
  const viewport = await explorer.viewport();

  const fresh = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  try {
    const other = new ExplorerPage(await fresh.newPage());
    await other.openUrl(link);
    await expect.poll(() => other.nodeCount()).toBe(await explorer.nodeCount());
    expect(await other.positions()).toEqual(positions);
    const seen = await other.viewport();
    expect(seen.zoom).toBeCloseTo(viewport.zoom, 2);
    expect(Math.abs(seen.pan.x - viewport.pan.x)).toBeLessThan(2);
    expect(Math.abs(seen.pan.y - viewport.pan.y)).toBeLessThan(2);
    await other.page.screenshot({ path: `${SCREENSHOT_DIR}/big-oda-permalink.png` });
  } finally {
    await fresh.close();
  }

  const { body } = await explorer.download("json");
  const json = JSON.parse(body.toString("utf8")) as { viewport: { zoom: number; pan: { x: number; y: number } }; nodes: { key: string; position?: { x: number; y: number }; group?: string }[] };
  expect(json.viewport.zoom).toBeCloseTo(viewport.zoom, 3);
  const expanded = json.nodes.find((n) => n.key === frontier)!;
  expect(expanded.position).toEqual(positions[frontier]);
  expect(json.nodes.every((n) => n.position && Number.isFinite(n.position.x))).toBe(true);
});

test("tidy layout lays everything out afresh, is kept in the link, and undo puts it back", async ({ page }) => {
  const explorer = new ExplorerPage(page);
  await explorer.open("meta-math/MetaMathQA", "?up=1&down=1");
  await explorer.clickNode("EleutherAI/hendrycks_math");
  const count = await explorer.nodeCount();
  await explorer.expandUpstream();
  await explorer.waitForNodeCountAbove(count);
  const replayed = await explorer.positions();
  await page.getByTestId("tidy-layout").click();
  await expect(page).toHaveURL(/[?&]tidy=1/);
  await expect.poll(async () => JSON.stringify(await explorer.positions())).not.toBe(JSON.stringify(replayed));
  await page.getByTestId("undo-tidy").click();
  await expect(page).not.toHaveURL(/[?&]tidy=/);
  await expect.poll(() => explorer.positions()).toEqual(replayed);
});

test("filters that leave nothing say so and offer to reset them; an expansion fetches only what it adds", async ({ page }) => {
  const explorer = new ExplorerPage(page);
  await explorer.open("meta-math/MetaMathQA", "?up=1&domain=MEDICAL");
  await expect(page.getByTestId("empty-view")).toContainText("Nothing else matches these filters");
  await page.getByTestId("empty-reset").click();
  await expect(page.getByTestId("empty-view")).toHaveCount(0);
  await expect.poll(() => explorer.nodeCount()).toBeGreaterThan(5);

  const requests: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/view/") || r.url().includes("/api/expand/")) requests.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  await explorer.clickNode("EleutherAI/hendrycks_math");
  const count = await explorer.nodeCount();
  await explorer.expandUpstream();
  await explorer.waitForNodeCountAbove(count);
  expect(requests).toEqual(["POST /api/expand/EleutherAI/hendrycks_math"]);
});

test("on a phone the canvas comes first, and a skip link leads to the graph", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const explorer = new ExplorerPage(page);
  await explorer.open("meta-math/MetaMathQA");
  const canvas = (await explorer.canvas.boundingBox())!;
  const bar = (await page.getByRole("region", { name: "View controls" }).boundingBox())!;
  expect(canvas.y).toBeLessThan(bar.y);
  expect(canvas.y).toBeLessThan(300);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/phone-explorer.png` });

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.keyboard.press("Tab");
  let stops = 1;
  while (!(await page.getByTestId("skip-to-graph").evaluate((el) => el === document.activeElement)) && stops < 12) {
    await page.keyboard.press("Tab");
    stops++;
  }
  expect(stops).toBeLessThan(12);
  await page.keyboard.press("Enter");
  await expect(explorer.canvas).toBeFocused();
});
