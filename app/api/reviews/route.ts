import { AppError } from "@/lib/errors";
import { methodNotAllowed, withErrors } from "@/lib/http/route";
import { writeRoute } from "@/lib/http/write-route";
import { reviewEdge, reviewsOfNode } from "@/lib/server/lineage/review";
import { edgeReviewSchema, reviewHistorySchema } from "@/lib/validation/edges";
import { describeIssues } from "@/lib/validation/issues";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/reviews?key=owner/name → { reviews }: every review of an edge touching the dataset, newest first. */
export const GET = withErrors(async (request: Request) => {
  const parsed = reviewHistorySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new AppError("bad_request:params", describeIssues(parsed.error));
  return { reviews: await reviewsOfNode({ key: parsed.data.key }) };
});

/**
 * POST /api/reviews {upstream, downstream, action: accept|reject|reopen|edit, relation?, split?, note?}
 * → { edge, review }: a reviewer's verdict on an edge, recorded with who, when, before and after.
 */
export const POST = writeRoute({
  action: "edge.review",
  role: "REVIEWER",
  what: "review edges",
  limit: "review",
  schema: edgeReviewSchema,
  example: '{"upstream": "openai/gsm8k", "downstream": "meta-math/MetaMathQA", "action": "accept", "note": "stated in the card"}',
  target: (input) => `${input.upstream} → ${input.downstream}`,
  handler: (input, { actor }) => reviewEdge({ ...input, reviewer: { userId: actor.userId, name: actor.name } }),
});

export const PUT = methodNotAllowed(["GET", "POST"]);
export const PATCH = methodNotAllowed(["GET", "POST"]);
export const DELETE = methodNotAllowed(["GET", "POST"]);
