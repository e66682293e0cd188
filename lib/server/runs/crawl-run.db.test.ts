import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardDataset, startFakeHub, type FakeHub } from "@/test-support/fake-hub/fake-hub";
import { getDb } from "@/lib/server/db/client";
import { forgetCrawlContext } from "./crawl-context";
import { claimItem, requeueLostItems } from "./crawl-items";
import { distributeCrawl, executeCrawlLocally, runItemJob, unfinishedCrawls, type QueuedItem } from "./crawl-run";
import { getRun, requestTrace } from "./runs";
import { tryLease } from "./trace-lease";

let hub: FakeHub;

const withSources = (title: string, sources: string[]) =>
  cardDataset(`---\nlicense: mit\nsource_datasets:\n${sources.map((s) => `- ${s}`).join("\n")}\n---\n\n# ${title}\n\nA dataset of the crawl test world.\n`, { createdAt: "2024-06-01T00:00:00.000Z" });

beforeAll(async () => {
  hub = await startFakeHub({
    datasets: {
      "cw/top": withSources("Top", ["cw/mid"]),
      "cw/mid": { ...withSources("Mid", ["cw/leaf"]), info: { ...withSources("Mid", ["cw/leaf"]).info, createdAt: "2024-03-01T00:00:00.000Z" } },
      "cw/leaf": cardDataset("# Leaf\n\nWritten from scratch.\n", { createdAt: "2023-01-01T00:00:00.000Z" }),
      "cw/broken": cardDataset("# Broken\n\nNever read.\n"),
      "dw/a": withSources("A", ["dw/b", "dw/c"]),
      "dw/b": { ...withSources("B", ["dw/d"]), info: { ...withSources("B", ["dw/d"]).info, createdAt: "2024-02-01T00:00:00.000Z" } },
      "dw/c": { ...withSources("C", ["dw/d"]), info: { ...withSources("C", ["dw/d"]).info, createdAt: "2024-02-01T00:00:00.000Z" } },
      "dw/d": cardDataset("# D\n\nWritten from scratch.\n", { createdAt: "2023-01-01T00:00:00.000Z" }),
      "dw/e": cardDataset("# E\n\nWritten from scratch.\n", { createdAt: "2023-01-01T00:00:00.000Z" }),
      "sw/a": withSources("SA", ["sw/b", "sw/c"]),
      "sw/b": { ...withSources("SB", ["sw/d"]), info: { ...withSources("SB", ["sw/d"]).info, createdAt: "2024-02-01T00:00:00.000Z" } },
      "sw/c": { ...withSources("SC", ["sw/d"]), info: { ...withSources("SC", ["sw/d"]).info, createdAt: "2024-02-01T00:00:00.000Z" } },
      "sw/d": cardDataset("# SD\n\nWritten from scratch.\n", { createdAt: "2023-01-01T00:00:00.000Z" }),
    },
    // Every answer about cw/broken is cut in half: its trace fails, each time.
    faults: { "cw/broken": "truncated" },
  });
  process.env.HF_ENDPOINT = hub.url;
  process.env.ROOTLINE_ALLOWED_HOSTS = new URL(hub.url).host;
});

afterAll(async () => {
  await hub?.close();
});

