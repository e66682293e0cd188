/**
 * What a synthetic lineage store is made from: a node count, an edge count and a seed. The
 * same spec always gives the same store (keys, edges, dates), so a spec is also the identity
 * of a loaded store (see `specLabel`).
 */

export type StoreSpec = { nodes: number; edges: number; seed: number };

/** Bumped whenever the generator's output for a given spec changes, so stored copies are remade. */
export const GENERATOR_VERSION = 1;

/** Beyond this the typed arrays and key strings stop fitting comfortably in one Node heap. */
export const MAX_NODES = 5_000_000;
/** The densest shape the generator is tuned for: mixtures saturate well before this. */
export const MAX_EDGES_PER_NODE = 20;

/** Why a spec cannot be generated, or null when it can. */
export function specProblem(spec: StoreSpec): string | null {
  const { nodes, edges, seed } = spec;
  if (!Number.isSafeInteger(nodes) || nodes < 2 || nodes > MAX_NODES) return `--nodes must be a whole number from 2 to ${MAX_NODES.toLocaleString("en")}.`;
  if (!Number.isSafeInteger(edges) || edges < 1) return "--edges must be a positive whole number.";
  // Every edge goes from an earlier node to a later one (that is what keeps the graph acyclic),
  // so n nodes hold at most n(n-1)/2; roots (a fifth of the nodes) hold none.
  const capacity = Math.floor((nodes * (nodes - 1)) / 2);
  if (edges > capacity) return `--edges ${edges} cannot fit in ${nodes} nodes without cycles (at most ${capacity}).`;
  if (nodes >= 100 && edges > nodes * MAX_EDGES_PER_NODE) return `--edges must be at most ${MAX_EDGES_PER_NODE} per node (${(nodes * MAX_EDGES_PER_NODE).toLocaleString("en")} for ${nodes.toLocaleString("en")} nodes).`;
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) return "--seed must be a whole number from 0 to 4294967295.";
  return null;
}

/** The identity a loaded store records, and the name benches give its database. */
export function specLabel(spec: StoreSpec): string {
  return `v${GENERATOR_VERSION}-n${spec.nodes}-e${spec.edges}-s${spec.seed}`;
}
