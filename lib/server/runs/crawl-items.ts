import "server-only";

/**
 * The datasets of a crawl run as rows of `crawl_item`, one per dataset per run: the work list
 * every worker takes from. A claim is one UPDATE that only a QUEUED row passes, so two workers
 * never take the same item; a finished item writes its upstreams as new items in the same
 * statement, so the list is never missing what a finished dataset found.
 */
import { normalizeKey } from "@/lib/keys";
import { getDb } from "@/lib/server/db/client";

export type ItemState = "QUEUED" | "RUNNING" | "DONE" | "FAILED" | "SKIPPED";
export type ClaimedItem = { id: number; runId: string; key: string; level: number; attempts: number };
export type ItemCounts = { edgesCreated: number; edgesUpdated: number; evidenceAdded: number; nodesCreated: number };

const NOW_UTC = "(clock_timestamp() AT TIME ZONE 'UTC')";
/** Why an item was left for a later run (its `error`). */
export const SKIP_REASON = { depth: "beyond the run's depth", budget: "beyond the run's node budget", time: "the run's time budget ran out" } as const;

type Tx = Pick<ReturnType<typeof getDb>, "$queryRawUnsafe" | "$executeRawUnsafe">;

/** Keys as the run knows them: one per dataset (any casing), in the order first given. */
function distinctKeys(keys: readonly string[], except?: string): string[] {
  const seen = new Set<string>(except === undefined ? [] : [normalizeKey(except)]);
  return keys.filter((k) => !seen.has(normalizeKey(k)) && seen.add(normalizeKey(k)));
}

/**
 * The statement adding `keys` at a level (QUEUED, or SKIPPED when past the depth), with its
 * parameters numbered from `first`: run id, level, state, error, keys, the depth reason. A
 * dataset the run already has at a deeper level moves up to this one, and one skipped for
 * depth comes back if it is now within it. `onlyIf` gates the insert (a condition in SQL).
 */
function addStatement(first: number, onlyIf = "TRUE"): string {
  const p = (n: number) => `$${first + n}`;
  return `INSERT INTO crawl_item (run_id, key, key_norm, level, state, error)
     SELECT ${p(0)}, k, lower(k), ${p(1)}, ${p(2)}, ${p(3)} FROM unnest(${p(4)}::text[]) AS k WHERE ${onlyIf}
     ON CONFLICT (run_id, key_norm) DO UPDATE SET
       level = least(crawl_item.level, EXCLUDED.level),
       state = CASE WHEN crawl_item.state = 'SKIPPED' AND crawl_item.error = ${p(5)} AND EXCLUDED.state = 'QUEUED' THEN 'QUEUED' ELSE crawl_item.state END,
       error = CASE WHEN crawl_item.state = 'SKIPPED' AND crawl_item.error = ${p(5)} AND EXCLUDED.state = 'QUEUED' THEN NULL ELSE crawl_item.error END
     WHERE crawl_item.level > EXCLUDED.level
     RETURNING key, level, state = 'QUEUED' AS inserted`;
}

function addParameters(params: { runId: string; keys: readonly string[]; level: number; depth: number }): unknown[] {
  const within = params.level < params.depth;
  return [params.runId, params.level, within ? "QUEUED" : "SKIPPED", within ? null : SKIP_REASON.depth, params.keys, SKIP_REASON.depth];
}

/** Adds datasets at `level` (see addStatement). Returns the keys that are newly QUEUED. */
export async function addItems(tx: Tx, params: { runId: string; keys: readonly string[]; level: number; depth: number }): Promise<{ key: string; level: number }[]> {
  const keys = distinctKeys(params.keys);
  if (!keys.length) return [];
  const rows = await tx.$queryRawUnsafe<{ key: string; level: number; inserted: boolean }[]>(addStatement(1), ...addParameters({ ...params, keys }));
  return rows.filter((r) => r.inserted).map((r) => ({ key: r.key, level: r.level }));
}

const CLAIM_SET = `state = 'RUNNING', worker = $WORKER, attempts = attempts + 1, started_at = coalesce(started_at, ${NOW_UTC}), heartbeat_at = ${NOW_UTC}, not_before = NULL`;
const RETURNING = `RETURNING id, run_id AS "runId", key, level, attempts`;
const READY = `state = 'QUEUED' AND (not_before IS NULL OR not_before <= ${NOW_UTC})`;