/** README downloads per dataset: a dataset traced twice reads its card twice. */
function cardReads(prefix: string): Map<string, number> {
  const reads = new Map<string, number>();
  for (const line of hub.requests) {
    const match = line.match(/^GET \/datasets\/([^/]+\/[^/]+)\/resolve\//);
    if (match && match[1]!.startsWith(prefix)) reads.set(match[1]!, (reads.get(match[1]!) ?? 0) + 1);
  }
  return reads;
}

describe("a crawl traced by items", () => {
  it("counts its progress right, a failure included", async () => {
    const { run } = await requestTrace({ key: "cw/top", moreSeeds: ["cw/broken"], depth: 3, nodeBudget: 100 });
    const done = await executeCrawlLocally(run.id, { concurrency: 2 });
    expect(done.state).toBe("SUCCEEDED");
    expect(done.progress).toMatchObject({ done: 3, queued: 0, running: 0, failed: 1, skipped: 0 });
    expect(done.progress!.perMinute).toBeGreaterThan(0);
    expect(done.counts).toMatchObject({ traced: 4, failed: 1, fromStore: 0, levels: 3 });
    const broken = await getDb().crawlItem.findUnique({ where: { runId_keyNorm: { runId: run.id, keyNorm: "cw/broken" } } });
    // A Hub answer it could not use is tried once more before the dataset counts as failed.
    expect([broken?.state, broken?.attempts]).toEqual(["FAILED", 2]);
    expect((await getRun({ id: run.id })).progress).toEqual(done.progress);
  });

  it("is shared by workers: every dataset traced once, even when its job arrives twice", async () => {
    const { run } = await requestTrace({ key: "dw/a", moreSeeds: ["dw/e"], depth: 5, nodeBudget: 100 });
    const queue: QueuedItem[] = [];
    // A queue that delivers every job twice, to workers running side by side.
    const send = async (items: QueuedItem[]) => void queue.push(...items, ...items);
    await distributeCrawl(run.id, send);
    const worker = async () => {
      for (let idle = 0; idle < 50; ) {
        const job = queue.shift();
        if (!job) {
          idle++;
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        idle = 0;
        await runItemJob(job, send);
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    const finished = await getRun({ id: run.id });
    expect(finished.state).toBe("SUCCEEDED");
    expect(finished.progress).toMatchObject({ done: 5, failed: 0, queued: 0, running: 0 });
    expect(finished.counts).toMatchObject({ traced: 5, fromStore: 0 });
    // dw/d is the upstream of both dw/b and dw/c: its card is still read as often as any other's (one trace's worth).
    const reads = cardReads("dw/");
    expect(reads.size).toBe(5);
    expect(new Set(reads.values())).toEqual(new Set([reads.get("dw/e")]));
  });

  it("asks the Hub for each dataset's facts once, though every job runs in a fresh process", async () => {
    const { run } = await requestTrace({ key: "sw/a", depth: 5, nodeBudget: 100 });
    const queue: QueuedItem[] = [];
    await distributeCrawl(run.id, async (items) => void queue.push(...items));
    for (let job = queue.shift(); job; job = queue.shift()) {
      // What a process keeps of a run (its memo of Hub answers) is gone: the next job stands for another worker.
      forgetCrawlContext(run.id);
      await runItemJob(job, async (items) => void queue.push(...items));
    }
    expect((await getRun({ id: run.id })).counts).toMatchObject({ traced: 4, fromStore: 0 });
    const infoAsks = new Map<string, number>();
    for (const line of hub.requests) {
      const id = line.match(/^GET \/api\/datasets\/(sw\/[^/?]+)(?:\/revision\/[^/?]+)?(?:\?|$)/)?.[1];
      if (id) infoAsks.set(id, (infoAsks.get(id) ?? 0) + 1);
    }
    // sw/b, sw/c and sw/d are each looked up as an upstream, then traced by another "process"; sw/d by two downstreams.
    expect(Object.fromEntries(infoAsks)).toEqual({ "sw/a": 1, "sw/b": 1, "sw/c": 1, "sw/d": 1 });
  });

  it("lets exactly one of many concurrent claims of an item win", async () => {
    const { run } = await requestTrace({ key: "cw/leaf", moreSeeds: ["cw/mid"], depth: 1, nodeBudget: 10 });
    await distributeCrawl(run.id, async () => undefined);
    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => claimItem({ runId: run.id, key: "cw/leaf", worker: `worker-${i}` })));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("lets exactly one process hold a dataset's lease, whichever runs ask", async () => {
    const leases = await Promise.all(Array.from({ length: 8 }, (_, i) => tryLease("Some/Dataset", `run-${i}`)));
    const held = leases.filter((l) => l !== null);
    expect(held).toHaveLength(1);
    await held[0]!.release();
    expect(await tryLease("some/dataset", "run-x")).not.toBeNull();
  });

  it("puts a lost worker's item back in the queue, and the crawl ends without redoing what was done", async () => {
    const { run } = await requestTrace({ key: "cw/mid", moreSeeds: ["cw/leaf"], depth: 2, nodeBudget: 10 });
    const jobs: QueuedItem[] = [];
    await distributeCrawl(run.id, async (items) => void jobs.push(...items));
    expect(await unfinishedCrawls()).toContain(run.id);
    // A worker claims cw/mid and dies: its heartbeat stops.
    expect(await claimItem({ runId: run.id, key: "cw/mid", worker: "dead-worker" })).not.toBeNull();
    await getDb().$executeRawUnsafe(`UPDATE crawl_item SET heartbeat_at = heartbeat_at - interval '10 minutes' WHERE run_id = $1 AND key_norm = 'cw/mid'`, run.id);
    const lost = await requeueLostItems(60_000);
    expect(lost.map((l) => l.key)).toEqual(["cw/mid"]);
    for (const job of [...jobs, ...lost]) await runItemJob(job, async (items) => void jobs.push(...items));
    const finished = await getRun({ id: run.id });
    expect(finished.state).toBe("SUCCEEDED");
    // Both were traced by the first test's crawl: the store answers them, nothing is read again.
    expect(finished.progress).toMatchObject({ done: 2, failed: 0 });
    expect(finished.counts).toMatchObject({ fromStore: 2, traced: 0 });
    expect(await unfinishedCrawls()).not.toContain(run.id);
  });
});
