import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveDatabaseConfig } from "@/lib/server/db/config";
import { getDb } from "@/lib/server/db/client";
import { upsertNodes, writeTransaction } from "@/lib/server/lineage/write";

/**
 * Two web processes (the app's route handlers, test-support/server/route-server.ts) and two
 * `npm run worker` processes on one PostgreSQL database behave as one server: runs, write
 * limits and cached reads are shared. PostgreSQL only: the embedded store serves one process.
 */
const ROOT = path.resolve(import.meta.dirname, "../../..");
const postgres = resolveDatabaseConfig().kind === "postgres";
const children: ChildProcess[] = [];
let hub: http.Server;
let hubUrl = "";
let openHub!: () => void;
const hubOpen = new Promise<void>((resolve) => (openHub = resolve));
let web: [string, string];

function startChild(command: string, args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string; line: Promise<string> } {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  const line = new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const first = output.split("\n").find((l) => l.startsWith("{"));
      if (first) resolve(first);
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`${args.join(" ")} exited (${code}):\n${output.slice(-3000)}`)));
  });
  line.catch(() => {});
  return { child, output: () => output, line };
}

async function startWeb(): Promise<string> {
  const tsx = path.join(ROOT, "node_modules/.bin/tsx");
  const { line } = startChild(tsx, ["--conditions=react-server", "test-support/server/route-server.ts"], { DATABASE_URL: process.env.DATABASE_URL!, HF_ENDPOINT: hubUrl });
  return `http://127.0.0.1:${(JSON.parse(await line) as { port: number }).port}`;
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`gave up waiting: ${what}`);
}

const post = (base: string, route: string, body: unknown) =>
  fetch(`${base}${route}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe.runIf(postgres)("several web processes and workers on one PostgreSQL store", () => {
  beforeAll(async () => {
    // A Hub that holds every request until the test opens it, then knows no dataset: runs stay
    // in flight while the test joins them, and end promptly ("not on the Hub") afterwards.
    hub = http.createServer((_req, res) => {
      void hubOpen.then(() => res.writeHead(404, { "Content-Type": "application/json", "X-Error-Code": "RepoNotFound" }).end('{"error":"Repository not found"}'));
    });
    await new Promise<void>((resolve) => hub.listen(0, "127.0.0.1", resolve));
    hubUrl = `http://127.0.0.1:${(hub.address() as { port: number }).port}`;
    await writeTransaction((tx) => upsertNodes(tx, [{ key: "mp/base" }, { key: "mp/derived" }]));
    await getDb().$executeRawUnsafe("DELETE FROM web_rate_limit");
    web = (await Promise.all([startWeb(), startWeb()])) as [string, string];
  }, 120_000);

  afterAll(async () => {
    openHub();
    for (const child of children) {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // Already gone.
      }
    }
    await new Promise<void>((resolve) => (hub ? hub.close(() => resolve()) : resolve()));
  });

  it("share runs: a trace asked through one process is joined through the other and taken by one worker", async () => {
    const first = await post(web[0], "/api/runs", { key: "mp-owner/traced" });
    expect(first.status).toBe(200);
    const started = (await first.json()) as { run: { id: string }; shared: boolean };
    expect(started.shared).toBe(false);
    const second = await post(web[1], "/api/runs", { key: "mp-owner/traced" });
    const joined = (await second.json()) as { run: { id: string }; shared: boolean };
    expect(joined).toMatchObject({ shared: true, run: { id: started.run.id } });

    const worker = () => startChild("npm", ["run", "--silent", "worker"], { DATABASE_URL: process.env.DATABASE_URL!, HF_ENDPOINT: hubUrl, ROOTLINE_WORKER_CONCURRENCY: "1" });
    worker();
    worker();
    await eventually(async () => {
      const run = (await (await fetch(`${web[1]}/api/runs/${started.run.id}`)).json()) as { state: string };
      return run.state === "RUNNING" ? run : undefined;
    }, "a worker to take the run");
    openHub();
    const done = await eventually(async () => {
      const run = (await (await fetch(`${web[1]}/api/runs/${started.run.id}`)).json()) as { state: string };
      return ["SUCCEEDED", "FAILED", "CANCELLED"].includes(run.state) ? run : undefined;
    }, "the run to end");
    expect(done.state).toBe("FAILED");
  }, 120_000);

  it("share write limits: attempts split across both processes meet one limit", async () => {
    await getDb().$executeRawUnsafe("DELETE FROM web_rate_limit");
    const outcomes: { via: number; status: number; retryAfter: string | null }[] = [];
    // The trace limit is 20 a minute; 30 attempts alternate between the two processes.
    for (let i = 0; i < 30; i++) {
      const response = await post(web[i % 2]!, "/api/runs", { key: `mp-owner/limited-${i}` });
      await response.arrayBuffer();
      outcomes.push({ via: i % 2, status: response.status, retryAfter: response.headers.get("retry-after") });
    }
    const accepted = outcomes.filter((o) => o.status === 200);
    const refused = outcomes.filter((o) => o.status === 429);
    expect(accepted).toHaveLength(20);
    expect(refused).toHaveLength(10);
    expect(outcomes.slice(20).every((o) => o.status === 429 && Number(o.retryAfter) > 0)).toBe(true);
    expect(new Set(refused.map((o) => o.via))).toEqual(new Set([0, 1]));
  }, 60_000);

  it("invalidate caches: a write through one process changes the other's cached read", async () => {
    const url = `${web[1]}/api/lineage/mp/derived?up=1`;
    const before = await fetch(url);
    const etag = before.headers.get("etag");
    expect(etag).toBeTruthy();
    expect(JSON.stringify(await before.json())).not.toContain("mp/base");
    // Served from the cache: the same answer again is a 304.
    expect((await fetch(url, { headers: { "if-none-match": etag! } })).status).toBe(304);

    const added = await post(web[0], "/api/edges", { upstream: "mp/base", downstream: "mp/derived", relation: "DIRECT_INCLUSION" });
    expect(added.status).toBe(201);
    const after = await eventually(async () => {
      const response = await fetch(url, { headers: { "if-none-match": etag! } });
      return response.status === 200 ? response : undefined;
    }, "the other process to serve the new lineage");
    expect(after.headers.get("etag")).not.toBe(etag);
    expect(JSON.stringify(await after.json())).toContain("mp/base");
  }, 60_000);
});
