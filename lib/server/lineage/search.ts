import "server-only";
import { AppError } from "@/lib/errors";
import type { DatasetSummary, Domain, LineageNode, NodeKind, Split } from "@/lib/lineage/types";
import { NODE_KINDS } from "@/lib/lineage/types";
import type { UnresolvedMentionView } from "@/lib/lineage/unresolved";
import { listMentions } from "@/lib/server/agents/mentions";
import { getDb } from "@/lib/server/db/client";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { loadNodes } from "./load";
import { toCount } from "./mappers";
import { edgeCondition, findNode, intParam, resolveFilter, type EdgeFilter, type ResolvedFilter } from "./params";
import { matchCandidates } from "./search-match";

export type { DatasetSummary };
export { escapeLike } from "./search-match";

type SummaryRow = {
  key: string;
  display_name: string;
  kind: string;
  domains: string[];
  hub_downloads: number | null;
  up_count: number | bigint;
  down_count: number | bigint;
  alias: string | null;
};

export const MAX_SEARCH_LIMIT = 100;
const MAX_QUERY_LENGTH = 200;

function toSummary(row: SummaryRow): DatasetSummary {
  return {
    key: row.key,
    displayName: row.display_name,
    kind: row.kind as NodeKind,
    domains: row.domains as Domain[],
    hubDownloads: row.hub_downloads,
    upstreamCount: toCount(row.up_count),
    downstreamCount: toCount(row.down_count),
    ...(row.alias == null ? {} : { matchedAlias: row.alias }),
  };
}

/**
 * Rank the datasets in CTE `candidates(id, rank, alias)` — lower rank first, then most
 * edges (under the filter), then most Hub downloads — and return the top `limit` summaries.
 */
function rankedSummaries(candidates: Prisma.Sql, filter: ResolvedFilter, limit: number): Prisma.Sql {
  return Prisma.sql`
    WITH candidates AS (${candidates}),
    ups AS (
      SELECT e.downstream_id AS id, count(*)::int AS n FROM edge e
      WHERE e.downstream_id IN (SELECT id FROM candidates) AND ${edgeCondition("e", filter)} GROUP BY e.downstream_id
    ),
    downs AS (
      SELECT e.upstream_id AS id, count(*)::int AS n FROM edge e
      WHERE e.upstream_id IN (SELECT id FROM candidates) AND ${edgeCondition("e", filter)} GROUP BY e.upstream_id
    )
    SELECT d.key, d.display_name, d.kind::text AS kind, coalesce(d.domains::text[], '{}') AS domains, d.hub_downloads,
      coalesce(ups.n, 0) AS up_count, coalesce(downs.n, 0) AS down_count, c.alias
    FROM candidates c
    JOIN dataset d ON d.id = c.id
    LEFT JOIN ups ON ups.id = d.id
    LEFT JOIN downs ON downs.id = d.id
    ORDER BY c.rank, coalesce(ups.n, 0) + coalesce(downs.n, 0) DESC, d.hub_downloads DESC NULLS LAST, d.key_norm
    LIMIT ${limit}::int`;
}

export type SearchQuery = { q: string; limit?: number } & EdgeFilter;

/**
 * Datasets whose key, display name or an alias match `q` (see matchCandidates): the best
 * match first, then the most connected and most downloaded. Empty `q` lists the most
 * connected datasets.
 */
export async function searchDatasets(query: SearchQuery): Promise<DatasetSummary[]> {
  if (typeof query.q !== "string") throw new AppError("bad_request:params", "q must be a string.", { q: query.q });
  const limit = intParam("limit", query.limit ?? 20, 1, MAX_SEARCH_LIMIT);
  const filter = resolveFilter(query);
  const q = query.q.trim().toLowerCase().slice(0, MAX_QUERY_LENGTH);
  if (!q) return topDatasets({ limit, minConfidence: filter.minConfidence, includeRejected: filter.includeRejected });
  const rows = await getDb().$queryRaw<SummaryRow[]>(rankedSummaries(matchCandidates(q), filter, limit));
  return rows.map(toSummary);
}

