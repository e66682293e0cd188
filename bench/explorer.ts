/**
 * Explorer benchmark: ~200-, ~2,000- and ~10,000-node synthetic lineage graphs in a throwaway
 * store, the production server on it, headless Chromium. Measures time to first interactive
 * render (navigation start → canvas ready with every node drawn), time to expand 20 frontier
 * nodes one after another (200 and 2,000), and how smoothly a 10,000-node view pans (frames
 * per second while the view is panned every frame for two seconds); prints medians of 3 runs
 * with min and max, the 2000/200 ratios, and the pure layout time in Node. Writes
 * render_2000_first_ms, expand_2000_median_ms, render_10000_first_ms and pan_10000_fps.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { arrange } from "@/lib/graph/arrange";
import type { Point } from "@/lib/graph/layered";
import { launchChromium } from "./lib/browser";
import { startServer, type RunningServer } from "./lib/server";
import { median, round, table } from "./lib/stats";
import { syntheticGraph, type SyntheticGraph, type SyntheticSpec } from "../test-support/synthetic-graph";

export const description = "lineage explorer: first render and 20 expands, 200 vs 2,000 nodes";

const ROOT_DIR = path.resolve(import.meta.dirname, "..");
const PORT = 3500;
const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS) || 3);
const LAYERS = 10;
const FRONTIER = 20;
const SPECS: SyntheticSpec[] = [
  { owner: "bench-200", perLayer: 20, layers: LAYERS, frontier: FRONTIER, seed: 200 },
  { owner: "bench-2000", perLayer: 200, layers: LAYERS, frontier: FRONTIER, seed: 2000 },
  { owner: "bench-10000", perLayer: 999, layers: LAYERS, frontier: FRONTIER, seed: 10000 },
];
/** Graphs whose expansions are timed; the biggest is only drawn and panned. */
const EXPANDED = new Set(["bench-200", "bench-2000"]);
const PAN_MS = 2000;
/** BENCH_RENDERER=webgl draws views from 1,500 nodes with Cytoscape's WebGL renderer (components/graph/LineageCanvas.tsx). */
const RENDERER = process.env.BENCH_RENDERER === "webgl" ? "webgl" : null;

type Run = { firstRenderMs: number; expandsMs: number[]; fetchesMs: number[]; expandTotalMs: number; drawnNodes: number; drawnEdges: number; nodesAfter: number; tapFallbacks: number; panFps: number };
type GraphResult = {
  owner: string;
  nodes: number;
  edges: number;
  firstRenderMs: number;
  expandTotalMs: number;
  expandMedianMs: number;
  expandSumMs: number;
  /** Of one expand, the time spent on the client's request(s) to /api/view. */
  expandFetchMedianMs: number;
  panFps: number;
  layoutMs: number;
  incrementalLayoutMs: number;
  runs: Run[];
};

type BenchWindow = Window & {
  __bench: { expected: number; ready: number | null; changes: { t: number; count: number }[] };
};

/**
 * Records when the canvas first reports `expected` nodes and every later change of its node
 * count. Plain source text: tsx wraps named functions in a helper the page does not have.
 */
function observerScript(expected: number): string {
  return `(() => {
    performance.setResourceTimingBufferSize(5000);
    const bench = { expected: ${JSON.stringify(expected)}, ready: null, changes: [] };
    window.__bench = bench;
    const check = function () {
      const el = document.querySelector('[data-testid="lineage-canvas"]');
      if (!el) return;
      const count = Number(el.getAttribute("data-node-count") ?? "NaN");
      const last = bench.changes[bench.changes.length - 1];
      if (!Number.isNaN(count) && (!last || last.count !== count)) bench.changes.push({ t: performance.now(), count: count });
      if (bench.ready === null && el.getAttribute("data-ready") === "1" && count === bench.expected) bench.ready = performance.now();
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-node-count", "data-ready"] });
  })();`;
}

