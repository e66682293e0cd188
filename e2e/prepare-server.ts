/**
 * The e2e web server: a fresh embedded database holding the seeded graph, the explorer
 * fixture (e2e/fixtures/explorer) and a few measured overlaps (e2e/fixtures/overlap.csv, which
 * name registered evaluation sets, so the seed goes first), then `npm run start`.
 * Wiping first makes every run start from the same graph, whatever the last run reviewed.
 * A fake Hub serving test-support/fake-hub/world.ts runs in this process; the app's HF_ENDPOINT
 * (and the arXiv/GitHub endpoints) point at it, so traces never leave the machine.
 *
 *   ROOTLINE_DATA_DIR=.data/e2e PORT=3100 tsx e2e/prepare-server.ts
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startFakeHub } from "../test-support/fake-hub/fake-hub";
import { FIXTURE_WORLD } from "../test-support/fake-hub/world";
import { isProcessAlive } from "../lib/process-alive";

const dataDir = process.env.ROOTLINE_DATA_DIR;
// Only ever wipe a folder meant for these tests, never someone's real store.
if (!dataDir || !/e2e/.test(path.basename(dataDir))) {
  console.error(`error: ROOTLINE_DATA_DIR must name an e2e data folder (got ${JSON.stringify(dataDir ?? null)})`);
  process.exit(2);
}

const lockFile = path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.lock`);
const holder = Number.parseInt(fs.existsSync(lockFile) ? fs.readFileSync(lockFile, "utf8") : "", 10);
if (Number.isFinite(holder) && holder !== process.pid && isProcessAlive(holder)) {
  console.error(`error: ${dataDir} is in use by process ${holder}; stop that server first.`);
  process.exit(3);
}
fs.rmSync(dataDir, { recursive: true, force: true });
fs.rmSync(lockFile, { force: true });

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function run(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(npm, args, { stdio: "inherit", env: process.env, shell: process.platform === "win32" });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}


const hub = await startFakeHub({ datasets: FIXTURE_WORLD });
Object.assign(process.env, {
  HF_ENDPOINT: hub.url,
  ARXIV_ENDPOINT: hub.url,
  GITHUB_RAW_ENDPOINT: hub.url,
  ROOTLINE_ALLOWED_HOSTS: new URL(hub.url).host,
});
console.log(`[e2e] fake Hub at ${hub.url} serving ${Object.keys(FIXTURE_WORLD).length} datasets`);

for (const args of [
  ["db", "--", "setup"],
  ["lineage", "--", "import", "--format", "oda", "e2e/fixtures/explorer"],
  ["lineage", "--", "import", "--format", "overlap", "e2e/fixtures/overlap.csv"],
]) {
  const code = await run(["run", "--silent", ...args]);
  if (code !== 0) process.exit(code);
}
const code = await run(["run", "start"]);
await hub.close();
process.exit(code);
