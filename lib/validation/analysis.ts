import { z } from "zod";
import { MAX_COMPARED, MAX_LIST_LIMIT, MAX_SAMPLING_BUDGET, MAX_SAMPLING_CANDIDATES, MIN_COMPARED } from "@/lib/limits";
import { DOMAINS } from "@/lib/lineage/types";

/**
 * Requests to the lineage analyses. Every field is checked here, at the boundary, and a bad
 * one becomes a 400 naming it (the limits are the issue's: 2–20 datasets to compare, a budget
 * of 1 to 10^9 samples, a cap in (0, 1]).
 */
export { MAX_COMPARED, MIN_COMPARED };

const key = z.string().trim().min(1, "must be a dataset key").max(300, "must be at most 300 characters");

export const limitQuerySchema = z.object({
  limit: z
    .string()
    .regex(/^\d{1,4}$/, `must be a whole number from 1 to ${MAX_LIST_LIMIT}`)
    .transform(Number)
    .pipe(z.number().int().min(1, "must be at least 1").max(MAX_LIST_LIMIT, `must be at most ${MAX_LIST_LIMIT}`))
    .optional(),
});

export const similarityQuerySchema = z.object({
  d: z.array(key).min(MIN_COMPARED, `name at least ${MIN_COMPARED} datasets (d=a&d=b)`).max(MAX_COMPARED, `name at most ${MAX_COMPARED} datasets`),
});

export const samplingRequestSchema = z
  .object({
    domain: z.enum(DOMAINS, { error: `must be one of ${DOMAINS.join(", ")}` }).optional(),
    candidates: z.array(key).min(1, "must name at least one dataset").max(MAX_SAMPLING_CANDIDATES, `must name at most ${MAX_SAMPLING_CANDIDATES} datasets`).optional(),
    budget: z.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be at least 1").max(MAX_SAMPLING_BUDGET, "must be at most 1000000000"),
    strategy: z.enum(["equal", "proportional"], { error: "must be equal or proportional" }),
    cap: z.number({ error: "must be a number" }).gt(0, "must be above 0").max(1, "must be at most 1").optional(),
  })
  .strict();
export type SamplingRequestInput = z.output<typeof samplingRequestSchema>;
