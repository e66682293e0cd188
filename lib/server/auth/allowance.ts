import "server-only";
import { AppError } from "@/lib/errors";
import { WRITES_PER_MINUTE } from "@/lib/limits";
import { limitStore } from "../limits/rate-limit-store";
import type { Actor } from "./actor";

export type WriteKind = keyof typeof WRITES_PER_MINUTE;

/**
 * Whom a limit counts: a signed-in user by account (so one person behind a shared address is
 * not throttled by the others, and a person with many addresses is still one person), anyone
 * else by the address the server decided.
 */
export function limitKey(actor: Pick<Actor, "userId" | "client">): string {
  return actor.userId ? `user:${actor.userId}` : `addr:${actor.client}`;
}

/**
 * Counts one `kind` of write for the actor; AppError "rate_limited" (429 with Retry-After) past
 * the limit. The count is shared by every web process on the same store (lib/server/limits/rate-limit-store.ts).
 */
export async function requireAllowance(actor: Pick<Actor, "userId" | "client">, kind: WriteKind): Promise<void> {
  const perMinute = WRITES_PER_MINUTE[kind];
  const verdict = await (await limitStore()).take(`${kind}:${limitKey(actor)}`, perMinute, 60_000);
  if (!verdict.allowed) {
    const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
    throw new AppError("rate_limited", `Too many requests of this kind; try again in ${seconds} s (limit ${perMinute} a minute).`, { retryAfterSeconds: seconds });
  }
}

/** Forget every count (tests). */
export async function resetAllowances(): Promise<void> {
  await (await limitStore()).reset();
}
