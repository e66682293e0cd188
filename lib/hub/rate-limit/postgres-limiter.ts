/**
 * The Hub's token bucket as one row of `hub_rate_limit`, shared by every process that reaches
 * the PostgreSQL server: a reservation is one INSERT … ON CONFLICT DO UPDATE … RETURNING, so the
 * row lock orders concurrent takers and the refill uses the database's clock (machines' clocks
 * may disagree; the server's is the one every taker sees).
 *
 * Takers that arrive while a reservation is in flight are served by the next statement, all at
 * once: it takes n tokens and gives each taker the slot n reservations in turn would have given
 * (the same waits, in arrival order). A crawl asks for a dataset's card, paper and candidates'
 * facts together, so this is one round trip where it was several, and the shared row is locked
 * once for them. A lone taker still goes out at once.
 */
import { waitFor, sleepFor, type HubRateLimiter, type RateConfig } from "./token-bucket";

/** Runs one parameterised statement and returns its rows (a pg Pool or Client fits). */
export type SqlRunner = (text: string, values: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** $4 tokens at once; RETURNING the bucket after the last of them. */
const RESERVE_SQL = `
INSERT INTO hub_rate_limit (name, tokens, updated_at)
VALUES ($1, $3::float8 - $4::float8, extract(epoch from clock_timestamp()))
ON CONFLICT (name) DO UPDATE SET
  tokens = least($3::float8, hub_rate_limit.tokens + greatest(0, extract(epoch from clock_timestamp()) - hub_rate_limit.updated_at) * $2::float8) - $4::float8,
  updated_at = extract(epoch from clock_timestamp())
RETURNING tokens`;

/** Most takers one statement serves; the rest wait for the next. */
export const MOST_TAKERS_AT_ONCE = 64;

type Taker = { signal?: AbortSignal; granted(tokensAfter: number): void; refused(error: unknown): void };

export function postgresLimiter(params: { run: SqlRunner; name?: string } & RateConfig): HubRateLimiter {
  const name = params.name ?? "hub";
  const waiting: Taker[] = [];
  let asking = false;

  async function serve(): Promise<void> {
    if (asking) return;
    asking = true;
    try {
      while (waiting.length) {
        // A taker whose signal ended while it waited leaves without a token.
        for (let i = waiting.length - 1; i >= 0; i--) {
          const t = waiting[i]!;
          if (t.signal?.aborted) {
            waiting.splice(i, 1);
            t.refused(t.signal.reason);
          }
        }
        const batch = waiting.splice(0, MOST_TAKERS_AT_ONCE);
        if (!batch.length) break;
        try {
          const { rows } = await params.run(RESERVE_SQL, [name, params.rate, params.burst, batch.length]);
          const after = Number(rows[0]?.tokens ?? 0);
          // The first taker holds the first of the n tokens: the bucket stood n - 1 higher after it.
          batch.forEach((t, i) => t.granted(after + (batch.length - 1 - i)));
        } catch (error) {
          for (const t of batch) t.refused(error);
        }
      }
    } finally {
      asking = false;
    }
  }

  return {
    async take(signal) {
      if (signal?.aborted) throw signal.reason;
      const tokensAfter = await new Promise<number>((granted, refused) => {
        waiting.push({ signal, granted, refused });
        void serve();
      });
      await sleepFor(waitFor(tokensAfter, params.rate), signal);
    },
  };
}
