import { listFiles } from "@huggingface/hub";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createHubFetch, fetchDatasetSource, searchHubDatasets, type RetryInfo } from "@/lib/hub/client";
import { startFakeHub, type FakeHub } from "@/test-support/fake-hub/fake-hub";
import { HubWaitError, TimeBudgetError } from "@/lib/hub/interrupts";
import { DEFAULT_MAX_HUB_WAIT_MS, maxHubWaitMs } from "@/lib/limits";

const CARD = `---
license: mit
source_datasets:
  - openai/gsm8k
---
# Tiny math set
Built from https://huggingface.co/datasets/openai/gsm8k.
`;

const fast = { baseDelayMs: 10, retries: 3 };

let hub: FakeHub;

beforeAll(async () => {
  hub = await startFakeHub({
    datasets: {
      "acme/tiny-math": {
        card: CARD,
        info: { cardData: { license: "mit", source_datasets: ["openai/gsm8k"] }, tags: ["license:mit", "language:en"], createdAt: "2024-03-01T12:00:00.000Z", downloads: 42, likes: 7, sha: "a".repeat(40) },
      },
      "acme/no-card": { card: null, info: { tags: ["license:cc-by-4.0"] } },
      "acme/rate-limited": { card: CARD },
      "acme/flaky": { card: CARD },
      "acme/broken-json": { card: CARD },
      "acme/slow": { card: CARD },
      "openai/gsm8k": { card: "# GSM8K\n" },
      "acme/busy-long": { card: CARD },
      "acme/busy-date": { card: CARD },
      "acme/busy-short": { card: CARD },
      "acme/busy-always": { card: CARD },
    },
    faults: {
      "acme/rate-limited": "429",
      "acme/flaky": "500",
      "acme/broken-json": "truncated",
      "acme/slow": "slow",
      "acme/busy-long": { status: 429, retryAfter: "3600" },
      "acme/busy-date": { status: 503, retryAfter: new Date(Date.now() + 2 * 3600_000).toUTCString() },
      "acme/busy-short": { status: 429, retryAfter: "2" },
      "acme/busy-always": { status: 503, times: Infinity },
    },
  });
});

afterAll(async () => {
  await hub.close();
});

function requestsFor(id: string): string[] {
  return hub.requests.filter((r) => r.includes(`/${id}/`));
}

