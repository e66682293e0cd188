/**
 * The processes of bench/crawl.ts: the fake Hub (bench/lib/crawl-hub.ts, with IPC) and
 * `npm run worker`-style workers (scripts/worker.ts), each started with tsx and stopped by pid.
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { CrawlHubStats } from "./crawl-hub";

const TSX = path.resolve("node_modules/tsx/dist/cli.mjs");

export type HubProcess = { url: string; stats(): Promise<CrawlHubStats>; reset(): Promise<void>; stop(): void };

export async function startCrawlHub(count: number, latencyMs: number, seedsFile: string): Promise<HubProcess> {
  const child = fork(path.resolve("bench/lib/crawl-hub.ts"), [String(count), String(latencyMs), seedsFile], {
    execArgv: ["--import", "tsx", "--conditions=react-server"],
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /HUB_URL (\S+)/.exec(buffered);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the fake Hub exited (${code})`)));
  });
  const ask = <T>(message: string) =>
    new Promise<T>((resolve) => {
      child.once("message", (answer) => resolve(answer as T));
      child.send(message);
    });
  return { url, stats: () => ask<CrawlHubStats>("stats"), reset: () => ask<void>("reset"), stop: () => void child.kill("SIGTERM") };
}

export type WorkerProcess = { child: ChildProcess; ready: Promise<void>; stop(): Promise<void> };

export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, [TSX, "--conditions=react-server", path.resolve("scripts/worker.ts")], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const log: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (/Worker taking trace runs/.test(chunk.toString())) resolve();
    });
    child.once("exit", (code) => reject(new Error(`a worker exited (${code}) before it was ready: ${log.join("").slice(-2000)}`)));
  });
  return {
    child,
    ready,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        child.once("exit", () => {
          clearTimeout(killer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

/** A script of scripts/ (`lineage`, `db`) as a process; resolves with its output. */
export function runScript(script: "lineage" | "db", args: string[], env: Record<string, string>, onStderrLine?: (line: string) => void): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSX, "--conditions=react-server", path.resolve(`scripts/${script}.ts`), ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      stderr += text;
      if (onStderrLine) for (const line of text.split("\n")) if (line.trim()) onStderrLine(line);
    });
    child.on("exit", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
