import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { getPglite } from "@/lib/server/db/adapter";
import { resolveDatabaseConfig } from "@/lib/server/db/config";
import { postgresLimiter, type SqlRunner } from "./postgres-limiter";

// Two limiters on two connections stand for two worker processes sharing one bucket in the store.
const config = resolveDatabaseConfig();
const pools: pg.Pool[] = [];

async function connection(): Promise<SqlRunner> {
  if (config.kind === "pglite") {
    // One process holds embedded PGlite: both "processes" share its one connection, as the server's workers would.
    const db = getPglite(config.dataDir);
    return (text, values) => db.query(text, values) as Promise<{ rows: Record<string, unknown>[] }>;
  }
  // One connection per "process", as a worker's own pool would give it.
  const pool = new pg.Pool({ connectionString: config.url, max: 1 });
  pools.push(pool);
  return (text, values) => pool.query(text, values);
}

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

describe("the Hub rate limit shared through the store", () => {
  it("never grants two processes together more than burst + rate × elapsed", async () => {
    const rate = 20;
    const burst = 5;
    const limiters = [postgresLimiter({ run: await connection(), name: "test-shared", rate, burst }), postgresLimiter({ run: await connection(), name: "test-shared", rate, burst })];
    const grants: number[] = [];
    const started = performance.now();
    const windowMs = 1_500;
    // Each "process" keeps 4 requests waiting for their turn, as a busy worker would.
    await Promise.all(
      limiters.flatMap((limiter, p) =>
        Array.from({ length: 4 }, async () => {
          while (performance.now() - started < windowMs) {
            await limiter.take();
            grants.push(p);
          }
        }),
      ),
    );
    const elapsedS = (performance.now() - started) / 1000;
    // The bucket's promise: grants within the elapsed time never exceed what it refills, plus the burst.
    expect(grants.length).toBeLessThanOrEqual(burst + Math.ceil(rate * elapsedS) + 1);
    // Both processes were served from the one bucket, not each from a bucket of its own.
    expect(grants.filter((p) => p === 0).length).toBeGreaterThan(0);
    expect(grants.filter((p) => p === 1).length).toBeGreaterThan(0);
    // A bucket per process would have let each through at the full rate: together they got about one rate's worth.
    expect(grants.length).toBeLessThan(2 * rate * elapsedS);
  });

  it("lets a burst through at once after a quiet spell", async () => {
    const limiter = postgresLimiter({ run: await connection(), name: "test-burst", rate: 1, burst: 3 });
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await limiter.take();
      waits.push(performance.now() - t);
    }
    // Three tokens were in the bucket: none of them waited for a refill (a second each at this rate).
    expect(Math.max(...waits)).toBeLessThan(900);
    const aborted = new AbortController();
    const fourth = limiter.take(aborted.signal);
    aborted.abort(new Error("stopped"));
    await expect(fourth).rejects.toThrow("stopped");
  });
});
