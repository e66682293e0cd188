import "server-only";
import type { EdgeOrigin, LineageEvidence, Relation, Split } from "@/lib/lineage/types";
import { REVIEW_QUEUE, type ReviewQueue } from "@/lib/lineage/review-queue";
import { getDb } from "@/lib/server/db/client";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { toLineageEvidence } from "./mappers";

export type { QueueItem, ReviewQueue } from "@/lib/lineage/review-queue";

type Row = {
  id: number;
  upstream: string;
  upstream_name: string;
  downstream: string;
  downstream_name: string;
  relation: Relation;
  split: Split;
  confidence: number;
  origin: EdgeOrigin;
  created_at: Date;
  up_month: string | null;
  down_month: string | null;
  low: boolean;
  contradicted: boolean;
  agent: boolean;
};

const MONTH = (alias: string) => Prisma.raw(`COALESCE(to_char(${alias}.hub_created_at, 'YYYY-MM'), ${alias}.release_month)`);

/**
 * Edges that need a person, oldest first (insertion order): proposed (nobody has reviewed them) and
 *   - below the confidence threshold, or
 *   - contradicted by the dates (the dataset is dated before the source it was built from), or
 *   - proposed by the agents (machine-read evidence is never settled until a person says so).
 * Reviewed edges (accepted or rejected) leave the queue; reopening one puts it back.
 */
export async function reviewQueue({ threshold = REVIEW_QUEUE.defaultThreshold, limit = REVIEW_QUEUE.pageSize, afterId = 0 }: { threshold?: number; limit?: number; afterId?: number } = {}): Promise<ReviewQueue> {
  const db = getDb();
  const where = Prisma.sql`
    e.status = 'PROPOSED'::review_status AND (
      e.confidence < ${threshold}
      OR e.origin = 'AGENT'::edge_origin
      OR (${MONTH("w")} IS NOT NULL AND ${MONTH("u")} IS NOT NULL AND ${MONTH("w")} < ${MONTH("u")}))`;
  const [rows, counted] = await Promise.all([
    db.$queryRaw<Row[]>(Prisma.sql`
      SELECT e.id, u.key AS upstream, u.display_name AS upstream_name, w.key AS downstream, w.display_name AS downstream_name,
             e.relation::text AS relation, e.split::text AS split, e.confidence, e.origin::text AS origin, e.created_at,
             ${MONTH("u")} AS up_month, ${MONTH("w")} AS down_month,
             (e.confidence < ${threshold}) AS low,
             (${MONTH("w")} IS NOT NULL AND ${MONTH("u")} IS NOT NULL AND ${MONTH("w")} < ${MONTH("u")}) AS contradicted,
             (e.origin = 'AGENT'::edge_origin) AS agent
      FROM edge e JOIN dataset u ON u.id = e.upstream_id JOIN dataset w ON w.id = e.downstream_id
      WHERE ${where} AND e.id > ${afterId}
      ORDER BY e.id
      LIMIT ${limit}`),
    db.$queryRaw<{ n: number }[]>(Prisma.sql`
      SELECT count(*)::int AS n FROM edge e JOIN dataset u ON u.id = e.upstream_id JOIN dataset w ON w.id = e.downstream_id WHERE ${where}`),
  ]);
  const evidence = rows.length
    ? await db.$queryRaw<{ edge_id: number; source: string; url: string | null; quote: string | null; locator: string | null }[]>(Prisma.sql`
        SELECT edge_id, source::text AS source, url, quote, locator FROM evidence WHERE edge_id = ANY(${rows.map((r) => r.id)}::int[]) ORDER BY edge_id, id`)
    : [];
  const byEdge = new Map<number, LineageEvidence[]>();
  for (const row of evidence) byEdge.set(row.edge_id, [...(byEdge.get(row.edge_id) ?? []), toLineageEvidence(row as never)]);
  return {
    threshold,
    total: counted[0]?.n ?? 0,
    items: rows.map((r) => ({
      edgeId: r.id,
      upstream: r.upstream,
      upstreamName: r.upstream_name,
      downstream: r.downstream,
      downstreamName: r.downstream_name,
      relation: r.relation,
      split: r.split,
      confidence: r.confidence,
      origin: r.origin,
      createdAt: r.created_at.toISOString(),
      reasons: [...(r.low ? (["low-confidence"] as const) : []), ...(r.contradicted ? (["date-contradiction"] as const) : []), ...(r.agent ? (["agent-proposed"] as const) : [])],
      upstreamMonth: r.up_month,
      downstreamMonth: r.down_month,
      evidence: byEdge.get(r.id) ?? [],
    })),
  };
}
