import "server-only";

/**
 * What the contamination rules read from the store: live edges, the registry (evaluation
 * sets and holdings), node kinds and creation months, decontamination statements and
 * measured overlaps, plus a fingerprint of all of it for the whole-graph cache.
 */
import { createdMonth, withoutContradictedDates } from "@/lib/contamination/dates";
import type { ContaminationInput, ContaminationNode, Decontamination, Measurement } from "@/lib/contamination/types";
import { DEFAULT_OVERLAP_THRESHOLD } from "@/lib/contamination/measured";
import { normalizeKey } from "@/lib/keys";
import { nodeId } from "@/lib/lineage/ids";
import type { LineageEdge } from "@/lib/lineage/types";
import type { Db } from "@/lib/server/db/client";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { loadEdges } from "@/lib/server/lineage/load";
import { loadRegistry } from "@/lib/server/lineage/registry";
import { writeGeneration } from "@/lib/server/db/write-watch";

export const LIVE = { minConfidence: 0, includeRejected: false } as const;

/**
 * The overlap (fraction of a dataset's samples) from which a measurement counts as
 * contamination: ROOTLINE_OVERLAP_THRESHOLD, default 1 %. A value outside (0, 1] is refused
 * loudly once and the default used, rather than silently flagging everything or nothing.
 */
export function overlapThreshold(): number {
  const raw = process.env.ROOTLINE_OVERLAP_THRESHOLD;
  if (raw === undefined || raw.trim() === "") return DEFAULT_OVERLAP_THRESHOLD;
  const value = Number(raw);
  if (Number.isFinite(value) && value > 0 && value <= 1) return value;
  if (!warned) console.warn(`[rootline] ROOTLINE_OVERLAP_THRESHOLD=${raw} is not a fraction in (0, 1]; using ${DEFAULT_OVERLAP_THRESHOLD}.`);
  warned = true;
  return DEFAULT_OVERLAP_THRESHOLD;
}
let warned = false;

export type NodeFacts = ContaminationNode & { id: number; name: string };

/** Kinds, names and creation months of the nodes `ids` (every node when omitted). */
export async function loadNodeFacts(db: Db, ids?: number[]): Promise<NodeFacts[]> {
  const rows = await db.dataset.findMany({
    where: ids ? { id: { in: ids } } : undefined,
    select: { id: true, key: true, displayName: true, kind: true, hubCreatedAt: true, releaseMonth: true, paperUrl: true },
  });
  return rows.map((r) => ({ id: r.id, key: r.key, name: r.displayName, kind: r.kind, created: createdMonth({ hubCreatedAt: r.hubCreatedAt?.toISOString() ?? null, releaseMonth: r.releaseMonth, paperUrl: r.paperUrl }) }));
}

export async function loadStatements(db: Db, datasetIds?: number[]): Promise<Decontamination[]> {
  const rows = await db.decontamination.findMany({
    where: datasetIds ? { datasetId: { in: datasetIds } } : undefined,
    select: { source: true, url: true, quote: true, dataset: { select: { key: true } }, target: { select: { key: true } } },
    orderBy: { id: "asc" },
  });
  const byPair = new Map<string, Decontamination>();
  for (const r of rows) {
    const id = `${normalizeKey(r.dataset.key)}\n${normalizeKey(r.target.key)}`;
    const entry = byPair.get(id) ?? { dataset: r.dataset.key, benchmark: r.target.key, evidence: [] };
    entry.evidence.push({ source: r.source, url: r.url, quote: r.quote, locator: null });
    byPair.set(id, entry);
  }
  return [...byPair.values()];
}

