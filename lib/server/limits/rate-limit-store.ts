import "server-only";
import type { Redis } from "ioredis";
import { resolveDatabaseConfig } from "../db/config";
import { getDb } from "../db/client";
import { RateLimiter } from "./rate-limit";

/**
 * Where write rate-limit counts live, so that several web processes (and several servers)
 * limit a client as one: Redis when REDIS_URL is set, the PostgreSQL store when DATABASE_URL
 * is one, else this process's memory (the embedded store serves one process anyway).
 *
 * The shared stores count in fixed windows that open at a client's first attempt (one row or
 * key per client and kind; the next attempt after the window ends opens a new one): one atomic
 * statement per attempt, no list of timestamps to keep in sync. A client can thus make up to
 * twice the limit in a window's length straddling two windows; the in-memory limiter keeps its
 * exact sliding window.
 */
export type Verdict = { allowed: boolean; retryAfterMs: number };
export interface LimitStore {
  take(key: string, limit: number, windowMs: number): Promise<Verdict>;
  reset(): Promise<void>;
}

export function memoryStore(now: () => number = Date.now): LimitStore {
  const limiters = new Map<string, RateLimiter>();
  return {
    async take(key, limit, windowMs) {
      const id = `${limit}/${windowMs}`;
      let limiter = limiters.get(id);
      if (!limiter) limiters.set(id, (limiter = new RateLimiter(limit, windowMs, now)));
      const allowed = limiter.take(key);
      return { allowed, retryAfterMs: allowed ? 0 : limiter.retryAfterMs(key) };
    },
    async reset() {
      limiters.clear();
    },
  };
}

/** Counters in the `web_rate_limit` table, windows on the database's clock (one clock for every server). */
export function postgresStore(): LimitStore {
  let calls = 0;
  return {
    async take(key, limit, windowMs) {
      const db = getDb();
      const [row] = await db.$queryRawUnsafe<{ hits: number; retry_ms: bigint | number }[]>(
        `WITH now AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms)
         INSERT INTO web_rate_limit AS l (key, window_start, hits)
         SELECT $1, ms, 1 FROM now
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN l.window_start > EXCLUDED.window_start - $2 THEN l.hits + 1 ELSE 1 END,
           window_start = CASE WHEN l.window_start > EXCLUDED.window_start - $2 THEN l.window_start ELSE EXCLUDED.window_start END
         RETURNING l.hits, l.window_start + $2 - (SELECT ms FROM now) AS retry_ms`,
        key,
        windowMs,
      );
      // Now and then, drop counters whose window is long over (bounds the table by active clients).
      if (++calls % 200 === 0) await db.$executeRawUnsafe(`DELETE FROM web_rate_limit WHERE window_start < (extract(epoch FROM clock_timestamp()) * 1000)::bigint - $1`, 10 * windowMs);
      const allowed = row!.hits <= limit;
      return { allowed, retryAfterMs: allowed ? 0 : Math.max(0, Number(row!.retry_ms)) };
    },
    async reset() {
      await getDb().$executeRawUnsafe(`DELETE FROM web_rate_limit`);
    },
  };
}

// INCR and the window's expiry in one step: two processes never both see a first hit.
const REDIS_TAKE = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;
const REDIS_PREFIX = "rootline:write-limit:";

export function redisStore(redis: Redis): LimitStore {
  return {
    async take(key, limit, windowMs) {
      const [hits, ttl] = (await redis.eval(REDIS_TAKE, 1, `${REDIS_PREFIX}${windowMs}:${key}`, String(windowMs))) as [number, number];
      const allowed = hits <= limit;
      return { allowed, retryAfterMs: allowed ? 0 : Math.max(0, ttl) };
    },
    async reset() {
      const keys = await redis.keys(`${REDIS_PREFIX}*`);
      if (keys.length) await redis.del(...keys);
    },
  };
}

const globalStore = globalThis as unknown as { __rootlineLimitStore?: LimitStore };

/** The store this process uses (chosen once, from the environment). */
export async function limitStore(): Promise<LimitStore> {
  if (globalStore.__rootlineLimitStore) return globalStore.__rootlineLimitStore;
  const redisUrl = process.env.REDIS_URL?.trim();
  let store: LimitStore;
  if (redisUrl) {
    const { Redis } = await import("ioredis");
    store = redisStore(new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2, connectionName: "rootline write limits" }));
  } else if (resolveDatabaseConfig().kind === "postgres") {
    store = postgresStore();
  } else {
    store = memoryStore();
  }
  return (globalStore.__rootlineLimitStore ??= store);
}
