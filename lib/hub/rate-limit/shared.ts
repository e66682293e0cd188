import "server-only";

/**
 * The one Hub rate limiter of this process, drawing from a bucket every process shares: in
 * Redis when REDIS_URL is set, else in the PostgreSQL store (DATABASE_URL), else (embedded
 * PGlite: one process holds the store) in memory. The PostgreSQL bucket has a small pool of
 * its own, so taking a token is not a write the store's caches see.
 */
import pg from "pg";
import { resolveDatabaseConfig } from "@/lib/server/db/config";
import { resolveHubRate } from "./config";
import { postgresLimiter } from "./postgres-limiter";
import { memoryLimiter, unlimited, type HubRateLimiter } from "./token-bucket";

const globalForLimiter = globalThis as unknown as { __rootlineHubLimiters?: Map<string, HubRateLimiter> };

function create(hubUrl: string): HubRateLimiter {
  const config = resolveHubRate(hubUrl);
  if (!config) return unlimited;
  const name = `hub:${new URL(hubUrl).host.toLowerCase()}`;
  const redisUrl = process.env.REDIS_URL?.trim();
  if (redisUrl) return lazyRedis(redisUrl, name, config);
  const database = resolveDatabaseConfig();
  if (database.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: database.url, max: 2, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
    pool.on("error", (error) => console.error("[hub-rate-limit]", error.message));
    const limiter = postgresLimiter({ run: (text, values) => pool.query(text, values), name, ...config });
    return { take: limiter.take, close: () => pool.end() };
  }
  return memoryLimiter(config);
}

/** ioredis is loaded only when Redis is configured. */
function lazyRedis(url: string, name: string, config: { rate: number; burst: number }): HubRateLimiter {
  let ready: Promise<HubRateLimiter> | null = null;
  const get = () =>
    (ready ??= (async () => {
      const { default: Redis } = await import("ioredis");
      const { redisLimiter } = await import("./redis-limiter");
      const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
      redis.on("error", (error) => console.error("[hub-rate-limit]", error.message));
      return redisLimiter({ redis, key: `rootline:rate:${name}`, ...config });
    })());
  return { take: async (signal) => (await get()).take(signal), close: async () => (ready ? (await ready).close?.() : undefined) };
}

export function hubRateLimiter(hubUrl: string): HubRateLimiter {
  const limiters = (globalForLimiter.__rootlineHubLimiters ??= new Map());
  let limiter = limiters.get(hubUrl);
  if (!limiter) limiters.set(hubUrl, (limiter = create(hubUrl)));
  return limiter;
}

export async function closeHubRateLimiters(): Promise<void> {
  const limiters = globalForLimiter.__rootlineHubLimiters;
  globalForLimiter.__rootlineHubLimiters = undefined;
  await Promise.all([...(limiters?.values() ?? [])].map((l) => l.close?.().catch(() => undefined)));
}
