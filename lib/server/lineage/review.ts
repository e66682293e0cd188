import "server-only";
import { AppError } from "@/lib/errors";
import { normalizeKey } from "@/lib/keys";
import type { LineageEdge, Relation, ReviewStatus, Split } from "@/lib/lineage/types";
import type { EdgeReviewAction, EdgeFacts, EdgeReviewEntry } from "@/lib/lineage/reviews";
import { getDb } from "@/lib/server/db/client";
import { loadEdges } from "./load";
import { checkKey } from "./params";
import { mergeEdges, writeTransaction, type Tx } from "./write";

/** Who reviews: an account (userId) or the single-user install (userId null). */
export type Reviewer = { userId: string | null; name: string };

export type ReviewInput = {
  upstream: string;
  downstream: string;
  action: Exclude<EdgeReviewAction, "add">;
  relation?: Relation;
  split?: Split;
  note?: string | null;
  reviewer: Reviewer;
};

const STATUS_AFTER: Record<ReviewInput["action"], ReviewStatus | null> = { accept: "ACCEPTED", reject: "REJECTED", reopen: "PROPOSED", edit: "ACCEPTED" };

/** The data layer's own guard (route schemas check first): well-formed keys and a named reviewer. */
function checkInput(input: { upstream: string; downstream: string; reviewer: Reviewer }): void {
  checkKey(input.upstream, "upstream");
  checkKey(input.downstream, "downstream");
  if (typeof input.reviewer?.name !== "string" || !input.reviewer.name.trim()) throw new AppError("bad_request:params", "A review needs a reviewer.");
}

function notFound(upstream: string, downstream: string): AppError {
  return new AppError("not_found:edge", `There is no edge from ${upstream} to ${downstream} in the store.`, { upstream, downstream });
}

async function edgeByKeys(tx: Tx, upstream: string, downstream: string) {
  const [up, down] = await Promise.all(
    [upstream, downstream].map((key) => tx.dataset.findUnique({ where: { keyNorm: normalizeKey(key) }, select: { id: true, key: true } })),
  );
  if (!up || !down) return null;
  const edge = await tx.edge.findUnique({ where: { upstreamId_downstreamId: { upstreamId: up.id, downstreamId: down.id } } });
  return edge ? { edge, up, down } : null;
}

const facts = (e: { status: ReviewStatus; relation: Relation; split: Split; confidence: number }): EdgeFacts => ({
  status: e.status,
  relation: e.relation,
  split: e.split,
  confidence: e.confidence,
});

async function drawn(edgeIds: [number, number]): Promise<LineageEdge> {
  const [edge] = await loadEdges(getDb(), edgeIds, { minConfidence: 0, includeRejected: true });
  return edge!;
}

/**
 * A person's verdict on an edge, with an optional note: accept, reject, reopen (back to
 * proposed), or edit its relation or split (an edit is also an acceptance). The edge and its
 * history row change in one transaction. A rejected edge stays rejected whatever later runs and
 * imports claim (lib/server/lineage/write.ts mergedFacts): only a person reopens it.
 */
export async function reviewEdge(input: ReviewInput): Promise<{ edge: LineageEdge; review: EdgeReviewEntry }> {
  checkInput(input);
  if (!Object.hasOwn(STATUS_AFTER, input.action)) throw new AppError("bad_request:params", `action must be one of ${Object.keys(STATUS_AFTER).join(", ")}.`);
  if (input.action === "edit" && !input.relation && !input.split) {
    throw new AppError("bad_request:body", "An edit needs a new relation or split.");
  }
  const ids = await writeTransaction(async (tx) => {
    const found = await edgeByKeys(tx, input.upstream, input.downstream);
    if (!found) throw notFound(input.upstream, input.downstream);
    const before = facts(found.edge);
    const after: EdgeFacts = {
      ...before,
      status: STATUS_AFTER[input.action] ?? before.status,
      relation: input.action === "edit" && input.relation ? input.relation : before.relation,
      split: input.action === "edit" && input.split ? input.split : before.split,
    };
    await tx.edge.update({ where: { id: found.edge.id }, data: { status: after.status, relation: after.relation, split: after.split, actor: input.reviewer.name } });
    const review = await tx.edgeReview.create({
      data: {
        edgeId: found.edge.id,
        upstreamKey: found.up.key,
        downstreamKey: found.down.key,
        action: input.action,
        userId: input.reviewer.userId,
        actor: input.reviewer.name,
        before,
        after,
        note: input.note?.trim() || null,
      },
    });
    return { pair: [found.edge.upstreamId, found.edge.downstreamId] as [number, number], review };
  }, { timeoutMs: 30_000 });
  return { edge: await drawn(ids.pair), review: toEntry(ids.review) };
}

