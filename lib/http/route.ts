import { errorResponse } from "@/lib/errors";
import { StatusResponse } from "./status-response";

/**
 * The one wrapper every API route handler goes through: typed errors become JSON with
 * their status, nothing is cached (the store changes under agents and reviews), and
 * unexpected errors stay a logged, opaque 500.
 */

const NO_STORE = "no-store";

export type KeyRouteContext = { params: Promise<{ key: string[] }> };

export function withErrors<C>(handler: (request: Request, context: C) => Promise<unknown>) {
  return async (request: Request, context: C): Promise<Response> => {
    let response: Response;
    try {
      const value = await handler(request, context);
      response = value instanceof StatusResponse ? Response.json(value.body, { status: value.status }) : Response.json(value);
    } catch (error) {
      response = errorResponse(error);
    }
    response.headers.set("Cache-Control", NO_STORE);
    return response;
  };
}

/** 405 for the methods a read-only resource does not support. */
export function methodNotAllowed(allow: readonly string[] = ["GET"]) {
  return async (request: Request): Promise<Response> =>
    Response.json(
      { error: { code: "method_not_allowed", message: `${request.method} is not supported here; use ${allow.join(", ")}.` } },
      { status: 405, headers: { Allow: [...allow, "HEAD"].join(", "), "Cache-Control": NO_STORE } },
    );
}
