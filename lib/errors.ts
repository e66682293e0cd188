/**
 * Typed errors shared by the data layer, route handlers, server actions and CLIs.
 * A code says what went wrong and decides the HTTP status; the message is for people.
 */

export const ERROR_STATUS = {
  "bad_request:key": 400,
  "bad_request:params": 400,
  "bad_request:body": 400,
  "bad_request:import": 400,
  "not_found:dataset": 404,
  "not_found:snapshot": 404,
  "not_found:route": 404,
  "not_found:edge": 404,
  "not_found:run": 404,
  "not_found:benchmark": 404,
  "not_found:account": 404,
  "conflict:cycle": 409,
  "conflict:self_loop": 409,
  "conflict:busy": 409,
  "conflict:exists": 409,
  unauthorized: 401,
  forbidden: 403,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
  "conflict:not_empty": 409,
  "conflict:migrations": 409,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
  }

  toJSON(): { error: { code: ErrorCode; message: string; details?: unknown } } {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** JSON response for any thrown value; unexpected errors are logged and hidden behind a 500. */
export function errorResponse(error: unknown): Response {
  if (isAppError(error)) return Response.json(error.toJSON(), { status: error.status, headers: retryAfter(error) });
  console.error(error);
  return Response.json({ error: { code: "internal", message: "Something went wrong on our side." } }, { status: 500 });
}

/** A 429 or 503 that knows when to come back says so in Retry-After (seconds), as HTTP clients expect. */
function retryAfter(error: AppError): Record<string, string> {
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0 ? { "Retry-After": String(Math.ceil(seconds)) } : {};
}
