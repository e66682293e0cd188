import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { parseSeedFile } from "@/lib/lineage-io/seed-file";
import { ALIASES, BENCHMARKS } from "@/prisma/seed/benchmarks";
import { mergeEdges, upsertAliases, upsertBenchmarks, upsertNodes, writeTransaction, type EdgeSkip } from "./lineage/write";

export const SEED_GRAPH_FILE = path.join(process.cwd(), "prisma", "seed", "oda-graph.json");
export const SEED_ACTOR = "oda-reference";

export type SeedReport = {
  /** Totals in the store after seeding. */
  nodes: number;
  edges: number;
  evidence: number;
  benchmarks: number;
  aliases: number;
  /** What this run changed. A second run reports zeros. */
  nodesCreated: number;
  nodesUpdated: number;
  edgesCreated: number;
  edgesUpdated: number;
  evidenceAdded: number;
  evidenceUpdated: number;
  benchmarksCreated: number;
  benchmarksUpdated: number;
  aliasesCreated: number;
  aliasConflicts: { alias: string; key: string; existingKey: string }[];
  skipped: EdgeSkip[];
  ms: number;
};

/**
 * Load the bundled lineage graph, benchmark registry and aliases in one transaction.
 * Idempotent: everything goes through the graph writer, which fills and merges but never
 * duplicates, so running it on a store that already holds the seed (or a full import of
 * the same reference files, or people's reviews) changes nothing.
 */
export async function seedDatabase(options: { file?: string } = {}): Promise<SeedReport> {
  const started = Date.now();
  const seed = parseSeedFile(await fs.readFile(options.file ?? SEED_GRAPH_FILE, "utf8"));
  return writeTransaction(async (tx) => {
    // Nodes, benchmarks and aliases first: edges refer to them.
    const nodes = await upsertNodes(tx, seed.nodes);
    const benchmarks = await upsertBenchmarks(tx, [...BENCHMARKS]);
    const aliases = await upsertAliases(tx, ALIASES.map((a) => ({ ...a, origin: "SEED" as const })));
    const edges = await mergeEdges(
      tx,
      seed.edges.map((e) => ({ ...e, origin: "SEED" as const, actor: SEED_ACTOR, ref: [...new Set(e.evidence.map((x) => x.locator))].join(",") })),
    );
    return {
      nodes: await tx.dataset.count(),
      edges: await tx.edge.count(),
      evidence: await tx.evidence.count(),
      benchmarks: await tx.benchmark.count(),
      aliases: await tx.alias.count(),
      nodesCreated: nodes.created + benchmarks.nodesCreated + aliases.nodesCreated,
      nodesUpdated: nodes.updated + benchmarks.nodesUpdated,
      edgesCreated: edges.created,
      edgesUpdated: edges.updated,
      evidenceAdded: edges.evidenceAdded,
      evidenceUpdated: edges.evidenceUpdated,
      benchmarksCreated: benchmarks.created,
      benchmarksUpdated: benchmarks.updated,
      aliasesCreated: aliases.created,
      aliasConflicts: aliases.conflicts,
      skipped: edges.skipped,
      ms: Date.now() - started,
    };
  });
}
