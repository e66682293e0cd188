import { z } from "zod";
import { RUN_STATES } from "@/lib/runs/types";

/** Limits for runs started from the web (the CLI may ask for more). */
export const WEB_MAX_DEPTH = 3;
export const WEB_MAX_NODE_BUDGET = 100;

export const traceRequestSchema = z.object({
  key: z.string().trim().min(1, "a dataset key is required").max(500),
  depth: z.coerce.number().int().min(1).max(WEB_MAX_DEPTH).optional(),
  nodeBudget: z.coerce.number().int().min(1).max(WEB_MAX_NODE_BUDGET).optional(),
});

export const runIdSchema = z.uuid({ error: "must be a run id (a UUID)" });

export const runListSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  state: z.enum(RUN_STATES).optional(),
  // A NUL reaches PostgreSQL as an invalid byte sequence (a 500); no key holds a control character.
  key: z.string().trim().min(1).max(500).regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain control characters").optional(),
});
