import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { parseSeedFile } from "@/lib/lineage-io/seed-file";
import { normalizeKey } from "@/lib/keys";
import { ALIASES, DECONTAMINATIONS, EVAL_SETS, HOLDINGS } from "@/prisma/seed/benchmarks";
import { parseDpiSeed } from "@/lib/lineage-io/dpi-seed";
import { writeDecontaminations } from "../lineage/decontamination";
import { writeDpiFacts, type DpiWriteReport } from "../lineage/import-dpi";
import { syncRegistry, type RegistrySyncResult } from "../lineage/registry";
import { mergeEdges, upsertAliases, upsertNodes, writeTransaction, type EdgeSkip, type Tx } from "../lineage/write";

export const SEED_GRAPH_FILE = path.join(process.cwd(), "prisma", "seed", "oda-graph.json");
export const DPI_SEED_FILE = path.join(process.cwd(), "prisma", "seed", "dpi-graph.json");
export const SEED_ACTOR = "oda-reference";

export type SeedReport = {
  /** Totals in the store after seeding. */
  nodes: number;
  edges: number;
  evidence: number;
  benchmarks: number;
  evalSets: number;
  holdings: number;
  aliases: number;
  /** What this run changed. A second run reports zeros. */
  nodesCreated: number;
  nodesUpdated: number;
  edgesCreated: number;
  edgesUpdated: number;
  evidenceAdded: number;
  evidenceUpdated: number;
  registry: RegistrySyncResult;
  aliasesCreated: number;
  aliasesRetargeted: number;
  /** Seed edges a corrected seed no longer has, removed because nobody reviewed them. */
  edgesRetired: number;
  /** Decontamination statements of the seed added to the store. */
  statementsAdded: number;
  /** The Data Provenance Collection's datasets, licences and edges (prisma/seed/dpi-graph.json). */
  dpi: Omit<DpiWriteReport, "skipped"> & { skipped: number };
  licences: number;
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
export async function seedDatabase(options: { file?: string; dpiFile?: string | null } = {}): Promise<SeedReport> {
  const started = Date.now();
  const seed = parseSeedFile(await fs.readFile(options.file ?? SEED_GRAPH_FILE, "utf8"));
  const dpiFile = options.dpiFile === undefined ? DPI_SEED_FILE : options.dpiFile;
  const dpiSeed = dpiFile ? parseDpiSeed(await fs.readFile(dpiFile, "utf8")) : { nodes: [], edges: [] };
  return writeTransaction(async (tx) => {
    // Nodes, benchmarks and aliases first: edges refer to them.
    const before = await tx.dataset.count();
    const nodes = await upsertNodes(tx, seed.nodes);
    const registry = await syncRegistry(tx, { evalSets: EVAL_SETS, holdings: HOLDINGS });
    const aliases = await upsertAliases(tx, ALIASES.map((a) => ({ ...a, origin: "SEED" as const })));
    const edges = await mergeEdges(
      tx,
      seed.edges.map((e) => ({ ...e, origin: "SEED" as const, actor: SEED_ACTOR, ref: [...new Set(e.evidence.map((x) => x.locator))].join(",") })),
    );
    const edgesRetired = await retireStaleSeedEdges(tx, seed.edges);
    const statementsAdded = await writeDecontaminations(tx, DECONTAMINATIONS.map((d) => ({ ...d, origin: "SEED" as const })));
    const dpi = await writeDpiFacts(tx, dpiSeed);
    const after = await tx.dataset.count();
    return {
      nodes: after,
      edges: await tx.edge.count(),
      evidence: await tx.evidence.count(),
      benchmarks: await tx.benchmark.count(),
      evalSets: await tx.evalSet.count(),
      holdings: await tx.itemHolding.count(),
      aliases: await tx.alias.count(),
      nodesCreated: after - before,
      nodesUpdated: nodes.updated,
      edgesCreated: edges.created,
      edgesUpdated: edges.updated,
      evidenceAdded: edges.evidenceAdded,
      evidenceUpdated: edges.evidenceUpdated,
      registry,
      aliasesCreated: aliases.created,
      aliasesRetargeted: aliases.retargeted,
      edgesRetired,
      statementsAdded,
      dpi: { ...dpi, skipped: dpi.skipped.length },
      licences: await tx.datasetLicence.count(),
      aliasConflicts: aliases.conflicts,
      skipped: edges.skipped,
      ms: Date.now() - started,
    };
  });
}

/**
 * Edges an earlier version of the seed wrote that this version no longer has (a free name
 * now resolves to another node): removed when nobody reviewed them and all their evidence is
 * the reference graph's. Anything a person accepted, or an agent or another import also
 * found, stays.
 */
async function retireStaleSeedEdges(tx: Tx, current: readonly { upstream: string; downstream: string }[]): Promise<number> {
  const pairs = new Set(current.map((e) => `${normalizeKey(e.upstream)}\n${normalizeKey(e.downstream)}`));
  const candidates = await tx.edge.findMany({
    where: { origin: "SEED", status: "PROPOSED", actor: SEED_ACTOR },
    select: { id: true, upstream: { select: { keyNorm: true } }, downstream: { select: { keyNorm: true } }, evidence: { select: { locator: true } } },
  });
  const stale = candidates.filter((e) => !pairs.has(`${e.upstream.keyNorm}\n${e.downstream.keyNorm}`) && e.evidence.every((x) => x.locator?.startsWith("oda:")));
  if (!stale.length) return 0;
  return (await tx.edge.deleteMany({ where: { id: { in: stale.map((e) => e.id) } } })).count;
}
