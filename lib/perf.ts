/**
 * Timing marks for the explorer's phases (layout, elements, drawing), readable from the
 * browser's performance timeline as "rootline:<phase>" measures: the bench reports them, and
 * anyone can see them in the devtools' performance panel. Costs two timestamps per phase.
 */
export function timed<T>(phase: string, work: () => T): T {
  if (typeof performance === "undefined" || typeof performance.measure !== "function") return work();
  const start = performance.now();
  try {
    return work();
  } finally {
    performance.measure(`rootline:${phase}`, { start, end: performance.now() });
  }
}
