import "server-only";
import { readInputFile } from "./read-input";
import fs from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { aliasNorm } from "@/lib/lineage-io/names";
import { DATA_FILE, GRAPH_FILE, parseOda } from "@/lib/lineage-io/oda";
import { mergeEdges, upsertNodes, writeTransaction, type EdgeSkipReason, type Tx } from "./write";
import type { OdaSkipReason } from "@/lib/lineage-io/oda";

export type ImportSkip = { file: string; line: number; reason: OdaSkipReason | EdgeSkipReason; detail: string };

export type OdaImportReport = {
  dir: string;
  files: string[];
  graphLines: number;
  dataLines: number;
  nodesCreated: number;
  nodesUpdated: number;
  nodesUnchanged: number;
  edgesCreated: number;
  /** Existing edges whose relation, confidence, split or status changed. */
  edgesMerged: number;
  edgesUnchanged: number;
  /** Lines about a pair another line already named, folded into one edge. */
  duplicateLinesMerged: number;
  evidenceAdded: number;
  /** Existing evidence that gained its quote (or URL, locator), e.g. seeded rows. */
  evidenceUpdated: number;
  skipped: ImportSkip[];
  ms: number;
};

const readIfExists = readInputFile;

/** Names the store knows, for resolving free-text names the way the seed did. */
async function aliasResolver(tx: Tx): Promise<(name: string) => string | null> {
  const rows = await tx.alias.findMany({ select: { aliasNorm: true, dataset: { select: { key: true } } } });
  const keys = new Map(rows.map((r) => [r.aliasNorm, r.dataset.key]));
  return (name) => keys.get(aliasNorm(name)) ?? null;
}

/**
 * Import a directory in the reference tool's format (graph.jsonl, optional data.jsonl) in
 * one transaction. Re-importing the same files changes nothing; importing the reference
 * files over the seed adds the evidence quotes the seed leaves out.
 */
export async function importOdaDirectory(dir: string, options: { actor?: string } = {}): Promise<OdaImportReport> {
  const started = Date.now();
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat) throw new AppError("bad_request:import", `${dir} does not exist.`);
  if (!stat.isDirectory()) throw new AppError("bad_request:import", `${dir} is not a directory.`);
  const graph = await readIfExists(path.join(dir, GRAPH_FILE));
  if (graph === null) throw new AppError("bad_request:import", `${dir} has no ${GRAPH_FILE}: an ODA export holds ${GRAPH_FILE} (edges) and optionally ${DATA_FILE} (nodes).`);
  const data = await readIfExists(path.join(dir, DATA_FILE));

  return writeTransaction(async (tx) => {
    const parsed = parseOda({ graph, data }, { resolveName: await aliasResolver(tx) });
    const nodes = await upsertNodes(tx, parsed.nodes);
    const edges = await mergeEdges(
      tx,
      parsed.edges.map((e) => ({ ...e, origin: "IMPORT" as const, actor: options.actor ?? "import:oda", ref: e.lines.join(",") })),
    );
    const skipped: ImportSkip[] = [...parsed.skipped];
    for (const skip of edges.skipped) {
      const lines = skip.refs.flatMap((ref) => ref.split(",").map(Number));
      for (const line of lines) skipped.push({ file: GRAPH_FILE, line, reason: skip.reason, detail: `${skip.upstream} → ${skip.downstream}: ${skip.detail}` });
    }
    skipped.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    return {
      dir,
      files: data === null ? [GRAPH_FILE] : [GRAPH_FILE, DATA_FILE],
      graphLines: parsed.stats.graphLines,
      dataLines: parsed.stats.dataLines,
      nodesCreated: nodes.created,
      nodesUpdated: nodes.updated,
      nodesUnchanged: nodes.unchanged,
      edgesCreated: edges.created,
      edgesMerged: edges.updated,
      edgesUnchanged: edges.unchanged,
      duplicateLinesMerged: parsed.stats.duplicateLinesMerged,
      evidenceAdded: edges.evidenceAdded,
      evidenceUpdated: edges.evidenceUpdated,
      skipped,
      ms: Date.now() - started,
    };
  });
}
