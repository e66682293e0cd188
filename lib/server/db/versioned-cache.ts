import "server-only";

/**
 * One value computed from the whole store (contamination flags, licence inheritance), kept in
 * this process until the graph version changes. Callers that miss at the same time share one
 * computation: on a cold or just-retired cache, every request of a burst would otherwise load
 * the whole store and compute it again (on the 100k-node store, ~10 s each; the API bench's
 * warm-up of 100 requests took two minutes before this). A failed computation is not kept.
 */
type Slot<T> = { version?: string; value?: T; started: number; kept: number; building?: { version: string; promise: Promise<T> } };

const globalForSlots = globalThis as unknown as { __rootlineVersioned?: Map<string, Slot<unknown>> };

export function versionedCache<T>(name: string, build: (version: string) => Promise<T>): (version: string) => Promise<T> {
  return (version) => {
    const slots = (globalForSlots.__rootlineVersioned ??= new Map());
    let slot = slots.get(name) as Slot<T> | undefined;
    if (!slot) slots.set(name, (slot = { started: 0, kept: 0 }));
    if (slot.version === version) return Promise.resolve(slot.value as T);
    if (slot.building?.version === version) return slot.building.promise;
    const current = slot;
    // Builds are numbered as they start: one for an older version that ends after a newer one
    // started answers its own callers but is not kept over the newer one.
    const order = ++current.started;
    const promise: Promise<T> = build(version).then(
      (value) => {
        if (current.building?.promise === promise) current.building = undefined;
        if (order > current.kept) Object.assign(current, { version, value, kept: order });
        return value;
      },
      (error: unknown) => {
        if (current.building?.promise === promise) current.building = undefined;
        throw error;
      },
    );
    current.building = { version, promise };
    return promise;
  };
}

/** Drops every kept value (tests). */
export function clearVersionedCaches(): void {
  globalForSlots.__rootlineVersioned?.clear();
}