/** Claims one dataset of a run for `worker` (a queue job names it); null if it is not there to take. */
export async function claimItem(params: { runId: string; key: string; worker: string }): Promise<ClaimedItem | null> {
  const rows = await getDb().$queryRawUnsafe<ClaimedItem[]>(
    `UPDATE crawl_item SET ${CLAIM_SET.replace("$WORKER", "$3")} WHERE run_id = $1 AND key_norm = $2 AND ${READY} ${RETURNING}`,
    params.runId,
    normalizeKey(params.key),
    params.worker,
  );
  return rows[0] ?? null;
}

/** Claims the run's next ready dataset, shallowest first; rows another worker is claiming are passed over. */
export async function claimNextItem(params: { runId: string; worker: string }): Promise<ClaimedItem | null> {
  const rows = await getDb().$queryRawUnsafe<ClaimedItem[]>(
    `UPDATE crawl_item SET ${CLAIM_SET.replace("$WORKER", "$2")}
     WHERE id = (SELECT id FROM crawl_item WHERE run_id = $1 AND ${READY} ORDER BY level, id LIMIT 1 FOR UPDATE SKIP LOCKED)
     AND ${READY} ${RETURNING}`,
    params.runId,
    params.worker,
  );
  return rows[0] ?? null;
}

export type ItemOutcome = { state: Exclude<ItemState, "RUNNING">; fromStore?: boolean; counts?: ItemCounts; error?: string | null; notBefore?: Date | null };

/**
 * Ends a claimed item and adds the upstreams it found one level down, as one statement: the
 * list never misses what a finished dataset found, and a crawl pays one round trip per item
 * for it rather than a transaction's four. Only the worker holding the item can end it (an
 * item taken back from a lost worker is not ended twice); when it cannot, nothing is added.
 * Returns whether it ended and the keys newly QUEUED.
 */
export async function endItem(params: {
  item: Pick<ClaimedItem, "id" | "runId" | "key" | "level">;
  worker: string;
  outcome: ItemOutcome;
  upstreams?: { keys: readonly string[]; depth: number };
}): Promise<{ ended: boolean; added: { key: string; level: number }[] }> {
  const { item, worker, outcome } = params;
  const finished = outcome.state === "QUEUED" ? null : new Date();
  // The item's own key is left out: the statement may not touch its row twice (and a dataset is never its own upstream).
  const keys = distinctKeys(params.upstreams?.keys ?? [], item.key);
  const rows = await getDb().$queryRawUnsafe<{ ended: boolean; added: { key: string; level: number }[] }[]>(
    `WITH ended AS (
       UPDATE crawl_item SET state = $3, from_store = $4, counts = $5::jsonb, error = $6, not_before = $7, finished_at = $8, worker = CASE WHEN $3 = 'QUEUED' THEN NULL ELSE worker END
       WHERE id = $1 AND worker = $2 AND state = 'RUNNING' RETURNING id
     ), added AS (${addStatement(9, "EXISTS (SELECT 1 FROM ended)")})
     SELECT EXISTS (SELECT 1 FROM ended) AS ended,
            coalesce((SELECT json_agg(json_build_object('key', key, 'level', level)) FROM added WHERE inserted), '[]'::json) AS added`,
    item.id,
    worker,
    outcome.state,
    outcome.fromStore ?? false,
    JSON.stringify(outcome.counts ?? {}),
    outcome.error?.slice(0, 2000) ?? null,
    outcome.notBefore ?? null,
    finished,
    ...addParameters({ runId: item.runId, keys, level: item.level + 1, depth: params.upstreams?.depth ?? 0 }),
  );
  const row = rows[0];
  return { ended: row?.ended ?? false, added: row?.added ?? [] };
}

/**
 * Whether the run has items still to do (queued, waiting for the Hub, or in a worker's hands).
 * Asked after every item: stops at the first one found rather than counting the frontier.
 */
