import "server-only";
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { cacheVersion } from "@/lib/server/db/graph-version";
import { SECURITY_HEADERS } from "@/next.config";

/**
 * Serialized JSON answers of read routes, kept per process in a least-recently-used map under
 * the graph version they were read at (lib/server/db/graph-version.ts): an entry whose version
 * is not the current one is never served, so a write in any process retires it. Each answer is
 * serialized once and carries an ETag of its bytes, the same in every process, so a client
 * revalidating against another worker still gets a 304.
 */
export type CachedAnswer = { version: string; body: Buffer; etag: string };

const MAX_BYTES = Math.max(1, Number(process.env.ROOTLINE_RESPONSE_CACHE_MB) || 64) * 1024 * 1024;
/** Clients may keep an answer but must ask (If-None-Match) before reusing it: the graph changes under them. */
export const CACHED_CONTROL = "no-cache";

type CacheState = { entries: Map<string, CachedAnswer>; bytes: number; pending: Map<string, Promise<CachedAnswer | null>> };
const globalCache = globalThis as unknown as { __rootlineResponseCache?: CacheState; __rootlineServeCached?: typeof serveCached };
const state = (): CacheState => (globalCache.__rootlineResponseCache ??= { entries: new Map(), bytes: 0, pending: new Map() });

/** The cache key of a request: its path and its query with parameters in one order (`?b=1&a=2` ≡ `?a=2&b=1`). */
export function requestKey(url: URL | string): string {
  const u = typeof url === "string" ? new URL(url, "http://x") : url;
  const params = [...u.searchParams].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return `${u.pathname}?${new URLSearchParams(params).toString()}`;
}

export function lookup(key: string, version: string): CachedAnswer | undefined {
  const cache = state();
  const hit = cache.entries.get(key);
  if (!hit) return undefined;
  if (hit.version !== version) {
    forget(cache, key, hit);
    return undefined;
  }
  // Re-insert: Map keeps insertion order, so the first key is always the least recently used.
  cache.entries.delete(key);
  cache.entries.set(key, hit);
  return hit;
}

export function answerOf(body: Buffer, version: string): CachedAnswer {
  return { version, body, etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
}

export function store(key: string, answer: CachedAnswer): void {
  const cache = state();
  if (answer.body.length > MAX_BYTES / 4) return;
  const old = cache.entries.get(key);
  if (old) forget(cache, key, old);
  cache.entries.set(key, answer);
  cache.bytes += answer.body.length;
  for (const [k, v] of cache.entries) {
    if (cache.bytes <= MAX_BYTES) break;
    forget(cache, k, v);
  }
}

function forget(cache: CacheState, key: string, answer: CachedAnswer): void {
  cache.entries.delete(key);
  cache.bytes -= answer.body.length;
}

/**
 * One computation per key and version however many requests miss at once: under load a
 * retired entry would otherwise be recomputed by every client that asks before the first
 * answer is back.
 */
export function shared(id: string, compute: () => Promise<CachedAnswer | null>): Promise<CachedAnswer | null> {
  const pending = state().pending;
  const running = pending.get(id);
  if (running) return running;
  const promise = compute().finally(() => pending.delete(id));
  pending.set(id, promise);
  return promise;
}

export function clearResponseCache(): void {
  const cache = state();
  cache.entries.clear();
  cache.pending.clear();
  cache.bytes = 0;
}

export function etagMatches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || t === `W/${etag}`;
  });
}

/** Headers of a cached answer (and of its 304). */
export function answerHeaders(answer: CachedAnswer): Record<string, string> {
  return { "Content-Type": "application/json", ETag: answer.etag, "Cache-Control": CACHED_CONTROL };
}

/**
 * The server's fast path (scripts/serve.ts calls it through globalThis before Next sees the
 * request): a GET whose answer is cached at the current version is written straight from the
 * cached bytes, skipping Next's routing, proxy and handler. Only answers a route handler made
 * are ever here, so every path served this way already went through proxy.ts once; the
 * headers next.config.ts adds to every response are added here too. False: not cached, let Next
 * answer (and fill the cache).
 */
export function serveCached(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (!req.url?.startsWith("/api/")) return false;
  const version = cacheVersion();
  if (version === null) return false;
  let key: string;
  try {
    key = requestKey(req.url);
  } catch {
    return false;
  }
  const answer = lookup(key, version);
  if (!answer) return false;
  for (const { key: name, value } of SECURITY_HEADERS) res.setHeader(name, value);
  const headers = answerHeaders(answer);
  if (etagMatches(req.headers["if-none-match"], answer.etag)) {
    res.writeHead(304, headers).end();
    return true;
  }
  res.writeHead(200, { ...headers, "Content-Length": String(answer.body.length) });
  res.end(req.method === "HEAD" ? undefined : answer.body);
  return true;
}

globalCache.__rootlineServeCached = serveCached;
