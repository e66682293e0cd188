import "server-only";
import { AppError } from "@/lib/errors";
import { WRITES_PER_MINUTE } from "@/lib/limits";
import { RateLimiter } from "../rate-limit";
import type { Actor } from "./actor";

export type WriteKind = keyof typeof WRITES_PER_MINUTE;

const globalLimits = globalThis as unknown as { __rootlineLimiters?: Map<string, RateLimiter> };

/**
 * Whom a limit counts: a signed-in user by account (so one person behind a shared address is
 * not throttled by the others, and a person with many addresses is still one person), anyone
 * else by the address the server decided.
 */
export function limitKey(actor: Pick<Actor, "userId" | "client">): string {
  return actor.userId ? `user:${actor.userId}` : `addr:${actor.client}`;
}

/** Counts one `kind` of write for the actor; AppError "rate_limited" (429 with Retry-After) past the limit. */
export function requireAllowance(actor: Pick<Actor, "userId" | "client">, kind: WriteKind): void {
  const perMinute = WRITES_PER_MINUTE[kind];
  const limiters = (globalLimits.__rootlineLimiters ??= new Map());
  let limiter = limiters.get(kind);
  if (!limiter) limiters.set(kind, (limiter = new RateLimiter(perMinute, 60_000)));
  const key = limitKey(actor);
  if (!limiter.take(key)) {
    const seconds = Math.max(1, Math.ceil(limiter.retryAfterMs(key) / 1000));
    throw new AppError("rate_limited", `Too many requests of this kind; try again in ${seconds} s (limit ${perMinute} a minute).`, { retryAfterSeconds: seconds });
  }
}

/** Forget every count (tests). */
export function resetAllowances(): void {
  globalLimits.__rootlineLimiters?.clear();
}