export async function loadMeasurements(db: Db, datasetIds?: number[]): Promise<Measurement[]> {
  const rows = await db.overlapMeasurement.findMany({
    where: datasetIds ? { datasetId: { in: datasetIds } } : undefined,
    select: { evalSetId: true, split: true, overlap: true, method: true, url: true, dataset: { select: { key: true } } },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({ dataset: r.dataset.key, evalSet: r.evalSetId, split: r.split, overlap: r.overlap, method: r.method, url: r.url }));
}

export function toContaminationEdges(edges: LineageEdge[]): ContaminationInput["edges"] {
  return edges.map((e) => ({ upstream: e.upstream, downstream: e.downstream, relation: e.relation, confidence: e.confidence, split: e.split, status: e.status, evidence: e.evidence }));
}

/** Everything the rules need about the nodes `ids` (and every registered host and holding). */
export async function loadInput(db: Db, ids: number[] | null): Promise<{ input: ContaminationInput; nodes: NodeFacts[] }> {
  const [registry, nodes, statements] = await Promise.all([loadRegistry(db), loadNodeFacts(db, ids ?? undefined), loadStatements(db, ids ?? undefined)]);
  const edgeIds = ids ?? nodes.map((n) => n.id);
  const edges = await loadEdges(db, edgeIds, LIVE);
  // `ids` is a dataset and its ancestors (or everything): every source's date the check needs is here.
  const bounded = withoutContradictedDates(new Map(nodes.map((n) => [nodeId(n.key), n.created ?? null] as const)), edges.map((e) => ({ upstream: e.upstreamId, downstream: e.downstreamId })));
  const dated = nodes.map((n) => ({ ...n, created: bounded.get(nodeId(n.key)) ?? null }));
  return { input: { edges: toContaminationEdges(edges), evalSets: registry.evalSets, holdings: registry.holdings, nodes: dated, decontaminations: statements }, nodes: dated };
}

/**
 * A fingerprint of everything flags and analyses depend on: each edge's ends, split and review
 * status, node kinds and dates, the statements, the registry, the measurements and the licences. One scan, and
 * exact: raw-SQL writers that leave updated_at alone still change it.
 */
export async function graphVersion(db: Db): Promise<string> {
  // The scan reads every edge, node and licence: on the embedded store that is most of an
  // expansion's request. Reuse the last answer while this process has written nothing since,
  // for at most VERSION_TRUST_MS (writes from other processes — a CLI or worker on PostgreSQL —
  // show within that).
  const memo = versionMemo.get(db);
  const generation = writeGeneration();
  if (memo && memo.generation === generation && Date.now() - memo.at < VERSION_TRUST_MS) return memo.version;
  // Callers that miss together share one scan (on the 100k-node store it costs PostgreSQL
  // ~0.3 s: while a crawl writes, every request missed at once and the scans saturated it).
  // A scan started before this process's own latest write is not shared: it may not see it.
  const running = versionScans.get(db);
  if (running && running.generation === generation) return running.promise;
  const at = Date.now();
  const promise = scanVersion(db)
    .then((version) => {
      versionMemo.set(db, { version, generation, at });
      return version;
    })
    .finally(() => {
      if (versionScans.get(db)?.promise === promise) versionScans.delete(db);
    });
  versionScans.set(db, { generation, promise });
  return promise;
}

/** How long a fingerprint is trusted when this process has written nothing since it was taken. */
export const VERSION_TRUST_MS = 2_000;
const versionMemo = new WeakMap<Db, { version: string; generation: number; at: number }>();
const versionScans = new WeakMap<Db, { generation: number; promise: Promise<string> }>();

async function scanVersion(db: Db): Promise<string> {
  const [row] = await db.$queryRaw<{ v: string }[]>(Prisma.sql`
    SELECT concat_ws('|',
      (SELECT md5(coalesce(string_agg(concat_ws(':', upstream_id, downstream_id, split, status), ',' ORDER BY id), '')) FROM edge),
      (SELECT md5(coalesce(string_agg(concat_ws(':', id, kind, hub_created_at, release_month, paper_url), ',' ORDER BY id), '')) FROM dataset),
      (SELECT count(*) FROM decontamination), (SELECT max(id) FROM decontamination),
      (SELECT md5(coalesce(string_agg(concat_ws(':', id, dataset_id, family, eval_splits::text, items_from, items_to), ',' ORDER BY id), '')) FROM eval_set),
      (SELECT md5(coalesce(string_agg(concat_ws(':', dataset_id, family, eval_splits::text, items_from, items_to), ',' ORDER BY id), '')) FROM item_holding),
      (SELECT md5(coalesce(string_agg(concat_ws(':', id, dataset_id, eval_set_id, split, overlap), ',' ORDER BY id), '')) FROM overlap_measurement),
      (SELECT md5(coalesce(string_agg(concat_ws(':', dataset_id, licence_id, raw), ',' ORDER BY id), '')) FROM dataset_licence),
      ${String(overlapThreshold())}::text) AS v`);
  return row?.v ?? "";
}
