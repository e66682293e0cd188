import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { AppError, isAppError, type ErrorCode } from "@/lib/errors";

/**
 * The one wrapper every server action goes through (in the spirit of next-safe-action):
 * validate the input with zod, apply the access policy, run the handler, and answer with a
 * plain result object the client can switch on. Server actions are public endpoints, so the
 * input is `unknown` until the schema says otherwise; typed errors keep their code and
 * message, anything else is logged here and hidden behind a generic message.
 */

export type ActionError = { code: ErrorCode; message: string };
export type ActionResult<R extends object> = ({ ok: true } & R) | { ok: false; error: ActionError };

/** Decides whether the (valid) input may proceed; throws AppError to refuse. Its value reaches the handler. */
export type Policy<I, C> = (input: I) => C | Promise<C>;

/** No restriction beyond the schema. */
export const anyone: Policy<unknown, void> = () => undefined;

export const INTERNAL_MESSAGE = "Something went wrong on our side.";

const MAX_LISTED_ISSUES = 5;

/** The schema's complaints as one sentence that names each bad field. */
export function describeIssues(error: z.ZodError): string {
  const issues = error.issues.slice(0, MAX_LISTED_ISSUES).map((issue) => {
    const field = issue.path.map(String).join(".") || "input";
    return `${field}: ${issue.message}`;
  });
  const more = error.issues.length > MAX_LISTED_ISSUES ? ` (and ${error.issues.length - MAX_LISTED_ISSUES} more)` : "";
  return `The request was not accepted — ${issues.join("; ")}${more}.`;
}

export function action<S extends z.ZodType, C, R extends object>(
  schema: S,
  authorize: Policy<z.output<S>, C>,
  handler: (input: z.output<S>, context: C) => Promise<R>,
): (input: unknown) => Promise<ActionResult<R>> {
  return async (input: unknown) => {
    try {
      const parsed = schema.safeParse(input);
      if (!parsed.success) throw new AppError("bad_request:body", describeIssues(parsed.error));
      const context = await authorize(parsed.data);
      const result = await handler(parsed.data, context);
      return { ...result, ok: true as const };
    } catch (error) {
      // redirect() and notFound() work by throwing; they are Next's to handle, not failures.
      unstable_rethrow(error);
      if (isAppError(error)) return { ok: false, error: { code: error.code, message: error.message } };
      console.error("[action]", error);
      return { ok: false, error: { code: "internal", message: INTERNAL_MESSAGE } };
    }
  };
}
