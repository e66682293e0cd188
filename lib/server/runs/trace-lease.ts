import "server-only";

/**
 * One dataset is traced by one process at a time, whatever run asked for it: a lease row per
 * dataset (`trace_lease`), taken by an insert that only loses to a live holder. A holder that
 * stopped renewing (a crash, a kill) loses the lease after LEASE_STALE_MS, so nothing is stuck.
 * The database's clock decides staleness, so machines whose clocks disagree still agree on it.
 */
import { randomUUID } from "node:crypto";
import { normalizeKey } from "@/lib/keys";
import { getDb } from "@/lib/server/db/client";
import { RUN_DEAD_AFTER_MS, RUN_HEARTBEAT_MS } from "./run-view";

export const LEASE_STALE_MS = RUN_DEAD_AFTER_MS;
const POLL_MS = 200;
const NOW_UTC = "(clock_timestamp() AT TIME ZONE 'UTC')";

export type TraceLease = { keyNorm: string; holder: string; release(): Promise<void> };

const held = new Map<string, string>();
let renewer: NodeJS.Timeout | null = null;

function keepRenewing() {
  renewer ??= setInterval(() => {
    if (!held.size) return;
    getDb()
      .$executeRawUnsafe(`UPDATE trace_lease SET heartbeat_at = ${NOW_UTC} WHERE holder = ANY($1::text[])`, [...held.values()])
      .catch((error) => console.error("[runs] could not renew trace leases", error));
  }, RUN_HEARTBEAT_MS);
  renewer.unref();
}

/** The lease on `key` if nobody live holds it, else null. */
export async function tryLease(key: string, runId: string | null): Promise<TraceLease | null> {
  const keyNorm = normalizeKey(key);
  const holder = `${process.pid}:${randomUUID()}`;
  const rows = await getDb().$queryRawUnsafe<{ holder: string }[]>(
    `INSERT INTO trace_lease (key_norm, run_id, holder, heartbeat_at) VALUES ($1, $2, $3, ${NOW_UTC})
     ON CONFLICT (key_norm) DO UPDATE SET run_id = EXCLUDED.run_id, holder = EXCLUDED.holder, heartbeat_at = EXCLUDED.heartbeat_at
     WHERE trace_lease.heartbeat_at < ${NOW_UTC} - make_interval(secs => $4::float8 / 1000)
     RETURNING holder`,
    keyNorm,
    runId,
    holder,
    LEASE_STALE_MS,
  );
  if (rows[0]?.holder !== holder) return null;
  held.set(`${keyNorm}\u0000${holder}`, holder);
  keepRenewing();
  return {
    keyNorm,
    holder,
    async release() {
      held.delete(`${keyNorm}\u0000${holder}`);
      await getDb().$executeRawUnsafe(`DELETE FROM trace_lease WHERE key_norm = $1 AND holder = $2`, keyNorm, holder);
    },
  };
}

/** The lease on `key`, waiting while another process traces it (or until the signal aborts). */
export async function takeLease(key: string, runId: string | null, signal?: AbortSignal): Promise<TraceLease> {
  for (;;) {
    if (signal?.aborted) throw signal.reason;
    const lease = await tryLease(key, runId);
    if (lease) return lease;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
