/**
 * The production server (`npm run start`) in its own process group, so that stopping it
 * also stops the Next child (which renames itself `next-server`).
 */
import { spawn, type ChildProcess } from "node:child_process";

export type RunningServer = {
  url: string;
  /** SIGTERM to the group, SIGKILL after 10 s; resolves once the group is gone. */
  stop: () => Promise<void>;
  /** Synchronous SIGKILL to the group (for exit handlers). */
  kill: () => void;
  log: () => string;
};

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

export async function startServer(options: { port: number; env: Record<string, string>; readyPath: string; timeoutMs: number }): Promise<RunningServer> {
  const url = `http://127.0.0.1:${options.port}`;
  if (await answers(`${url}${options.readyPath}`)) throw new Error(`something already serves ${url}; free port ${options.port} first`);

  const output: string[] = [];
  const child = spawn(npm, ["run", "start"], {
    env: { ...process.env, ...options.env, PORT: String(options.port), NEXT_TELEMETRY_DISABLED: "1" },
    detached: process.platform !== "win32",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 400) output.splice(0, output.length - 400);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let exited = false;
  child.on("exit", () => (exited = true));

  const server: RunningServer = { url, stop: () => stopGroup(child), kill: () => signalGroup(child, "SIGKILL"), log: () => output.join("") };
  try {
    const deadline = Date.now() + options.timeoutMs;
    while (!(await answers(`${url}${options.readyPath}`))) {
      if (exited) throw new Error(`the server exited before it answered:\n${server.log().slice(-4000)}`);
      if (Date.now() > deadline) throw new Error(`the server did not answer within ${options.timeoutMs / 1000} s:\n${server.log().slice(-4000)}`);
      await sleep(500);
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return response.ok;
  } catch {
    return false;
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(process.platform === "win32" ? pid : -pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === "win32") child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM to the whole group, SIGKILL what is left after 10 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  signalGroup(child, "SIGTERM");
  for (let waited = 0; waited < 10_000 && groupAlive(pid); waited += 200) await sleep(200);
  if (groupAlive(pid)) {
    signalGroup(child, "SIGKILL");
    for (let waited = 0; waited < 5_000 && groupAlive(pid); waited += 200) await sleep(200);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
