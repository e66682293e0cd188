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
 */
import http from "node:http";
import path from "node:path";
import next from "next";
import { applyForwarding, parseTrustProxy } from "../lib/http/forwarding";

const port = Number(process.env.PORT || "3000");
let trust;
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
const app = next({ dev, dir: path.resolve(import.meta.dirname, ".."), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  applyForwarding(req.headers, req.socket.remoteAddress ?? "", trust);
  void handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`[rootline] listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}${hostname === "127.0.0.1" ? " (this machine only; HOSTNAME_BIND to change)" : ""}`);
});

const stop = () => server.close(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
