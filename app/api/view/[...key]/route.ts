import { methodNotAllowed, withErrors, type KeyRouteContext } from "@/lib/http/route";
import { worstSeverities } from "@/lib/server/contamination";
import { licenceClasses } from "@/lib/server/licences";
import { getView } from "@/lib/server/lineage/queries";
import { keyFromRoute } from "@/lib/validation/key";
import { parseViewState } from "@/lib/view/state";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/view/{key}?<view query> → { graph, notices, contamination }: the graph behind an explorer view
 * (with each drawn node's worst contamination flag)
 * (lib/view/state.ts has the query format). View parameters never fail the request: bad ones
 * are dropped and named in `notices`, as on the page. A malformed key is a 400, an unknown
 * one a 404.
 */
export const GET = withErrors(async (request: Request, { params }: KeyRouteContext) => {
  const key = keyFromRoute((await params).key);
  const parsed = parseViewState(new URL(request.url).searchParams);
  const { graph, notices } = await getView({ key, state: parsed.state });
  const keys = graph.nodes.map((n) => n.key);
  const [contamination, licences] = await Promise.all([worstSeverities({ keys }), parsed.state.colorBy === "licence" ? licenceClasses({ keys }) : {}]);
  return { graph, notices: [...parsed.notices, ...notices], contamination, licences };
});

export const POST = methodNotAllowed();
export const PUT = methodNotAllowed();
export const PATCH = methodNotAllowed();
export const DELETE = methodNotAllowed();
