/**
 * The Hub's token bucket as one row of `hub_rate_limit`, shared by every process that reaches
 * the PostgreSQL server: a reservation is one INSERT … ON CONFLICT DO UPDATE … RETURNING, so the
 * row lock orders concurrent takers and the refill uses the database's clock (machines' clocks
 * may disagree; the server's is the one every taker sees).
 */
import { waitFor, sleepFor, type HubRateLimiter, type RateConfig } from "./token-bucket";

/** Runs one parameterised statement and returns its rows (a pg Pool or Client fits). */
export type SqlRunner = (text: string, values: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

const RESERVE_SQL = `
INSERT INTO hub_rate_limit (name, tokens, updated_at)
VALUES ($1, $3::float8 - 1, extract(epoch from clock_timestamp()))
ON CONFLICT (name) DO UPDATE SET
  tokens = least($3::float8, hub_rate_limit.tokens + greatest(0, extract(epoch from clock_timestamp()) - hub_rate_limit.updated_at) * $2::float8) - 1,
  updated_at = extract(epoch from clock_timestamp())
RETURNING tokens`;

export function postgresLimiter(params: { run: SqlRunner; name?: string } & RateConfig): HubRateLimiter {
  const name = params.name ?? "hub";
  return {
    async take(signal) {
      if (signal?.aborted) throw signal.reason;
      const { rows } = await params.run(RESERVE_SQL, [name, params.rate, params.burst]);
      await sleepFor(waitFor(Number(rows[0]?.tokens ?? 0), params.rate), signal);
    },
  };
}
