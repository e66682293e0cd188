import { flagsToCsv } from "@/lib/contamination/csv";
import { AppError, errorResponse } from "@/lib/errors";
import { methodNotAllowed, withErrors } from "@/lib/http/route";
import { getBenchmarkReach, getContaminationOverview } from "@/lib/server/contamination/contamination";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const PARAMS = ["benchmark", "format"];

/**
 * GET /api/contamination?benchmark=aime-2024 → { benchmark, name, family, host, window,
 * threshold, datasets: [{ dataset, severity, distance, measuredOnly, overlap }] }: every
 * dataset an evaluation set reaches, worst first, then nearest. `benchmark` takes a set's id,
 * its name, its host's key or an alias of the host.
 * Without `benchmark`: the overview (reach per set and per family, every flag, downstream
 * groups). `format=csv` gives the overview's flag table as a CSV file.
 */
export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  if (params.get("format") === "csv" && !params.has("benchmark") && [...params.keys()].every((k) => PARAMS.includes(k))) {
    try {
      const { rows } = await getContaminationOverview();
      return new Response(flagsToCsv(rows), {
        headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="rootline-contamination-flags.csv"', "Cache-Control": "no-store" },
      });
    } catch (error) {
      return errorResponse(error);
    }
  }
  return json(request, {});
}

const json = withErrors(async (request: Request) => {
  const params = new URL(request.url).searchParams;
  const unknown = [...params.keys()].filter((k) => !PARAMS.includes(k));
  if (unknown.length) throw new AppError("bad_request:params", `Unknown parameter ${unknown[0]}; use ?benchmark=<evaluation set> or ?format=csv.`);
  const format = params.get("format");
  if (format !== null && format !== "json" && format !== "csv") throw new AppError("bad_request:params", `format must be json or csv (got ${JSON.stringify(format.slice(0, 40))}).`);
  if (format === "csv") throw new AppError("bad_request:params", "format=csv is the whole flag table; it does not combine with benchmark.");
  const benchmark = params.get("benchmark");
  if (benchmark === null) return getContaminationOverview();
  if (!benchmark.trim() || benchmark.length > 500) throw new AppError("bad_request:params", "benchmark must name an evaluation set: its id (aime-2024), its name, or its host's key (openai/gsm8k).");
  return getBenchmarkReach({ benchmark: benchmark.trim() });
});

export const POST = methodNotAllowed();
export const PUT = methodNotAllowed();
export const PATCH = methodNotAllowed();
export const DELETE = methodNotAllowed();
