import "server-only";

/**
 * Contamination flags from the store, computed on request by the pure rules in
 * lib/contamination (so a new edge, an import or a rejected edge changes them at once: no
 * flag is ever stale). A dataset's flags need only its ancestors; the whole-graph overview is
 * cached per graph version (edge, statement and registry counts and last changes).
 */
import { computeContamination, severityRank } from "@/lib/contamination/compute";
import { downstreamFamilies, summarizeByBenchmark } from "@/lib/contamination/summary";
import type { ContaminationBenchmark, ContaminationFlag, ContaminationInput, ContaminationOverview, Decontamination, Severity } from "@/lib/contamination/types";
import { AppError } from "@/lib/errors";
import { normalizeKey } from "@/lib/keys";
import type { LineageEdge } from "@/lib/lineage/types";
import { getDb } from "@/lib/server/db/client";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { loadEdges } from "@/lib/server/lineage/load";
import { findNode, MAX_WALK_DEPTH } from "@/lib/server/lineage/params";
import { walkCte } from "@/lib/server/lineage/traverse";

const LIVE = { minConfidence: 0, includeRejected: false } as const;

async function registry(): Promise<ContaminationBenchmark[]> {
  const rows = await getDb().benchmark.findMany({ select: { family: true, evalSplits: true, dataset: { select: { key: true } } } });
  return rows.map((r) => ({ key: r.dataset.key, family: r.family, evalSplits: r.evalSplits }));
}

