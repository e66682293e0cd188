/**
 * A web process for multi-process tests, without a production build: the app's own route
 * handlers (reads with their response cache, runs, hand-added edges) behind a plain HTTP server
 * that stamps the client from the socket and tries the cached fast path first, as
 * scripts/serve.ts does. Prints `{"port": N}` once it listens (PORT, default any free port).
 * It never migrates, seeds or takes runs: `npm run worker` processes do that.
 *
 *   DATABASE_URL=… npx tsx --conditions=react-server test-support/server/route-server.ts
 */
import http from "node:http";
import { applyForwarding, parseTrustProxy } from "@/lib/http/forwarding";
import * as datasets from "@/app/api/datasets/[...key]/route";
import * as edges from "@/app/api/edges/route";
import * as lineage from "@/app/api/lineage/[...key]/route";
import * as run from "@/app/api/runs/[id]/route";
import * as runs from "@/app/api/runs/route";
import "@/lib/http/response-cache";

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

function route(method: string, pathname: string): { handler: Handler; params: unknown } | null {
  const rest = (prefix: string) => pathname.slice(prefix.length).split("/").filter(Boolean).map(decodeURIComponent);
  if (method === "GET" && pathname.startsWith("/api/lineage/")) return { handler: lineage.GET as Handler, params: { key: rest("/api/lineage/") } };
  if (method === "GET" && pathname.startsWith("/api/datasets/")) return { handler: datasets.GET as Handler, params: { key: rest("/api/datasets/") } };
  if (method === "POST" && pathname === "/api/runs") return { handler: runs.POST as Handler, params: {} };
  if (method === "GET" && pathname.startsWith("/api/runs/")) return { handler: run.GET as Handler, params: { id: rest("/api/runs/")[0] } };
  if (method === "POST" && pathname === "/api/edges") return { handler: edges.POST as Handler, params: {} };
  return null;
}

const trust = parseTrustProxy(undefined);
const cached = globalThis as unknown as { __rootlineServeCached?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean };

const server = http.createServer(async (req, res) => {
  applyForwarding(req.headers, req.socket.remoteAddress ?? "", trust);
  if (cached.__rootlineServeCached?.(req, res)) return;
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
  const found = route(req.method ?? "GET", url.pathname);
  if (!found) return void res.writeHead(404).end();
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const request = new Request(url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
  const response = await found.handler(request, { params: Promise.resolve(found.params) });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(JSON.stringify({ port: (server.address() as { port: number }).port }));
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
