import { describe, expect, it } from "vitest";
import { rulesExtractor } from "@/agents/extraction/extractor";
import { HubWaitError, TimeBudgetError } from "@/lib/hub/interrupts";
import { crawl, CrawlPaused } from "./crawl";
import type { AggregateInput, HubFacts, HubPort, LineageStore } from "./types";

/*
 * A crawl that the Hub asks to wait, or whose time runs out, stops without failing any dataset
 * and without recording one from less than it holds: the agents rethrow instead of skipping a
 * text or keeping an edge with less known. Hub and store are fakes here.
 */

const wait = () => new HubWaitError({ waitMs: 3600_000, attempts: 1, host: "hub", httpStatus: 429, service: "the Hub" });

function facts(id: string): HubFacts {
  return { id, sha: "a".repeat(40), license: null, tags: [], createdAt: "2024-01-01T00:00:00.000Z", downloads: 0, likes: 0, paperUrl: null, homepageUrl: null, domains: [] };
}

type Script = { cards: Record<string, string>; info?: (id: string) => Promise<void>; text?: (url: string) => Promise<{ status: number; text: string | null }> };

function world(script: Script) {
  const aggregated: string[] = [];
  const failed: string[] = [];
  const hub: HubPort = {
    async datasetInfo(id) {
      await script.info?.(id);
      return id in script.cards ? { facts: facts(id), cardData: null } : null;
    },
    card: async (id) => script.cards[id] ?? null,
    search: async () => [],
    fetchText: async (url) => (script.text ? script.text(url) : { status: 404, text: null }),
  };
  const store: LineageStore = {
    aliasMap: async () => new Map(),
    cachedText: async () => null,
    cacheText: async () => undefined,
    crawlState: async () => null,
    async aggregate(input: AggregateInput) {
      aggregated.push(input.key);
      return { edgesCreated: input.edges.length, edgesUpdated: 0, evidenceAdded: 0, nodesCreated: 0, cleaningsAdded: 0, skipped: [], next: input.upstreams.filter((u) => u.onHub).map((u) => u.key) };
    },
    markFailed: async (key) => void failed.push(key),
  };
  const deps = { hub, hubUrl: "https://hub.test", store, extractor: rulesExtractor(), endpoints: { arxiv: "https://arxiv.test", githubRaw: "https://gh.test" }, runId: null };
  return { deps, aggregated, failed };
}

async function pausedOf(promise: Promise<unknown>): Promise<CrawlPaused> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CrawlPaused);
  return error as CrawlPaused;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a crawl the Hub asks to wait", () => {
  it("lets the datasets in flight finish, starts no other, fails none, and says how far it got", async () => {
    const { deps, aggregated, failed } = world({
      cards: { "s/a": "# A\n", "s/b": "# B\n", "s/c": "# C\n", "s/d": "# D\n" },
      info: async (id) => {
        if (id === "s/b") throw wait();
        if (id === "s/a") await sleep(100);
      },
    });
    const paused = await pausedOf(crawl({ seeds: ["s/a", "s/b", "s/c", "s/d"], depth: 1, nodeBudget: 10, concurrency: 2 }, deps));
    expect(paused.cause).toBeInstanceOf(HubWaitError);
    expect(paused.message).toBe("the Hub asked us to wait 3600 s (HTTP 429)");
    // s/a was in flight and finished before the crawl returned; s/c and s/d were never started.
    expect(aggregated).toEqual(["s/a"]);
    expect(failed).toEqual([]);
    expect(paused.summary).toMatchObject({ traced: 1, failed: [], untracedFrontier: 3 });
  });

  it("stops when an upstream's lookup is asked to wait, instead of keeping the edge with less known", async () => {
    const { deps, aggregated, failed } = world({
      cards: { "acme/top": "# Top\nA subset of acme/seed-problems, filtered for length.\n", "acme/seed-problems": "# P\n" },
      info: async (id) => {
        if (id === "acme/seed-problems") throw wait();
      },
    });
    await pausedOf(crawl({ seeds: ["acme/top"], depth: 1, nodeBudget: 10, concurrency: 1 }, deps));
    expect(aggregated).toEqual([]);
    expect(failed).toEqual([]);
  });

  it("stops when a linked text is asked to wait, but skips one that fails otherwise", async () => {
    const card = "# Top\nSee https://arxiv.org/abs/2401.00001 for details.\n";
    const busy = world({ cards: { "s/top": card }, text: async () => Promise.reject(wait()) });
    await pausedOf(crawl({ seeds: ["s/top"], depth: 1, nodeBudget: 10, concurrency: 1 }, busy.deps));
    expect(busy.aggregated).toEqual([]);

    const broken = world({ cards: { "s/top": card }, text: async () => Promise.reject(new Error("connection reset")) });
    const summary = await crawl({ seeds: ["s/top"], depth: 1, nodeBudget: 10, concurrency: 1 }, broken.deps);
    expect([summary.traced, broken.aggregated]).toEqual([1, ["s/top"]]);
  });
});