export async function run(): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rootline-bench-"));
  let server: RunningServer | null = null;
  let browser: Browser | null = null;
  // One cleanup, however many paths ask for it (a signal and the failing run it interrupts
  // both do): everyone waits for the same server stop and folder removal.
  let cleaning: Promise<void> | null = null;
  const removeDataDir = () => {
    fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
    fs.rmSync(`${dataDir}.lock`, { force: true });
  };
  const cleanup = () =>
    (cleaning ??= (async () => {
      await browser?.close().catch(() => {});
      await server?.stop();
      removeDataDir();
    })());
  // Last resort when something exits the process before cleanup finished.
  const onExit = () => {
    server?.kill();
    removeDataDir();
  };
  process.once("exit", onExit);
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`[bench] ${signal}: stopping the server and removing ${dataDir}`);
    void cleanup().finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    const graphs = SPECS.map(syntheticGraph);
    const layout = graphs.map(layoutTimes);

    console.log(`[bench] writing ${graphs.length} synthetic graphs into ${dataDir}`);
    await writeGraphs(dataDir, SPECS);

    console.log(`[bench] starting the production server on port ${PORT} (builds first if sources changed)`);
    server = await startServer({
      port: PORT,
      env: { ROOTLINE_DATA_DIR: dataDir, ROOTLINE_SKIP_SEED: "1" },
      readyPath: "/api/datasets?limit=1",
      timeoutMs: 600_000,
    });
    browser = await launchChromium();

    const results: GraphResult[] = [];
    for (const [i, graph] of graphs.entries()) {
      await checkServerView(server.url, graph);
      await warmUp(browser, server.url, graph);
      const runs: Run[] = [];
      for (let r = 0; r < REPEATS; r++) {
        const result = await measure(browser, server.url, graph, EXPANDED.has(graph.spec.owner));
        console.log(
          `[bench] ${graph.spec.owner} run ${r + 1}: first render ${round(result.firstRenderMs)} ms, ` +
            (result.expandsMs.length ? `${FRONTIER} expands ${round(result.expandTotalMs)} ms (median ${round(median(result.expandsMs))} ms), ` : "") +
            `panning ${round(result.panFps)} fps`,
        );
        runs.push(result);
      }
      results.push({
        owner: graph.spec.owner,
        nodes: runs[0]!.drawnNodes,
        edges: runs[0]!.drawnEdges,
        firstRenderMs: median(runs.map((x) => x.firstRenderMs)),
        expandTotalMs: median(runs.map((x) => x.expandTotalMs)),
        expandMedianMs: median(runs.map((x) => median(x.expandsMs))),
        expandSumMs: median(runs.map((x) => x.expandsMs.reduce((a, b) => a + b, 0))),
        expandFetchMedianMs: median(runs.map((x) => median(x.fetchesMs))),
        panFps: median(runs.map((x) => x.panFps)),
        layoutMs: layout[i]!.full,
        incrementalLayoutMs: layout[i]!.incremental,
        runs,
      });
    }
    return report(results);
  } finally {
    await cleanup();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("exit", onExit);
  }
}

function writeGraphs(dataDir: string, specs: SyntheticSpec[]): Promise<void> {
  const tsx = path.join(ROOT_DIR, "node_modules", "tsx", "dist", "cli.mjs");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, "--conditions=react-server", path.join(ROOT_DIR, "bench", "lib", "write-graphs.ts"), JSON.stringify(specs)], {
      cwd: ROOT_DIR,
      env: { ...process.env, ROOTLINE_DATA_DIR: dataDir, DATABASE_URL: "" },
      stdio: "inherit",
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`writing the synthetic graphs failed (exit ${code})`))));
  });
}

function viewPath(graph: SyntheticGraph): string {
  return `/datasets/${graph.root}?up=${graph.spec.layers}`;
}

