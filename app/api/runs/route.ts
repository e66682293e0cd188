import { AppError } from "@/lib/errors";
import { methodNotAllowed, withErrors } from "@/lib/http/route";
import { writeRoute } from "@/lib/http/write-route";
import { describeIssues } from "@/lib/validation/issues";
import { listRuns } from "@/lib/server/runs/runs";
import { startTrace } from "@/lib/server/runs/start";
import { runListSchema, traceRequestSchema } from "@/lib/validation/runs";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/runs?limit=&state=&key= → { runs }: newest first. */
export const GET = withErrors(async (request: Request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = runListSchema.safeParse(params);
  if (!parsed.success) throw new AppError("bad_request:params", describeIssues(parsed.error));
  return { runs: await listRuns(parsed.data) };
});

/**
 * POST /api/runs {key, depth?, nodeBudget?} → { run, shared }: trace a Hub dataset's
 * upstream. Joins the dataset's queued or running run when there is one. Reviewers and
 * admins only (each trace may cost dozens of Hub calls), rate-limited per person.
 */
export const POST = writeRoute({
  action: "run.start",
  role: "REVIEWER",
  what: "start traces",
  limit: "trace",
  schema: traceRequestSchema,
  example: '{"key": "owner/name", "depth": 2}',
  target: (input) => input.key,
  handler: (input) => startTrace(input),
});

export const PUT = methodNotAllowed(["GET", "POST"]);
export const PATCH = methodNotAllowed(["GET", "POST"]);
export const DELETE = methodNotAllowed(["GET", "POST"]);
