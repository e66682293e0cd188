/**
 * Ancestor closure in memory: upstream adjacency as compressed arrays (one offsets array, one
 * sources array), walked breadth first. The floor a database closure is measured against,
 * and the reference it is checked against.
 */

export type UpstreamAdjacency = { offsets: Int32Array; sources: Int32Array };

/** Adjacency of nodes 0 … n−1 from parallel edge arrays (upstream, downstream), any order. */
export function upstreamAdjacency(n: number, up: ArrayLike<number>, down: ArrayLike<number>): UpstreamAdjacency {
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < down.length; e++) offsets[down[e]! + 1]!++;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, n);
  const sources = new Int32Array(down.length);
  for (let e = 0; e < down.length; e++) sources[fill[down[e]!]!++] = up[e]!;
  return { offsets, sources };
}

/**
 * Every node within `maxDepth` hops upstream of `start` (itself left out), with its shortest
 * distance. `seen` is scratch space of n entries the caller may reuse between calls (it is
 * left as it was found).
 */
export function ancestorsWithin(adjacency: UpstreamAdjacency, start: number, maxDepth: number, seen = new Uint8Array(adjacency.offsets.length - 1)): Map<number, number> {
  const { offsets, sources } = adjacency;
  const found = new Map<number, number>();
  let frontier = [start];
  seen[start] = 1;
  for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
    const next: number[] = [];
    for (const v of frontier) {
      for (let i = offsets[v]!; i < offsets[v + 1]!; i++) {
        const u = sources[i]!;
        if (seen[u]) continue;
        seen[u] = 1;
        found.set(u, depth);
        next.push(u);
      }
    }
    frontier = next;
  }
  seen[start] = 0;
  for (const u of found.keys()) seen[u] = 0;
  return found;
}
