import "server-only";
import { AppError } from "@/lib/errors";
import { REVIEW_STATUSES, type LineageEdge, type ReviewStatus } from "@/lib/lineage/types";
import { getDb } from "@/lib/server/db/client";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { loadEdges } from "./load";
import { checkKey } from "./params";

export type EdgeReview = { upstream: string; downstream: string; status: ReviewStatus; actor: string };

/**
 * A person's verdict on an edge: sets its status, who gave it and when, nothing else (the
 * relation, confidence and evidence stay as found). One statement, so no lock is needed: a
 * status change cannot create a cycle. Returns the edge as the explorer draws it.
 */
export async function setEdgeStatus(review: EdgeReview): Promise<LineageEdge> {
  const upstream = checkKey(review.upstream, "upstream");
  const downstream = checkKey(review.downstream, "downstream");
  if (!REVIEW_STATUSES.includes(review.status)) {
    throw new AppError("bad_request:params", `status must be one of ${REVIEW_STATUSES.join(", ")}.`, { status: review.status });
  }
  if (typeof review.actor !== "string" || !review.actor.trim()) throw new AppError("bad_request:params", "A review needs an actor.");
  const db = getDb();
  const updated = await db.$queryRaw<{ upstream_id: number; downstream_id: number }[]>(Prisma.sql`
    UPDATE edge AS e
    SET status = ${review.status}::review_status, actor = ${review.actor.trim()}, updated_at = ${new Date().toISOString()}::timestamp(3)
    FROM dataset u, dataset w
    WHERE u.key_norm = ${upstream} AND w.key_norm = ${downstream} AND e.upstream_id = u.id AND e.downstream_id = w.id
    RETURNING e.upstream_id, e.downstream_id`);
  const row = updated[0];
  if (!row) {
    throw new AppError("not_found:edge", `There is no edge from ${review.upstream} to ${review.downstream} in the store.`, {
      upstream: review.upstream,
      downstream: review.downstream,
    });
  }
  const [edge] = await loadEdges(db, [row.upstream_id, row.downstream_id], { minConfidence: 0, includeRejected: true });
  return edge!;
}
