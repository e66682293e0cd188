import "server-only";

/**
 * The run queue: pg-boss on the lineage database. On a PostgreSQL server any number of
 * worker processes (`npm run worker`) on any machine take runs; on embedded PGlite the server
 * process is the only one that can open the database, so it runs the worker itself. pg-boss
 * speaks to PGlite through its `db.executeSql` hook.
 */
import PgBoss from "pg-boss";
import { getPglite } from "@/lib/server/db/adapter";
import { resolveDatabaseConfig, type DatabaseConfig } from "@/lib/server/db/config";
import { distributeCrawl, finishIfDone, runItemJob, startItemHeartbeat, unfinishedCrawls, type QueuedItem } from "./crawl-run";
import { requeueLostItems } from "./crawl-items";
import { crawlConcurrency, executeRun } from "./execute";
import { failRun, failStaleRuns, RUN_DEAD_AFTER_MS } from "./runs";

export const RUN_QUEUE = "trace-run";
/** One dataset of a crawl spread over workers (crawl-run.ts). */
export const ITEM_QUEUE = "trace-item";
/** A dataset's trace is short; a job whose worker vanished is offered again after this (the item sweep is faster). */
const ITEM_EXPIRE_SECONDS = 5 * 60;
/** One retry: a crash or a Hub outage gets a second chance, a bug does not loop. */
export const RUN_RETRY_LIMIT = 1;
/** A run whose worker vanished (killed machine) is taken again after this long. */
export const RUN_EXPIRE_SECONDS = 15 * 60;

type RunJob = { runId: string };
type ItemJob = { runId: string; key: string };

const globalForQueue = globalThis as unknown as { __rootlineBoss?: Promise<PgBoss>; __rootlineWorkers?: string[] };

function pgliteDb(dataDir: string): PgBoss.Db {
  const pglite = getPglite(dataDir);
  return {
    async executeSql(text, values) {
      // pg-boss sends its migrations as one multi-statement text without parameters.
      if (values?.length) return pglite.query(text, values);
      const results = await pglite.exec(text);
      return results[results.length - 1] ?? { rows: [] };
    },
  };
}

function bossOptions(config: DatabaseConfig): PgBoss.ConstructorOptions {
  const common = { schema: "pgboss", schedule: false, supervise: true, migrate: true } as const;
  return config.kind === "pglite" ? { ...common, db: pgliteDb(config.dataDir) } : { ...common, connectionString: config.url, max: 4 };
}

const DEADLOCK = "40P01";
const QUEUE_CREATE_ATTEMPTS = 6;

/**
 * pg-boss's create_queue inserts the queue's row, then adds a partition with a foreign key to the
 * queue table. Two processes creating the same queue at once on a new database (several workers
 * started together) deadlock: one waits on the other's row, the other on the table lock the first
 * holds. PostgreSQL aborts one; tried again, it finds the row and does nothing.
 */
async function createQueueOnce(boss: PgBoss, name: string, options: PgBoss.Queue): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await boss.createQueue(name, options);
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK || attempt >= QUEUE_CREATE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
    }
  }
}

/** A started pg-boss with Rootline's two queues; any number of processes may open one at once. */
export async function openQueue(config: DatabaseConfig = resolveDatabaseConfig()): Promise<PgBoss> {
  const boss = new PgBoss(bossOptions(config));
  boss.on("error", (error) => console.error("[queue]", error instanceof Error ? error.message : error));
  try {
    await boss.start();
    await createQueueOnce(boss, RUN_QUEUE, { name: RUN_QUEUE, retryLimit: RUN_RETRY_LIMIT, retryDelay: 2, expireInSeconds: RUN_EXPIRE_SECONDS });
    await createQueueOnce(boss, ITEM_QUEUE, { name: ITEM_QUEUE, retryLimit: 2, retryDelay: 2, expireInSeconds: ITEM_EXPIRE_SECONDS });
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw error;
  }
  return boss;
}

export function getQueue(): Promise<PgBoss> {
  globalForQueue.__rootlineBoss ??= openQueue().catch((error) => {
    globalForQueue.__rootlineBoss = undefined;
    throw error;
  });
  return globalForQueue.__rootlineBoss;
}

/** A job for the run, taken as soon as a worker is free or, with `startAfter`, not before then. */
async function sendRun(runId: string, startAfter?: Date): Promise<void> {
  const boss = await getQueue();
  const id = await boss.send(RUN_QUEUE, { runId } satisfies RunJob, { retryLimit: RUN_RETRY_LIMIT, retryDelay: 2, expireInSeconds: RUN_EXPIRE_SECONDS, singletonKey: runId, ...(startAfter ? { startAfter } : {}) });
  if (!id) throw new Error("the queue refused the job");
  if (!startAfter) for (const worker of globalForQueue.__rootlineWorkers ?? []) boss.notifyWorker(worker);
}