/** The server must draw exactly the generated nodes, or the timings measure something else. */
async function checkServerView(baseUrl: string, graph: SyntheticGraph): Promise<void> {
  const response = await fetch(`${baseUrl}/api/view/${graph.root}?up=${graph.spec.layers}`);
  if (!response.ok) throw new Error(`GET /api/view/${graph.root} answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
  const body = (await response.json()) as { graph: { nodes: unknown[]; edges: unknown[] } };
  const { nodes, edges } = body.graph;
  // (The graph is "truncated" by design: the frontier's hidden sources lie beyond the depth.)
  if (nodes.length !== graph.visibleNodes.length || edges.length !== graph.visibleEdges.length) {
    throw new Error(
      `the view API returned ${nodes.length} nodes / ${edges.length} edges for ${graph.spec.owner}; ` +
        `expected ${graph.visibleNodes.length} / ${graph.visibleEdges.length}`,
    );
  }
}

/** One untimed load, so the first timed run does not pay for the server's first compile of the route. */
async function warmUp(browser: Browser, baseUrl: string, graph: SyntheticGraph): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(observerScript(graph.visibleNodes.length));
    await page.goto(`${baseUrl}${viewPath(graph)}`, { waitUntil: "commit" });
    await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.ready !== null, null, { timeout: 180_000 });
  } finally {
    await context.close();
  }
}

/**
 * Frames per second while a person drags the view around for two seconds (mouse down on the
 * canvas background, small moves every few milliseconds): what panning a big graph feels like.
 */
async function panFps(page: Page): Promise<number> {
  // Plain source text: tsx wraps named functions in a helper the page does not have.
  await page.evaluate(`(() => {
    window.__frames = { count: 0, start: performance.now(), on: true };
    const tick = function () { if (!window.__frames.on) return; window.__frames.count++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  // A spot on the canvas background (no node, no overlay under it), so the drag pans.
  const spot = (await page.evaluate(`(() => {
    const el = document.querySelector('[data-testid="lineage-canvas"]');
    const cy = el.rootlineCy;
    const rect = cy.container().getBoundingClientRect();
    for (let gy = 0.1; gy < 0.95; gy += 0.025) for (let gx = 0.1; gx < 0.9; gx += 0.025) {
      const px = rect.left + rect.width * gx, py = rect.top + rect.height * gy;
      const hit = document.elementFromPoint(px, py);
      if (!hit || !cy.container().contains(hit)) continue;
      const onNode = cy.nodes().some((n) => { const b = n.renderedBoundingBox({ includeLabels: false }); return px - rect.left >= b.x1 - 4 && px - rect.left <= b.x2 + 4 && py - rect.top >= b.y1 - 4 && py - rect.top <= b.y2 + 4; });
      if (!onNode) return { x: px, y: py };
    }
    // Nodes everywhere: drag one of them, made ungrabbable, which pans the view just the same.
    cy.autoungrabify(true);
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  })()`)) as { x: number; y: number };
  const { x, y } = spot;
  await page.mouse.move(x, y);
  await page.mouse.down();
  const started = Date.now();
  for (let i = 0; Date.now() - started < PAN_MS; i++) await page.mouse.move(x + 80 * Math.sin(i / 8), y + 20 * Math.cos(i / 8));
  await page.mouse.up();
  return (await page.evaluate(`(() => { window.__frames.on = false; return (window.__frames.count * 1000) / (performance.now() - window.__frames.start); })()`)) as number;
}

async function measure(browser: Browser, baseUrl: string, graph: SyntheticGraph, expands = true): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(observerScript(graph.visibleNodes.length));
    if (RENDERER) await page.addInitScript(`localStorage.setItem("rootline:renderer", ${JSON.stringify(RENDERER)})`);
    await page.goto(`${baseUrl}${viewPath(graph)}`, { waitUntil: "commit" });
    try {
      await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.ready !== null, null, { timeout: 180_000, polling: 50 });
    } catch (error) {
      const state = await canvasState(page).catch(() => null);
      throw new Error(`${graph.spec.owner}: the canvas never reported ${graph.visibleNodes.length} nodes with data-ready="1" (last seen: ${JSON.stringify(state)})`, { cause: error });
    }
    const firstRenderMs = (await page.evaluate(() => (window as unknown as BenchWindow).__bench.ready))!;
    const drawn = await canvasState(page);

    const expandsMs: number[] = [];
    const fetchesMs: number[] = [];
    let tapFallbacks = 0;
    let count = drawn.nodes;
    const started = performance.now();
    const pan = await panFps(page);
    for (const key of expands ? graph.frontier : []) {
      if (!(await selectNode(page, key))) tapFallbacks++;
      const before = await page.evaluate(() => {
        const button = document.querySelector<HTMLButtonElement>('[data-testid="node-panel"] [data-testid="expand-upstream"]');
        if (!button) throw new Error("no expand-upstream button in the node panel");
        const nodes = Number(document.querySelector('[data-testid="lineage-canvas"]')?.getAttribute("data-node-count"));
        const t = performance.now();
        button.click();
        return { t, nodes };
      });
      const clickedAt = before.t;
      if (before.nodes !== count) throw new Error(`expanding ${key}: the canvas went from ${count} to ${before.nodes} nodes before expand-upstream was clicked`);
      await page.waitForFunction(
        (previous) => Number(document.querySelector('[data-testid="lineage-canvas"]')?.getAttribute("data-node-count")) > previous,
        count,
        { timeout: 60_000, polling: "raf" },
      );
      const grownAt = await page.evaluate(
        ({ previous, since }) => (window as unknown as BenchWindow).__bench.changes.find((c) => c.t >= since && c.count > previous)?.t ?? null,
        { previous: count, since: clickedAt },
      );
      if (grownAt === null) {
        const log = await page.evaluate(() => (window as unknown as BenchWindow).__bench.changes.slice(-8));
        throw new Error(`expanding ${key}: the node count grew above ${count} but not after the click at ${clickedAt}; recent counts: ${JSON.stringify(log)}`);
      }
      expandsMs.push(grownAt - clickedAt);
      fetchesMs.push(
        await page.evaluate(
          ({ since, until }) =>
            performance
              .getEntriesByType("resource")
              .filter((e) => (e.name.includes("/api/view/") || e.name.includes("/api/expand/")) && e.startTime >= since && e.startTime <= until)
              .reduce((sum, e) => sum + e.duration, 0),
          { since: clickedAt, until: grownAt },
        ),
      );
      count = (await canvasState(page)).nodes;
    }
    const expandTotalMs = performance.now() - started;
    return { firstRenderMs, expandsMs, fetchesMs, expandTotalMs, drawnNodes: drawn.nodes, drawnEdges: drawn.edges, nodesAfter: count, tapFallbacks, panFps: pan };
  } finally {
    await context.close();
  }
}

async function canvasState(page: Page): Promise<{ nodes: number; edges: number; ready: string | null; selected: string | null }> {
  return page.evaluate(() => {
    const el = document.querySelector('[data-testid="lineage-canvas"]');
    return {
      nodes: Number(el?.getAttribute("data-node-count")),
      edges: Number(el?.getAttribute("data-edge-count")),
      ready: el?.getAttribute("data-ready") ?? null,
      selected: el?.getAttribute("data-selected") ?? null,
    };
  });
}

type CyNode = { empty(): boolean; renderedPosition(): Point; emit(event: string): void };
type CyCore = { getElementById(id: string): CyNode; center(node: CyNode): void; container(): HTMLElement | null };

/**
 * Select a node the way a person does: centre it and click it. Falls back to Cytoscape's tap
 * event when the click does not land (reported, so a UI problem cannot hide in the timings).
 */
async function selectNode(page: Page, key: string): Promise<boolean> {
  // Cytoscape refreshes where its container is on the scroll event, which fires with the next frame.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        document.querySelector('[data-testid="lineage-canvas"]')!.scrollIntoView({ block: "center", inline: "center" });
        requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
      }),
  );
  const point = await page.evaluate((id) => {
    const el = document.querySelector('[data-testid="lineage-canvas"]') as (HTMLElement & { rootlineCy?: CyCore }) | null;
    const cy = el?.rootlineCy;
    if (!cy) throw new Error("lineage-canvas has no rootlineCy property");
    const node = cy.getElementById(id);
    if (node.empty()) throw new Error(`node ${id} is not drawn`);
    cy.center(node);
    const rect = cy.container()!.getBoundingClientRect();
    const p = node.renderedPosition();
    return { x: rect.left + p.x, y: rect.top + p.y };
  }, key);
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="lineage-canvas"]') as (HTMLElement & { rootlineCy?: CyCore & { one(e: string, f: (ev: { target: { id?: () => string } }) => void): void } }) | null;
    const w = window as unknown as { __lastTap?: string };
    w.__lastTap = "(none)";
    el!.rootlineCy!.one("tap", (ev) => (w.__lastTap = typeof ev.target.id === "function" ? ev.target.id() : "(background)"));
  });
  // Cytoscape reports two clicks within its multi-click time (250 ms) as a double tap, even
  // on different nodes, and a double tap expands: keep clicks on the canvas further apart.
  const wait = lastCanvasClick + 300 - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  await page.mouse.click(point.x, point.y);
  lastCanvasClick = performance.now();
  const selected = (timeout: number) =>
    page
      .waitForFunction(
        (id) =>
          document.querySelector('[data-testid="lineage-canvas"]')?.getAttribute("data-selected") === id &&
          document.querySelector('[data-testid="node-panel"]')?.getAttribute("data-key") === id,
        key,
        { timeout },
      )
      .then(
        () => true,
        () => false,
      );
  if (await selected(5_000)) return true;
  const why = await page.evaluate(
    ({ id, point }) => {
      const el = document.querySelector('[data-testid="lineage-canvas"]') as (HTMLElement & { rootlineCy?: CyCore & { zoom(): number } }) | null;
      const cy = el!.rootlineCy!;
      const rect = cy.container()!.getBoundingClientRect();
      const p = cy.getElementById(id).renderedPosition();
      const hit = document.elementFromPoint(point.x, point.y);
      return {
        tapped: (window as unknown as { __lastTap?: string }).__lastTap,
        nodeNowAt: { x: Math.round(rect.left + p.x), y: Math.round(rect.top + p.y) },
        clickedAt: { x: Math.round(point.x), y: Math.round(point.y) },
        zoom: cy.zoom(),
        elementAtClick: hit ? `${hit.tagName.toLowerCase()}${hit.getAttribute("data-testid") ? `[${hit.getAttribute("data-testid")}]` : ""}` : null,
        selected: el!.getAttribute("data-selected"),
      };
    },
    { id: key, point },
  );
  missedClicks.push(`${key}: ${JSON.stringify(why)}`);
  await page.evaluate((id) => {
    const el = document.querySelector('[data-testid="lineage-canvas"]') as (HTMLElement & { rootlineCy?: CyCore }) | null;
    el!.rootlineCy!.getElementById(id).emit("tap");
  }, key);
  if (!(await selected(10_000))) throw new Error(`could not select ${key} (neither a click nor a tap event selected it)`);
  return false;
}

