import { AppError } from "@/lib/errors";
import { methodNotAllowed, withErrors } from "@/lib/http/route";
import { describeIssues } from "@/lib/validation/issues";
import { getSimilarity } from "@/lib/server/analysis/analysis";
import { similarityQuerySchema } from "@/lib/validation/analysis";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/analysis/similarity?d=a&d=b… (2–20 datasets) → { datasets, rootJaccard,
 * ancestorJaccard, weighted, sharedRoots, uniqueRoots, edges }.
 */
export const GET = withErrors(async (request: Request) => {
  const params = new URL(request.url).searchParams;
  const unknown = [...params.keys()].filter((k) => k !== "d");
  if (unknown.length) throw new AppError("bad_request:params", `Unknown parameter ${unknown[0]}; name datasets as d=owner/name&d=….`);
  const parsed = similarityQuerySchema.safeParse({ d: params.getAll("d") });
  if (!parsed.success) throw new AppError("bad_request:params", describeIssues(parsed.error));
  return getSimilarity({ keys: parsed.data.d });
});

export const POST = methodNotAllowed();
export const PUT = methodNotAllowed();
export const PATCH = methodNotAllowed();
export const DELETE = methodNotAllowed();
