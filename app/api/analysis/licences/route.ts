import { AppError } from "@/lib/errors";
import { methodNotAllowed, withErrors } from "@/lib/http/route";
import { describeIssues } from "@/lib/validation/issues";
import { getLicenceConflicts } from "@/lib/server/licences/licences";
import { limitQuerySchema } from "@/lib/validation/analysis";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/analysis/licences?limit=20&scope=all|hub → { datasets: [{ dataset, conflicts, worst: { declared,
 * inherited, from, reason, severity } }], coverage }: datasets whose declared licence promises
 * more than their sources allow (or that declare none over a restrictive source), most serious first.
 */
export const GET = withErrors(async (request: Request) => {
  const params = new URL(request.url).searchParams;
  const unknown = [...params.keys()].filter((k) => k !== "limit" && k !== "scope");
  if (unknown.length) throw new AppError("bad_request:params", `Unknown parameter ${unknown[0]}; use limit and scope.`);
  const scope = params.get("scope") ?? "all";
  if (scope !== "all" && scope !== "hub") throw new AppError("bad_request:params", "scope must be all or hub (Hub datasets only).");
  const parsed = limitQuerySchema.safeParse({ limit: params.get("limit") ?? undefined });
  if (!parsed.success) throw new AppError("bad_request:params", describeIssues(parsed.error));
  return getLicenceConflicts({ limit: parsed.data.limit ?? 20, scope });
});

export const POST = methodNotAllowed();
export const PUT = methodNotAllowed();
export const PATCH = methodNotAllowed();
export const DELETE = methodNotAllowed();