describe("a crawl whose signal stops it (the run's time budget)", () => {
  it("leaves the dataset cut short and the rest untraced, not failed, and says it stopped", async () => {
    const stop = new AbortController();
    const { deps, aggregated, failed } = world({
      cards: { "s/a": "# A\n", "s/b": "# B\n", "s/c": "# C\n" },
      info: async (id) => {
        if (id !== "s/b") return;
        stop.abort(new TimeBudgetError(1000));
        throw stop.signal.reason;
      },
    });
    const summary = await crawl({ seeds: ["s/a", "s/b", "s/c"], depth: 2, nodeBudget: 10, concurrency: 1, signal: stop.signal }, deps);
    expect(aggregated).toEqual(["s/a"]);
    expect(failed).toEqual([]);
    expect(summary).toMatchObject({ traced: 1, stopped: true, untracedFrontier: 2, failed: [] });
  });
});

describe("what a crawl asks the Hub", () => {
  it("asks for a dataset's facts once per crawl: the lookup made for it as an upstream serves its own trace", async () => {
    const asked: string[] = [];
    const { deps, aggregated } = world({
      cards: { "acme/top": "# Top\nA subset of acme/seed-problems, filtered for length.\n", "acme/seed-problems": "# P\n" },
      info: async (id) => void asked.push(id),
    });
    const summary = await crawl({ seeds: ["acme/top"], depth: 2, nodeBudget: 10, concurrency: 1 }, deps);
    expect(summary.traced).toBe(2);
    expect(aggregated).toEqual(["acme/top", "acme/seed-problems"]);
    expect(asked).toEqual(["acme/top", "acme/seed-problems"]);
  });

  it("reads a card's linked texts together and keeps them in card order", async () => {
    const card = "# Top\nPaper: https://arxiv.org/abs/2401.00001. Code: https://github.com/acme/pipeline.\n";
    let inFlight = 0;
    let most = 0;
    const read: string[] = [];
    const { deps } = world({
      cards: { "s/top": card },
      text: async (url) => {
        inFlight++;
        most = Math.max(most, inFlight);
        // The paper answers last: the texts still come in the card's order.
        await sleep(url.includes("arxiv") ? 40 : 5);
        inFlight--;
        read.push(url);
        return url.includes("arxiv") ? { status: 200, text: "<feed><entry><title>T</title><summary>Built from acme/base-set.</summary></entry></feed>" } : { status: 200, text: "# pipeline" };
      },
    });
    const steps: string[] = [];
    await crawl({ seeds: ["s/top"], depth: 1, nodeBudget: 10, concurrency: 1 }, { ...deps, onStep: (e) => e.agent === "sourcing" && steps.push(e.message) });
    expect(most).toBe(2);
    expect(read.map((u) => (u.includes("arxiv") ? "paper" : "github"))).toEqual(["github", "paper"]);
    expect(steps.at(-1)).toBe("read 3 texts (card, paper, github)");
  });
});

describe("looking ahead from the card", () => {
  it("asks about the card's upstreams while its linked paper is still being read, and extracts each text once", async () => {
    const events: string[] = [];
    const card = "# Top\nA subset of acme/seed-problems, filtered for length. Paper: https://arxiv.org/abs/2401.00001.\n";
    const { deps } = world({
      cards: { "acme/top": card, "acme/seed-problems": "# P\n" },
      info: async (id) => void events.push(`info ${id}`),
      text: async () => {
        await sleep(60);
        events.push("paper read");
        return { status: 200, text: "<feed><entry><title>T</title><summary>We filter acme/seed-problems.</summary></entry></feed>" };
      },
    });
    const calls: string[] = [];
    const extractor = { id: "rules", extract: (input: Parameters<typeof deps.extractor.extract>[0]) => (calls.push(input.source), deps.extractor.extract(input)) };
    const summary = await crawl({ seeds: ["acme/top"], depth: 1, nodeBudget: 10, concurrency: 1 }, { ...deps, extractor });
    expect(summary.traced).toBe(1);
    expect(events).toEqual(["info acme/top", "info acme/seed-problems", "paper read"]);
    expect(calls).toEqual(["card", "paper"]);
  });
});
