/**
 * `npm start`: build the production app when its sources changed since the last build,
 * then serve it on PORT (default 3000). The server itself migrates and seeds the database
 * before it answers (instrumentation.ts → lib/server/seed/boot.ts).
 */
import { spawn } from "node:child_process";
import { buildIsCurrent, writeBuildStamp } from "./build-stamp";

const port = process.env.PORT || "3000";
if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
  console.error(`error: PORT must be a number between 1 and 65535 (got "${port}")`);
  process.exit(2);
}

function run(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [require_next(), ...args], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function require_next(): string {
  return new URL("../node_modules/next/dist/bin/next", import.meta.url).pathname;
}

const build = await buildIsCurrent();
if (build.current) {
  console.log("[rootline] production build is up to date");
} else {
  console.log("[rootline] building the app (first start or sources changed)…");
  const code = await run(["build"]);
  if (code !== 0) process.exit(code);
  await writeBuildStamp(build.hash);
}
// Serve through scripts/serve.ts (it owns the socket: see there), with the same tsx this runs under.
process.exit(await runServer());

function runServer(): Promise<number> {
  return new Promise((resolve) => {
    const tsx = new URL("../node_modules/tsx/dist/cli.mjs", import.meta.url).pathname;
    const child = spawn(process.execPath, [tsx, new URL("./serve.ts", import.meta.url).pathname], {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
