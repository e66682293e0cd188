import { z } from "zod";
import { AppError } from "@/lib/errors";
import { MAX_VIEW_DEPTH } from "@/lib/limits";

/**
 * Query parameters of the lineage API and pages. Every parameter arrives as text (or
 * several texts when repeated); anything malformed becomes a 400 naming the parameter,
 * never a 500 further down.
 */

export const MAX_QUERY_LENGTH = 200;

// Postgres text cannot hold NUL and other C0 controls only ever come from tampering.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

function intParam(min: number, max: number, fallback: number) {
  return z
    .string()
    .trim()
    .regex(/^\d{1,6}$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .optional()
    .transform((value) => value ?? fallback);
}

const fractionParam = z
  .string()
  .trim()
  .regex(/^(?:\d+(?:\.\d*)?|\.\d+)$/, "must be a number from 0 to 1")
  .transform(Number)
  .pipe(z.number().min(0, "must be at least 0").max(1, "must be at most 1"))
  .optional();

const booleanParam = z
  .enum(["true", "false", "1", "0"], { error: "must be true, false, 1 or 0" })
  .optional()
  .transform((value) => value === "true" || value === "1");

const queryText = z
  .string()
  .transform((value) => value.replace(CONTROL_CHARS, " ").trim())
  .pipe(z.string().max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`))
  .optional()
  .transform((value) => value ?? "");

/** Which edges count: rejected ones stay hidden unless asked for, as do those below minConfidence. */
const filterShape = {
  minConfidence: fractionParam,
  includeRejected: booleanParam,
};

export const searchParamsSchema = z.object({
  q: queryText,
  limit: intParam(1, 100, 20),
  ...filterShape,
});
export type SearchParams = z.output<typeof searchParamsSchema>;

export const datasetParamsSchema = z.object(filterShape);
export type DatasetParams = z.output<typeof datasetParamsSchema>;

export const MAX_DEPTH = MAX_VIEW_DEPTH;

export const lineageParamsSchema = z.object({
  up: intParam(0, MAX_DEPTH, 2),
  down: intParam(0, MAX_DEPTH, 0),
  ...filterShape,
});
export type LineageParams = z.output<typeof lineageParamsSchema>;

/** What both URLSearchParams and a page's `searchParams` look like. */
export type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

/**
 * Validate query parameters against one of the schemas above. Only the schema's own
 * parameters are read (others are ignored); a parameter given more than once is an error.
 */
export function parseParams<S extends z.ZodObject>(schema: S, raw: RawParams): z.output<S> {
  const input: Record<string, string> = {};
  const repeated: string[] = [];
  for (const name of Object.keys(schema.shape)) {
    const values = raw instanceof URLSearchParams ? raw.getAll(name) : [raw[name]].flat().filter((v): v is string => typeof v === "string");
    if (values.length > 1) repeated.push(name);
    else if (values.length === 1) input[name] = values[0]!;
  }
  if (repeated.length) {
    throw new AppError(
      "bad_request:params",
      `Invalid query parameters: ${repeated.map((name) => `${name} is given more than once`).join("; ")}.`,
      { params: repeated.map((param) => ({ param, message: "is given more than once" })) },
    );
  }
  const result = schema.safeParse(input);
  if (!result.success) throw paramsError(result.error, input);
  return result.data;
}

/** A ZodError as a 400 that names each bad parameter and the value it got. */
export function paramsError(error: z.ZodError, input: Record<string, unknown> = {}): AppError {
  const params = error.issues.map((issue) => {
    const param = issue.path.map(String).join(".") || "query";
    return { param, message: issue.message };
  });
  const text = params
    .map(({ param, message }) => {
      const got = input[param];
      const shown = typeof got === "string" ? ` (got ${JSON.stringify(got.length > 40 ? `${got.slice(0, 40)}…` : got)})` : "";
      return `${param} ${message}${shown}`;
    })
    .join("; ");
  return new AppError("bad_request:params", `Invalid query parameters: ${text}.`, { params });
}
