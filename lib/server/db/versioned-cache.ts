import "server-only";
import { staleAfterMs } from "@/lib/limits";
import { markStale } from "./freshness";

/**
 * One value computed from the whole store (contamination flags, licence inheritance), kept in
 * this process until the graph version changes. Callers that miss at the same time share one
 * computation: on a cold or just-retired cache, every request of a burst would otherwise load
 * the whole store and compute it again (on the 100k-node store, ~10 s each; the API bench's
 * warm-up of 100 requests took two minutes before this). A failed computation is not kept.
 *
 * A slow value (its last build took over ROOTLINE_STALE_AFTER_MS, 2 s) is not waited for once
 * one is kept. While crawlers write, the version moves several times a second: waiting would
 * make every read after a write wait a whole rebuild (the API bench measured p99 14 s for 20
 * clients on the 100k store with a write every 250 ms), and starting a build per version would
 * run several at once on the same cores. So a reader of a slow value gets the last one kept,
 * marked stale (freshness.ts: the response cache does not keep what it made), while one paced
 * build of the newest version runs; a reader after it ends starts the next if the version moved on.
 * Quick values (the seeded store's: tens of milliseconds) behave as before: every reader gets
 * its own version's value, so a review shows at once.
 */
type Slot<T> = { version?: string; value?: T; started: number; kept: number; lastBuildMs: number; lastEnded: number; building?: { version: string; promise: Promise<T> } };

const globalForSlots = globalThis as unknown as { __rootlineVersioned?: Map<string, Slot<unknown>> };

export function versionedCache<T>(name: string, build: (version: string) => Promise<T>, options: { staleAfterMs?: number } = {}): (version: string) => Promise<T> {
  return (version) => {
    const slots = (globalForSlots.__rootlineVersioned ??= new Map());
    let slot = slots.get(name) as Slot<T> | undefined;
    if (!slot) slots.set(name, (slot = { started: 0, kept: 0, lastBuildMs: 0, lastEnded: 0 }));
    if (slot.version === version) return Promise.resolve(slot.value as T);
    const slow = slot.version !== undefined && slot.lastBuildMs > (options.staleAfterMs ?? staleAfterMs());
    if (!slow) return slot.building?.version === version ? slot.building.promise : start(slot, version, build);
    // Rebuilds are paced: one starts no sooner than the last one took after it ended, so a
    // process never spends more than half a core keeping up with a crawl's writes; until then,
    // and while it runs, readers get the value kept. Nobody waits for it: a failure is logged,
    // not kept, and a later reader tries again.
    if (!slot.building && performance.now() - slot.lastEnded >= slot.lastBuildMs) {
      void start(slot, version, build).catch((error: unknown) => console.error(`rebuilding ${name} failed:`, error));
    }
    markStale();
    return Promise.resolve(slot.value as T);
  };
}

function start<T>(slot: Slot<T>, version: string, build: (version: string) => Promise<T>): Promise<T> {
  // Builds are numbered as they start: one for an older version that ends after a newer one
  // started answers its own callers but is not kept over the newer one.
  const order = ++slot.started;
  const began = performance.now();
  const promise: Promise<T> = build(version).then(
    (value) => {
      if (slot.building?.promise === promise) slot.building = undefined;
      slot.lastEnded = performance.now();
      slot.lastBuildMs = slot.lastEnded - began;
      if (order > slot.kept) Object.assign(slot, { version, value, kept: order });
      return value;
    },
    (error: unknown) => {
      if (slot.building?.promise === promise) slot.building = undefined;
      slot.lastEnded = performance.now();
      throw error;
    },
  );
  slot.building = { version, promise };
  return promise;
}

/** Drops every kept value (tests). */
export function clearVersionedCaches(): void {
  globalForSlots.__rootlineVersioned?.clear();
}
