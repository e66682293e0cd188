import { z } from "zod";
import { MAX_KEY_LENGTH, MAX_POSITIONS, MAX_VIEW_QUERY_LENGTH } from "@/lib/limits";
import { keyField } from "./edges";

const point = z.object({ x: z.number().finite(), y: z.number().finite() });

export const freezeSchema = z.object({
  key: keyField,
  /** The view's query string (`?up=3&xu=…`), as in the page URL. */
  query: z.string().max(MAX_VIEW_QUERY_LENGTH).default(""),
  positions: z
    .record(z.string().max(MAX_KEY_LENGTH), point)
    .refine((value) => Object.keys(value).length <= MAX_POSITIONS, `at most ${MAX_POSITIONS} positions`)
    .optional(),
});

export const snapshotIdSchema = z.object({ id: z.string().regex(/^[0-9A-Za-z]{10}$/, "must be a snapshot id (10 letters and digits)") });