export type AddEdgeInput = { upstream: string; downstream: string; relation: Relation; split?: Split; note?: string | null; reviewer: Reviewer };

/**
 * An edge a person adds by hand: accepted, confidence 1, origin PERSON, with the note as its
 * evidence's locator. Both ends must be in the store; an edge that exists already is a 409
 * (review it instead), and so is one that would close a cycle.
 */
export async function addEdgeByHand(input: AddEdgeInput): Promise<{ edge: LineageEdge; review: EdgeReviewEntry }> {
  checkInput(input);
  const result = await writeTransaction(async (tx) => {
    for (const key of [input.upstream, input.downstream]) {
      const node = await tx.dataset.findUnique({ where: { keyNorm: normalizeKey(key) }, select: { id: true } });
      if (!node) throw new AppError("not_found:dataset", `There is no dataset ${key} in the store; trace or import it first.`, { key });
    }
    if (await edgeByKeys(tx, input.upstream, input.downstream)) {
      throw new AppError("conflict:exists", `The edge from ${input.upstream} to ${input.downstream} exists already; review it instead.`);
    }
    const merged = await mergeEdges(tx, [
      { upstream: input.upstream, downstream: input.downstream, relation: input.relation, split: input.split ?? "UNKNOWN", confidence: 1, status: "ACCEPTED", origin: "PERSON", actor: input.reviewer.name },
    ]);
    const skipped = merged.skipped[0];
    if (skipped) {
      const code = skipped.reason === "self_loop" ? "conflict:self_loop" : skipped.reason === "cycle" || skipped.reason === "reverse_edge" ? "conflict:cycle" : "bad_request:body";
      throw new AppError(code, `The edge was not added: ${skipped.detail}.`);
    }
    const found = (await edgeByKeys(tx, input.upstream, input.downstream))!;
    const review = await tx.edgeReview.create({
      data: {
        edgeId: found.edge.id,
        upstreamKey: found.up.key,
        downstreamKey: found.down.key,
        action: "add",
        userId: input.reviewer.userId,
        actor: input.reviewer.name,
        before: undefined,
        after: facts(found.edge),
        note: input.note?.trim() || null,
      },
    });
    return { pair: [found.edge.upstreamId, found.edge.downstreamId] as [number, number], review };
  }, { timeoutMs: 30_000 });
  return { edge: await drawn(result.pair), review: toEntry(result.review) };
}

type ReviewRow = { id: number; upstreamKey: string; downstreamKey: string; action: string; actor: string; before: unknown; after: unknown; note: string | null; createdAt: Date };

function toEntry(row: ReviewRow): EdgeReviewEntry {
  return {
    id: row.id,
    upstream: row.upstreamKey,
    downstream: row.downstreamKey,
    action: row.action as EdgeReviewAction,
    actor: row.actor,
    before: (row.before ?? null) as EdgeFacts | null,
    after: row.after as EdgeFacts,
    note: row.note,
    at: row.createdAt.toISOString(),
  };
}

/** Every review of edges that touch `key`, newest first (for the node panel). */
export async function reviewsOfNode({ key, limit = 200 }: { key: string; limit?: number }): Promise<EdgeReviewEntry[]> {
  const node = await getDb().dataset.findUnique({ where: { keyNorm: normalizeKey(key) }, select: { id: true } });
  if (!node) return [];
  const rows = await getDb().edgeReview.findMany({
    where: { edge: { OR: [{ upstreamId: node.id }, { downstreamId: node.id }] } },
    orderBy: { id: "desc" },
    take: limit,
  });
  return rows.map(toEntry);
}

const ACTION_FOR: Record<ReviewStatus, ReviewInput["action"]> = { ACCEPTED: "accept", REJECTED: "reject", PROPOSED: "reopen" };

/** Sets an edge's status as `actor` (a review without a note); the edge as the explorer draws it. */
export async function setEdgeStatus(review: { upstream: string; downstream: string; status: ReviewStatus; actor: string }): Promise<LineageEdge> {
  if (!Object.hasOwn(ACTION_FOR, review.status)) throw new AppError("bad_request:params", `status must be one of ${Object.keys(ACTION_FOR).join(", ")}.`);
  const { edge } = await reviewEdge({ upstream: review.upstream, downstream: review.downstream, action: ACTION_FOR[review.status], reviewer: { userId: null, name: review.actor } });
  return edge;
}
