import { z } from "zod";
import { AppError } from "@/lib/errors";
import { methodNotAllowed, withErrors } from "@/lib/http/route";
import { REVIEW_QUEUE } from "@/lib/lineage/review-queue";
import { reviewQueue } from "@/lib/server/lineage/review-queue";
import { describeIssues } from "@/lib/validation/issues";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const querySchema = z.object({
  below: z.coerce.number().min(0).max(1).default(REVIEW_QUEUE.defaultThreshold),
  limit: z.coerce.number().int().min(1).max(200).default(REVIEW_QUEUE.pageSize),
  after: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(0),
});

/** GET /api/review-queue?below=0.7&limit=50&after=ID → { items, total, threshold }: edges that need a person, oldest first. */
export const GET = withErrors(async (request: Request) => {
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new AppError("bad_request:params", describeIssues(parsed.error));
  return reviewQueue({ threshold: parsed.data.below, limit: parsed.data.limit, afterId: parsed.data.after });
});

export const POST = methodNotAllowed();
export const PUT = methodNotAllowed();
export const PATCH = methodNotAllowed();
export const DELETE = methodNotAllowed();
