/**
 * A local stand-in for the Hugging Face Hub, speaking the subset of the HTTP API that
 * @huggingface/hub 2.17.5 uses (datasetInfo, listDatasets, listFiles, downloadFile, repoExists),
 * so tests and offline runs never touch the network. Faults make the client's retry/timeout paths
 * testable; latencyMs makes benchmarks pay a round trip per request.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseCard } from "@/lib/hub/card";

export type FakeDataset = {
  /** README.md text; null or absent means the repo has no card. */
  card?: string | null;
  /** Fields merged into the datasetInfo JSON (cardData, tags, license, createdAt, downloads, likes, sha …). */
  info?: Record<string, unknown>;
};

/**
 * "429" and "500" hit only the first matching request; "slow" delays every one by 2 s; "truncated" cuts JSON in half.
 * A busy answer ({status, retryAfter, times}) answers 429 or 503 with that Retry-After to the first `times` matching
 * requests (default 1; Infinity for all of them).
 */
export type FakeBusy = { status: 429 | 503; retryAfter?: string; times?: number };
export type FakeFault = "429" | "500" | "slow" | "truncated" | FakeBusy;

export type FakeHubOptions = {
  datasets: Record<string, FakeDataset>;
  /** Keyed by a request path (without query) or by a dataset id (applies to all of its requests). */
  faults?: Record<string, FakeFault>;
  /** Fixed delay before every answer, so benchmarks see network-like round trips. */
  latencyMs?: number;
};

export type FakeHub = { url: string; close(): Promise<void>; requests: string[] };

const SLOW_MS = 2000;
const PAGE_LIMIT = 500;
const SORTABLE = new Set(["downloads", "likes", "createdAt", "lastModified", "id"]);

function asStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * A dataset as the Hub would present it after a README push: `cardData` is the card's front
 * matter and the tags carry the prefixed facts the Hub derives from it (license:, language:, …).
 * Explicit `info` fields win.
 */
export function cardDataset(card: string | null, info: Record<string, unknown> = {}): FakeDataset {
  const frontMatter = card == null ? null : parseCard(card).frontMatter;
  const tags: string[] = [];
  const push = (tag: string) => {
    if (!tags.includes(tag)) tags.push(tag);
  };
  if (frontMatter) {
    for (const field of ["task_categories", "task_ids", "language", "license", "size_categories"]) {
      for (const value of asStrings(frontMatter[field])) push(`${field}:${value}`);
    }
    for (const tag of asStrings(frontMatter.tags)) push(tag);
  }
  push("region:us");
  return { card, info: { ...(frontMatter ? { cardData: frontMatter } : {}), tags, ...info } };
}

function shaOf(id: string): string {
  return createHash("sha1").update(id).digest("hex");
}

function datasetJson(id: string, dataset: FakeDataset): Record<string, unknown> {
  return {
    _id: shaOf(`_id:${id}`).slice(0, 24),
    id,
    author: id.includes("/") ? id.split("/")[0] : undefined,
    private: false,
    gated: false,
    disabled: false,
    downloads: 0,
    likes: 0,
    lastModified: "2024-01-01T00:00:00.000Z",
    createdAt: "2024-01-01T00:00:00.000Z",
    sha: shaOf(id),
    tags: [],
    ...dataset.info,
  };
}