export async function hasPendingItems(runId: string): Promise<boolean> {
  const rows = await getDb().$queryRawUnsafe<{ pending: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM crawl_item WHERE run_id = $1 AND state IN ('QUEUED', 'RUNNING')) AS pending`, runId);
  return rows[0]?.pending ?? false;
}

/** Every item still queued, as new work after a restart (each queue job claims its item or does nothing). */
export async function queuedItems(runId: string): Promise<{ key: string; level: number; notBefore: Date | null }[]> {
  return getDb().$queryRawUnsafe(`SELECT key, level, not_before AS "notBefore" FROM crawl_item WHERE run_id = $1 AND state = 'QUEUED' ORDER BY level, id`, runId);
}

/** Tells other processes this worker still holds its items (and their runs are alive). */
export async function renewItems(worker: string): Promise<void> {
  await getDb().$executeRawUnsafe(
    `WITH held AS (UPDATE crawl_item SET heartbeat_at = ${NOW_UTC} WHERE worker = $1 AND state = 'RUNNING' RETURNING run_id)
     UPDATE agent_run SET heartbeat_at = now() WHERE id IN (SELECT run_id FROM held) AND state = 'RUNNING'`,
    worker,
  );
}

/**
 * Items whose worker went quiet for `quietForMs` (a crash, a kill) go back to QUEUED: a
 * dataset's writes are one transaction, so what the lost worker did not commit is redone and
 * what it committed is answered from the store. Returns them, for new queue jobs.
 */
export async function requeueLostItems(quietForMs: number): Promise<{ runId: string; key: string; level: number }[]> {
  return getDb().$queryRawUnsafe(
    `UPDATE crawl_item SET state = 'QUEUED', worker = NULL WHERE state = 'RUNNING' AND heartbeat_at < ${NOW_UTC} - make_interval(secs => $1::float8 / 1000)
     RETURNING run_id AS "runId", key, level`,
    quietForMs,
  );
}

export type ItemTotals = { done: number; fromStore: number; failed: number; queued: number; running: number; skipped: number; skippedForBudget: number; skippedForTime: number; maxLevel: number } & ItemCounts & {
    firstStartedAt: Date | null;
    lastFinishedAt: Date | null;
  };

/** Counts of every run named that has items (runs traced in one process have none). */
export async function itemTotals(runIds: readonly string[]): Promise<Map<string, ItemTotals>> {
  if (!runIds.length) return new Map();
  const rows = await getDb().$queryRawUnsafe<(ItemTotals & { runId: string })[]>(
    `SELECT run_id AS "runId",
       count(*) FILTER (WHERE state = 'DONE')::int AS done,
       count(*) FILTER (WHERE state = 'DONE' AND from_store)::int AS "fromStore",
       count(*) FILTER (WHERE state = 'FAILED')::int AS failed,
       count(*) FILTER (WHERE state = 'QUEUED')::int AS queued,
       count(*) FILTER (WHERE state = 'RUNNING')::int AS running,
       count(*) FILTER (WHERE state = 'SKIPPED')::int AS skipped,
       count(*) FILTER (WHERE state = 'SKIPPED' AND error = $2)::int AS "skippedForBudget",
       count(*) FILTER (WHERE state = 'SKIPPED' AND error = $3)::int AS "skippedForTime",
       coalesce(max(level) FILTER (WHERE state IN ('DONE', 'FAILED')), -1)::int AS "maxLevel",
       coalesce(sum((counts->>'edgesCreated')::int), 0)::int AS "edgesCreated",
       coalesce(sum((counts->>'edgesUpdated')::int), 0)::int AS "edgesUpdated",
       coalesce(sum((counts->>'evidenceAdded')::int), 0)::int AS "evidenceAdded",
       coalesce(sum((counts->>'nodesCreated')::int), 0)::int AS "nodesCreated",
       min(started_at) AS "firstStartedAt",
       max(finished_at) FILTER (WHERE state IN ('DONE', 'FAILED')) AS "lastFinishedAt"
     FROM crawl_item WHERE run_id = ANY($1::text[]) GROUP BY run_id`,
    [...runIds],
    SKIP_REASON.budget,
    SKIP_REASON.time,
  );
  return new Map(rows.map(({ runId, ...totals }) => [runId, totals]));
}

/** The items that failed, with why (the run's failure of its target reads the seed's). */
export async function failedItems(runId: string, limit = 20): Promise<{ key: string; level: number; error: string | null }[]> {
  return getDb().$queryRawUnsafe(`SELECT key, level, error FROM crawl_item WHERE run_id = $1 AND state = 'FAILED' ORDER BY level, id LIMIT $2`, runId, limit);
}
