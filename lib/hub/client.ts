import "server-only";

/**
 * Hub facts and cards for the sourcing step. All traffic goes through one fetch wrapper so
 * timeouts, retries, the outbound allowlist and the public-address check hold for every call
 * the library makes.
 */
import { HubApiError, datasetInfo, downloadFile, listDatasets } from "@huggingface/hub";
import { AppError, isAppError } from "@/lib/errors";
import { assertPublicHost, type LookupAll } from "@/lib/hub/addresses";
import { resolveHubConfig } from "@/lib/hub/config";
import { HubWaitError } from "@/lib/hub/interrupts";
import { hubRateLimiter } from "@/lib/hub/rate-limit/shared";
import { unlimited, type HubRateLimiter } from "@/lib/hub/rate-limit/token-bucket";
import { maxFetchBytes, maxHubWaitMs } from "@/lib/limits";

export type RetryInfo = { url: string; attempt: number; delayMs: number; reason: string };

export type HubFetchOptions = {
  hubUrl: string;
  /** Extra hosts besides the Hub's own that outbound requests may reach. */
  allowedHosts?: readonly string[];
  /**
   * Host names (no port) that may be on this machine or a private network: the configured
   * endpoints. Default: the Hub's. Any other host that is, or resolves to, a non-public address is refused.
   */
  trustedHosts?: readonly string[];
  /** Resolver for the public-address check (default: dns.lookup, every address). */
  lookup?: LookupAll;
  timeoutMs?: number;
  retries?: number;
  /** First backoff step; doubles per attempt, plus jitter. */
  baseDelayMs?: number;
  /** Ceiling for a backoff step (and for a Retry-After on other 5xx answers). */
  maxDelayMs?: number;
  /**
   * Longest Retry-After on a 429/503 that is slept through (default ROOTLINE_MAX_HUB_WAIT_SECONDS, 30 s).
   * A longer one, or 429/503 answers outlasting the retries, throws HubWaitError at once.
   */
  maxWaitMs?: number;
  /** Ends every request and wait at once (a run's time budget): they reject with its reason. */
  signal?: AbortSignal;
  onRetry?: (info: RetryInfo) => void;
  /** Largest body read from any answer (a card, a Hub JSON answer, a linked text); default MAX_FETCH_BYTES. */
  maxBytes?: number;
  /**
   * Paces every request to the Hub's host, retries too (default: the bucket all processes share,
   * ROOTLINE_HUB_RATE_PER_SECOND); null for none. Other hosts are not paced.
   */
  rateLimit?: HubRateLimiter | null;
};

export type HubCallOptions = Partial<Omit<HubFetchOptions, "hubUrl">> & { hubUrl?: string; accessToken?: string };

export type DatasetSource = {
  id: string;
  sha: string;
  info: {
    license: string | null;
    tags: string[];
    createdAt: string | null;
    downloads: number;
    likes: number;
    cardData: Record<string, unknown> | null;
  };
  card: string | null;
};

