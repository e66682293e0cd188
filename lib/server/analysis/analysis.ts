import "server-only";

/**
 * The lineage analyses over the store (lib/analysis holds the pure computations). The graph
 * and what every node reaches are built once per graph version and cached, like the
 * contamination overview: a review, trace or import changes the version, so nothing is stale.
 * Every answer says which edges it used (live edges: proposed and accepted, never rejected).
 */
import { buildAnalysisGraph, isOnHub, nodeIndex, ancestorsOf, type AnalysisGraph } from "@/lib/analysis/graph";
import { structuralPatterns, type Patterns } from "@/lib/analysis/patterns";
import { computeReach, type Reach } from "@/lib/analysis/reach";
import { datasetRedundancy, redundancyRanking, type Redundancy, type RedundancyRank } from "@/lib/analysis/redundancy";
import { samplingPlan, SamplingError, type SamplingPlan, type SamplingRequest } from "@/lib/analysis/sampling";
import { lineageSimilarity, mostSimilar, type SimilarDataset, type SimilarityResult } from "@/lib/analysis/similarity";
import { evalSetLabel } from "@/lib/contamination/types";
import { spanText } from "@/lib/contamination/dates";
import { AppError } from "@/lib/errors";
import { normalizeKey } from "@/lib/keys";
import type { Relation } from "@/lib/lineage/types";
import { getDb } from "@/lib/server/db/client";
import { versionedCache } from "@/lib/server/db/versioned-cache";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { checkKey } from "@/lib/server/lineage/params";
import { loadRegistry } from "@/lib/server/lineage/registry";
import { graphVersion } from "../contamination/contamination-inputs";
import { getContaminationOverview } from "../contamination/contamination";

/** What every analysis answer says about the edges it counted. */
export type EdgesUsed = { used: number; rule: string };
export const EDGE_RULE = "live edges: proposed and accepted ones; rejected edges never count";

type Snapshot = { version: string; graph: AnalysisGraph; reach: Reach; builtMs: number; edgesUsed: EdgesUsed };

type NodeRow = { key: string; display_name: string; kind: "DATASET" | "BENCHMARK" | "EXTERNAL"; domains: string[]; hub_presence: "UNKNOWN" | "EXISTS" | "MISSING"; scheme: string; hub_downloads: number | null };
type EdgeRow = { upstream: string; downstream: string; relation: Relation };

async function build(version: string): Promise<Snapshot> {
  const db = getDb();
  const [nodes, edges] = await Promise.all([
    db.$queryRaw<NodeRow[]>(Prisma.sql`SELECT key, display_name, kind::text AS kind, domains::text[] AS domains, hub_presence::text AS hub_presence, scheme::text AS scheme, hub_downloads FROM dataset`),
    db.$queryRaw<EdgeRow[]>(Prisma.sql`
      SELECT u.key AS upstream, d.key AS downstream, e.relation::text AS relation
      FROM edge e JOIN dataset u ON u.id = e.upstream_id JOIN dataset d ON d.id = e.downstream_id
      WHERE e.status <> 'REJECTED'`),
  ]);
  const started = performance.now();
  const graph = buildAnalysisGraph({
    nodes: nodes.map((n) => ({
      key: n.key,
      kind: n.kind,
      domains: n.domains as never,
      onHub: isOnHub(n.key, n.hub_presence, n.scheme as never),
      displayName: n.display_name,
      hubDownloads: n.hub_downloads,
    })),
    edges,
  });
  const reach = computeReach(graph);
  return { version, graph, reach, builtMs: Math.round(performance.now() - started), edgesUsed: { used: graph.up.length, rule: EDGE_RULE } };
}

/** The analysis graph of the store as it is now (built once per graph version, shared by concurrent callers). */
const snapshotAt = versionedCache("analysis", build);

export async function analysisSnapshot(): Promise<Snapshot> {
  return snapshotAt(await graphVersion(getDb()));
}

/** The graph indices of `keys`; 404 naming every key the store does not hold (400 for malformed ones). */
function indicesOf(graph: AnalysisGraph, keys: readonly string[]): number[] {
  for (const key of keys) checkKey(key);
  const missing = keys.filter((k) => nodeIndex(graph, k) === undefined);
  if (missing.length) throw new AppError("not_found:dataset", `Not in the store: ${missing.join(", ")}.`, { keys: missing });
  return keys.map((k) => nodeIndex(graph, k)!);
}

