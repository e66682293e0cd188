import "server-only";
import { readInputFile } from "./read-input";

/**
 * The Data Provenance Collection's facts into the store: its datasets (Hub datasets, parts
 * of collection repos, named-only datasets) with their licences, and its derived-from and
 * part-of relations as edges of origin DPI where both ends resolve. One transaction; an
 * existing edge is never duplicated (the DPI pointer is added to its evidence); lines that
 * do not parse are reported and skipped. The bundled seed (prisma/seed/dpi-graph.json)
 * holds the same facts, written by the same code.
 */
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { normalizeKey } from "@/lib/keys";
import { DPI_EDGES_FILE, DPI_NODES_FILE, parseDpi, type DpiEdge, type DpiNode, type DpiSkip } from "@/lib/lineage-io/dpi";
import { nameResolverFor } from "@/lib/lineage-io/dpi-seed";
import { writeLicences } from "@/lib/server/licences/licences";
import type { Split } from "@/lib/lineage/types";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { mergeEdges, upsertNodes, writeTransaction, type EdgeInput, type EdgeSkip, type NodeInput, type Tx } from "./write";

export const DPI_ACTOR = "data-provenance-collection";
const DPI_REPO = "Data-Provenance-Initiative/Data-Provenance-Collection";

export type DpiFacts = { nodes: DpiNode[]; edges: DpiEdge[] };

export type DpiWriteReport = {
  nodesCreated: number;
  nodesUpdated: number;
  nodesUnchanged: number;
  licencesCreated: number;
  licencesUpdated: number;
  licencesUnchanged: number;
  edgesCreated: number;
  /** Edges that existed already (from the seed, an import or the agents): the DPI pointer joins their evidence. */
  edgesMerged: number;
  edgesUnchanged: number;
  evidenceAdded: number;
  /** Edges and licences an earlier reading of the same entries wrote and this one no longer says. */
  edgesRetired: number;
  licencesRetired: number;
  skipped: EdgeSkip[];
};

export type DpiImportReport = DpiWriteReport & { dir: string; files: string[]; nodeLines: number; edgeLines: number; parseSkipped: DpiSkip[]; ms: number };

/** Where a DPI fact is written, as a link a person can open. */
function evidenceUrl(file: string, commit: string): string {
  return `https://github.com/${DPI_REPO}/blob/${commit}/${file.split("/").map(encodeURIComponent).join("/")}`;
}

