/**
 * A token bucket that hands out reservations: a taker always gets the next free slot and waits
 * until then, so callers queue fairly instead of polling. Grants over any window of T seconds
 * never exceed `burst + rate × T`. The same arithmetic runs in memory, in one PostgreSQL
 * statement and in one Redis script, so every backend keeps the same promise.
 */

export type RateConfig = {
  /** Tokens added per second. */
  rate: number;
  /** Most tokens the bucket holds: requests that may go out at once after a quiet spell. */
  burst: number;
};

export interface HubRateLimiter {
  /** Resolves when this request may go out; rejects with the signal's reason if it aborts first. */
  take(signal?: AbortSignal): Promise<void>;
  close?(): Promise<void>;
}

export type BucketState = { tokens: number; updatedAt: number };

/** The bucket after one reservation at `nowSeconds`, and how long the taker waits (ms). */
export function reserve(state: BucketState | null, nowSeconds: number, config: RateConfig): { state: BucketState; waitMs: number } {
  const refilled = state ? Math.min(config.burst, state.tokens + Math.max(0, nowSeconds - state.updatedAt) * config.rate) : config.burst;
  const tokens = refilled - 1;
  return { state: { tokens, updatedAt: nowSeconds }, waitMs: waitFor(tokens, config.rate) };
}

/** A bucket left at `tokens` after a reservation: below zero, the taker's slot is that far ahead. */
export function waitFor(tokens: number, rate: number): number {
  return tokens >= 0 ? 0 : Math.ceil((-tokens / rate) * 1000);
}

export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The bucket in this process only: right for embedded PGlite, where one process holds the store. */
export function memoryLimiter(config: RateConfig, clock: () => number = () => Date.now() / 1000): HubRateLimiter {
  let state: BucketState | null = null;
  return {
    async take(signal) {
      if (signal?.aborted) throw signal.reason;
      const next = reserve(state, clock(), config);
      state = next.state;
      await sleepFor(next.waitMs, signal);
    },
  };
}

export const unlimited: HubRateLimiter = { take: async (signal) => void (signal?.aborted ? Promise.reject(signal.reason) : undefined) };
