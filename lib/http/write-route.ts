import "server-only";
import type { z } from "zod";
import type { Role } from "@/lib/auth/roles";
import { AppError, isAppError } from "@/lib/errors";
import { MAX_BODY_BYTES } from "@/lib/limits";
import { describeIssues } from "@/lib/validation/issues";
import { actorFrom, requireRole, type Actor } from "@/lib/server/auth/actor";
import { requireAllowance, type WriteKind } from "@/lib/server/auth/allowance";
import { recordAudit } from "@/lib/server/auth/audit";
import { readJsonBody, requireJsonContentType } from "./body";
import { withErrors } from "./route";
import { StatusResponse } from "./status-response";

/**
 * The one wrapper every write goes through (Rootline has no server actions: every change is a
 * route handler, so refusals are real HTTP statuses). In this order:
 *   1. CSRF: a request another site's page made is refused (403) before anything else;
 *   2. who: the actor from the session cookie or, on a single-user install, the socket; below
 *      `role` → 401 (sign in) or 403;
 *   3. rate limit per user, or per client address for visitors → 429 with Retry-After;
 *   4. the body: JSON only (415), at most `maxBytes` (413), valid by the schema (400 naming
 *      each bad field);
 *   5. the handler, then one audit row (accepted, refused after step 1, or failed).
 * No refused request reaches the store (the audit row aside).
 */
export type WriteContext<P> = { actor: Actor; request: Request; params: P };

export function writeRoute<S extends z.ZodType, R, P = unknown>(options: {
  /** Audit name, e.g. "edge.review". */
  action: string;
  /** The least role that may do this; "anyone" for writes open to visitors. */
  role: Role | "anyone";
  /** Completes "Sign in to …" / "… may …" in refusals. */
  what: string;
  limit: WriteKind;
  schema: S;
  /** An example body, shown when the body is not JSON. Omit for writes without a body (DELETE). */
  example?: string;
  maxBytes?: number;
  /** Input for body-less writes (from the route's params). */
  input?: (request: Request, params: P) => unknown;
  /** What the audit row names as the target. */
  target?: (input: z.output<S>) => string;
  /** 201 for creations. */
  status?: number;
  handler: (input: z.output<S>, context: WriteContext<P>) => Promise<R>;
}) {
  return withErrors(async (request: Request, routeContext: { params: Promise<P> }) => {
    requireSameOrigin(request);
    const actor = await actorFrom(request.headers);
    let target: string | null = null;
    try {
      if (options.role !== "anyone") requireRole(actor, options.role, options.what);
      await requireAllowance(actor, options.limit);
      const params = (await routeContext?.params) as P;
      let raw: unknown;
      if (options.example !== undefined) {
        requireJsonContentType(request, options.example);
        raw = await readJsonBody(request, options.maxBytes ?? MAX_BODY_BYTES, options.example);
      } else {
        raw = options.input?.(request, params);
      }
      const parsed = options.schema.safeParse(raw);
      if (!parsed.success) throw new AppError("bad_request:body", describeIssues(parsed.error));
      target = options.target?.(parsed.data) ?? null;
      const result = await options.handler(parsed.data, { actor, request, params });
      await recordAudit({ action: options.action, actor, target, outcome: "ok", status: options.status ?? 200 });
      return options.status ? new StatusResponse(result, options.status) : result;
    } catch (error) {
      const status = isAppError(error) ? error.status : 500;
      // Malformed bodies (400/413/415) are not worth a row each; who was refused, and why, is.
      if (!isAppError(error) || ![400, 413, 415].includes(status)) {
        await recordAudit({
          action: options.action,
          actor,
          target,
          outcome: status >= 500 ? "failed" : "refused",
          status,
          detail: isAppError(error) ? { code: error.code } : undefined,
        });
      }
      throw error;
    }
  });
}


const CROSS_SITE_MESSAGE = "This request came from another site; Rootline only accepts changes from its own pages or from non-browser clients.";

/**
 * CSRF: a browser says where a request comes from (`Sec-Fetch-Site`, and `Origin` on every
 * POST); a request another site's page makes is refused. Clients that send neither (curl, the
 * CLI, scripts) are not browsers acting for a visitor, so they pass. Together with JSON-only
 * bodies (a cross-site form or no-cors fetch cannot send application/json) this closes CSRF
 * even for browsers that send neither header.
 */
export function requireSameOrigin(request: Request): void {
  const site = request.headers.get("sec-fetch-site")?.toLowerCase();
  if (site === "cross-site" || site === "same-site") throw new AppError("forbidden", CROSS_SITE_MESSAGE);
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = origin === "null" ? null : new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (!originHost || !host || originHost.toLowerCase() !== host.toLowerCase()) throw new AppError("forbidden", CROSS_SITE_MESSAGE);
}
