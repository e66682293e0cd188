import { methodNotAllowed } from "@/lib/http/route";
import { writeRoute } from "@/lib/http/write-route";
import { addEdgeByHand } from "@/lib/server/lineage/review";
import { addEdgeSchema } from "@/lib/validation/edges";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * POST /api/edges {upstream, downstream, relation, split?, note?} → 201 { edge, review }: an edge
 * a reviewer adds by hand (accepted, confidence 1). 404 when an end is not in the store, 409 when
 * the edge exists or would close a cycle.
 */
export const POST = writeRoute({
  action: "edge.add",
  role: "REVIEWER",
  what: "add edges",
  limit: "addEdge",
  schema: addEdgeSchema,
  example: '{"upstream": "openai/gsm8k", "downstream": "owner/name", "relation": "DIRECT_INCLUSION", "note": "section 3 of the paper"}',
  status: 201,
  target: (input) => `${input.upstream} → ${input.downstream}`,
  handler: (input, { actor }) => addEdgeByHand({ ...input, reviewer: { userId: actor.userId, name: actor.name } }),
});

export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
