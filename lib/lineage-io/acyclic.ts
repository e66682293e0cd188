/**
 * A directed graph held in memory to keep the lineage acyclic: before an edge
 * upstream → downstream is added, `closingPath` says whether the downstream already
 * reaches the upstream (which the new edge would turn into a cycle).
 */
export class DirectedGraph<K> {
  private readonly out = new Map<K, Set<K>>();

  constructor(edges: Iterable<readonly [K, K]> = []) {
    for (const [from, to] of edges) this.add(from, to);
  }

  add(from: K, to: K): void {
    let targets = this.out.get(from);
    if (!targets) this.out.set(from, (targets = new Set()));
    targets.add(to);
  }

  has(from: K, to: K): boolean {
    return this.out.get(from)?.has(to) ?? false;
  }

  /** A shortest path from `from` to `to` (both included), or null when there is none. */
  path(from: K, to: K): K[] | null {
    if (from === to) return [from];
    const parent = new Map<K, K>([[from, from]]);
    let frontier: K[] = [from];
    while (frontier.length) {
      const next: K[] = [];
      for (const node of frontier) {
        for (const target of this.out.get(node) ?? []) {
          if (parent.has(target)) continue;
          parent.set(target, node);
          if (target === to) {
            const path = [to];
            for (let at = node; at !== from; at = parent.get(at)!) path.push(at);
            path.push(from);
            return path.reverse();
          }
          next.push(target);
        }
      }
      frontier = next;
    }
    return null;
  }

  /**
   * Why upstream → downstream cannot be added, or null when it can (or already exists):
   * the reverse edge exists, or the downstream reaches the upstream through `path`.
   */
  conflict(upstream: K, downstream: K): { reason: "self_loop" } | { reason: "reverse_edge" } | { reason: "cycle"; path: K[] } | null {
    if (upstream === downstream) return { reason: "self_loop" };
    if (this.has(upstream, downstream)) return null;
    if (this.has(downstream, upstream)) return { reason: "reverse_edge" };
    const path = this.path(downstream, upstream);
    return path ? { reason: "cycle", path } : null;
  }
}
