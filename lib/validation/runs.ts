import { z } from "zod";
import { MAX_KEY_LENGTH, WEB_MAX_DEPTH, WEB_MAX_NODE_BUDGET } from "@/lib/limits";
import { RUN_STATES } from "@/lib/runs/types";

export { WEB_MAX_DEPTH, WEB_MAX_NODE_BUDGET } from "@/lib/limits";

export const traceRequestSchema = z.object({
  key: z.string().trim().min(1, "a dataset key is required").max(MAX_KEY_LENGTH),
  depth: z.coerce.number().int().min(1).max(WEB_MAX_DEPTH).optional(),
  nodeBudget: z.coerce.number().int().min(1).max(WEB_MAX_NODE_BUDGET).optional(),
});

export const runIdSchema = z.uuid({ error: "must be a run id (a UUID)" });

export const runListSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  state: z.enum(RUN_STATES).optional(),
  // A NUL reaches PostgreSQL as an invalid byte sequence (a 500); no key holds a control character.
  key: z.string().trim().min(1).max(MAX_KEY_LENGTH).regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain control characters").optional(),
});
