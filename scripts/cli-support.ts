import { isAppError } from "@/lib/errors";
import { disconnectDb } from "@/lib/server/db/client";
import { closePglite } from "@/lib/server/db/adapter";
import { resolveDatabaseConfig } from "@/lib/server/db/config";
import { acquireEmbeddedLock } from "@/lib/server/db/embedded-lock";

/**
 * Run a CLI body with clean error reporting: a message and a non-zero exit code, never a
 * stack trace for expected failures; the database is closed on every path.
 */
export async function runCli(body: (args: string[]) => Promise<number>): Promise<never> {
  const config = resolveDatabaseConfig();
  let code = 1;
  let release: (() => void) | undefined;
  try {
    if (config.kind === "pglite" && config.dataDir !== "memory://") release = acquireEmbeddedLock(config.dataDir);
    code = await body(process.argv.slice(2));
  } catch (error) {
    const e = error as Error & { exitCode?: number; code?: string; status?: number };
    console.error(`error: ${e.message}`);
    if (process.env.ROOTLINE_DEBUG) console.error(e.stack);
    // Refused input (an AppError with a 4xx status) is the caller's to fix: exit 2, as for usage errors.
    code = e.exitCode ?? (isAppError(e) && e.status < 500 ? 2 : 1);
  } finally {
    await disconnectDb().catch(() => {});
    if (config.kind === "pglite") await closePglite(config.dataDir).catch(() => {});
    release?.();
  }
  process.exit(code);
}
