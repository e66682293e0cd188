import "server-only";
import { trackFreshness } from "@/lib/server/db/freshness";
import { cacheVersion } from "@/lib/server/db/graph-version";
import { answerHeaders, answerOf, etagMatches, lookup, requestKey, shared, store, type CachedAnswer } from "./response-cache";
import { withErrors } from "./route";

/**
 * withErrors for public reads whose answer depends only on the URL and the graph: a 200 is
 * serialized once per graph version and served from lib/http/response-cache.ts with an ETag
 * (304 on If-None-Match) until any process writes. Errors are never cached (withErrors answers
 * them, no-store), nor is an answer made from a store-wide snapshot older than the graph
 * (lib/server/db/freshness.ts): it is served, not kept. Never use it for an answer that
 * depends on who asks.
 */
export function cachedRead<C>(handler: (request: Request, context: C) => Promise<unknown>) {
  const plain = withErrors(handler);
  return async (request: Request, context: C): Promise<Response> => {
    const version = cacheVersion();
    if (version === null) {
      // Not known to be current (PostgreSQL, not yet listening): answer afresh and keep nothing,
      // with the same headers, so a client's ETag still works and nothing depends on which it was.
      const response = await plain(request, context);
      if (response.status !== 200) return response;
      return respond(answerOf(Buffer.from(await response.arrayBuffer()), "uncached"), request);
    }
    const key = requestKey(new URL(request.url));
    let failure: Response | undefined;
    const answer =
      lookup(key, version) ??
      (await shared(`${version}\n${key}`, async () => {
        const { value: response, stale } = await trackFreshness(() => plain(request, context));
        if (response.status !== 200) {
          failure = response;
          return null;
        }
        const answer = answerOf(Buffer.from(await response.arrayBuffer()), stale ? "stale" : version);
        if (!stale) store(key, answer);
        return answer;
      }));
    if (!answer) return failure ?? plain(request, context);
    return respond(answer, request);
  };
}

function respond(answer: CachedAnswer, request: Request): Response {
  const headers = answerHeaders(answer);
  if (etagMatches(request.headers.get("if-none-match"), answer.etag)) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(answer.body), { status: 200, headers });
}
