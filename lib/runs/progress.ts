/**
 * How far a crawl run has got, for /runs, a run's page and the CLI: datasets done (traced or
 * answered from the store), queued, in a worker's hands, failed, left for a later run, and the
 * pace in datasets per minute since the run started.
 */
export type CrawlProgress = {
  done: number;
  queued: number;
  running: number;
  failed: number;
  skipped: number;
  /** Datasets finished (done or failed) per minute of the run so far; null before the first. */
  perMinute: number | null;
};

export function progressOf(totals: { done: number; queued: number; running: number; failed: number; skipped: number }, elapsedMs: number): CrawlProgress {
  const finished = totals.done + totals.failed;
  const perMinute = finished > 0 && elapsedMs > 0 ? Math.round((finished / (elapsedMs / 60_000)) * 10) / 10 : null;
  return { done: totals.done, queued: totals.queued, running: totals.running, failed: totals.failed, skipped: totals.skipped, perMinute };
}

/** "120 done, 340 queued, 4 running, 2 failed · 85 datasets/min" */
export function describeProgress(p: CrawlProgress): string {
  const parts = [`${p.done} done`, `${p.queued} queued`];
  if (p.running) parts.push(`${p.running} running`);
  parts.push(`${p.failed} failed`);
  if (p.skipped) parts.push(`${p.skipped} left for later`);
  return `${parts.join(", ")}${p.perMinute === null ? "" : ` · ${p.perMinute} datasets/min`}`;
}
