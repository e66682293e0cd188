import { methodNotAllowed, withErrors } from "@/lib/http/route";
import { getSnapshot } from "@/lib/server/snapshots";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ id: string }> };

/**
 * GET /api/snapshots/{id} → { id, rootKey, createdAt, state, positions, graph }: a frozen view
 * exactly as stored. 400 for a malformed id, 404 for an unknown one. Snapshots are created
 * with the freezeView server action, not here.
 */
export const GET = withErrors(async (_request: Request, { params }: Context) => getSnapshot({ id: (await params).id }));

export const POST = methodNotAllowed();
export const PUT = methodNotAllowed();
export const PATCH = methodNotAllowed();
export const DELETE = methodNotAllowed();