let lastCanvasClick = -Infinity;

/** Why clicks on nodes did not select them (printed after the table). */
const missedClicks: string[] = [];

/** The explorer's layout in Node: the whole view, then the same view with one frontier node expanded (replayed whole). */
function layoutTimes(graph: SyntheticGraph): { full: number; incremental: number } {
  const input = (nodes: string[], edges: { upstream: string; downstream: string }[], steps: { op: "up"; id: string }[]) => ({
    nodes: nodes.map((id) => ({ id: id.toLowerCase(), kind: "DATASET" as const })),
    edges: edges.map((e) => ({ up: e.upstream.toLowerCase(), down: e.downstream.toLowerCase() })),
    root: graph.root.toLowerCase(),
    up: graph.spec.layers,
    down: 0,
    steps,
    tidyAt: null,
    grouping: true,
  });
  const full: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t = performance.now();
    arrange(input(graph.visibleNodes, graph.visibleEdges, []));
    full.push(performance.now() - t);
  }
  const frontier = graph.frontier[0]!;
  const added = graph.edges.filter((e) => e.downstream === frontier && !graph.visibleNodes.includes(e.upstream));
  const grown = input([...graph.visibleNodes, ...added.map((e) => e.upstream)], [...graph.visibleEdges, ...added], [{ op: "up", id: frontier.toLowerCase() }]);
  const incremental: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t = performance.now();
    arrange(grown);
    incremental.push(performance.now() - t);
  }
  return { full: median(full), incremental: median(incremental) };
}