export async function startFakeHub(options: FakeHubOptions): Promise<FakeHub> {
  const requests: string[] = [];
  const faultsUsed = new Set<string>();
  const busyAnswered = new Map<string, number>();
  const datasets = new Map(Object.entries(options.datasets));

  function faultFor(pathname: string, id: string | undefined): [string, FakeFault] | undefined {
    const faults = options.faults ?? {};
    if (faults[pathname]) return [pathname, faults[pathname]];
    if (id && faults[id]) return [id, faults[id]];
    return undefined;
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake.hub");
    const pathname = decodeURIComponent(url.pathname);
    requests.push(`${req.method} ${url.pathname}${url.search}`);

    const revisionInfo = pathname.match(/^\/api\/datasets\/(.+?)\/revision\/([^/]+)$/);
    const tree = pathname.match(/^\/api\/datasets\/(.+?)\/tree\/([^/]+)(?:\/.*)?$/);
    const resolve = pathname.match(/^\/datasets\/(.+?)\/resolve\/([^/]+)\/(.+)$/);
    // The unpinned form (repoExists, checkRepoAccess); ids have at most one slash.
    const plainInfo = revisionInfo || tree ? null : pathname.match(/^\/api\/datasets\/([^/]+(?:\/[^/]+)?)$/);
    const info = revisionInfo ?? plainInfo;
    const id = (info ?? tree ?? resolve)?.[1];

    const send = (status: number, body: string, headers: Record<string, string> = {}, truncate = false) => {
      res.writeHead(status, headers);
      res.end(truncate ? body.slice(0, Math.floor(body.length / 2)) : body);
    };
    const sendJson = (status: number, value: unknown, truncate: boolean, headers: Record<string, string> = {}) =>
      send(status, JSON.stringify(value), { "Content-Type": "application/json", ...headers }, truncate);

    // Like the Hub: substring search on the id, author and tag filters, sort (descending unless
    // direction=1), and Link-header pages of at most 500 when more match than a page holds.
    const listing = (truncate: boolean) => {
      const query = (url.searchParams.get("search") ?? "").toLowerCase();
      const author = url.searchParams.get("author")?.toLowerCase();
      const filters = url.searchParams.getAll("filter");
      const requested = Number(url.searchParams.get("limit") ?? PAGE_LIMIT);
      const limit = Number.isFinite(requested) && requested > 0 ? Math.min(requested, PAGE_LIMIT) : PAGE_LIMIT;
      const cursor = Math.max(0, Number(url.searchParams.get("cursor") ?? 0) || 0);
      const sort = url.searchParams.get("sort");
      const ascending = url.searchParams.get("direction") === "1";
      const hits = [...datasets.entries()]
        .filter(([dsId]) => dsId.toLowerCase().includes(query))
        .filter(([dsId]) => !author || dsId.toLowerCase().startsWith(`${author}/`))
        .map(([dsId, ds]) => datasetJson(dsId, ds))
        .filter((json) => filters.every((f) => asStrings(json.tags).includes(f)));
      if (sort && SORTABLE.has(sort)) {
        const value = (json: Record<string, unknown>) => json[sort] as string | number;
        // A stable sort keeps insertion order among equals, so answers are deterministic.
        hits.sort((a, b) => {
          const [x, y] = [value(a), value(b)];
          const order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
      }
      const page = hits.slice(cursor, cursor + limit);
      const headers: Record<string, string> = {};
      if (cursor + limit < hits.length) {
        const next = new URL(`${url.pathname}${url.search}`, `http://${req.headers.host}`);
        next.searchParams.set("cursor", String(cursor + limit));
        headers.Link = `<${next.toString()}>; rel="next"`;
      }
      return sendJson(200, page, truncate, headers);
    };

    const handle = (truncate: boolean) => {
      if (req.method !== "GET") return sendJson(405, { error: "Method not allowed" }, false);

      if (pathname === "/api/datasets") return listing(truncate);

      const dataset = id ? datasets.get(id) : undefined;
      if (!id || !dataset) {
        return sendJson(404, { error: "Repository not found" }, false, { "X-Error-Code": "RepoNotFound" });
      }

      if (info) return sendJson(200, datasetJson(id, dataset), truncate);

      if (tree) {
        const files = dataset.card == null ? [] : [{ type: "file", path: "README.md", size: Buffer.byteLength(dataset.card), oid: shaOf(dataset.card) }];
        return sendJson(200, files, truncate);
      }

      const filePath = resolve![3];
      if (filePath !== "README.md" || dataset.card == null) {
        return sendJson(404, { error: "Entry not found" }, false, { "X-Error-Code": "EntryNotFound" });
      }
      const bytes = Buffer.from(dataset.card, "utf8");
      const etag = `"${shaOf(dataset.card)}"`;
      const range = req.headers.range?.match(/^bytes=(\d+)-(\d*)$/);
      if (range) {
        const start = Number(range[1]);
        const end = Math.min(range[2] ? Number(range[2]) : bytes.length - 1, bytes.length - 1);
        res.writeHead(206, {
          "Content-Type": "text/plain; charset=utf-8",
          "Content-Range": `bytes ${start}-${end}/${bytes.length}`,
          "Accept-Ranges": "bytes",
          ETag: etag,
        });
        return res.end(bytes.subarray(start, end + 1));
      }
      res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8", ETag: etag, "Accept-Ranges": "bytes" });
      res.end(bytes);
    };

    const answer = () => {
      const fault = faultFor(pathname, id);
      if (!fault) return handle(false);
      const [faultKey, mode] = fault;
      if (typeof mode === "object") {
        const answered = busyAnswered.get(faultKey) ?? 0;
        if (answered >= (mode.times ?? 1)) return handle(false);
        busyAnswered.set(faultKey, answered + 1);
        return sendJson(mode.status, { error: mode.status === 429 ? "Too many requests" : "Service unavailable" }, false, mode.retryAfter === undefined ? {} : { "Retry-After": mode.retryAfter });
      }
      if ((mode === "429" || mode === "500") && !faultsUsed.has(faultKey)) {
        faultsUsed.add(faultKey);
        return mode === "429"
          ? sendJson(429, { error: "Too many requests" }, false, { "Retry-After": "1" })
          : sendJson(500, { error: "Internal error" }, false);
      }
      if (mode === "slow") {
        const timer = setTimeout(() => handle(false), SLOW_MS);
        res.on("close", () => clearTimeout(timer));
        return;
      }
      if (mode === "truncated") return handle(true);
      handle(false);
    };

    if (options.latencyMs && options.latencyMs > 0) {
      const timer = setTimeout(answer, options.latencyMs);
      res.on("close", () => clearTimeout(timer));
      return;
    }
    answer();
  });

  await new Promise<void>((resolveListen) => server.listen(0, "127.0.0.1", resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
