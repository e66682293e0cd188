/**
 * A crawl: trace the seeds, then what they were built from, level by level, up to a real
 * depth limit and a node budget for the whole run (not per seed). Datasets the store has
 * already traced are answered from the store and the walk continues through their stored
 * upstreams. Up to `concurrency` datasets are traced at once; each one's writes are one
 * transaction, so a run that stops half-way leaves every dataset either done or untouched.
 *
 * Two things stop a crawl early without failing any dataset: the signal (the run's time
 * budget), after which it returns what it did with `stopped` set, and the Hub asking us to
 * wait, after which it throws CrawlPaused once the datasets in flight have settled. Either
 * way the datasets it did not finish stay as they were, and a later crawl takes them up
 * (what was done is answered from the store).
 */
import { isHubWait, stopsTheCrawl, type HubWaitError } from "@/lib/hub/interrupts";
import { normalizeKey } from "@/lib/keys";
import { buildTraceGraph, traceDataset, type PipelineDeps } from "./trace-graph";

export type CrawlOptions = {
  seeds: readonly string[];
  /** Levels of upstream to trace: 1 = the seeds' own sources, 2 = theirs too, … */
  depth: number;
  /** Most datasets this run traces (the store's answers do not count). */
  nodeBudget: number;
  concurrency: number;
  /** Trace again even what the store has traced. */
  force?: boolean;
  /** Stops the crawl (the run's time budget): what is not traced yet is left for a later run. */
  signal?: AbortSignal;
  /**
   * Waits until no other process traces `key`, and holds it until released (the server's
   * per-dataset lease); the store is read after, so what another process just traced is answered from it.
   */
  claim?: (key: string) => Promise<{ release(): Promise<void> }>;
};

export type CrawlSummary = {
  traced: number;
  fromStore: number;
  /** `cause`: what was thrown (the run words a failure by where it came from). */
  failed: { key: string; error: string; cause?: unknown }[];
  /** Datasets the Hub answered it has no such dataset for (nothing was stored for them). */
  notOnHub: string[];
  edgesCreated: number;
  edgesUpdated: number;
  evidenceAdded: number;
  nodesCreated: number;
  levels: number;
  budgetExhausted: boolean;
  /** The signal stopped the crawl before its frontier was done. */
  stopped: boolean;
  /** Upstreams left for a later run because of the depth limit, the budget or a stop. */
  untracedFrontier: number;
};

/** The Hub asked us to wait (`cause`): the crawl stopped after `summary`, and can be run again later. */
export class CrawlPaused extends Error {
  readonly summary: CrawlSummary;
  declare readonly cause: HubWaitError;

  constructor(cause: HubWaitError, summary: CrawlSummary) {
    super(cause.message, { cause });
    this.name = "CrawlPaused";
    this.summary = summary;
  }
}

const DONE = new Set(["TRACED", "TERMINAL"]);

async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(runners);
}

export async function crawl(options: CrawlOptions, deps: PipelineDeps): Promise<CrawlSummary> {
  const graph = buildTraceGraph({ ...deps, memo: deps.memo ?? new Map() });
  const summary: CrawlSummary = { traced: 0, fromStore: 0, failed: [], notOnHub: [], edgesCreated: 0, edgesUpdated: 0, evidenceAdded: 0, nodesCreated: 0, levels: 0, budgetExhausted: false, stopped: false, untracedFrontier: 0 };
  let paused: HubWaitError | null = null;
  const stopping = () => paused !== null || options.signal?.aborted === true;
  const visited = new Set<string>();
  const dedupe = (keys: readonly string[]) => {
    const out: string[] = [];
    for (const key of keys) {
      const norm = normalizeKey(key);
      if (visited.has(norm) || out.some((k) => normalizeKey(k) === norm)) continue;
      out.push(key);
    }
    return out;
  };

  let frontier = dedupe(options.seeds);
  for (let level = 0; level < options.depth && frontier.length; level++) {
    const next: string[] = [];
    summary.levels = level + 1;
    await pool(frontier, options.concurrency, async (key) => {
      const norm = normalizeKey(key);
      if (visited.has(norm)) return;
      if (stopping()) {
        summary.untracedFrontier++;
        summary.stopped ||= options.signal?.aborted === true;
        return;
      }
      visited.add(norm);
      let lease: { release(): Promise<void> } | null = null;
      try {
        lease = options.claim ? await options.claim(key) : null;
      } catch (error) {
        if (!options.signal?.aborted) throw error;
        summary.untracedFrontier++;
        summary.stopped = true;
        return;
      }
      try {
        await visit(key, next);
      } finally {
        await lease?.release().catch(() => undefined);
      }
    });
    frontier = dedupe(next);
    if (paused) throw new CrawlPaused(paused, summary);
    if (options.signal?.aborted && frontier.length) {
      summary.stopped = true;
      break;
    }
  }
  summary.untracedFrontier += frontier.length;
  return summary;

  async function visit(key: string, next: string[]): Promise<void> {
    const stored = options.force ? null : await deps.store.crawlState(key);
    if (stored && DONE.has(stored.state)) {
      summary.fromStore++;
      next.push(...stored.upstreams);
      return;
    }
    if (summary.traced >= options.nodeBudget) {
      summary.budgetExhausted = true;
      summary.untracedFrontier++;
      return;
    }
    summary.traced++;
    try {
      const outcome = await traceDataset(graph, key);
      summary.edgesCreated += outcome.edgesCreated;
      summary.edgesUpdated += outcome.edgesUpdated;
      summary.evidenceAdded += outcome.evidenceAdded;
      summary.nodesCreated += outcome.nodesCreated;
      next.push(...outcome.next);
      if (outcome.notOnHub) summary.notOnHub.push(key);
    } catch (error) {
      if (stopsTheCrawl(error) || options.signal?.aborted) {
        // Not a failure of this dataset: it stays as it was, for the next crawl.
        summary.traced--;
        summary.untracedFrontier++;
        summary.stopped ||= options.signal?.aborted === true;
        if (isHubWait(error)) paused ??= error;
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      summary.failed.push({ key, error: message, cause: error });
      await deps.store.markFailed(key, message).catch(() => undefined);
    }
  }
}
