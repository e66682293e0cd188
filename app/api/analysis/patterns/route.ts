import { AppError } from "@/lib/errors";
import { methodNotAllowed, withErrors } from "@/lib/http/route";
import { getPatterns } from "@/lib/server/analysis/analysis";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/analysis/patterns → { domains: [{ domain, datasets, depth, fanIn, roots, relations,
 * vertical, horizontal }], overall, derived, edges }: how each domain's derived datasets grow
 * (deep refinement chains or wide mixtures).
 */
export const GET = withErrors(async (request: Request) => {
  const names = [...new URL(request.url).searchParams.keys()];
  if (names.length) throw new AppError("bad_request:params", `Unknown parameter ${names[0]}; this route takes none.`);
  return getPatterns();
});

export const POST = methodNotAllowed();
export const PUT = methodNotAllowed();
export const PATCH = methodNotAllowed();
export const DELETE = methodNotAllowed();
