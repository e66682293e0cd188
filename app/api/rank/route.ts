import { AppError, errorResponse } from "@/lib/errors";
import { readTextBody } from "@/lib/http/body";
import { methodNotAllowed } from "@/lib/http/route";
import { MAX_RANK_BODY_BYTES } from "@/lib/limits";
import { parseCsvTable, RankingInputError } from "@/lib/ranking";
import { rankTable } from "@/lib/server/analysis/rank";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const EXAMPLE = '{"items": ["a", "b"], "criteria": [{"name": "accuracy", "higherIsBetter": true}], "scores": [[0.9], [0.8]]}';

/**
 * POST /api/rank — rank any table by several criteria: JSON { items, criteria: [{ name,
 * higherIsBetter }], scores: [[number|null]] } (items × criteria), or text/csv with a header
 * row, the item name first and a criterion per column (higher is better unless
 * ?lower=col1,col2). → { borda, kemeny, mean, meanNormalised, kendallTau, distortion,
 * leaveOneOut }. Up to 500 items × 50 criteria (413 beyond); bad cells 400 naming row and column.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const url = new URL(request.url);
    const unknown = [...url.searchParams.keys()].filter((k) => k !== "lower");
    if (unknown.length) throw new AppError("bad_request:params", `Unknown parameter ${unknown[0]}; use lower=col1,col2 with a CSV body.`);
    const text = await readTextBody(request, MAX_RANK_BODY_BYTES);
    const csv = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("text/csv");
    let table: unknown;
    if (csv) {
      const lower = url.searchParams.get("lower")?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
      try {
        table = parseCsvTable(text, { lower });
      } catch (error) {
        if (error instanceof RankingInputError) throw new AppError(error.tooLarge ? "too_large" : "bad_request:body", error.message, { row: error.row ?? null, column: error.column ?? null });
        throw error;
      }
    } else {
      if (url.searchParams.has("lower")) throw new AppError("bad_request:params", "lower applies to a CSV body; in JSON give each criterion's higherIsBetter.");
      try {
        table = JSON.parse(text);
      } catch {
        throw new AppError("bad_request:body", `The body must be JSON (or text/csv), e.g. ${EXAMPLE}.`);
      }
    }
    return Response.json(rankTable(table), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