export type TopQuery = { limit?: number; kind?: NodeKind } & EdgeFilter;

/** The most connected datasets (most edges, then most downloads), optionally of one kind. */
export async function topDatasets(query: TopQuery = {}): Promise<DatasetSummary[]> {
  const limit = intParam("limit", query.limit ?? 20, 1, MAX_SEARCH_LIMIT);
  const filter = resolveFilter(query);
  const { kind } = query;
  if (kind !== undefined && !NODE_KINDS.includes(kind)) {
    throw new AppError("bad_request:params", `kind must be one of ${NODE_KINDS.join(", ")}.`, { kind });
  }
  const candidates = Prisma.sql`
    SELECT d.id, 0 AS rank, NULL::text AS alias FROM dataset d
    ${kind ? Prisma.sql`WHERE d.kind::text = ${kind}` : Prisma.empty}`;
  const rows = await getDb().$queryRaw<SummaryRow[]>(rankedSummaries(candidates, filter, limit));
  return rows.map(toSummary);
}

export type DatasetDetail = LineageNode & { aliases: string[]; unresolvedMentions: UnresolvedMentionView[] };

/**
 * One node, mapped as in getLineage (its hidden counts equal its edge counts), with its aliases
 * and the upstream names its texts give that are no node (unresolved mentions).
 */
export async function getDataset(query: { key: string } & EdgeFilter): Promise<DatasetDetail> {
  const filter = resolveFilter(query);
  const db = getDb();
  const stored = await findNode(db, query.key);
  const nodes = await loadNodes(db, [stored.id], filter);
  const aliases = await db.$queryRaw<{ alias: string }[]>(
    Prisma.sql`SELECT alias FROM alias WHERE dataset_id = ${stored.id}::int ORDER BY lower(alias), alias`,
  );
  const unresolvedMentions = await listMentions({ datasetId: stored.id });
  return { ...nodes.get(stored.id)!, aliases: aliases.map((row) => row.alias), unresolvedMentions };
}

export type BenchmarkSummary = {
  key: string;
  displayName: string;
  family: string;
  evalSplits: Split[];
  /** Datasets built directly from the benchmark. */
  downstreamCount: number;
  /** Datasets built from it at any distance. */
  descendantCount: number;
};

/** Every benchmark with its family and how much was built from it (under the filter). */
export async function listBenchmarks(query: EdgeFilter = {}): Promise<BenchmarkSummary[]> {
  const filter = resolveFilter(query);
  // Reachability only (no depth column), so UNION alone makes the walk finite.
  const rows = await getDb().$queryRaw<
    { key: string; display_name: string; family: string; eval_splits: string[]; downstream_count: number | bigint; descendant_count: number | bigint }[]
  >(Prisma.sql`
    WITH RECURSIVE reach(bench_id, id) AS (
      SELECT dataset_id, dataset_id FROM benchmark
      UNION
      SELECT r.bench_id, e.downstream_id FROM reach r JOIN edge e ON e.upstream_id = r.id
      WHERE ${edgeCondition("e", filter)}
    )
    SELECT d.key, d.display_name, b.family, coalesce(b.eval_splits::text[], '{}') AS eval_splits,
      (SELECT count(*)::int FROM edge e WHERE e.upstream_id = d.id AND ${edgeCondition("e", filter)}) AS downstream_count,
      (SELECT count(*)::int FROM reach r WHERE r.bench_id = d.id AND r.id <> d.id) AS descendant_count
    FROM benchmark b JOIN dataset d ON d.id = b.dataset_id
    ORDER BY lower(b.family), d.key_norm`);
  return rows.map((row) => ({
    key: row.key,
    displayName: row.display_name,
    family: row.family,
    evalSplits: row.eval_splits as Split[],
    downstreamCount: toCount(row.downstream_count),
    descendantCount: toCount(row.descendant_count),
  }));
}
