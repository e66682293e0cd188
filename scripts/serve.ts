/**
 * The production server (`npm start` runs it once the build is current): Next's request
 * handler behind a plain HTTP server that owns the socket, so the client's address the app
 * reads (X-Forwarded-For) is the socket's — or a trusted proxy's word for it
 * (ROOTLINE_TRUST_PROXY, lib/http/forwarding.ts) — never a header a client made up.
 *
 * With no accounts configured (ROOTLINE_AUTH_SECRET unset: a single-user install, whose user is
 * whoever is on this machine) it listens on 127.0.0.1 only; with accounts on 0.0.0.0.
 * HOSTNAME_BIND chooses another interface (e.g. 0.0.0.0 in a container, behind a proxy).
 * `--dev` serves the development build (`npm run dev`), with the same socket rules.
 *
 * On PostgreSQL it runs several web processes (scripts/web-processes.ts; Node's cluster: the
 * processes share one listening port). Each one stamps the client's address from the socket it
 * was handed, exactly as a single process does. The first (the "lead") prepares the database
 * and runs the in-process trace worker (lib/server/seed/boot.ts); the others start once it listens
 * and only serve. A process that dies is replaced; the lead's replacement leads.
 */
import cluster from "node:cluster";
import http from "node:http";
import path from "node:path";
import next from "next";
import { applyForwarding, parseTrustProxy } from "../lib/http/forwarding";
import { webProcesses } from "./web-processes";

const port = Number(process.env.PORT || "3000");
let trust: ReturnType<typeof parseTrustProxy>;
try {
  trust = parseTrustProxy(process.env.ROOTLINE_TRUST_PROXY);
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exit(2);
}
const secret = process.env.ROOTLINE_AUTH_SECRET?.trim();
if (secret && secret.length < 32) {
  console.error("error: ROOTLINE_AUTH_SECRET must be at least 32 characters (e.g. the output of `openssl rand -hex 32`).");
  process.exit(2);
}
const hostname = process.env.HOSTNAME_BIND || (secret ? "0.0.0.0" : "127.0.0.1");

const dev = process.argv.includes("--dev");
let processes: ReturnType<typeof webProcesses>;
try {
  processes = dev ? { count: 1 } : webProcesses(process.env);
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exit(2);
}
if (processes.warning && cluster.isPrimary) console.warn(`[rootline] ${processes.warning}`);

const where = `http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}${hostname === "127.0.0.1" ? " (this machine only; HOSTNAME_BIND to change)" : ""}`;
if (processes.count > 1 && cluster.isPrimary) superviseWorkers(processes.count);
else await serve();

/** One web process: Next's handler behind a server that owns the socket. */
async function serve(): Promise<void> {
  const app = next({ dev, dir: path.resolve(import.meta.dirname, ".."), hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Set by lib/http/response-cache.ts once Next has loaded it (same process, same globalThis).
  const cached = globalThis as unknown as { __rootlineServeCached?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean };

  const server = http.createServer((req, res) => {
    applyForwarding(req.headers, req.socket.remoteAddress ?? "", trust);
    if (cached.__rootlineServeCached?.(req, res)) return;
    void handle(req, res);
  });
  server.listen(port, hostname, () => {
    if (cluster.isPrimary) console.log(`[rootline] listening on ${where}`);
    else process.send?.({ rootline: "listening" });
  });

  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/**
 * The primary of a cluster: it serves nothing itself. The lead starts alone (migrations and the
 * seed must be done once, before anyone reads); the others follow once it listens.
 */
function superviseWorkers(count: number): void {
  let stopping = false;
  let listening = 0;
  const fork = (role: "lead" | "follower") => {
    const worker = cluster.fork({ ROOTLINE_WEB_ROLE: role });
    let up = false;
    worker.on("message", (message: { rootline?: string }) => {
      if (message?.rootline !== "listening" || up) return;
      up = true;
      if (++listening === count) console.log(`[rootline] listening on ${where} with ${count} web processes`);
      if (role === "lead" && listening === 1) for (let i = 1; i < count; i++) fork("follower");
    });
    worker.on("exit", (code, signal) => {
      if (up) listening--;
      if (stopping) return;
      // A lead that never came up (a bad DATABASE_URL, a failed migration) would fail again: stop.
      if (!up && role === "lead") {
        console.error("[rootline] the first web process exited before it listened; stopping.");
        process.exit(code || 1);
      }
      console.error(`[rootline] a web process (${role}) exited (${signal ?? code}); starting another`);
      fork(role);
    });
  };
  fork("lead");
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    const check = setInterval(() => {
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
    }, 100);
    check.unref();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
