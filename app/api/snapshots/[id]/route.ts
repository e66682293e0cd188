import { methodNotAllowed, withErrors } from "@/lib/http/route";
import { writeRoute } from "@/lib/http/write-route";
import { deleteSnapshot, getSnapshot } from "@/lib/server/views/snapshots";
import { snapshotIdSchema } from "@/lib/validation/snapshots";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ id: string }> };

/**
 * GET /api/snapshots/{id} → { id, rootKey, createdAt, state, positions, graph }: a frozen view
 * exactly as stored. 400 for a malformed id, 404 for an unknown one. Created by POST /api/snapshots.
 */
export const GET = withErrors(async (_request: Request, { params }: Context) => getSnapshot({ id: (await params).id }));

/** DELETE /api/snapshots/{id} → { id, deleted }: admins only; the permalink then answers 404. */
export const DELETE = writeRoute({
  action: "snapshot.delete",
  role: "ADMIN",
  what: "delete frozen views",
  limit: "deleteSnapshot",
  schema: snapshotIdSchema,
  input: (_request, params: { id: string }) => ({ id: params.id }),
  target: (input) => input.id,
  handler: (input) => deleteSnapshot(input),
});

export const POST = methodNotAllowed(["GET", "DELETE"]);
export const PUT = methodNotAllowed(["GET", "DELETE"]);
export const PATCH = methodNotAllowed(["GET", "DELETE"]);
