import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Whether an answer was made from a store-wide snapshot older than the graph it was asked at
 * (versioned-cache.ts hands one out rather than keep a reader waiting on a slow rebuild). The
 * response cache must not keep such an answer under the current version: it would outlive the
 * rebuild that brings it up to date.
 */
const storage = new AsyncLocalStorage<{ stale: boolean }>();

/** Runs `fn` and says whether anything it read was stale. */
export async function trackFreshness<T>(fn: () => Promise<T>): Promise<{ value: T; stale: boolean }> {
  const record = { stale: false };
  const value = await storage.run(record, fn);
  return { value, stale: record.stale };
}

/** Marks the answer being made as stale (nothing outside trackFreshness). */
export function markStale(): void {
  const record = storage.getStore();
  if (record) record.stale = true;
}
