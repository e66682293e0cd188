import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { resolveDatabaseConfig } from "../db/config";
import { memoryStore, postgresStore, redisStore, type LimitStore } from "./rate-limit-store";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
const redisUp = await redis.connect().then(
  () => true,
  () => false,
);
afterAll(() => redis.disconnect());

const stores: [string, () => LimitStore, boolean][] = [
  ["memory", () => memoryStore(), true],
  ["PostgreSQL", () => postgresStore(), resolveDatabaseConfig().kind === "postgres"],
  ["Redis", () => redisStore(redis), redisUp],
];

describe.each(stores)("write limits kept in %s", (_name, make, available) => {
  it.runIf(available)("allow `limit` attempts per client and window, then say how long to wait", async () => {
    const store = make();
    await store.reset();
    const key = `t:${Math.random()}`;
    for (let i = 0; i < 3; i++) expect((await store.take(key, 3, 60_000)).allowed).toBe(true);
    const refused = await store.take(key, 3, 60_000);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    // Another client has its own count.
    expect((await store.take(`${key}:other`, 3, 60_000)).allowed).toBe(true);
  });

  it.runIf(available && _name !== "memory")("are one count for every process: two stores on the same backend share it", async () => {
    const [a, b] = [make(), make()];
    await a.reset();
    const key = `shared:${Math.random()}`;
    expect((await a.take(key, 2, 60_000)).allowed).toBe(true);
    expect((await b.take(key, 2, 60_000)).allowed).toBe(true);
    expect((await a.take(key, 2, 60_000)).allowed).toBe(false);
    expect((await b.take(key, 2, 60_000)).allowed).toBe(false);
  });
});
