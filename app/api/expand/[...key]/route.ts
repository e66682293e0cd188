import { AppError } from "@/lib/errors";
import { readJsonBody, requireJsonContentType } from "@/lib/http/body";
import { methodNotAllowed, withErrors, type KeyRouteContext } from "@/lib/http/route";
import { MAX_EXPAND_BODY_BYTES } from "@/lib/limits";
import { describeIssues } from "@/lib/validation/issues";
import { worstSeverities } from "@/lib/server/contamination/contamination";
import { licenceClasses } from "@/lib/server/licences/licences";
import { getExpansion } from "@/lib/server/lineage/queries";
import { expandRequestSchema } from "@/lib/validation/expand";
import { keyFromRoute } from "@/lib/validation/key";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const EXAMPLE = '{"direction": "up", "have": ["meta-math/MetaMathQA", "openai/gsm8k"]}';

/**
 * POST /api/expand/{key} with JSON { direction: "up" | "down", have: [drawn node keys] } →
 * { node, nodes, edges, notices, contamination, licences }: what expanding `key` one level
 * adds to the drawn graph (lib/server/lineage/expand.ts), so the explorer need not reload the
 * whole view; merge it with lib/graph/merge-expansion.ts. contamination (each node's worst
 * flag) and licences (its licence class, only with ?color=licence, as GET /api/view) cover
 * the new nodes and the expanded node. Other query parameters are ignored, so the view's own
 * query can be sent as it is. A read: no review rights needed. A malformed key or body is a
 * 400, an unknown key a 404, a body that is not JSON a 415, one over the limit a 413.
 */
export const POST = withErrors(async (request: Request, { params }: KeyRouteContext) => {
  const key = keyFromRoute((await params).key);
  requireJsonContentType(request, EXAMPLE);
  const body = await readJsonBody(request, MAX_EXPAND_BODY_BYTES, EXAMPLE);
  const parsed = expandRequestSchema.safeParse(body);
  if (!parsed.success) throw new AppError("bad_request:body", describeIssues(parsed.error));
  const expansion = await getExpansion({ key, ...parsed.data });
  const keys = [expansion.node.key, ...expansion.nodes.map((n) => n.key)];
  const byLicence = new URL(request.url).searchParams.get("color") === "licence";
  const [contamination, licences] = await Promise.all([worstSeverities({ keys }), byLicence ? licenceClasses({ keys }) : {}]);
  return { ...expansion, contamination, licences };
});

export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
