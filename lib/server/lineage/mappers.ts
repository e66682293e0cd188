import "server-only";
import { edgeIds, nodeId } from "@/lib/lineage/ids";
import { externalUrl } from "@/lib/keys";
import type {
  CrawlState,
  Domain,
  EdgeOrigin,
  EvidenceSource,
  KeyScheme,
  LineageEdge,
  LineageEvidence,
  LineageNode,
  NodeKind,
  Relation,
  ReviewStatus,
  Split,
} from "@/lib/lineage/types";
import { Prisma } from "@/lib/server/generated/prisma/client";

/**
 * Columns every node query selects (dataset `d`, left-joined benchmark `b`). The licence is
 * every declared licence on record (Hub, DPI, people), as written. Enums and enum
 * arrays are cast to text: the drivers do not know the custom array types and would hand
 * back the raw `{A,B}` literal.
 */
export const NODE_COLUMNS = Prisma.sql`
  d.id, d.key, d.display_name, d.scheme::text AS scheme, d.kind::text AS kind,
  coalesce(d.domains::text[], '{}') AS domains, d.hub_presence::text AS hub_presence,
  d.hub_downloads, d.hub_likes, d.hub_created_at, d.release_month,
  coalesce((SELECT string_agg(DISTINCT l.raw, ', ' ORDER BY l.raw) FROM dataset_licence l WHERE l.dataset_id = d.id), d.license) AS license, d.size_category,
  coalesce(d.tags, '{}') AS tags, d.paper_url, d.crawl_state::text AS crawl_state,
  d.terminal_reason::text AS terminal_reason, d.terminal_detail,
  b.family AS benchmark_family, coalesce(b.eval_splits::text[], '{}') AS benchmark_eval_splits`;

export type NodeRow = {
  id: number;
  key: string;
  display_name: string;
  scheme: string;
  kind: string;
  domains: string[];
  hub_presence: string;
  hub_downloads: number | null;
  hub_likes: number | null;
  hub_created_at: Date | string | null;
  release_month: string | null;
  license: string | null;
  size_category: string | null;
  tags: string[];
  paper_url: string | null;
  crawl_state: string;
  terminal_reason: string | null;
  terminal_detail: string | null;
  benchmark_family: string | null;
  benchmark_eval_splits: string[];
};

/** Edge counts of a node under the request's filters; hidden = leading to nodes not in the response. */
export type NodeCounts = { upstreamCount: number; downstreamCount: number; hiddenUpstream: number; hiddenDownstream: number };

/** COUNT(*) comes back as bigint unless cast; accept either. */
export function toCount(value: number | bigint | null | undefined): number {
  return value == null ? 0 : Number(value);
}

function isoOrNull(value: Date | string | null): string | null {
  if (value == null) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function toLineageNode(row: NodeRow, counts: NodeCounts): LineageNode {
  return {
    id: nodeId(row.key),
    key: row.key,
    displayName: row.display_name,
    scheme: row.scheme as KeyScheme,
    kind: row.kind as NodeKind,
    domains: row.domains as Domain[],
    url: externalUrl(row.key),
    hubPresence: row.hub_presence as LineageNode["hubPresence"],
    hubDownloads: row.hub_downloads,
    hubLikes: row.hub_likes,
    hubCreatedAt: isoOrNull(row.hub_created_at),
    releaseMonth: row.release_month,
    license: row.license,
    sizeCategory: row.size_category,
    tags: row.tags,
    paperUrl: row.paper_url,
    crawlState: row.crawl_state as CrawlState,
    terminalReason: row.terminal_reason,
    terminalDetail: row.terminal_detail,
    benchmark: row.benchmark_family == null ? null : { family: row.benchmark_family, evalSplits: row.benchmark_eval_splits as Split[] },
    ...counts,
  };
}

export const EDGE_COLUMNS = Prisma.sql`
  e.id, u.key AS upstream, w.key AS downstream, e.relation::text AS relation, e.confidence,
  e.split::text AS split, e.status::text AS status, e.origin::text AS origin`;

export type EdgeRow = {
  id: number;
  upstream: string;
  downstream: string;
  relation: string;
  confidence: number;
  split: string;
  status: string;
  origin: string;
};

export type EvidenceRow = { edge_id: number; source: string; url: string | null; quote: string | null; locator: string | null };

export function toLineageEdge(row: EdgeRow, evidence: LineageEvidence[]): LineageEdge {
  return {
    ...edgeIds(row.upstream, row.downstream),
    upstream: row.upstream,
    downstream: row.downstream,
    relation: row.relation as Relation,
    confidence: Number(row.confidence),
    split: row.split as Split,
    status: row.status as ReviewStatus,
    origin: row.origin as EdgeOrigin,
    evidence,
  };
}

export function toLineageEvidence(row: EvidenceRow): LineageEvidence {
  return { source: row.source as EvidenceSource, url: row.url, quote: row.quote, locator: row.locator };
}