export type HubSearchHit = { id: string; downloads: number; likes: number; updatedAt: string | null };

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRIES = 3;
const DEFAULT_BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function requestUrl(input: Parameters<typeof fetch>[0]): URL {
  if (input instanceof URL) return input;
  if (typeof input === "string") return new URL(input);
  return new URL(input.url);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * A fetch that refuses hosts outside the allowlist and non-public addresses (but for the
 * trusted endpoints), times out each attempt, retries 429/5xx/network failures, and throws
 * HubWaitError when the server asks for a longer wait than it sleeps through.
 */
export function createHubFetch(options: HubFetchOptions): typeof fetch {
  const hubHost = new URL(options.hubUrl).host.toLowerCase();
  const allowed = new Set([hubHost, ...(options.allowedHosts ?? [])].map((h) => h.toLowerCase()));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const baseDelayMs = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const maxDelayMs = Math.min(options.maxDelayMs ?? MAX_DELAY_MS, MAX_DELAY_MS);
  const maxWaitMs = options.maxWaitMs ?? maxHubWaitMs();
  const addressCheck = { exemptHosts: options.trustedHosts ?? [new URL(options.hubUrl).hostname], lookup: options.lookup };

  const backoff = (attempt: number) => Math.min(maxDelayMs, baseDelayMs * 2 ** attempt * (1 + Math.random() * 0.5));

  const maxBytes = options.maxBytes ?? maxFetchBytes();
  const refuse = (host: string, how: string) =>
    new AppError("forbidden", `Outbound request to ${host} refused${how}: host is not in the allowlist (${[...allowed].join(", ")})`);
  const stopped = options.signal;
  const limiter = options.rateLimit === undefined ? hubRateLimiter(options.hubUrl) : (options.rateLimit ?? unlimited);

  return async (input, init) => {
    const url = requestUrl(input);
    if (!allowed.has(url.host.toLowerCase())) throw refuse(url.host, "");
    if (stopped?.aborted) throw stopped.reason;
    for (let attempt = 0; ; attempt++) {
      // Before the attempt's timeout starts: waiting for our turn is not the Hub being slow.
      if (url.host.toLowerCase() === hubHost) await limiter.take(anySignal([init?.signal ?? undefined, stopped]));
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = AbortSignal.any([init?.signal, stopped, timeout].filter((s): s is AbortSignal => !!s));
      let response: Response;
      try {
        await assertPublicHost(url.hostname, addressCheck);
        response = await followAllowed(input, { ...init, signal }, async (next) => {
          if (!allowed.has(next.host.toLowerCase())) throw refuse(next.host, ` (a redirect from ${url.host})`);
          await assertPublicHost(next.hostname, addressCheck);
        });
      } catch (error) {
        if (stopped?.aborted) throw stopped.reason;
        if (init?.signal?.aborted || isAppError(error)) throw error;
        const reason = timeout.aborted ? `timed out after ${timeoutMs} ms` : error instanceof Error ? error.message : String(error);
        // Name the host: "fetch failed" alone does not tell an offline user which endpoint to fix (HF_ENDPOINT).
        // Unreachable is not "no such dataset": say which, in words a person can act on.
        if (attempt >= retries) {
          throw new AppError("unavailable", `Could not reach ${url.host} (for ${url.pathname}): ${plainReason(reason)} after ${attempt + 1} attempts. Check the network connection, or the endpoint setting (HF_ENDPOINT).`);
        }
        const delayMs = backoff(attempt);
        options.onRetry?.({ url: url.toString(), attempt: attempt + 1, delayMs, reason });
        await sleep(delayMs, stopped);
        continue;
      }
      const retryable = response.status === 429 || response.status >= 500;
      if (!retryable) return capped(response, maxBytes, url);
      // 429 and 503 are the server asking us to slow down: a short wait is slept through, a long
      // one (or answers outlasting the retries) is handed to the caller, which comes back later.
      const busy = response.status === 429 || response.status === 503;
      const askedMs = retryAfterMs(response.headers.get("Retry-After"));
      if (busy && (attempt >= retries || (askedMs !== undefined && askedMs > maxWaitMs))) {
        await response.body?.cancel().catch(() => undefined);
        throw new HubWaitError({ waitMs: askedMs ?? null, attempts: attempt + 1, host: url.host, httpStatus: response.status, service: url.host.toLowerCase() === hubHost ? "the Hub" : undefined });
      }
      if (attempt >= retries) return capped(response, maxBytes, url);
      const delayMs = busy && askedMs !== undefined ? askedMs : Math.min(maxDelayMs, askedMs ?? backoff(attempt));
      await response.body?.cancel().catch(() => undefined);
      options.onRetry?.({ url: url.toString(), attempt: attempt + 1, delayMs, reason: `HTTP ${response.status}` });
      await sleep(delayMs, stopped);
    }
  };
}

function anySignal(signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => !!s);
  return present.length > 1 ? AbortSignal.any(present) : present[0];
}

const MAX_REDIRECTS = 5;

/** fetch, following redirects itself so `check` sees every hop before it is requested. */
async function followAllowed(input: RequestInfo | URL, init: RequestInit, check: (next: URL) => Promise<void>): Promise<Response> {
  let target: RequestInfo | URL = input;
  let request = init;
  for (let hop = 0; ; hop++) {
    const response = await fetch(target, { ...request, redirect: "manual" });
    const location = response.status >= 300 && response.status < 400 ? response.headers.get("location") : null;
    if (!location) return response;
    await response.body?.cancel().catch(() => undefined);
    if (hop >= MAX_REDIRECTS) throw new AppError("unavailable", `Hub request redirected more than ${MAX_REDIRECTS} times`);
    const next = new URL(location, requestUrl(target));
    await check(next);
    // 303, and 301/302 after a POST, become a GET without a body, as browsers do.
    const method = (request.method ?? "GET").toUpperCase();
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST")) request = { ...request, method: "GET", body: undefined };
    target = next;
  }
}

/**
 * The response with its body cut off at `maxBytes`: refused up front when it says it is
 * larger, and errored as soon as more arrives than it said — counted while streaming, so a
 * 50 MB card is never held in memory.
 */
