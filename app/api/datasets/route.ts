import { cachedRead } from "@/lib/http/cached-read";
import { methodNotAllowed } from "@/lib/http/route";
import { searchDatasets } from "@/lib/server/lineage/queries";
import { parseParams, searchParamsSchema } from "@/lib/validation/lineage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/datasets?q=&limit=&minConfidence=&includeRejected= → { results }: datasets whose key,
 * name or aliases hold every word of q, or q without its spaces (the most connected ones when q is empty).
 */
export const GET = cachedRead(async (request: Request) => {
  const params = parseParams(searchParamsSchema, new URL(request.url).searchParams);
  return { results: await searchDatasets(params) };
});

export const POST = methodNotAllowed();
export const PUT = methodNotAllowed();
export const PATCH = methodNotAllowed();
export const DELETE = methodNotAllowed();
