import { z } from "zod";
import { VIEW_MAX_NODES } from "@/lib/limits";

/**
 * The body of POST /api/expand/{key}: which way to expand and the keys of the nodes already
 * drawn. Shapes are checked here (a 400 naming the field); that each key is a dataset key is
 * checked by getExpansion, which names the bad ones.
 */
export const expandRequestSchema = z
  .object(
    {
      direction: z.enum(["up", "down"], { error: 'must be "up" (sources) or "down" (uses)' }),
      have: z
        .array(z.string({ error: "must be a dataset key (a string)" }), { error: "must be the list of the drawn nodes' keys" })
        .max(VIEW_MAX_NODES, `must list at most ${VIEW_MAX_NODES} keys (the most nodes a view holds)`),
    },
    { error: (issue) => (issue.code === "invalid_type" ? 'must be an object: {"direction": "up" | "down", "have": [keys]}' : undefined) },
  )
  .strict();
export type ExpandRequest = z.output<typeof expandRequestSchema>;