async function statements(datasetIds?: number[]): Promise<Decontamination[]> {
  const rows = await getDb().decontamination.findMany({
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

function asInput(edges: LineageEdge[], benchmarks: ContaminationBenchmark[], decontaminations: Decontamination[]): ContaminationInput {
  return {
    edges: edges.map((e) => ({ upstream: e.upstream, downstream: e.downstream, relation: e.relation, confidence: e.confidence, split: e.split, status: e.status, evidence: e.evidence })),
    benchmarks,
    decontaminations,
  };
}

export type DatasetContamination = {
  dataset: string;
  flags: (Omit<ContaminationFlag, "paths"> & {
    /** Node keys in order, benchmark first. */
    paths: string[][];
    /** Each path's edges with their evidence, and the decontamination that mitigates it. */
    details: ContaminationFlag["paths"];
    /** Every edge on the listed paths, once, with its evidence. */
    evidence: { upstream: string; downstream: string; relation: string; split: string; confidence: number; evidence: LineageEdge["evidence"] }[];
  })[];
};

/** The benchmarks whose data reaches this dataset, how, and on what evidence. */
export async function getDatasetContamination(params: { key: string; maxPaths?: number }): Promise<DatasetContamination> {
  const db = getDb();
  const start = await findNode(db, params.key);
  const ancestors = await db.$queryRaw<{ id: number }[]>(Prisma.sql`
    WITH RECURSIVE ${walkCte("walk", start.id, "up", MAX_WALK_DEPTH, LIVE)}
    SELECT DISTINCT id FROM walk`);
  const ids = ancestors.map((a) => a.id);
  const [edges, benchmarks, decontaminations] = await Promise.all([loadEdges(db, ids, LIVE), registry(), statements(ids)]);
  const flags = computeContamination(asInput(edges, benchmarks, decontaminations), { datasets: [start.key], maxPaths: params.maxPaths ?? 3 });
  return {
    dataset: start.key,
    flags: flags
      .filter((f) => normalizeKey(f.dataset) === normalizeKey(start.key))
      .map((f) => {
        const seen = new Set<string>();
        const evidence = f.paths.flatMap((p) => p.steps).filter((s) => {
          const id = `${normalizeKey(s.upstream)}\n${normalizeKey(s.downstream)}`;
          return seen.has(id) ? false : (seen.add(id), true);
        });
        return {
          ...f,
          paths: f.paths.map((p) => p.keys),
          details: f.paths,
          evidence: evidence.map((s) => ({ upstream: s.upstream, downstream: s.downstream, relation: s.relation, split: s.split, confidence: s.confidence, evidence: s.evidence })),
        };
      }),
  };
}

type Snapshot = { version: string; input: ContaminationInput; flags: ContaminationFlag[]; computeMs: number; names: Map<string, string> };
const globalForFlags = globalThis as unknown as { __rootlineContamination?: Snapshot };

/**
 * A fingerprint of everything flags depend on: each edge's ends, split and review status,
 * the statements, the registry. Cheap next to recomputing (one scan), and exact: raw-SQL
 * writers that leave updated_at alone still change it.
 */
async function graphVersion(): Promise<string> {
  const [row] = await getDb().$queryRaw<{ v: string }[]>(Prisma.sql`
    SELECT concat_ws('|',
      (SELECT md5(coalesce(string_agg(concat_ws(':', upstream_id, downstream_id, split, status), ',' ORDER BY id), '')) FROM edge),
      (SELECT count(*) FROM decontamination), (SELECT max(id) FROM decontamination),
      (SELECT md5(coalesce(string_agg(concat_ws(':', dataset_id, family, eval_splits::text), ',' ORDER BY dataset_id), '')) FROM benchmark)) AS v`);
  return row?.v ?? "";
}

/** Every flag of the whole graph (paths left out), cached until the graph changes. */
async function wholeGraph(): Promise<Snapshot> {
  const version = await graphVersion();
  const cached = globalForFlags.__rootlineContamination;
  if (cached?.version === version) return cached;
  const db = getDb();
  const idRows = await db.dataset.findMany({ select: { id: true, key: true, displayName: true } });
  const [edges, benchmarks, decontaminations] = await Promise.all([loadEdges(db, idRows.map((r) => r.id), LIVE), registry(), statements()]);
  const input = asInput(edges, benchmarks, decontaminations);
  const started = performance.now();
  const flags = computeContamination(input, { maxPaths: 0 });
  const snapshot: Snapshot = { version, input, flags, computeMs: Math.round((performance.now() - started) * 10) / 10, names: new Map(idRows.map((r) => [normalizeKey(r.key), r.displayName])) };
  globalForFlags.__rootlineContamination = snapshot;
  return snapshot;
}

export async function getContaminationOverview(): Promise<ContaminationOverview> {
  const { flags, input, computeMs, names } = await wholeGraph();
  const nameOf = (key: string) => names.get(normalizeKey(key)) ?? key;
  return {
    computedAt: new Date().toISOString(),
    computeMs,
    benchmarks: summarizeByBenchmark(flags, input.benchmarks),
    rows: flags.map((f) => ({ dataset: f.dataset, datasetName: nameOf(f.dataset), benchmark: f.benchmark, family: f.family, severity: f.severity, distance: f.distance })),
    families: downstreamFamilies(flags).map((f) => ({ ...f, viaName: nameOf(f.via) })),
  };
}

export type BenchmarkReachList = { benchmark: string; family: string; datasets: { dataset: string; severity: Severity; distance: number }[] };

/** Every dataset a registered benchmark reaches, worst first, then nearest. */
export async function getBenchmarkReach(params: { benchmark: string }): Promise<BenchmarkReachList> {
  const { flags, input } = await wholeGraph();
  const benchmark = input.benchmarks.find((b) => normalizeKey(b.key) === normalizeKey(params.benchmark));
  if (!benchmark) {
    const known = input.benchmarks.map((b) => b.key).slice(0, 30).join(", ");
    throw new AppError("not_found:dataset", `${params.benchmark} is not a registered benchmark. ${known ? `Registered: ${known}.` : "No benchmark is registered yet."}`);
  }
  const datasets = flags
    .filter((f) => normalizeKey(f.benchmark) === normalizeKey(benchmark.key))
    .map((f) => ({ dataset: f.dataset, severity: f.severity, distance: f.distance }))
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.distance - b.distance || a.dataset.localeCompare(b.dataset));
  return { benchmark: benchmark.key, family: benchmark.family, datasets };
}

/** Worst flag per dataset among `keys` (the explorer marks nodes with it). */
export async function worstSeverities(params: { keys: string[] }): Promise<Record<string, { severity: Severity; benchmarks: string[] }>> {
  const { flags } = await wholeGraph();
  const wanted = new Set(params.keys.map(normalizeKey));
  const out: Record<string, { severity: Severity; benchmarks: string[] }> = {};
  for (const f of flags) {
    const k = normalizeKey(f.dataset);
    if (!wanted.has(k)) continue;
    const prev = out[k];
    if (!prev || severityRank(f.severity) < severityRank(prev.severity)) out[k] = { severity: f.severity, benchmarks: [f.benchmark] };
    else if (prev.severity === f.severity) prev.benchmarks.push(f.benchmark);
  }
  return out;
}
