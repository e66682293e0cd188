import { createHash } from "node:crypto";

/**
 * A hash of a store's keys and edges (upstream key, downstream key, relation, confidence,
 * split, status), independent of row order and ids: equal for the same graph however it was
 * loaded or read back.
 */
export function lineageChecksum(keys: Iterable<string>, edges: Iterable<string>): string {
  const hash = createHash("sha256");
  for (const key of [...keys].sort()) hash.update(key).update("\n");
  hash.update("\0");
  for (const edge of [...edges].sort()) hash.update(edge).update("\n");
  return hash.digest("hex").slice(0, 32);
}

/** One edge as lineageChecksum reads it. */
export function edgeLine(upstream: string, downstream: string, relation: string, confidence: number, split: string, status: string): string {
  return `${upstream}\t${downstream}\t${relation}\t${confidence.toFixed(2)}\t${split}\t${status}`;
}
