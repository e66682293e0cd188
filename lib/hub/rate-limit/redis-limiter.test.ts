import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisLimiter } from "./redis-limiter";

// Two clients stand for two processes on two machines drawing from one bucket in Redis.
const url = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const key = `rootline:test:hub-rate:${process.pid}:${Date.now()}`;
const clients: Redis[] = [];

beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
    await client.connect();
    clients.push(client);
  }
});

afterAll(async () => {
  await clients[0]?.del(key);
  for (const client of clients) client.disconnect();
});

describe("the Hub rate limit shared through Redis", () => {
  it("never grants two processes together more than burst + rate × elapsed", async () => {
    const rate = 20;
    const burst = 5;
    const limiters = clients.map((redis) => redisLimiter({ redis, key, rate, burst }));
    const grants: number[] = [];
    const started = performance.now();
    await Promise.all(
      limiters.flatMap((limiter, p) =>
        Array.from({ length: 4 }, async () => {
          while (performance.now() - started < 1_500) {
            await limiter.take();
            grants.push(p);
          }
        }),
      ),
    );
    const elapsedS = (performance.now() - started) / 1000;
    expect(grants.length).toBeLessThanOrEqual(burst + Math.ceil(rate * elapsedS) + 1);
    expect(grants.filter((p) => p === 0).length).toBeGreaterThan(0);
    expect(grants.filter((p) => p === 1).length).toBeGreaterThan(0);
    expect(grants.length).toBeLessThan(2 * rate * elapsedS);
  });
});
