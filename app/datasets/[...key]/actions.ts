"use server";

import { z } from "zod";
import { REVIEW_STATUSES } from "@/lib/lineage/types";
import { action } from "@/lib/server/action";
import { requireFreezeAllowance, requireReviewer, requireTraceAllowance } from "@/lib/server/auth";
import { startTrace } from "@/lib/server/runs/start";
import { traceRequestSchema } from "@/lib/validation/runs";
import { setEdgeStatus } from "@/lib/server/lineage/review";
import { createSnapshot, MAX_POSITIONS } from "@/lib/server/snapshots";
import { parseViewState } from "@/lib/view/state";

// Server actions of the lineage explorer. Each goes through lib/server/action.ts: input
// checked by the schema, then the access policy (lib/server/auth.ts), then the work.

const MAX_KEY_LENGTH = 500;
/** Room for the longest canonical query: 3 × 200 listed keys plus the scalar parameters. */
const MAX_QUERY_LENGTH = 200_000;

const point = z.object({ x: z.number(), y: z.number() });

const freezeSchema = z.object({
  key: z.string().trim().min(1).max(MAX_KEY_LENGTH),
  /** The view's query string (`?up=3&xu=…`), as in the page URL. */
  query: z.string().max(MAX_QUERY_LENGTH).default(""),
  positions: z
    .record(z.string().max(MAX_KEY_LENGTH), point)
    .refine((value) => Object.keys(value).length <= MAX_POSITIONS, `at most ${MAX_POSITIONS} positions`)
    .optional(),
});

/**
 * Freeze what the user sees: the server recomputes the graph from the view query and stores
 * it with the state and the node positions. Open to everyone, rate-limited per client.
 */
export const freezeView = action(freezeSchema, requireFreezeAllowance, async ({ key, query, positions }) => {
  const { state } = parseViewState(new URLSearchParams(query.replace(/^\?/, "")));
  const { id } = await createSnapshot({ rootKey: key, state, positions });
  return { id, url: `/s/${id}` };
});

const reviewSchema = z.object({
  upstream: z.string().trim().min(1).max(MAX_KEY_LENGTH),
  downstream: z.string().trim().min(1).max(MAX_KEY_LENGTH),
  status: z.enum(REVIEW_STATUSES),
});

/** Accept, reject or reopen an edge. Only reviewers (see lib/server/auth.ts). */
export const reviewEdge = action(reviewSchema, requireReviewer, async ({ upstream, downstream, status }, reviewer) => {
  const edge = await setEdgeStatus({ upstream, downstream, status, actor: reviewer.actor });
  return { edge };
});

/**
 * Trace a dataset's upstream from the Hub: starts a run (or joins the one already running for
 * it) and answers with the run, whose progress the explorer then follows. Rate-limited.
 */
export const traceUpstream = action(traceRequestSchema, requireTraceAllowance, async ({ key, depth, nodeBudget }) => {
  const { run, shared } = await startTrace({ key, depth, nodeBudget });
  return { run, shared };
});
