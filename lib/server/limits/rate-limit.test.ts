import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit";

describe("RateLimiter", () => {
  it("allows `limit` attempts per window and client, then refuses until the window slides", () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(3, 60_000, () => now);
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a"), limiter.take("a")]).toEqual([true, true, true, false]);
    expect(limiter.take("b")).toBe(true);
    expect(limiter.retryAfterMs("a")).toBe(60_000);
    now += 30_000;
    expect(limiter.take("a")).toBe(false);
    expect(limiter.retryAfterMs("a")).toBe(30_000);
    now += 30_001;
    expect(limiter.retryAfterMs("a")).toBe(0);
    expect(limiter.take("a")).toBe(true);
  });

  it("bounds the clients it tracks, forgetting idle ones first", () => {
    let now = 0;
    const limiter = new RateLimiter(1, 1_000, () => now, 2);
    limiter.take("a");
    now = 5_000;
    limiter.take("b");
    limiter.take("c");
    expect(limiter.trackedClients).toBe(2);
    // The idle "a" went; the active "b" is still held to its limit.
    expect(limiter.take("b")).toBe(false);
    for (const client of ["d", "e", "f"]) limiter.take(client);
    expect(limiter.trackedClients).toBe(2);
  });
});
