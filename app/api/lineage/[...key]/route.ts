import { methodNotAllowed, withErrors, type KeyRouteContext } from "@/lib/http/route";
import { getDatasetContamination } from "@/lib/server/contamination";
import { getLineage } from "@/lib/server/lineage/queries";
import { contaminationKeyFromRoute, keyFromRoute } from "@/lib/validation/key";
import { lineageParamsSchema, parseParams } from "@/lib/validation/lineage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/lineage/{key}?up=&down=&minConfidence=&includeRejected= → LineageGraph:
 * the node, its sources `up` levels deep (default 2) and what was built from it `down` levels
 * deep (default 0). Rejected edges are left out unless includeRejected is true.
 *
 * GET /api/lineage/{key}/contamination → { dataset, flags: [{ benchmark, family, severity,
 * distance, paths: [[keys]], details, evidence }] }: which benchmarks' data reaches it and how.
 */
export const GET = withErrors(async (request: Request, { params }: KeyRouteContext) => {
  const segments = (await params).key;
  const contaminated = contaminationKeyFromRoute(segments);
  if (contaminated) return getDatasetContamination({ key: contaminated });
  const key = keyFromRoute(segments);
  return getLineage({ key, ...parseParams(lineageParamsSchema, new URL(request.url).searchParams) });
});

export const POST = methodNotAllowed();
export const PUT = methodNotAllowed();
export const PATCH = methodNotAllowed();
export const DELETE = methodNotAllowed();
