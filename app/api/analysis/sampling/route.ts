import { planToCsv } from "@/lib/analysis/sampling";
import { AppError, errorResponse } from "@/lib/errors";
import { methodNotAllowed } from "@/lib/http/route";
import { describeIssues } from "@/lib/validation/issues";
import { getSamplingPlan } from "@/lib/server/analysis/analysis";
import { MAX_BODY_BYTES, readJsonBody } from "@/lib/http/body";
import { samplingRequestSchema } from "@/lib/validation/analysis";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * POST /api/analysis/sampling { domain?, candidates?, budget, strategy, cap? } → a
 * root-anchored sampling plan: { allocations: [{ root, drawFrom, samples }], skipped:
 * [{ root, reason }], budget, avoidedDuplication, edges }. `?format=csv` answers the plan as
 * CSV. Computes only; nothing is stored.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const format = new URL(request.url).searchParams.get("format") ?? "json";
    if (format !== "json" && format !== "csv") throw new AppError("bad_request:params", "format must be json or csv.");
    const body = await readJsonBody(request, MAX_BODY_BYTES, '{"domain": "MATH", "budget": 10000, "strategy": "equal"}');
    const parsed = samplingRequestSchema.safeParse(body);
    if (!parsed.success) throw new AppError("bad_request:body", describeIssues(parsed.error));
    const plan = await getSamplingPlan(parsed.data);
    if (format === "csv") return new Response(planToCsv(plan), { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="rootline-sampling-plan.csv"', "Cache-Control": "no-store" } });
    return Response.json(plan, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
