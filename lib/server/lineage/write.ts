import "server-only";

/**
 * The one way into the lineage store for every writer (seed, imports, agents, reviews).
 * Each function takes the caller's interactive transaction so that a batch is written
 * whole or not at all, and keeps the store's promises: one node per key (case-insensitive),
 * one edge per pair, no self-loops, no cycles, facts never replaced by nothing.
 *
 * All writers serialise on one advisory lock: the cycle check reads the whole edge set,
 * and two concurrent batches could otherwise each close half of a cycle.
 */
export { aliasNorm } from "@/lib/lineage-io/names";
export { writeTransaction, type Tx } from "./write/transaction";
export * from "./write/nodes";
export * from "./write/edges";
export * from "./write/names";
