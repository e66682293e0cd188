import os from "node:os";

/**
 * How many web processes `npm start` runs: ROOTLINE_WEB_PROCESSES when set, otherwise one per
 * core on PostgreSQL (Node serves a request on one core; a second process uses the second) and
 * exactly one on the embedded store, which belongs to one process at a time (its lock,
 * lib/server/db/embedded-lock.ts, would refuse a second one anyway).
 */
export function webProcesses(env: Readonly<Record<string, string | undefined>>, cores = os.availableParallelism()): { count: number; warning?: string } {
  const embedded = !env.DATABASE_URL?.trim();
  const raw = env.ROOTLINE_WEB_PROCESSES?.trim();
  if (!raw) return { count: embedded ? 1 : Math.max(1, cores) };
  const asked = Number(raw);
  if (!Number.isInteger(asked) || asked < 1 || asked > 256) throw new Error(`ROOTLINE_WEB_PROCESSES must be a whole number from 1 to 256 (got "${raw}")`);
  if (embedded && asked > 1) return { count: 1, warning: `ROOTLINE_WEB_PROCESSES=${asked} ignored: the embedded database serves one process; set DATABASE_URL to a PostgreSQL server for more.` };
  return { count: asked };
}
