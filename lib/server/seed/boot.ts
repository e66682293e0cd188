import "server-only";
import { applyMigrations } from "../db/migrate";
import { describeDatabase, resolveDatabaseConfig } from "../db/config";
import { acquireEmbeddedLock } from "../db/embedded-lock";

/**
 * Everything the server needs before it answers a request: the embedded database claimed
 * for this process, migrations applied, and the bundled seed loaded when it changed.
 * Runs once per server process (instrumentation.ts), for `next start` and `next dev` alike.
 */
export async function prepareServer(): Promise<void> {
  const config = resolveDatabaseConfig();
  // A second web process of `npm start` (scripts/serve.ts) starts once the lead has done all of
  // this; it only serves, so two processes never migrate, seed or take runs side by side.
  if (process.env.ROOTLINE_WEB_ROLE === "follower") {
    console.log(`[rootline] web process ${process.pid} serving ${describeDatabase(config)}`);
    return;
  }
  if (config.kind === "pglite" && config.dataDir !== "memory://") acquireEmbeddedLock(config.dataDir);
  const started = Date.now();
  const applied = await applyMigrations(config);
  if (applied.length) console.log(`[rootline] applied migrations: ${applied.join(", ")}`);
  if (process.env.ROOTLINE_SKIP_SEED !== "1") {
    const { seedIfChanged } = await import("./seed-state");
    const report = await seedIfChanged();
    if (report) console.log(`[rootline] seeded: ${JSON.stringify(report)}`);
  }
  const { ensureAdminFromEnv } = await import("../auth/accounts");
  const admin = await ensureAdminFromEnv();
  if (admin) console.log(`[rootline] admin account ready: ${admin.email} (from ROOTLINE_ADMIN_EMAIL)`);
  console.log(`[rootline] database ready: ${describeDatabase(config)} (${Date.now() - started} ms)`);
  await startRunWorker();
}

/**
 * Trace runs are taken by a worker in this process unless ROOTLINE_WORKER=0 (then only
 * `npm run worker` processes take them, which needs DATABASE_URL). A queue that cannot
 * start leaves the app browsable; runs then stay queued and the runs page says so.
 */
async function startRunWorker(): Promise<void> {
  if (process.env.ROOTLINE_WORKER === "0") return;
  try {
    const { startWorker } = await import("../runs/queue");
    const concurrency = Number(process.env.ROOTLINE_WORKER_CONCURRENCY ?? 2);
    await startWorker({ concurrency: Number.isInteger(concurrency) && concurrency > 0 ? concurrency : 2 });
    console.log("[rootline] trace worker started");
  } catch (error) {
    console.error(`[rootline] the trace worker did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}
