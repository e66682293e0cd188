/**
 * `npm run worker`: a process that takes trace runs from the queue (pg-boss on the lineage
 * database) until stopped. Start as many as you like, on any machine that reaches the
 * PostgreSQL server in DATABASE_URL. On the embedded database the app's own server is the
 * worker (only one process can open it), and this command says so.
 *
 *   ROOTLINE_WORKER_CONCURRENCY  runs taken at once (default 2)
 *   ROOTLINE_CRAWL_CONCURRENCY   datasets traced at once within a run (default 4); datasets of crawls
 *                                spread over workers (`lineage crawl --workers`): both multiplied (8)
 *   ROOTLINE_HUB_RATE_PER_SECOND Hub requests per second of all processes together (shared bucket)
 */
import { describeDatabase, resolveDatabaseConfig } from "@/lib/server/db/config";
import { applyMigrations } from "@/lib/server/db/migrate";
import { closeHubRateLimiters } from "@/lib/hub/rate-limit/shared";
import { startWorker, stopQueue } from "@/lib/server/runs/queue";
import { runCli } from "./cli-support";

await runCli(async () => {
  const config = resolveDatabaseConfig();
  await applyMigrations(config);
  const concurrency = Number(process.env.ROOTLINE_WORKER_CONCURRENCY ?? 2);
  const stop = await startWorker({ concurrency: Number.isInteger(concurrency) && concurrency > 0 ? concurrency : 2 });
  console.log(`Worker taking trace runs from ${describeDatabase(config)} (${concurrency} at a time). Ctrl-C stops it after the runs in hand.`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  console.log("Stopping: finishing the runs in hand…");
  await stop();
  await stopQueue();
  await closeHubRateLimiters();
  return 0;
});
