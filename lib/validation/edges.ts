import { z } from "zod";
import { isValidKey } from "@/lib/keys";
import { MAX_KEY_LENGTH, MAX_NOTE_LENGTH } from "@/lib/limits";
import { RELATIONS, SPLITS } from "@/lib/lineage/types";

/** A node key as a client sends it: trimmed, a well-formed key of some scheme. */
export const keyField = z
  .string()
  .trim()
  .min(1, "a dataset key is required")
  .max(MAX_KEY_LENGTH)
  .refine((key) => isValidKey(key), "must be a dataset key (owner/name, or a github:, arxiv:, web:, corpus: key)");

const note = z
  .string()
  .max(MAX_NOTE_LENGTH)
  .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, "must not contain control characters")
  .optional()
  .nullable();

export const edgeReviewSchema = z
  .object({
    upstream: keyField,
    downstream: keyField,
    action: z.enum(["accept", "reject", "reopen", "edit"]),
    relation: z.enum(RELATIONS).optional(),
    split: z.enum(SPLITS).optional(),
    note,
  })
  .refine((r) => r.action !== "edit" || r.relation !== undefined || r.split !== undefined, { message: "an edit needs a relation or a split", path: ["action"] })
  .refine((r) => r.action === "edit" || (r.relation === undefined && r.split === undefined), { message: "only an edit changes the relation or split", path: ["action"] });

export const addEdgeSchema = z.object({
  upstream: keyField,
  downstream: keyField,
  relation: z.enum(RELATIONS),
  split: z.enum(SPLITS).optional(),
  note,
});

export const reviewHistorySchema = z.object({ key: keyField });
