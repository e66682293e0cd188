import { AppError } from "@/lib/errors";
import { methodNotAllowed, withErrors } from "@/lib/http/route";
import { describeIssues } from "@/lib/validation/issues";
import { getRedundancyRanking } from "@/lib/server/analysis/analysis";
import { limitQuerySchema } from "@/lib/validation/analysis";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/analysis/redundancy?limit=20 → { datasets: [{ dataset, score, duplicateReaches, fanIn, ancestors }], edges }: most redundant first. */
export const GET = withErrors(async (request: Request) => {
  const params = new URL(request.url).searchParams;
  const unknown = [...params.keys()].filter((k) => k !== "limit");
  if (unknown.length) throw new AppError("bad_request:params", `Unknown parameter ${unknown[0]}; use limit.`);
  const parsed = limitQuerySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) throw new AppError("bad_request:params", describeIssues(parsed.error));
  return getRedundancyRanking({ limit: parsed.data.limit ?? 20 });
});

export const POST = methodNotAllowed();
export const PUT = methodNotAllowed();
export const PATCH = methodNotAllowed();
export const DELETE = methodNotAllowed();
