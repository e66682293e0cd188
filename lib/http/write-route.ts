import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { MAX_BODY_BYTES } from "@/lib/limits";
import { readJsonBody, requireJsonContentType } from "./body";
import { describeIssues } from "@/lib/server/action";
import { withErrors } from "./route";

/**
 * The one wrapper every JSON write route goes through, in this order: a cross-site browser
 * request is refused (403), a body that is not JSON by its Content-Type is refused before it
 * is read (415), the body is read at most `maxBytes` far (413), validated with the schema
 * (400 naming each bad field), then `authorize` decides (403 / 429 with Retry-After), then the
 * handler runs. The order matters: nothing a page on another site can send reaches the
 * validator, and no refused request touches the store.
 */
export function writeRoute<S extends z.ZodType, R>(options: {
  schema: S;
  /** An example body, shown when the body is not JSON. */
  example: string;
  maxBytes?: number;
  authorize: (input: z.output<S>, request: Request) => Promise<void>;
  handler: (input: z.output<S>, request: Request) => Promise<R>;
}) {
  return withErrors(async (request: Request) => {
    requireSameOrigin(request);
    requireJsonContentType(request, options.example);
    const body = await readJsonBody(request, options.maxBytes ?? MAX_BODY_BYTES, options.example);
    const parsed = options.schema.safeParse(body);
    if (!parsed.success) throw new AppError("bad_request:body", describeIssues(parsed.error));
    await options.authorize(parsed.data, request);
    return options.handler(parsed.data, request);
  });
}

const CROSS_SITE_MESSAGE = "This request came from another site; Rootline only accepts changes from its own pages or from non-browser clients.";

/**
 * CSRF: a browser says where a request comes from (`Sec-Fetch-Site`, and `Origin` on every
 * POST); a request another site's page makes is refused. Clients that send neither (curl, the
 * CLI, scripts) are not browsers acting for a visitor, so they pass.
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
