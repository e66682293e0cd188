import type { Core } from "cytoscape";
import { expect, type Download, type Locator, type Page } from "@playwright/test";
import type { LineageGraph } from "@/lib/lineage/types";

/** The canvas wrapper as the explorer exposes it (data-testid contract of issue 3). */
type CanvasElement = HTMLElement & { rootlineCy?: Core };

export type Point = { x: number; y: number };
export type DrawnEdge = { upstream: string; downstream: string; relation: string; confidence: number; status: string };
export type ViewResponse = { graph: LineageGraph; notices: string[] };
export type ExportKind = "png" | "svg" | "json" | "graphml" | "csv";

export const SCREENSHOT_DIR = "e2e/artifacts/screenshots";

/** The lineage explorer of one dataset (/datasets/{key}?{view}) or a frozen snapshot (/s/{id}). */
export class ExplorerPage {
  readonly canvas: Locator;
  readonly panel: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId("lineage-canvas");
    this.panel = page.getByTestId("node-panel");
    this.notice = page.getByTestId("view-notice");
  }

  /** Open a dataset's view; `query` is the URL's view part ("" or "?up=1&…"). */
  async open(key: string, query = "") {
    await this.page.goto(`/datasets/${key}${query}`);
    await this.waitReady();
  }

  async openUrl(url: string) {
    await this.page.goto(url);
    await this.waitReady();
  }

  /** First render finished, the counts are set and the canvas has a real size. */
  async waitReady() {
    await expect(this.canvas).toHaveAttribute("data-ready", "1");
    await expect(this.canvas).toHaveAttribute("data-node-count", /^[1-9]\d*$/);
    await expect(this.canvas).toHaveAttribute("data-edge-count", /^\d+$/);
    const box = await this.canvas.boundingBox();
    expect(box?.height ?? 0, "the canvas has no height").toBeGreaterThan(100);
  }

  async nodeCount(): Promise<number> {
    return Number(await this.canvas.getAttribute("data-node-count"));
  }

  async edgeCount(): Promise<number> {
    return Number(await this.canvas.getAttribute("data-edge-count"));
  }

  async drawnKeys(): Promise<string[]> {
    return (JSON.parse((await this.canvas.getAttribute("data-node-keys")) ?? "[]") as string[]).sort();
  }

  async selected(): Promise<string | null> {
    return this.canvas.getAttribute("data-selected");
  }

  /** What Cytoscape itself holds, independent of the data attributes. */
  async cyCounts(): Promise<{ nodes: number; edges: number }> {
    return this.canvas.evaluate((el: CanvasElement) => {
      const cy = el.rootlineCy;
      if (!cy) throw new Error("lineage-canvas has no rootlineCy property");
      return { nodes: cy.nodes().length, edges: cy.edges().length };
    });
  }

  /** Model positions of every drawn node, by key (a group by its id). */
  async positions(): Promise<Record<string, Point>> {
    return this.canvas.evaluate((el: CanvasElement) => {
      const cy = el.rootlineCy;
      if (!cy) throw new Error("lineage-canvas has no rootlineCy property");
      const out: Record<string, Point> = {};
      cy.nodes().forEach((n) => {
        const p = n.position();
        out[(n.data("key") as string) || n.id()] = { x: p.x, y: p.y };
      });
      return out;
    });
  }

  /** Zoom and pan of the canvas. */
  async viewport(): Promise<{ zoom: number; pan: Point }> {
    return this.canvas.evaluate((el: CanvasElement) => {
      const cy = el.rootlineCy!;
      return { zoom: cy.zoom(), pan: { ...cy.pan() } };
    });
  }

  /** Drawn groups: id → members drawn inside. */
  async groups(): Promise<Record<string, number>> {
    return JSON.parse((await this.canvas.getAttribute("data-groups")) ?? "{}") as Record<string, number>;
  }

  /** Click a drawn group (it spreads out in place). */
  async clickGroup(id: string) {
    await this.clickElement(id);
  }

  async drawnEdges(): Promise<DrawnEdge[]> {
    const edges = await this.canvas.evaluate((el: CanvasElement) => {
      const cy = el.rootlineCy;
      if (!cy) throw new Error("lineage-canvas has no rootlineCy property");
      const keyOf = (n: import("cytoscape").NodeSingular) => String(n.data("key") || n.id());
      return cy.edges().map((e) => ({
        upstream: keyOf(e.source()),
        downstream: keyOf(e.target()),
        relation: String(e.data("relation")),
        confidence: Number(e.data("confidence")),
        status: String(e.data("status")),
      }));
    });
    return edges.sort((a, b) => edgeName(a).localeCompare(edgeName(b)));
  }

  async edgeNames(): Promise<string[]> {
    return (await this.drawnEdges()).map(edgeName);
  }

  /** Click a node where Cytoscape draws it (scrolling the canvas into view and centring the node when it is off screen). */
  async clickNode(key: string) {
    await this.clickElement(key.toLowerCase());
    await expect(this.canvas).toHaveAttribute("data-selected", key);
  }

  /** Click a drawn element by id (node ids are keys in lower case; groups have fan ids). */
  private async clickElement(id: string) {
    await this.scrollCanvasIntoView();
    const point = await this.canvas.evaluate((el: CanvasElement, id: string) => {
      const cy = el.rootlineCy;
      if (!cy) throw new Error("lineage-canvas has no rootlineCy property");
      const node = cy.getElementById(id);
      if (node.empty()) throw new Error(`node ${id} is not drawn`);
      const rect = cy.container()!.getBoundingClientRect();
      const at = () => ({ x: rect.left + node.renderedPosition().x, y: rect.top + node.renderedPosition().y });
      // Visible part of the canvas: inside both the container and the browser window.
      const visible = (p: Point) =>
        p.x > Math.max(rect.left, 0) + 10 && p.y > Math.max(rect.top, 0) + 10 && p.x < Math.min(rect.right, window.innerWidth) - 10 && p.y < Math.min(rect.bottom, window.innerHeight) - 10;
      // Overlays (find box, buttons, minimap) sit over the canvas edges: a click must hit the canvas itself.
      const onCanvas = (p: Point) => {
        const hit = document.elementFromPoint(p.x, p.y);
        return !!hit && cy.container()!.contains(hit);
      };
      if (!visible(at()) || !onCanvas(at())) cy.center(node);
      return at();
    }, id);
    await this.page.mouse.click(point.x, point.y);
  }

  /**
   * Centre the canvas in the window, then let two frames pass: Cytoscape caches where its
   * container is and refreshes that on the scroll event, which fires with the next frame; a
   * click before it would be hit-tested against the old place.
   */
  async scrollCanvasIntoView() {
    await this.canvas.evaluate(
      (el: HTMLElement) =>
        new Promise<void>((resolve) => {
          el.scrollIntoView({ block: "center", inline: "center" });
          requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
        }),
    );
  }

  /** Keyboard focus on the canvas (the wrapper, or the focusable element inside it). */
  async focusCanvas() {
    const focused = await this.canvas.evaluate((el: HTMLElement) => {
      const target = el.tabIndex >= 0 ? el : el.querySelector<HTMLElement>('[tabindex]:not([tabindex="-1"])');
      target?.focus();
      return Boolean(target) && el.contains(document.activeElement);
    });
    expect(focused, "nothing inside lineage-canvas can take keyboard focus").toBe(true);
  }

  async expandUpstream() {
    await this.panel.getByTestId("expand-upstream").click();
  }

  async waitForNodeCountAbove(count: number) {
    await expect.poll(() => this.nodeCount(), { message: `data-node-count should grow above ${count}` }).toBeGreaterThan(count);
  }

  params(): URLSearchParams {
    return new URL(this.page.url()).searchParams;
  }

  /** The path and query the page shows now (for opening it elsewhere). */
  pathAndQuery(): string {
    const url = new URL(this.page.url());
    return `${url.pathname}${url.search}`;
  }

  // Toolbar

  async setDepthUp(depth: number) {
    await this.page.getByTestId("depth-up").selectOption(String(depth));
  }

  /** The filters sit behind the bar's "Filters" disclosure. */
  async openFilters() {
    if (!(await this.page.getByTestId("filters").evaluate((el) => (el as HTMLDetailsElement).open))) await this.page.getByTestId("filters-toggle").click();
  }

  async setRelation(relation: string, shown: boolean) {
    await this.openFilters();
    await this.page.getByTestId(`filter-relation-${relation}`).setChecked(shown);
  }

  async setMinConfidence(value: number) {
    await this.openFilters();
    await this.page.getByTestId("filter-min-confidence").fill(String(value));
  }

  /** The legend is an overlay on the canvas, opened on demand. */
  async openLegend() {
    if ((await this.page.getByTestId("legend-toggle").getAttribute("aria-expanded")) !== "true") await this.page.getByTestId("legend-toggle").click();
  }

  async freeze(): Promise<string> {
    await this.page.getByTestId("freeze-button").click();
    const link = this.page.getByTestId("freeze-link");
    await expect(link).toBeVisible();
    const href = await link.getAttribute("href");
    expect(href, "freeze-link has no href").toBeTruthy();
    const path = new URL(href!, this.page.url()).pathname;
    expect(path).toMatch(/^\/s\/[A-Za-z0-9_-]+$/);
    return path;
  }

  async download(kind: ExportKind): Promise<{ download: Download; body: Buffer }> {
    if (!(await this.page.getByTestId(`export-${kind}`).isVisible())) await this.page.getByTestId("export-toggle").click();
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.page.getByTestId(`export-${kind}`).click()]);
    const failure = await download.failure();
    expect(failure, `export-${kind} download failed`).toBeNull();
    const { readFile } = await import("node:fs/promises");
    return { download, body: await readFile((await download.path())!) };
  }

  /** The server's answer for the same view (unfiltered graph + notices). */
  async apiView(key: string, query = ""): Promise<ViewResponse> {
    const response = await this.page.request.get(`/api/view/${key}${query}`);
    expect(response.status(), `GET /api/view/${key}${query}`).toBe(200);
    return (await response.json()) as ViewResponse;
  }

  /**
   * Nodes whose drawn label box is not as wide as their text measures in the label's own font.
   * A stale box means the label's cached image is squeezed or stretched into it. Only labels
   * whose lines all fit unwrapped are checked; Cytoscape pads the box by 2 px each side.
   */
  async misfitLabels(): Promise<{ id: string; box: number; text: number }[]> {
    return this.canvas.evaluate((el: CanvasElement) => {
      const cy = el.rootlineCy;
      if (!cy) throw new Error("lineage-canvas has no rootlineCy property");
      const context = document.createElement("canvas").getContext("2d")!;
      const misfits: { id: string; box: number; text: number }[] = [];
      cy.nodes().forEach((node) => {
        const label = String(node.style("label") ?? "");
        if (!label) return;
        context.font = [node.style("font-style"), node.style("font-weight"), node.style("font-size"), node.style("font-family")].join(" ");
        const text = Math.max(...label.split("\n").map((line) => context.measureText(line).width));
        if (text > parseFloat(String(node.style("text-max-width")))) return;
        const box = node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false } as object).w;
        if (Math.abs(box - 4 - text) > 3) misfits.push({ id: node.id(), box, text: Math.round(text) });
      });
      return misfits;
    });
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
  }
}

export function edgeName(edge: { upstream: string; downstream: string }): string {
  return `${edge.upstream} -> ${edge.downstream}`;
}
