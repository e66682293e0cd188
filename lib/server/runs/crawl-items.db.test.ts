import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db/client";
import { writeGeneration } from "@/lib/server/db/write-watch";
import { addItems, claimItem, endItem } from "./crawl-items";

async function newRun(seeds: string[], depth: number): Promise<string> {
  const id = randomUUID();
  await getDb().agentRun.create({ data: { id, targetKey: seeds[0]!, seeds, state: "RUNNING", model: "rules", depth, nodeBudget: 100 } });
  await addItems(getDb(), { runId: id, keys: seeds, level: 0, depth });
  return id;
}

const items = async (runId: string) =>
  (await getDb().crawlItem.findMany({ where: { runId }, orderBy: { id: "asc" } })).map((i) => ({ key: i.key, level: i.level, state: i.state, error: i.error }));

// A finished item and what it found are one write: the work list never holds one without the other.
describe("ending a crawl item", () => {
  it("ends the item and queues its upstreams one level down, once each, leaving out the item itself", async () => {
    const runId = await newRun(["ei/top", "ei/other"], 3);
    const item = (await claimItem({ runId, key: "ei/top", worker: "w1" }))!;
    const writesBefore = writeGeneration();
    const result = await endItem({ item, worker: "w1", outcome: { state: "DONE", counts: { edgesCreated: 2, edgesUpdated: 0, evidenceAdded: 2, nodesCreated: 2 } }, upstreams: { keys: ["ei/a", "EI/A", "ei/Top", "ei/b", "ei/other"], depth: 3 } });
    expect(result).toEqual({ ended: true, added: [{ key: "ei/a", level: 1 }, { key: "ei/b", level: 1 }] });
    // One statement, not a transaction (which counts a write per statement and one more at commit).
    expect(writeGeneration() - writesBefore).toBe(1);
    expect(await items(runId)).toEqual([
      { key: "ei/top", level: 0, state: "DONE", error: null },
      { key: "ei/other", level: 0, state: "QUEUED", error: null },
      { key: "ei/a", level: 1, state: "QUEUED", error: null },
      { key: "ei/b", level: 1, state: "QUEUED", error: null },
    ]);
    const row = await getDb().crawlItem.findFirstOrThrow({ where: { runId, keyNorm: "ei/top" } });
    expect(row).toMatchObject({ worker: "w1", counts: { edgesCreated: 2, edgesUpdated: 0, evidenceAdded: 2, nodesCreated: 2 } });
    expect(row.finishedAt).not.toBeNull();
  });

  it("adds nothing when the worker no longer holds the item", async () => {
    const runId = await newRun(["ei2/top"], 3);
    const item = (await claimItem({ runId, key: "ei2/top", worker: "w1" }))!;
    expect(await endItem({ item, worker: "w2", outcome: { state: "DONE" }, upstreams: { keys: ["ei2/a"], depth: 3 } })).toEqual({ ended: false, added: [] });
    expect(await items(runId)).toEqual([{ key: "ei2/top", level: 0, state: "RUNNING", error: null }]);
    // Ended once by its holder; a second end changes nothing.
    expect((await endItem({ item, worker: "w1", outcome: { state: "DONE" } })).ended).toBe(true);
    expect(await endItem({ item, worker: "w1", outcome: { state: "FAILED", error: "late" }, upstreams: { keys: ["ei2/b"], depth: 3 } })).toEqual({ ended: false, added: [] });
    expect(await items(runId)).toEqual([{ key: "ei2/top", level: 0, state: "DONE", error: null }]);
  });

  it("skips upstreams past the depth, moves a known one up a level, and brings back one skipped for depth", async () => {
    const runId = await newRun(["ei3/top", "ei3/mid"], 2);
    const top = (await claimItem({ runId, key: "ei3/top", worker: "w1" }))!;
    await endItem({ item: top, worker: "w1", outcome: { state: "DONE" }, upstreams: { keys: ["ei3/a"], depth: 2 } });
    const a = (await claimItem({ runId, key: "ei3/a", worker: "w1" }))!;
    // Level 2 is past a depth of 2: skipped, not queued.
    expect((await endItem({ item: a, worker: "w1", outcome: { state: "DONE" }, upstreams: { keys: ["ei3/deep"], depth: 2 } })).added).toEqual([]);
    const mid = (await claimItem({ runId, key: "ei3/mid", worker: "w1" }))!;
    // Found again one level from a seed: it is within the depth now, and comes back queued at level 1.
    expect((await endItem({ item: mid, worker: "w1", outcome: { state: "DONE" }, upstreams: { keys: ["ei3/deep"], depth: 2 } })).added).toEqual([{ key: "ei3/deep", level: 1 }]);
    expect(await items(runId)).toEqual([
      { key: "ei3/top", level: 0, state: "DONE", error: null },
      { key: "ei3/mid", level: 0, state: "DONE", error: null },
      { key: "ei3/a", level: 1, state: "DONE", error: null },
      { key: "ei3/deep", level: 1, state: "QUEUED", error: null },
    ]);
  });

  it("puts a deferred item back in the queue, free for any worker, until its time", async () => {
    const runId = await newRun(["ei4/top"], 3);
    const item = (await claimItem({ runId, key: "ei4/top", worker: "w1" }))!;
    const notBefore = new Date(Date.now() + 60_000);
    expect(await endItem({ item, worker: "w1", outcome: { state: "QUEUED", error: "the Hub asked to wait", notBefore } })).toEqual({ ended: true, added: [] });
    const row = await getDb().crawlItem.findFirstOrThrow({ where: { runId } });
    expect(row).toMatchObject({ state: "QUEUED", worker: null, finishedAt: null, error: "the Hub asked to wait" });
    expect(Math.abs(row.notBefore!.getTime() - notBefore.getTime())).toBeLessThan(1000);
    expect(await claimItem({ runId, key: "ei4/top", worker: "w2" })).toBeNull();
  });
});
