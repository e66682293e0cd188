import "server-only";
import fs from "node:fs";
import path from "node:path";
import { isProcessAlive } from "@/lib/process-alive";

/**
 * Embedded PGlite is one process's database: a second process opening the same folder
 * would corrupt it. Whoever opens it writes its pid next to it; others refuse with a clear
 * message instead of a crash deep inside PGlite.
 */
export function acquireEmbeddedLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.lock`);
  const holder = readHolder(lockFile);
  if (holder && holder !== process.pid && isProcessAlive(holder)) {
    throw Object.assign(
      new Error(
        `The embedded database ${dataDir} is in use by process ${holder} (probably the running app). ` +
          `Stop it first, or point DATABASE_URL at a PostgreSQL server to share one database between processes.`,
      ),
      { exitCode: 3 },
    );
  }
  fs.writeFileSync(lockFile, String(process.pid));
  const release = () => {
    if (readHolder(lockFile) === process.pid) fs.rmSync(lockFile, { force: true });
  };
  process.once("exit", release);
  return release;
}

function readHolder(lockFile: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockFile, "utf8"), 10);
    return Number.isFinite(pid) ? pid : null;
  } catch {
    return null;
  }
}
