import { describe, expect, it } from "vitest";
import type { HubDatasetInfo, HubPort } from "@/agents/pipeline/types";
import { createLineageStore } from "@/lib/server/agents/store";
import { getDb } from "@/lib/server/db/client";
import { hubFactsUrl, shareHubFacts } from "./shared-hub-facts";

/*
 * Two workers of one crawl, each with its own Hub port and memo, share what the Hub said during
 * the run through the store. Each "process" here is one wrapper over a Hub that counts its calls.
 */

const HUB = "https://hub.shared.test";

function countingHub(known: Record<string, string>, fail = false): HubPort & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async datasetInfo(id) {
      asked.push(id);
      if (fail) throw new Error("fetch failed");
      const hit = Object.keys(known).find((k) => k.toLowerCase() === id.toLowerCase());
      return hit ? ({ facts: { id: hit, sha: known[hit]!, createdAt: "2023-03-01T00:00:00.000Z", license: "mit", tags: ["task:qa"], domains: [] }, cardData: { license: "mit" } } as unknown as HubDatasetInfo) : null;
    },
    card: async () => null,
    search: async () => [],
    fetchText: async () => ({ status: 404, text: null }),
  };
}

describe("Hub facts shared by the workers of one crawl", () => {
  it("asks the Hub once for a dataset whichever worker asks first, and shares 'not on the Hub' too", async () => {
    const store = createLineageStore();
    const since = new Date(Date.now() - 1000);
    const hubs = [countingHub({ "Share/Alpha": "a1" }), countingHub({ "Share/Alpha": "a1" })];
    const [one, two] = hubs.map((hub) => shareHubFacts({ hub, hubUrl: HUB, store, since }));
    const first = await one!.datasetInfo("share/alpha");
    const second = await two!.datasetInfo("SHARE/ALPHA");
    expect(first?.facts.id).toBe("Share/Alpha");
    expect(second).toEqual(first);
    expect([hubs[0]!.asked, hubs[1]!.asked]).toEqual([["share/alpha"], []]);

    expect(await one!.datasetInfo("share/ghost")).toBeNull();
    expect(await two!.datasetInfo("share/ghost")).toBeNull();
    expect([hubs[0]!.asked.length, hubs[1]!.asked.length]).toEqual([2, 0]);
  });

  it("does not use an answer from before the run started, and replaces it", async () => {
    const store = createLineageStore();
    const earlier = countingHub({ "share/beta": "old" });
    await shareHubFacts({ hub: earlier, hubUrl: HUB, store, since: new Date(Date.now() - 1000) }).datasetInfo("share/beta");
    // The row was fetched before this run's start: a new run reads the Hub again.
    await getDb().sourceText.update({ where: { url_revision: { url: hubFactsUrl(HUB, "share/beta"), revision: "" } }, data: { fetchedAt: new Date(Date.now() - 60_000) } });
    const later = countingHub({ "share/beta": "new" });
    const run = shareHubFacts({ hub: later, hubUrl: HUB, store, since: new Date(Date.now() - 30_000) });
    expect((await run.datasetInfo("share/beta"))?.facts.sha).toBe("new");
    expect(later.asked).toEqual(["share/beta"]);
    const third = countingHub({ "share/beta": "newer" });
    expect((await shareHubFacts({ hub: third, hubUrl: HUB, store, since: new Date(Date.now() - 30_000) }).datasetInfo("share/beta"))?.facts.sha).toBe("new");
    expect(third.asked).toEqual([]);
  });

  it("shares no failure: a lookup the Hub did not answer is asked again by the next worker", async () => {
    const store = createLineageStore();
    const since = new Date(Date.now() - 1000);
    const down = countingHub({}, true);
    await expect(shareHubFacts({ hub: down, hubUrl: HUB, store, since }).datasetInfo("share/gamma")).rejects.toThrow("fetch failed");
    const up = countingHub({ "share/gamma": "g1" });
    expect((await shareHubFacts({ hub: up, hubUrl: HUB, store, since }).datasetInfo("share/gamma"))?.facts.sha).toBe("g1");
    expect(up.asked).toEqual(["share/gamma"]);
  });
});