function capped(response: Response, maxBytes: number, url: URL): Response {
  const tooLarge = () => new AppError("too_large", `The answer from ${url.host} for ${url.pathname} is larger than ${formatBytes(maxBytes)} (ROOTLINE_MAX_FETCH_BYTES); it was not read.`);
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    void response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return response;
  let seen = 0;
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  const headers = new Headers(response.headers);
  return new Response(counted, { status: response.status, statusText: response.statusText, headers });
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

function callContext(options: HubCallOptions) {
  const config = resolveHubConfig();
  const hubUrl = (options.hubUrl ?? config.hubUrl).replace(/\/+$/, "");
  const accessToken = options.accessToken ?? config.accessToken;
  return { hubUrl, accessToken, fetch: createHubFetch({ ...options, hubUrl }) };
}

function toAppError(error: unknown, id: string): AppError {
  if (isAppError(error)) return error;
  if (error instanceof HubApiError && (error.statusCode === 404 || error.statusCode === 401)) {
    return new AppError("not_found:dataset", `Dataset ${id} was not found on the Hub`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AppError("unavailable", `Could not read ${id} from the Hub: ${message}`);
}

function licenseOf(cardData: Record<string, unknown> | null, tags: string[]): string | null {
  const fromCard = cardData?.license;
  if (typeof fromCard === "string" && fromCard) return fromCard;
  if (Array.isArray(fromCard) && fromCard.length > 0) return fromCard.map(String).join(", ");
  const tag = tags.find((t) => t.startsWith("license:"));
  return tag ? tag.slice("license:".length) : null;
}

export type DatasetInfo = { id: string; sha: string } & DatasetSource["info"];

/** Hub facts of one dataset at a revision (default: the current one, whose sha is returned). */
export async function fetchDatasetInfo(params: { id: string; revision?: string } & HubCallOptions): Promise<DatasetInfo> {
  const { id, revision, ...options } = params;
  const context = callContext(options);
  try {
    const info = await datasetInfo({
      name: id,
      revision,
      additionalFields: ["cardData", "tags", "createdAt", "sha"],
      ...context,
    });
    const tags = Array.isArray(info.tags) ? info.tags.map(String) : [];
    const cardData = info.cardData && typeof info.cardData === "object" ? (info.cardData as Record<string, unknown>) : null;
    return {
      id: info.name,
      sha: info.sha,
      license: licenseOf(cardData, tags),
      tags,
      createdAt: info.createdAt ? new Date(info.createdAt).toISOString() : null,
      downloads: info.downloads ?? 0,
      likes: info.likes ?? 0,
      cardData,
    };
  } catch (error) {
    throw toAppError(error, id);
  }
}

/** The README card at a revision; null when the repo has none. */
export async function fetchCard(params: { id: string; revision: string } & HubCallOptions): Promise<string | null> {
  const { id, revision, ...options } = params;
  const context = callContext(options);
  try {
    const blob = await downloadFile({ repo: { type: "dataset", name: id }, path: "README.md", revision, ...context });
    return blob ? await blob.text() : null;
  } catch (error) {
    throw toAppError(error, id);
  }
}

/** Hub facts and the README card of one dataset, pinned to the revision the facts came from. */
export async function fetchDatasetSource(params: { id: string; revision?: string } & HubCallOptions): Promise<DatasetSource> {
  const { id: _id, sha, ...info } = await fetchDatasetInfo(params);
  const card = await fetchCard({ ...params, id: _id, revision: sha });
  return { id: _id, sha, info, card };
}

/** Hub datasets whose id matches the query, for resolving candidate names. */
export async function searchHubDatasets(params: { query: string; limit?: number } & HubCallOptions): Promise<HubSearchHit[]> {
  const { query, limit = 20, ...options } = params;
  const context = callContext(options);
  const hits: HubSearchHit[] = [];
  try {
    for await (const entry of listDatasets({ search: { query }, limit, ...context })) {
      hits.push({
        id: entry.name,
        downloads: entry.downloads ?? 0,
        likes: entry.likes ?? 0,
        updatedAt: Number.isNaN(entry.updatedAt.getTime()) ? null : entry.updatedAt.toISOString(),
      });
    }
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError("unavailable", `Hub search failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return hits;
}

/** Node's network errors as a person reads them ("fetch failed" says nothing). */
function plainReason(reason: string): string {
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|socket hang up|network/i.test(reason)) return "no answer (the host is unreachable or refused the connection)";
  return reason;
}
