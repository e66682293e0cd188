import { expect, type Request, test } from "@playwright/test";
import { SCREENSHOT_DIR } from "./pages/explorer-page";
import { documentTags, unfurlTags } from "./pages/share-tags";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

test("robots.txt lets crawlers read the pages but not the API or the run log", async ({ request }) => {
  const response = await request.get("/robots.txt");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/plain/);
  const text = await response.text();
  expect(text).toMatch(/^User-agent: \*$/m);
  expect(text).toMatch(/^Allow: \/$/m);
  expect(text).toMatch(/^Disallow: \/api\/$/m);
  expect(text).toMatch(/^Disallow: \/runs$/m);
  expect(text).not.toMatch(/^\s*Sitemap:/im);
});

test("og.png is a 1200×630 PNG", async ({ request }) => {
  const response = await request.get("/og.png");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/png");
  const body = await response.body();
  expect([...body.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  // IHDR: width and height right after the chunk's length and type.
  expect(body.subarray(12, 16).toString("ascii")).toBe("IHDR");
  expect([body.readUInt32BE(16), body.readUInt32BE(20)]).toEqual([1200, 630]);
});

test("a dataset permalink unfurls with the dataset's name, its permalink and the absolute image URL", async ({ page, request }) => {
  const permalink = "/datasets/meta-math/MetaMathQA?up=3";
  const { status, tags } = await unfurlTags(request, permalink);
  expect(status).toBe(200);
  expect(tags["og:title"]).toContain("MetaMathQA");
  expect(tags["og:description"]).toMatch(/^Lineage of MetaMathQA \(meta-math\/MetaMathQA\) on Rootline: built from \d+ upstream sources?;/);
  expect(tags["og:url"]).toMatch(/^https?:\/\/[^/]+\/datasets\/meta-math\/MetaMathQA\?up=3$/);
  expect(tags["og:image"]).toMatch(/^https?:\/\/[^/]+\/og\.png$/);
  expect(tags["og:image:width"]).toBe("1200");
  expect(tags["og:type"]).toBe("website");
  expect(tags["twitter:card"]).toBe("summary_large_image");
  expect(tags["twitter:title"]).toContain("MetaMathQA");
  expect(tags["twitter:image"]).toMatch(/^https?:\/\/[^/]+\/og\.png$/);

  // A browser gets the same tags, and the tab title names the dataset.
  await page.goto(permalink);
  await expect(page).toHaveTitle(/^Lineage of MetaMathQA · Rootline$/);
  const live = await documentTags(page);
  expect(live["og:title"]).toBe(tags["og:title"]);
  expect(live["og:image"]).toBe(tags["og:image"]);
});

test("the fixed pages carry their own share titles; a page without its own falls back to the default image", async ({ request }) => {
  const contamination = (await unfurlTags(request, "/contamination")).tags;
  expect(contamination["og:title"]).toBe("Benchmark contamination · Rootline");
  expect(contamination["og:url"]).toMatch(/\/contamination$/);
  expect(contamination["og:image"]).toMatch(/^https?:\/\/[^/]+\/og\.png$/);

  const compare = (await unfurlTags(request, "/compare?d=meta-math/MetaMathQA&d=openai/gsm8k")).tags;
  expect(compare["og:title"]).toBe("Compare lineages · Rootline");
  expect(compare).not.toHaveProperty("og:url");

  const search = (await unfurlTags(request, "/search?q=gsm8k")).tags;
  expect(search["og:title"]).toBe("Search · Rootline");
  expect(search["og:image"]).toMatch(/\/og\.png$/);
  expect(search["twitter:card"]).toBe("summary_large_image");
});

test("unknown datasets, frozen views and runs still answer 404 (their routes have no streaming loading.tsx)", async ({ request }) => {
  // A loading.tsx on these routes would start the response before the page can call
  // notFound(), turning these into 200 "soft 404s"; this keeps the contract visible.
  for (const path of ["/datasets/corpus:no-such-corpus", "/s/zzzzzzzzzz", "/runs/00000000-0000-4000-8000-000000000000"]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
  // A Hub id never seen is a page that offers a trace, and unfurls as such.
  const untraced = await unfurlTags(request, "/datasets/nobody/no-such-dataset");
  expect(untraced.status).toBe(200);
  expect(untraced.tags["og:title"]).toBe("nobody/no-such-dataset · Rootline");
});

test("navigating to a slow page shows its loading skeleton in the page's place, then the page", async ({ page }) => {
  // The skeleton comes from the link's prefetch, which stops at the page's loading boundary; only
  // the navigation's own request is held back. The click waits until a prefetch carrying the
  // skeleton has reached the page: on a slow machine the viewport prefetch can start after the
  // network has gone quiet, and a click before it lands has no skeleton to show.
  const label = "Loading the contamination overview…";
  let skeletonDelivered: (request: Request) => void = () => {};
  const skeletonPrefetched = new Promise<Request>((resolve) => (skeletonDelivered = resolve));
  await page.route("**/contamination**", async (route) => {
    const headers = route.request().headers();
    if (headers["next-router-prefetch"] !== undefined) {
      const response = await route.fetch();
      const body = await response.text();
      await route.fulfill({ response, body });
      if (body.includes(label)) skeletonDelivered(route.request());
      return;
    }
    if (headers["rsc"] === "1") await new Promise((resolve) => setTimeout(resolve, 4_000));
    await route.continue();
  });
  await page.goto("/");
  await expect(page.getByTestId("home-analyses")).toBeVisible();
  const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contamination" });
  await link.hover();
  let guard: ReturnType<typeof setTimeout> | undefined;
  const prefetch = await Promise.race([
    skeletonPrefetched,
    new Promise<never>((_, reject) => (guard = setTimeout(() => reject(new Error("no prefetch of /contamination carried its skeleton within 20 s")), 20_000))),
  ]).finally(() => clearTimeout(guard));
  await prefetch.response();
  await page.waitForLoadState("networkidle");
  await link.click();
  const loading = page.getByTestId("page-loading");
  await expect(loading).toBeVisible();
  await expect(loading.getByRole("status")).toHaveText(label);
  await expect(page.getByRole("banner")).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/page-loading.png` });
  await expect(page.getByRole("heading", { level: 1, name: "Benchmark contamination" })).toBeVisible();
  await expect(loading).toHaveCount(0);
});
