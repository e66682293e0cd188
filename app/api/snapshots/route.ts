import { MAX_FREEZE_BODY_BYTES } from "@/lib/limits";
import { methodNotAllowed } from "@/lib/http/route";
import { writeRoute } from "@/lib/http/write-route";
import { createSnapshot } from "@/lib/server/views/snapshots";
import { freezeSchema } from "@/lib/validation/snapshots";
import { parseViewState } from "@/lib/view/state";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * POST /api/snapshots {key, query, positions?} → 201 { id, url }: freeze what the user sees.
 * The server recomputes the graph from the view query and stores it with the state and the
 * node positions. Open to everyone (anyone may freeze what they can see), rate-limited.
 */
export const POST = writeRoute({
  action: "snapshot.create",
  role: "anyone",
  what: "freeze views",
  limit: "freeze",
  schema: freezeSchema,
  example: '{"key": "owner/name", "query": "?up=2"}',
  maxBytes: MAX_FREEZE_BODY_BYTES,
  status: 201,
  target: (input) => input.key,
  handler: async ({ key, query, positions }) => {
    const { state } = parseViewState(new URLSearchParams(query.replace(/^\?/, "")));
    const { id } = await createSnapshot({ rootKey: key, state, positions });
    return { id, url: `/s/${id}` };
  },
});

export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
