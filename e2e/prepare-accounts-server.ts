/**
 * A second e2e server with accounts on (ROOTLINE_AUTH_SECRET): a fresh embedded store holding the
 * explorer fixture only, three accounts (viewer, reviewer, admin; passwords in ACCOUNTS below),
 * served by scripts/serve.ts on PORT. It reuses the build the main e2e server makes, so it waits
 * for that server (MAIN_URL) to answer first.
 *
 *   ROOTLINE_DATA_DIR=.data/e2e-accounts PORT=3101 MAIN_URL=http://127.0.0.1:3100 tsx e2e/prepare-accounts-server.ts
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ACCOUNTS } from "./support/accounts";

const dataDir = process.env.ROOTLINE_DATA_DIR;
if (!dataDir || !/e2e/.test(path.basename(dataDir))) {
  console.error(`error: ROOTLINE_DATA_DIR must name an e2e data folder (got ${JSON.stringify(dataDir ?? null)})`);
  process.exit(2);
}
fs.rmSync(dataDir, { recursive: true, force: true });

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const env = { ...process.env, ROOTLINE_SKIP_SEED: "1", ROOTLINE_WORKER: "0", NEXT_TELEMETRY_DISABLED: "1" };

function run(command: string, args: string[], extra: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...env, ...extra } });
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

async function waitForMain(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  console.error(`error: the main e2e server (${url}) did not answer within ${timeoutMs / 1000} s`);
  process.exit(1);
}

for (const args of [["db", "--", "migrate"], ["lineage", "--", "import", "--format", "oda", "e2e/fixtures/explorer"]]) {
  const code = await run(npm, ["run", "--silent", ...args]);
  if (code !== 0) process.exit(code);
}
for (const account of ACCOUNTS) {
  const code = await run(npm, ["run", "--silent", "db", "--", "create-user", "--email", account.email, "--name", account.name, "--role", account.role], { ROOTLINE_PASSWORD: account.password });
  if (code !== 0) process.exit(code);
}
await waitForMain(`${process.env.MAIN_URL ?? "http://127.0.0.1:3100"}/api/datasets?limit=1`, 600_000);
const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
process.exit(await run(process.execPath, [tsx, "scripts/serve.ts"], { NODE_ENV: "production" }));