async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("fetchDatasetSource against the fake Hub", () => {
  it("returns Hub facts and the card pinned to the dataset's sha", async () => {
    const source = await fetchDatasetSource({ id: "acme/tiny-math", hubUrl: hub.url, ...fast });
    expect(source).toEqual({
      id: "acme/tiny-math",
      sha: "a".repeat(40),
      info: {
        license: "mit",
        tags: ["license:mit", "language:en"],
        createdAt: "2024-03-01T12:00:00.000Z",
        downloads: 42,
        likes: 7,
        cardData: { license: "mit", source_datasets: ["openai/gsm8k"] },
      },
      card: CARD,
    });
    expect(requestsFor("acme/tiny-math").some((r) => r.startsWith(`GET /datasets/acme/tiny-math/resolve/${"a".repeat(40)}/README.md`))).toBe(true);
    expect(requestsFor("acme/tiny-math").some((r) => /revision\/HEAD\?.*expand=cardData/.test(r))).toBe(true);
  });

  it("answers card null when the repo has no README, and takes the licence from tags", async () => {
    const source = await fetchDatasetSource({ id: "acme/no-card", hubUrl: hub.url, ...fast });
    expect(source.card).toBeNull();
    expect(source.info.license).toBe("cc-by-4.0");
    expect(source.info.cardData).toBeNull();
  });

  it("waits out a 429 with Retry-After and then succeeds", async () => {
    const retries: RetryInfo[] = [];
    const source = await fetchDatasetSource({ id: "acme/rate-limited", hubUrl: hub.url, ...fast, onRetry: (r) => retries.push(r) });
    expect(source.card).toBe(CARD);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ attempt: 1, delayMs: 1000, reason: "HTTP 429" });
    expect(requestsFor("acme/rate-limited").filter((r) => r.includes("/revision/"))).toHaveLength(2);
  });

  it("retries a 500 and then succeeds", async () => {
    const retries: RetryInfo[] = [];
    const source = await fetchDatasetSource({ id: "acme/flaky", hubUrl: hub.url, ...fast, onRetry: (r) => retries.push(r) });
    expect(source.card).toBe(CARD);
    expect(retries.map((r) => r.reason)).toEqual(["HTTP 500"]);
  });

  it("retries network failures and then reports 'unavailable'", async () => {
    const gone = await startFakeHub({ datasets: {} });
    await gone.close();
    const retries: RetryInfo[] = [];
    const error = await appErrorOf(fetchDatasetSource({ id: "acme/x", hubUrl: gone.url, ...fast, retries: 2, onRetry: (r) => retries.push(r) }));
    expect(error.code).toBe("unavailable");
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
  });

  it("turns truncated JSON into a clean 'unavailable' error", async () => {
    const error = await appErrorOf(fetchDatasetSource({ id: "acme/broken-json", hubUrl: hub.url, ...fast }));
    expect(error.code).toBe("unavailable");
    expect(error.message).toContain("acme/broken-json");
  });

  it("reports an unknown dataset as not_found:dataset without retrying", async () => {
    const error = await appErrorOf(fetchDatasetSource({ id: "acme/does-not-exist", hubUrl: hub.url, ...fast }));
    expect(error.code).toBe("not_found:dataset");
    expect(requestsFor("acme/does-not-exist")).toHaveLength(1);
  });

  it("times out a slow Hub and reports 'unavailable' after retrying", async () => {
    const retries: RetryInfo[] = [];
    const error = await appErrorOf(
      fetchDatasetSource({ id: "acme/slow", hubUrl: hub.url, timeoutMs: 300, retries: 1, baseDelayMs: 10, onRetry: (r) => retries.push(r) }),
    );
    expect(error.code).toBe("unavailable");
    expect(error.message).toMatch(/timed out after 300 ms/);
    expect(retries).toHaveLength(1);
  });

  it("reads HF_ENDPOINT when no hubUrl is given", async () => {
    const previous = process.env.HF_ENDPOINT;
    process.env.HF_ENDPOINT = hub.url;
    try {
      const source = await fetchDatasetSource({ id: "openai/gsm8k", ...fast });
      expect(source.card).toBe("# GSM8K\n");
    } finally {
      if (previous === undefined) delete process.env.HF_ENDPOINT;
      else process.env.HF_ENDPOINT = previous;
    }
  });
});

describe("a Hub asking us to wait", () => {
  async function waitErrorOf(promise: Promise<unknown>): Promise<HubWaitError> {
    const error = await appErrorOf(promise);
    expect(error).toBeInstanceOf(HubWaitError);
    return error as HubWaitError;
  }

  it("does not sleep through a Retry-After longer than the cap: it says how long at once", async () => {
    const retries: RetryInfo[] = [];
    const started = Date.now();
    const error = await waitErrorOf(fetchDatasetSource({ id: "acme/busy-long", hubUrl: hub.url, ...fast, onRetry: (r) => retries.push(r) }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({ code: "rate_limited", waitMs: 3600_000, httpStatus: 429, service: "the Hub", message: "the Hub asked us to wait 3600 s (HTTP 429)" });
    expect(error.details).toEqual({ retryAfterSeconds: 3600 });
    expect(retries).toEqual([]);
    expect(requestsFor("acme/busy-long")).toHaveLength(1);
  });

  it("reads a Retry-After date, and a 503 the same way", async () => {
    const error = await waitErrorOf(fetchDatasetSource({ id: "acme/busy-date", hubUrl: hub.url, ...fast }));
    expect(error.httpStatus).toBe(503);
    expect(error.waitMs).toBeGreaterThan(2 * 3600_000 - 10_000);
    expect(error.waitMs).toBeLessThanOrEqual(2 * 3600_000);
  });

  it("takes the cap from the options (and ROOTLINE_MAX_HUB_WAIT_SECONDS)", async () => {
    const error = await waitErrorOf(fetchDatasetSource({ id: "acme/busy-short", hubUrl: hub.url, ...fast, maxWaitMs: 1000 }));
    expect(error.message).toBe("the Hub asked us to wait 2 s (HTTP 429)");
    expect(maxHubWaitMs({})).toBe(DEFAULT_MAX_HUB_WAIT_MS);
    expect(DEFAULT_MAX_HUB_WAIT_MS).toBe(30_000);
    expect(maxHubWaitMs({ ROOTLINE_MAX_HUB_WAIT_SECONDS: "5" })).toBe(5000);
    expect(maxHubWaitMs({ ROOTLINE_MAX_HUB_WAIT_SECONDS: "0" })).toBe(0);
    expect(maxHubWaitMs({ ROOTLINE_MAX_HUB_WAIT_SECONDS: "soon" })).toBe(DEFAULT_MAX_HUB_WAIT_MS);
  });

  it("hands over a Hub that stays busy after every retry instead of answering with its error page", async () => {
    const retries: RetryInfo[] = [];
    const error = await waitErrorOf(fetchDatasetSource({ id: "acme/busy-always", hubUrl: hub.url, ...fast, retries: 2, onRetry: (r) => retries.push(r) }));
    expect(error).toMatchObject({ waitMs: null, httpStatus: 503, message: "the Hub kept answering HTTP 503 (busy) after 3 attempts" });
    expect(retries.map((r) => r.reason)).toEqual(["HTTP 503", "HTTP 503"]);
  });
});

describe("a stop signal (the run's time budget)", () => {
  it("ends a request in flight, and a backoff sleep, with the signal's reason", async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(new TimeBudgetError(100)), 100);
    const started = Date.now();
    const error = await appErrorOf(fetchDatasetSource({ id: "acme/slow", hubUrl: hub.url, ...fast, signal: stop.signal }));
    expect(error).toBeInstanceOf(TimeBudgetError);
    expect(error.message).toBe("the run's time budget of 100 ms ran out");
    expect(Date.now() - started).toBeLessThan(1500);

    const sleeping = new AbortController();
    setTimeout(() => sleeping.abort(new TimeBudgetError(50)), 50);
    const gone = await startFakeHub({ datasets: {} });
    await gone.close();
    const slept = Date.now();
    await expect(fetchDatasetSource({ id: "acme/x", hubUrl: gone.url, baseDelayMs: 5000, retries: 2, signal: sleeping.signal })).rejects.toBeInstanceOf(TimeBudgetError);
    expect(Date.now() - slept).toBeLessThan(2000);
  });
});

