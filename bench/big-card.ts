/**
 * The server while someone traces a 50 MB dataset card (issue 15's defect 1: such a card froze
 * the server for 15 s and took its memory from 330 MB to 2.2 GB). A fake Hub serves the card;
 * the production server (`npm run start` on a fresh embedded store with the seed) answers a steady
 * read load (8 clients) before and during the trace. Figures: read latency p50/p99 before and
 * during, requests served, the server's peak resident memory (all its processes), and how the
 * run ended. The card is cut while it streams in (ROOTLINE_MAX_FETCH_BYTES), never held whole.
 *
 *   npm run bench -- big-card
 */
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { startServer } from "./lib/server";
import { round, table } from "./lib/stats";

export const description = "read latency and memory while a 50 MB card is traced";

const PORT = 3217;
const CLIENTS = 8;
const PHASE_MS = 15_000;
const CARD_MB = 50;
const READS = ["/api/datasets?q=math&limit=10", "/api/lineage/meta-math/MetaMathQA?up=2", "/api/datasets/openai/gsm8k", "/api/view/meta-math/MetaMathQA"];

function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Resident memory of a process and all its descendants, in MB (Linux /proc). */
function treeRssMb(rootPid: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, "utf8");
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      rss.set(Number(entry), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone meanwhile.
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total / 1024;
}

async function load(url: string, until: () => boolean): Promise<{ latencies: number[]; errors: number; byStatus: Record<string, number> }> {
  const latencies: number[] = [];
  let errors = 0;
  // What failed, by status and path: an error count alone does not say whether reads broke or were refused.
  const byStatus: Record<string, number> = {};
  const failedAs = (what: string) => {
    errors++;
    byStatus[what] = (byStatus[what] ?? 0) + 1;
  };
  let i = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (!until()) {
        const path = READS[(i++ + client) % READS.length]!;
        const started = performance.now();
        try {
          const response = await fetch(url + path, { signal: AbortSignal.timeout(60_000) });
          await response.arrayBuffer();
          if (!response.ok) failedAs(`${response.status} ${path}`);
        } catch {
          failedAs(`no answer ${path}`);
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  return { latencies, errors, byStatus };
}

export async function run() {
  const dataDir = path.resolve(".data/bench-big-card");
  fs.rmSync(dataDir, { recursive: true, force: true });
  const hub = await startHub();
  const server = await startServer({
    port: PORT,
    readyPath: "/api/datasets?limit=1",
    timeoutMs: 600_000,
    // Seeded, on its own embedded store, whatever the environment this process was started with.
    env: { ROOTLINE_DATA_DIR: dataDir, DATABASE_URL: "", ROOTLINE_SKIP_SEED: "", HF_ENDPOINT: hub.url, ARXIV_ENDPOINT: hub.url, GITHUB_RAW_ENDPOINT: hub.url, ROOTLINE_ALLOWED_HOSTS: new URL(hub.url).host },
  });
  const pid = findServerPid(PORT);
  try {
    // Warm-up: the read routes, and one small trace (the first trace in a process loads the agents).
    const warm = (await (await fetch(`${server.url}/api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key: "probe/small-card", depth: 1 }) })).json()) as { run: { id: string } };
    await load(server.url, (() => { const end = Date.now() + 3000; return () => Date.now() > end; })());
    await waitForRun(server.url, warm.run.id);
    const rssBefore = treeRssMb(pid);
    const beforeEnd = Date.now() + PHASE_MS;
    const before = await load(server.url, () => Date.now() > beforeEnd);

    const started = await fetch(`${server.url}/api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key: "probe/huge-card", depth: 1 }) });
    const { run } = (await started.json()) as { run: { id: string } };
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRssMb(pid))), 200);
    const duringEnd = Date.now() + PHASE_MS;
    const during = await load(server.url, () => Date.now() > duringEnd);
    const final = await waitForRun(server.url, run.id);
    clearInterval(sampler);
    const cardStep = final.steps.map((s) => s.message).find((m) => /larger|too large|MiB|bytes/i.test(m)) ?? null;
    const figures = {
      card_mb: CARD_MB,
      clients: CLIENTS,
      phase_s: PHASE_MS / 1000,
      requests_before: before.latencies.length,
      requests_during: during.latencies.length,
      errors_during: during.errors,
      errors_before: before.errors,
      errors_by_status: { before: before.byStatus, during: during.byStatus },
      p50_ms_before: round(percentile(before.latencies, 50)),
      p99_ms_before: round(percentile(before.latencies, 99)),
      p50_ms_during: round(percentile(during.latencies, 50)),
      p99_ms_during: round(percentile(during.latencies, 99)),
      max_ms_during: round(Math.max(...during.latencies)),
      rss_mb_before: round(rssBefore),
      rss_mb_peak_during: round(peakRss),
      run_state: final.state,
      run_card_step: cardStep,
    };
    console.log(
      table([
        ["phase", "requests", "p50 ms", "p99 ms", "RSS MB"],
        ["before", figures.requests_before, figures.p50_ms_before, figures.p99_ms_before, figures.rss_mb_before],
        ["during 50 MB trace", figures.requests_during, figures.p50_ms_during, figures.p99_ms_during, figures.rss_mb_peak_during],
      ]),
    );
    console.log(`run: ${final.state}${cardStep ? ` — ${cardStep}` : ""}${final.error ? ` (${final.error})` : ""}`);
    return figures;
  } finally {
    await server.stop();
    hub.close();
  }
}

type RunAnswer = { state: string; error: string | null; steps: { message: string }[] };

async function waitForRun(url: string, id: string): Promise<RunAnswer> {
  let run: RunAnswer = { state: "?", error: null, steps: [] };
  for (let i = 0; i < 240; i++) {
    run = (await (await fetch(`${url}/api/runs/${id}`)).json()) as RunAnswer;
    if (!["QUEUED", "RUNNING"].includes(run.state)) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return run;
}

/** The fake Hub in its own process (bench/lib/big-card-hub.ts). */
async function startHub(): Promise<{ url: string; close: () => void }> {
  const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
  const child = spawn(process.execPath, [tsx, "--conditions=react-server", path.resolve("bench/lib/big-card-hub.ts"), String(CARD_MB)], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /HUB_URL (\S+)/.exec(buffered);
      if (match) resolve(match[1]!);
    });
    child.on("exit", (code) => reject(new Error(`the fake Hub exited (${code})`)));
  });
  return { url, close: () => child.kill("SIGTERM") };
}

/** The pid of the process listening on `port` (Linux: /proc/net/tcp, then the socket inode among the processes' fds). */
function findServerPid(port: number): number {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(file)) continue;
    for (const row of fs.readFileSync(file, "utf8").split("\n").slice(1)) {
      const cols = row.trim().split(/\s+/);
      if (cols[1]?.endsWith(`:${hex}`) && cols[3] === "0A") inodes.add(cols[9]!);
    }
  }
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      for (const fd of fs.readdirSync(`/proc/${entry}/fd`)) {
        const target = fs.readlinkSync(`/proc/${entry}/fd/${fd}`);
        const inode = /socket:\[(\d+)\]/.exec(target)?.[1];
        if (inode && inodes.has(inode)) return Number(entry);
      }
    } catch {
      // Not ours to read, or gone.
    }
  }
  throw new Error(`no process listens on port ${port}`);
}