export async function enqueueRun(runId: string): Promise<void> {
  try {
    await sendRun(runId);
  } catch (error) {
    const message = `The run could not be queued: ${error instanceof Error ? error.message : String(error)}`;
    await failRun({ id: runId, error: message });
    throw error;
  }
}

/**
 * Crawl items as queue jobs, shallowest first. A job only names its item: the item's claim
 * decides who traces it, so a job sent twice (a sweep, a restart) costs one query.
 */
export async function sendItems(items: QueuedItem[]): Promise<void> {
  if (!items.length) return;
  const boss = await getQueue();
  for (let i = 0; i < items.length; i += 500) {
    await boss.insert(
      items.slice(i, i + 500).map((item) => ({
        name: ITEM_QUEUE,
        data: { runId: item.runId, key: item.key } satisfies ItemJob,
        priority: Math.max(0, 100 - item.level),
        retryLimit: 2,
        retryDelay: 2,
        expireInSeconds: ITEM_EXPIRE_SECONDS,
        ...(item.notBefore ? { startAfter: item.notBefore } : {}),
      })),
    );
  }
  for (const worker of globalForQueue.__rootlineWorkers ?? []) boss.notifyWorker(worker);
}

/** Hand a crawl run (many seeds) to every worker on the queue; it ends when its last dataset does. */
export async function enqueueCrawl(runId: string) {
  return distributeCrawl(runId, sendItems);
}

/** Take runs from the queue in this process, `concurrency` at a time. Returns a stop function. */
export async function startWorker(options: { concurrency?: number; itemConcurrency?: number } = {}): Promise<() => Promise<void>> {
  const boss = await getQueue();
  const workers: string[] = [];
  // Datasets of crawls spread over workers, several at once: each waits on the Hub most of its time.
  // Only a PostgreSQL server is shared by processes; on embedded PGlite a crawl runs where it was started.
  const shared = resolveDatabaseConfig().kind === "postgres";
  const itemSlots = shared ? (options.itemConcurrency ?? (options.concurrency ?? 2) * crawlConcurrency()) : 0;
  for (let i = 0; i < itemSlots; i++) {
    let self = "";
    const id = await boss.work<ItemJob>(ITEM_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
      if (!job) return;
      await runItemJob(job.data, sendItems);
      // pg-boss waits out its polling interval after a job unless told there is more: there usually is.
      if (self) boss.notifyWorker(self);
    });
    self = id;
    workers.push(id);
  }
  const stopItemHeartbeat = startItemHeartbeat();
  for (let i = 0; i < (options.concurrency ?? 2); i++) {
    const id = await boss.work<RunJob>(RUN_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5, includeMetadata: true }, async ([job]) => {
      if (!job) return;
      const lastAttempt = job.retryCount >= job.retryLimit;
      // A run the Hub asked to wait ends this job and gets a new one for later: the slot is free meanwhile.
      const run = await executeRun(job.data.runId, { lastAttempt, requeue: (notBefore) => sendRun(job.data.runId, notBefore), ...(shared ? { distribute: sendItems } : {}) });
      return { state: run.state };
    });
    workers.push(id);
  }
  globalForQueue.__rootlineWorkers = [...(globalForQueue.__rootlineWorkers ?? []), ...workers];
  // A live run's worker writes a heartbeat every RUN_HEARTBEAT_MS: one quiet for RUN_DEAD_AFTER_MS lost it
  // (a crash, a SIGKILL), and is failed within a minute of that, by whichever server sweeps first.
  const sweep = () =>
    Promise.all([
      failStaleRuns({ quietForMs: RUN_DEAD_AFTER_MS }),
      // Items of a crawl whose worker went quiet go back to the queue; the runs they were last in may now be done.
      requeueLostItems(RUN_DEAD_AFTER_MS).then(async (lost) => {
        await sendItems(lost);
        // A crawl whose last item ended in a worker that died before it could end the run.
        for (const runId of await unfinishedCrawls()) await finishIfDone(runId);
      }),
    ]).catch((error) => console.error("[queue] stale-run sweep failed", error));
  await sweep();
  const sweeper = setInterval(sweep, RUN_DEAD_AFTER_MS / 2);
  sweeper.unref();
  return async () => {
    clearInterval(sweeper);
    stopItemHeartbeat();
    await boss.offWork(RUN_QUEUE);
    await boss.offWork(ITEM_QUEUE);
    globalForQueue.__rootlineWorkers = [];
  };
}

export async function stopQueue(): Promise<void> {
  const pending = globalForQueue.__rootlineBoss;
  globalForQueue.__rootlineBoss = undefined;
  globalForQueue.__rootlineWorkers = [];
  if (pending) await (await pending).stop({ graceful: true, wait: true, close: true }).catch(() => undefined);
}
