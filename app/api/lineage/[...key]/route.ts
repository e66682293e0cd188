import { AppError } from "@/lib/errors";
import { cachedRead } from "@/lib/http/cached-read";
import { methodNotAllowed, type KeyRouteContext } from "@/lib/http/route";
import { describeIssues } from "@/lib/validation/issues";
import { getDatasetMeasures, getDatasetRedundancy, getMostSimilar } from "@/lib/server/analysis/analysis";
import { getDatasetContamination } from "@/lib/server/contamination/contamination";
import { getDatasetLicences } from "@/lib/server/licences/licences";
import { getLineage } from "@/lib/server/lineage/queries";
import { limitQuerySchema } from "@/lib/validation/analysis";
import { keyFromRoute, keySuffixFromRoute } from "@/lib/validation/key";
import { lineageParamsSchema, parseParams } from "@/lib/validation/lineage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/lineage/{key}?up=&down=&minConfidence=&includeRejected= → LineageGraph:
 * the node, its sources `up` levels deep (default 2) and what was built from it `down` levels
 * deep (default 0). Rejected edges are left out unless includeRejected is true.
 *
 * GET /api/lineage/{key}/contamination → which evaluation sets' items reach it and how.
 * GET /api/lineage/{key}/analysis → { depth, fanIn, roots: [keys], ancestors: n, edges }.
 * GET /api/lineage/{key}/redundancy → { dataset, score, shared: [{ ancestor, via, paths }], edges }.
 * GET /api/lineage/{key}/similar?limit= → { dataset, similar: [{ dataset, weighted, rootJaccard, sharedRoots }], edges }.
 * GET /api/lineage/{key}/licences → { dataset, declared, inherited: [{ licence, restriction, from, path }], conflicts }.
 */
export const GET = cachedRead(async (request: Request, { params }: KeyRouteContext) => {
  const segments = (await params).key;
  const url = new URL(request.url);
  const suffixed = keySuffixFromRoute(segments);
  if (suffixed) {
    const { key, suffix } = suffixed;
    const names = [...url.searchParams.keys()];
    const allowed = suffix === "similar" ? ["limit"] : [];
    const unknown = names.filter((n) => !allowed.includes(n));
    if (unknown.length) throw new AppError("bad_request:params", `Unknown parameter ${unknown[0]}${allowed.length ? `; use ${allowed.join(", ")}` : ""}.`);
    if (suffix === "contamination") return getDatasetContamination({ key });
    if (suffix === "analysis") return getDatasetMeasures({ key });
    if (suffix === "redundancy") return getDatasetRedundancy({ key });
    if (suffix === "licences") return getDatasetLicences({ key });
    const parsed = limitQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) throw new AppError("bad_request:params", describeIssues(parsed.error));
    return getMostSimilar({ key, limit: parsed.data.limit ?? 10 });
  }
  const key = keyFromRoute(segments);
  return getLineage({ key, ...parseParams(lineageParamsSchema, url.searchParams) });
});

export const POST = methodNotAllowed();
export const PUT = methodNotAllowed();
export const PATCH = methodNotAllowed();
export const DELETE = methodNotAllowed();