export type PatternsAnswer = Patterns & { edges: EdgesUsed; computeMs: number };

export async function getPatterns(): Promise<PatternsAnswer> {
  const { graph, reach, edgesUsed } = await analysisSnapshot();
  const started = performance.now();
  const patterns = structuralPatterns(graph, reach);
  return { ...patterns, edges: edgesUsed, computeMs: Math.round((performance.now() - started) * 10) / 10 };
}

export type DatasetMeasures = { dataset: string; depth: number; fanIn: number; roots: string[]; ancestors: number; edges: EdgesUsed };

/** Depth, fan-in, roots and ancestor count of one dataset (the panel's numbers). */
export async function getDatasetMeasures(params: { key: string }): Promise<DatasetMeasures> {
  const { graph, reach, edgesUsed } = await analysisSnapshot();
  const [v] = indicesOf(graph, [params.key]);
  const { order } = ancestorsOf(graph, v!);
  const roots = order.filter((u) => reach.isRoot[u]).map((u) => graph.keys[u]!).sort((a, b) => normalizeKey(a).localeCompare(normalizeKey(b)));
  return { dataset: graph.keys[v!]!, depth: reach.depth[v!]!, fanIn: reach.fanIn[v!]!, roots, ancestors: order.length, edges: edgesUsed };
}

export async function getDatasetRedundancy(params: { key: string }): Promise<Redundancy & { edges: EdgesUsed }> {
  const { graph, edgesUsed } = await analysisSnapshot();
  const [v] = indicesOf(graph, [params.key]);
  return { ...datasetRedundancy(graph, graph.keys[v!]!)!, edges: edgesUsed };
}

export async function getRedundancyRanking(params: { limit: number }): Promise<{ datasets: RedundancyRank[]; edges: EdgesUsed }> {
  const { graph, reach, edgesUsed } = await analysisSnapshot();
  return { datasets: redundancyRanking(graph, reach, { limit: params.limit }), edges: edgesUsed };
}

export async function getSimilarity(params: { keys: string[] }): Promise<SimilarityResult & { edges: EdgesUsed }> {
  const { graph, reach, edgesUsed } = await analysisSnapshot();
  const indices = indicesOf(graph, params.keys);
  const keys = [...new Set(indices)].map((v) => graph.keys[v]!);
  if (keys.length < 2) throw new AppError("bad_request:params", "d must name at least 2 different datasets.");
  return { ...lineageSimilarity(graph, reach, keys), edges: edgesUsed };
}

export async function getMostSimilar(params: { key: string; limit: number }): Promise<{ dataset: string; similar: SimilarDataset[]; edges: EdgesUsed }> {
  const { graph, reach, edgesUsed } = await analysisSnapshot();
  const [v] = indicesOf(graph, [params.key]);
  return { dataset: graph.keys[v!]!, similar: mostSimilar(graph, reach, graph.keys[v!]!, { limit: params.limit }), edges: edgesUsed };
}

/**
 * A root-anchored sampling plan. Roots that host an evaluation set, hold benchmark items
 * (the AIME competition) or carry a CONTAMINATED flag are skipped, with the reason.
 */
export async function getSamplingPlan(request: SamplingRequest): Promise<SamplingPlan & { edges: EdgesUsed }> {
  const { graph, edgesUsed } = await analysisSnapshot();
  if (request.candidates) indicesOf(graph, request.candidates);
  const [registry, overview] = await Promise.all([loadRegistry(getDb()), getContaminationOverview()]);
  const evalHosts = new Map<string, string>();
  for (const set of registry.evalSets) {
    const key = normalizeKey(set.key);
    evalHosts.set(key, evalHosts.has(key) ? `${evalHosts.get(key)}, ${evalSetLabel(set)}` : evalSetLabel(set));
  }
  const holders = new Map(registry.holdings.map((h) => [normalizeKey(h.key), `${h.family} items ${spanText(h.window)}`]));
  const contaminated = new Set(overview.rows.filter((r) => r.severity === "CONTAMINATED").map((r) => normalizeKey(r.dataset)));
  try {
    return { ...samplingPlan(graph, request, { contaminated, evalHosts, holders }), edges: edgesUsed };
  } catch (error) {
    if (error instanceof SamplingError) throw new AppError("bad_request:body", `${error.field}: ${error.message}`, { field: error.field });
    throw error;
  }
}
