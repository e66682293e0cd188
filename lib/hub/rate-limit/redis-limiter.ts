/**
 * The Hub's token bucket in Redis (when REDIS_URL is set): the same reservation as the
 * PostgreSQL row, as one Lua script on Redis's own clock, so every process on every machine
 * draws from one bucket without touching the database.
 */
import type Redis from "ioredis";
import { waitFor, sleepFor, type HubRateLimiter, type RateConfig } from "./token-bucket";

const RESERVE_LUA = `
local now = redis.call('TIME')
local t = tonumber(now[1]) + tonumber(now[2]) / 1e6
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'updated_at')
local tokens = burst
if state[1] then
  tokens = math.min(burst, tonumber(state[1]) + math.max(0, t - tonumber(state[2])) * rate)
end
tokens = tokens - 1
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated_at', tostring(t))
redis.call('EXPIRE', KEYS[1], 3600)
return tostring(tokens)`;

export function redisLimiter(params: { redis: Redis; key?: string } & RateConfig): HubRateLimiter {
  const key = params.key ?? "rootline:hub-rate-limit";
  return {
    async take(signal) {
      if (signal?.aborted) throw signal.reason;
      const tokens = Number(await params.redis.eval(RESERVE_LUA, 1, key, String(params.rate), String(params.burst)));
      await sleepFor(waitFor(tokens, params.rate), signal);
    },
    async close() {
      params.redis.disconnect();
    },
  };
}
