import { cachedRead } from "@/lib/http/cached-read";
import { methodNotAllowed, type KeyRouteContext } from "@/lib/http/route";
import { getDataset } from "@/lib/server/lineage/queries";
import { keyFromRoute } from "@/lib/validation/key";
import { datasetParamsSchema, parseParams } from "@/lib/validation/lineage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/datasets/{key} → { dataset }: one node with its facts, aliases and edge counts. */
export const GET = cachedRead(async (request: Request, { params }: KeyRouteContext) => {
  const key = keyFromRoute((await params).key);
  const filter = parseParams(datasetParamsSchema, new URL(request.url).searchParams);
  return { dataset: await getDataset({ key, ...filter }) };
});

export const POST = methodNotAllowed();
export const PUT = methodNotAllowed();
export const PATCH = methodNotAllowed();
export const DELETE = methodNotAllowed();
