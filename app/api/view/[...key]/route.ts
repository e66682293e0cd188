import { cachedRead } from "@/lib/http/cached-read";
import { methodNotAllowed, type KeyRouteContext } from "@/lib/http/route";
import { getViewResponse } from "@/lib/server/views/view-response";
import { keyFromRoute } from "@/lib/validation/key";
import type { ViewResponse } from "@/lib/view/response";
import { parseViewState } from "@/lib/view/state";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/view/{key}?<view query> → ViewResponse (lib/view/response.ts): the graph behind an
 * explorer view with each node's worst contamination flag (and licence class with
 * color=licence); lib/view/state.ts has the query format. View parameters never fail the
 * request: bad ones are dropped and named in `notices`, as on the page. A malformed key is a
 * 400, an unknown one a 404.
 */
export const GET = cachedRead(async (request: Request, { params }: KeyRouteContext): Promise<ViewResponse> => {
  const key = keyFromRoute((await params).key);
  const parsed = parseViewState(new URL(request.url).searchParams);
  return getViewResponse({ key, state: parsed.state, notices: parsed.notices });
});

export const POST = methodNotAllowed();
export const PUT = methodNotAllowed();
export const PATCH = methodNotAllowed();
export const DELETE = methodNotAllowed();
