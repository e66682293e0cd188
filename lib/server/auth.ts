import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { cookies, headers } from "next/headers";
import { AppError } from "@/lib/errors";
import { RateLimiter } from "./rate-limit";

/**
 * Who may do what. Rootline has no accounts yet, so the policy is:
 *
 * Reviewing edges (accept / reject) is allowed
 *   - when ROOTLINE_REVIEW_TOKEN is set: to requests whose `rootline_review` cookie equals it
 *     (compared in constant time); nothing else counts, not even loopback;
 *   - when it is not set: to requests from this machine — a local single-user install. Next's
 *     server fills `x-forwarded-for` with the socket's address and `x-forwarded-host` with the
 *     Host header only when the request does not carry them already, so both can be forged by a
 *     non-browser client that reaches the port. Local means: every address in x-forwarded-for
 *     (when present) is loopback AND the Host (and x-forwarded-host) names localhost,
 *     127.0.0.0/8 or [::1]. The Host check is what stops a web page from reviewing through
 *     the visitor's browser by DNS rebinding (its requests carry the attacker's host name),
 *     and a browser on another machine sends the server's LAN name or address. Anyone who
 *     exposes the server beyond loopback should set the token.
 *
 * Freezing a view is public (anyone may freeze what they can see), limited per client to
 * FREEZES_PER_MINUTE in this process's memory.
 */

export const REVIEW_COOKIE = "rootline_review";
export const REVIEW_TOKEN_ENV = "ROOTLINE_REVIEW_TOKEN";
export const FREEZES_PER_MINUTE = 30;

export type RequestFacts = {
  host: string | null;
  forwardedHost: string | null;
  forwardedFor: string | null;
  reviewCookie: string | null;
};

export type Reviewer = { actor: string };

/** `127.0.0.1`, `::1`, `::ffff:127.0.0.1` (IPv4-mapped), with or without brackets. */
export function isLoopbackAddress(address: string): boolean {
  const ip = address.trim().replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (ip === "::1" || ip === "0:0:0:0:0:0:0:1") return true;
  const v4 = ip.startsWith("::ffff:") ? ip.slice("::ffff:".length) : ip;
  const parts = v4.split(".");
  return parts.length === 4 && parts[0] === "127" && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** A Host header value (`name[:port]`, `[v6][:port]`) that names this machine. */
export function isLoopbackHost(host: string): boolean {
  const value = host.trim().toLowerCase();
  const name = value.startsWith("[") ? value.slice(0, value.indexOf("]") + 1) : value.replace(/:\d*$/, "");
  if (!name) return false;
  return name === "localhost" || isLoopbackAddress(name);
}

function isLocalRequest(facts: RequestFacts): boolean {
  if (!facts.host || !isLoopbackHost(facts.host)) return false;
  if (facts.forwardedHost && !facts.forwardedHost.split(",").every(isLoopbackHost)) return false;
  if (facts.forwardedFor && !facts.forwardedFor.split(",").every(isLoopbackAddress)) return false;
  return true;
}

function sameSecret(given: string, expected: string): boolean {
  // Hashing first makes the comparison constant-time regardless of the lengths.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The reviewer a request acts as, or null when it may not review. Pure: tests call it directly. */
export function reviewerFor(facts: RequestFacts, token: string | undefined): Reviewer | null {
  if (token) return facts.reviewCookie != null && sameSecret(facts.reviewCookie, token) ? { actor: "reviewer:token" } : null;
  return isLocalRequest(facts) ? { actor: "reviewer:local" } : null;
}

export function reviewForbiddenMessage(token: string | undefined): string {
  return token
    ? `Reviewing needs the review token: set the ${REVIEW_COOKIE} cookie to the value of ${REVIEW_TOKEN_ENV} configured on the server.`
    : `Reviewing is only open on the machine Rootline runs on (open it at http://localhost:PORT there). ` +
        `To review from elsewhere, set ${REVIEW_TOKEN_ENV} on the server and send it in the ${REVIEW_COOKIE} cookie.`;
}

async function requestFacts(): Promise<RequestFacts> {
  const [h, c] = await Promise.all([headers(), cookies()]);
  return {
    host: h.get("host"),
    forwardedHost: h.get("x-forwarded-host"),
    forwardedFor: h.get("x-forwarded-for"),
    reviewCookie: c.get(REVIEW_COOKIE)?.value ?? null,
  };
}

const reviewToken = () => process.env[REVIEW_TOKEN_ENV] || undefined;

/** Whether the current request may review edges (decides whether pages show review buttons). */
export async function canReview(): Promise<boolean> {
  return reviewerFor(await requestFacts(), reviewToken()) !== null;
}

/** The reviewer of the current request; AppError "forbidden" explaining how to enable reviews. */
export async function requireReviewer(): Promise<Reviewer> {
  const token = reviewToken();
  const reviewer = reviewerFor(await requestFacts(), token);
  if (!reviewer) throw new AppError("forbidden", reviewForbiddenMessage(token));
  return reviewer;
}

/** Who a request comes from, for rate limits: the address Next saw (or was told by a proxy). */
export function clientId(facts: Pick<RequestFacts, "forwardedFor" | "host">): string {
  const first = facts.forwardedFor?.split(",")[0]?.trim();
  return first || `host:${facts.host ?? "unknown"}`;
}

const globalLimits = globalThis as unknown as { __rootlineLimiters?: Map<string, RateLimiter> };

/** Counts one `action` for the current client, `perMinute` allowed; AppError "rate_limited" past that. */
async function requireAllowance(action: string, perMinute: number, what: string): Promise<void> {
  const limiters = (globalLimits.__rootlineLimiters ??= new Map());
  let limiter = limiters.get(action);
  if (!limiter) limiters.set(action, (limiter = new RateLimiter(perMinute, 60_000)));
  const client = clientId(await requestFacts());
  if (!limiter.take(client)) {
    const seconds = Math.max(1, Math.ceil(limiter.retryAfterMs(client) / 1000));
    throw new AppError("rate_limited", `Too many ${what} from your address; try again in ${seconds} s (limit ${perMinute} a minute).`, { retryAfterSeconds: seconds });
  }
}

/** Counts one freeze for the current client. */
export function requireFreezeAllowance(): Promise<void> {
  return requireAllowance("freeze", FREEZES_PER_MINUTE, "frozen views");
}

export const TRACES_PER_MINUTE = 20;

/** Counts one trace request for the current client: each may cost dozens of Hub calls. */
export function requireTraceAllowance(): Promise<void> {
  return requireAllowance("trace", TRACES_PER_MINUTE, "trace requests");
}