function report(results: GraphResult[]): Record<string, unknown> {
  const [small, large, huge] = results as [GraphResult, GraphResult, GraphResult];
  const ratio = (f: (r: GraphResult) => number) => round(f(large) / f(small), 2);
  const rows: (string | number)[][] = [
    [`metric (median of ${REPEATS})`, small.owner, large.owner, "ratio"],
    ["nodes drawn", small.nodes, large.nodes, ratio((r) => r.nodes)],
    ["edges drawn", small.edges, large.edges, ratio((r) => r.edges)],
    ["first interactive render, ms", round(small.firstRenderMs), round(large.firstRenderMs), ratio((r) => r.firstRenderMs)],
    [`${FRONTIER} expands incl. selecting, total ms`, round(small.expandTotalMs), round(large.expandTotalMs), ratio((r) => r.expandTotalMs)],
    [`${FRONTIER} expands, sum of click→drawn ms`, round(small.expandSumMs), round(large.expandSumMs), ratio((r) => r.expandSumMs)],
    ["one expand, click→drawn ms", round(small.expandMedianMs), round(large.expandMedianMs), ratio((r) => r.expandMedianMs)],
    ["  of which the request (POST /api/expand), ms", round(small.expandFetchMedianMs), round(large.expandFetchMedianMs), ratio((r) => r.expandFetchMedianMs)],
    ["panning, frames per second", round(small.panFps), round(large.panFps), ratio((r) => r.panFps)],
    ["layout (arrange) in Node, ms", round(small.layoutMs), round(large.layoutMs), ratio((r) => r.layoutMs)],
    ["layout replayed with one expansion, ms", round(small.incrementalLayoutMs), round(large.incrementalLayoutMs), ratio((r) => r.incrementalLayoutMs)],
  ];
  const fallbacks = results.flatMap((r) => r.runs).reduce((n, r) => n + r.tapFallbacks, 0);
  console.log(`\nExplorer benchmark (headless Chromium, ${os.cpus().length} cores, ${REPEATS} runs each)\n`);
  console.log(table(rows));
  const spread = (values: number[]) => `median ${round(median(values))}, min ${round(Math.min(...values))}, max ${round(Math.max(...values))}`;
  console.log(`\n${huge.owner}: ${huge.nodes} nodes, ${huge.edges} edges; first render ${spread(huge.runs.map((r) => r.firstRenderMs))} ms; panning ${spread(huge.runs.map((r) => r.panFps))} fps`);
  if (fallbacks) {
    console.log(`\nnote: ${fallbacks} node selections needed Cytoscape's tap event because a click at the node did not select it, e.g.`);
    for (const line of missedClicks.slice(0, 5)) console.log(`  ${line}`);
  }
  const figure = (values: number[]) => ({ median: round(median(values)), min: round(Math.min(...values)), max: round(Math.max(...values)) });
  const render2000 = figure(large.runs.map((r) => r.firstRenderMs));
  const expand2000 = figure(large.runs.flatMap((r) => r.expandsMs));
  const render10000 = figure(huge.runs.map((r) => r.firstRenderMs));
  const pan10000 = figure(huge.runs.map((r) => r.panFps));
  return {
      renderer: RENDERER ?? "canvas",
      render_2000_first_ms: render2000.median,
      expand_2000_median_ms: expand2000.median,
      render_10000_first_ms: render10000.median,
      pan_10000_fps: pan10000.median,
      spread: { render_2000_first_ms: render2000, expand_2000_median_ms: expand2000, render_10000_first_ms: render10000, pan_10000_fps: pan10000 },
      repeats: REPEATS,
      graphs: results.map(({ runs, ...r }) => ({
        ...r,
        nodesAfterExpands: runs[0]!.nodesAfter,
        firstRenderMsRuns: runs.map((x) => round(x.firstRenderMs)),
        expandTotalMsRuns: runs.map((x) => round(x.expandTotalMs)),
      })),
      ratios: {
        firstRender: ratio((r) => r.firstRenderMs),
        expandTotal: ratio((r) => r.expandTotalMs),
        expandMedian: ratio((r) => r.expandMedianMs),
        layout: ratio((r) => r.layoutMs),
      },
    };
}