function edgeInput(edge: DpiEdge, actor: string, split: Split | null): EdgeInput {
  return {
    upstream: edge.upstream,
    downstream: edge.downstream,
    relation: edge.relation,
    confidence: edge.confidence,
    split,
    origin: "DPI",
    actor,
    ref: edge.locators[0],
    evidence: edge.locators.map((locator) => {
      const file = /^dpi:([^#:]+)/.exec(locator)?.[1] ?? null;
      return {
        source: "IMPORT" as const,
        url: file ? `https://github.com/${DPI_REPO}/tree/main/${file.split("/").map(encodeURIComponent).join("/")}` : null,
        locator,
        // One row per pointer, the same whether the seed or an import wrote it.
        fingerprint: createHash("sha256").update([normalizeKey(edge.upstream), normalizeKey(edge.downstream), locator].join("|")).digest("hex"),
      };
    }),
  };
}

function nodeInput(node: DpiNode): NodeInput {
  return {
    key: node.key,
    displayName: node.displayName,
    domains: node.domains,
    paperUrl: node.paperUrl,
    generation: node.generation,
  };
}

/** Write DPI facts inside a transaction (the seed and the import both come here). */
export async function writeDpiFacts(tx: Tx, facts: DpiFacts, options: { actor?: string } = {}): Promise<DpiWriteReport> {
  const actor = options.actor ?? DPI_ACTOR;
  // Parents named by a Hub id or a link (not DPI entries themselves) are nodes too: those ends resolved.
  const named = new Set(facts.nodes.map((n) => normalizeKey(n.key)));
  const parents = [...new Map(facts.edges.flatMap((e) => [e.upstream, e.downstream]).filter((k) => !named.has(normalizeKey(k))).map((k) => [normalizeKey(k), k])).values()];
  const nodes = await upsertNodes(tx, [...facts.nodes.map(nodeInput), ...parents.map((key) => ({ key, kind: key.startsWith("web:") || key.startsWith("github:") ? ("EXTERNAL" as const) : null }))]);
  const licences = await writeLicences(
    tx,
    facts.nodes.flatMap((n) =>
      n.licences.map((l) => ({
        key: n.key,
        raw: l.raw,
        source: "DPI" as const,
        url: l.url ?? (n.evidence ? evidenceUrl(n.evidence.file, n.evidence.commit) : null),
        locator: n.evidence ? `dpi:${n.evidence.file}#${n.evidence.jsonKey}` : null,
      })),
    ),
  );
  // Before the merge: a stale edge running the other way would make the current one a cycle.
  const retired = await retireStaleDpiFacts(tx, facts);
  const splits = await partSplits(tx, facts.edges);
  const edges = await mergeEdges(tx, facts.edges.map((e) => edgeInput(e, actor, splits.get(`${normalizeKey(e.upstream)}\n${normalizeKey(e.downstream)}`) ?? null)));
  return {
    nodesCreated: nodes.created,
    nodesUpdated: nodes.updated,
    nodesUnchanged: nodes.unchanged,
    licencesCreated: licences.created,
    licencesUpdated: licences.updated,
    licencesUnchanged: licences.unchanged,
    edgesCreated: edges.created,
    edgesMerged: edges.updated,
    edgesUnchanged: edges.unchanged,
    evidenceAdded: edges.evidenceAdded,
    ...retired,
    skipped: edges.skipped,
  };
}

/** The DPI entry (`file#json_key`) a locator points into: `dpi:<file>#<json_key>[/<field>[<index>]]`. */
function entryOfLocator(locator: string | null): string | null {
  if (!locator?.startsWith("dpi:")) return null;
  const body = locator.slice(4);
  return /\/[^/]*\[\d+\]$/.test(body) ? body.slice(0, body.lastIndexOf("/")) : body;
}

/**
 * What an earlier reading of these same DPI entries wrote that this reading no longer says (a
 * task once read as part of the repo it was made from): removed, so re-seeding or importing
 * again corrects the store instead of keeping both. Only facts that rest wholly on entries in
 * `facts` and that nobody reviewed go; entries of another extract, reviewed edges and evidence
 * from anywhere else keep theirs.
 */
async function retireStaleDpiFacts(tx: Tx, facts: DpiFacts): Promise<{ edgesRetired: number; licencesRetired: number }> {
  const entries = new Map<string, string>();
  for (const n of facts.nodes) if (n.evidence) entries.set(`${n.evidence.file}#${n.evidence.jsonKey}`, normalizeKey(n.key));
  if (!entries.size) return { edgesRetired: 0, licencesRetired: 0 };
  const current = new Set(facts.edges.map((e) => `${normalizeKey(e.upstream)}\n${normalizeKey(e.downstream)}`));
  const candidates = await tx.edge.findMany({
    where: { origin: "DPI", status: "PROPOSED" },
    select: { id: true, upstream: { select: { keyNorm: true } }, downstream: { select: { keyNorm: true } }, evidence: { select: { locator: true } } },
  });
  const staleEdges = candidates.filter(
    (e) =>
      !current.has(`${e.upstream.keyNorm}\n${e.downstream.keyNorm}`) &&
      e.evidence.length > 0 &&
      e.evidence.every((x) => {
        const entry = entryOfLocator(x.locator);
        return entry !== null && entries.has(entry);
      }),
  );
  const licences = await tx.datasetLicence.findMany({ where: { source: "DPI" }, select: { id: true, locator: true, dataset: { select: { keyNorm: true } } } });
  const staleLicences = licences.filter((l) => {
    const entry = entryOfLocator(l.locator);
    const owner = entry === null ? undefined : entries.get(entry);
    return owner !== undefined && owner !== l.dataset.keyNorm;
  });
  const edgesRetired = staleEdges.length ? (await tx.edge.deleteMany({ where: { id: { in: staleEdges.map((e) => e.id) } } })).count : 0;
  const licencesRetired = staleLicences.length ? (await tx.datasetLicence.deleteMany({ where: { id: { in: staleLicences.map((l) => l.id) } } })).count : 0;
  return { edgesRetired, licencesRetired };
}

/**
 * DPI states where a collection's parts come from but not which split they took. When the
 * store already knows the split for the whole collection (MetaMathQA from GSM8K's training
 * split), a part's edge from the same parent took it the same way: the finer-grained edge
 * must not read as "split unknown" and undo what is known of the whole.
 */
async function partSplits(tx: Tx, edges: readonly DpiEdge[]): Promise<Map<string, Split>> {
  const repoOf = new Map<string, string>();
  for (const e of edges) if (e.kind === "part-of") repoOf.set(normalizeKey(e.upstream), normalizeKey(e.downstream));
  const wanted = edges.filter((e) => e.kind === "derived-from" && repoOf.has(normalizeKey(e.downstream)));
  const out = new Map<string, Split>();
  if (!wanted.length) return out;
  const pairs = [...new Set(wanted.map((e) => `${normalizeKey(e.upstream)}\n${repoOf.get(normalizeKey(e.downstream))}`))];
  const rows = await tx.$queryRaw<{ up: string; down: string; split: Split }[]>(Prisma.sql`
    SELECT u.key_norm AS up, d.key_norm AS down, e.split::text AS split
    FROM unnest(${pairs.map((p) => p.split("\n")[0]!)}::text[], ${pairs.map((p) => p.split("\n")[1]!)}::text[]) AS x(up, down)
    JOIN dataset u ON u.key_norm = x.up JOIN dataset d ON d.key_norm = x.down
    JOIN edge e ON e.upstream_id = u.id AND e.downstream_id = d.id
    WHERE e.split <> 'UNKNOWN' AND e.status <> 'REJECTED'`);
  const known = new Map(rows.map((r) => [`${r.up}\n${r.down}`, r.split]));
  for (const e of wanted) {
    const split = known.get(`${normalizeKey(e.upstream)}\n${repoOf.get(normalizeKey(e.downstream))}`);
    if (split) out.set(`${normalizeKey(e.upstream)}\n${normalizeKey(e.downstream)}`, split);
  }
  return out;
}

/**
 * Free names the way the store knows them: its aliases, then Hub ids whose name part is that
 * name and belongs to exactly one owner (the strict rule the tracing agent uses).
 */
export async function storeNameResolver(tx: Tx): Promise<(name: string) => string | null> {
  const [aliases, hubKeys] = await Promise.all([
    tx.alias.findMany({ select: { aliasNorm: true, dataset: { select: { key: true } } } }),
    tx.dataset.findMany({ where: { scheme: "HUB" }, select: { key: true } }),
  ]);
  // Stored aliases are already normalised, and aliasNorm of a normalised form is itself.
  return nameResolverFor({ aliases: aliases.map((a) => ({ alias: a.aliasNorm, key: a.dataset.key })), keys: hubKeys.map((k) => k.key) });
}

const readFile = readInputFile;

/** `npm run lineage -- import --format dpi DIR`: DIR holds dpi_nodes.jsonl (and dpi_edges.jsonl). */
export async function importDpiDirectory(dir: string, options: { actor?: string } = {}): Promise<DpiImportReport> {
  const started = Date.now();
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat) throw new AppError("bad_request:import", `${dir} does not exist.`);
  if (!stat.isDirectory()) throw new AppError("bad_request:import", `${dir} is not a directory.`);
  const nodes = await readFile(path.join(dir, DPI_NODES_FILE));
  if (nodes === null) throw new AppError("bad_request:import", `${dir} has no ${DPI_NODES_FILE}: a Data Provenance Collection extract holds ${DPI_NODES_FILE} (datasets) and ${DPI_EDGES_FILE} (derived-from relations).`);
  const edges = await readFile(path.join(dir, DPI_EDGES_FILE));
  return writeTransaction(async (tx) => {
    const parse = parseDpi({ nodes, edges }, { resolveName: await storeNameResolver(tx) });
    const report = await writeDpiFacts(tx, parse, options);
    return {
      ...report,
      dir,
      files: [DPI_NODES_FILE, ...(edges === null ? [] : [DPI_EDGES_FILE])],
      nodeLines: parse.stats.nodeLines,
      edgeLines: parse.stats.edgeLines,
      parseSkipped: parse.skipped,
      ms: Date.now() - started,
    };
  });
}