describe("createHubFetch", () => {
  it("refuses hosts outside the allowlist before sending anything", async () => {
    const hubFetch = createHubFetch({ hubUrl: hub.url });
    const before = hub.requests.length;
    const error = await appErrorOf(hubFetch("http://evil.example/api/datasets"));
    expect(error.code).toBe("forbidden");
    expect(error.message).toMatch(/evil\.example.*not in the allowlist/);
    expect(hub.requests.length).toBe(before);
  });

  it("allows extra configured hosts (on this machine only when they are trusted endpoints)", async () => {
    const other = await startFakeHub({ datasets: { "x/y": { card: "hi" } } });
    try {
      const allowedHosts = [new URL(other.url).host];
      const hubFetch = createHubFetch({ hubUrl: "https://huggingface.co", allowedHosts, trustedHosts: ["huggingface.co", "127.0.0.1"] });
      const response = await hubFetch(`${other.url}/api/datasets/x/y/revision/main`);
      expect(((await response.json()) as { id: string }).id).toBe("x/y");
      const before = other.requests.length;
      const error = await appErrorOf(createHubFetch({ hubUrl: "https://huggingface.co", allowedHosts })(`${other.url}/api/datasets/x/y/revision/main`));
      expect([error.code, error.message]).toEqual(["forbidden", expect.stringMatching(/127\.0\.0\.1 refused: it is a loopback address/)]);
      expect(other.requests.length).toBe(before);
    } finally {
      await other.close();
    }
  });
});

describe("fake Hub file tree", () => {
  it("lists README.md for a dataset with a card and nothing for one without", async () => {
    const paths = async (name: string) => {
      const out: string[] = [];
      for await (const file of listFiles({ repo: { type: "dataset", name }, hubUrl: hub.url })) out.push(file.path);
      return out;
    };
    expect(await paths("acme/tiny-math")).toEqual(["README.md"]);
    expect(await paths("acme/no-card")).toEqual([]);
  });
});

describe("searchHubDatasets", () => {
  it("lists matching datasets up to the limit", async () => {
    const hits = await searchHubDatasets({ query: "acme", limit: 2, hubUrl: hub.url, ...fast });
    expect(hits.map((h) => h.id)).toEqual(["acme/tiny-math", "acme/no-card"]);
    expect(hub.requests.some((r) => r.startsWith("GET /api/datasets?limit=2&search=acme"))).toBe(true);
  });

  it("finds nothing for an unknown name", async () => {
    expect(await searchHubDatasets({ query: "zzz-nothing", hubUrl: hub.url, ...fast })).toEqual([]);
  });
});
