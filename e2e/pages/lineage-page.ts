import { expect, type Locator, type Page } from "@playwright/test";

/** The lineage page of one dataset: /datasets/{key}. */
export class LineagePage {
  readonly canvas: Locator;
  readonly panel: Locator;
  readonly upstreamList: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId("lineage-canvas");
    this.panel = page.getByTestId("node-panel");
    this.upstreamList = page.getByTestId("upstream-list");
  }

  async open(key: string) {
    await this.page.goto(`/datasets/${key}`);
    await this.waitForCanvas();
  }

  /** The canvas is drawn once its counts are set (the client diffed the graph into Cytoscape). */
  async waitForCanvas() {
    await expect(this.canvas).toHaveAttribute("data-node-count", /^[1-9]\d*$/);
    await expect(this.canvas).toBeVisible();
    await expect(this.canvas.locator("canvas")).not.toHaveCount(0);
    // Cytoscape draws into canvases sized from its container: a zero height means nothing shows.
    const heights = await this.canvas.locator("canvas").evaluateAll((canvases) => canvases.map((c) => c.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThan(100);
  }

  async nodeCount(): Promise<number> {
    return Number(await this.canvas.getAttribute("data-node-count"));
  }

  async edgeCount(): Promise<number> {
    return Number(await this.canvas.getAttribute("data-edge-count"));
  }

  async drawnKeys(): Promise<string[]> {
    return JSON.parse((await this.canvas.getAttribute("data-node-keys")) ?? "[]") as string[];
  }

  upstreamItem(key: string): Locator {
    return this.upstreamList.locator(`li[data-key="${key}"]`);
  }

  async selectFromUpstreamList(key: string) {
    await this.upstreamItem(key).getByRole("button", { name: /show in graph/i }).click();
  }
}
