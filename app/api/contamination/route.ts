import { AppError } from "@/lib/errors";
import { methodNotAllowed, withErrors } from "@/lib/http/route";
import { getBenchmarkReach, getContaminationOverview } from "@/lib/server/contamination";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/contamination?benchmark=openai/gsm8k → { benchmark, family, datasets: [{ dataset,
 * severity, distance }] }: every dataset the benchmark reaches, worst first, then nearest.
 * Without `benchmark`: the overview (reach per benchmark by severity, every flag, families).
 */
export const GET = withErrors(async (request: Request) => {
  const params = new URL(request.url).searchParams;
  const unknown = [...params.keys()].filter((k) => k !== "benchmark");
  if (unknown.length) throw new AppError("bad_request:params", `Unknown parameter ${unknown[0]}; use ?benchmark=owner/name.`);
  const benchmark = params.get("benchmark");
  if (benchmark === null) return getContaminationOverview();
  if (!benchmark.trim() || benchmark.length > 500) throw new AppError("bad_request:params", "benchmark must be a benchmark's key, e.g. openai/gsm8k.");
  return getBenchmarkReach({ benchmark: benchmark.trim() });
});

export const POST = methodNotAllowed();
export const PUT = methodNotAllowed();
export const PATCH = methodNotAllowed();
export const DELETE = methodNotAllowed();
