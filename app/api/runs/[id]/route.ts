import { AppError } from "@/lib/errors";
import { methodNotAllowed, withErrors } from "@/lib/http/route";
import { getRun } from "@/lib/server/runs/runs";
import { runIdSchema } from "@/lib/validation/runs";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ id: string }> };

/** GET /api/runs/{id} → the run: state, steps so far, counts, error. The explorer polls it. */
export const GET = withErrors(async (_request: Request, { params }: Context) => {
  const id = runIdSchema.safeParse((await params).id);
  if (!id.success) throw new AppError("bad_request:params", `Run id ${id.error.issues[0]?.message ?? "is invalid"}.`);
  return getRun({ id: id.data });
});

export const POST = methodNotAllowed();
export const PUT = methodNotAllowed();
export const PATCH = methodNotAllowed();
export const DELETE = methodNotAllowed();
