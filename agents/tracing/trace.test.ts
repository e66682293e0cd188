import { describe, expect, it } from "vitest";
import type { MergedCandidate } from "@/agents/extraction/merge";
import type { HubDatasetInfo, HubPort } from "@/agents/pipeline/types";
import { CANDIDATE_LOOKUPS_AT_ONCE, traceCandidates } from "./trace";

/** A Hub that knows only `known` (ids → created date). */
function hub(known: Record<string, string>): HubPort {
  return {
    async datasetInfo(id) {
      const hit = Object.keys(known).find((k) => k.toLowerCase() === id.toLowerCase());
      return hit ? ({ facts: { id: hit, createdAt: known[hit]! }, cardData: null } as unknown as HubDatasetInfo) : null;
    },
    async card() {
      return null;
    },
    async search() {
      return [];
    },
    async fetchText() {
      return { status: 404, text: null };
    },
  };
}

const candidate = (upstream: string, quote = `built from ${upstream}`): MergedCandidate => ({
  upstream,
  relation: "DIRECT_INCLUSION",
  confidence: 0.75,
  split: "UNKNOWN",
  evidence: [{ source: "card", url: "https://hub.example/card", quote }],
});

describe("traceCandidates", () => {
  it("never makes a node or an edge of a Hub id the Hub has no dataset for, and keeps the mention with its quote", async () => {
    const result = await traceCandidates({
      target: { key: "probe/inject", createdAt: "2024-05-01T00:00:00.000Z" },
      candidates: [candidate("openai/gsm8k"), candidate("evil/other", "Also see evil/other")],
      aliases: new Map(),
      hub: hub({ "openai/gsm8k": "2021-10-01T00:00:00.000Z" }),
    });
    expect(result.edges.map((e) => e.upstream)).toEqual(["openai/gsm8k"]);
    expect(result.upstreams.map((u) => u.key)).toEqual(["openai/gsm8k"]);
    expect(result.dropped).toEqual([
      {
        candidate: "evil/other",
        reason: expect.stringMatching(/^not on the Hub .*"Also see evil\/other"/),
        mention: { mention: "evil/other", reason: "not_on_hub", relation: "DIRECT_INCLUSION", source: "card", url: "https://hub.example/card", quote: "Also see evil/other" },
      },
    ]);
  });

  it("keeps an edge whose upstream the Hub could not be asked about (unreachable is not missing)", async () => {
    const flaky: HubPort = { ...hub({}), datasetInfo: async () => Promise.reject(new Error("fetch failed")) };
    const result = await traceCandidates({ target: { key: "probe/x", createdAt: null }, candidates: [candidate("openai/gsm8k")], aliases: new Map(), hub: flaky });
    expect(result.upstreams).toEqual([expect.objectContaining({ key: "openai/gsm8k", onHub: null })]);
  });

  it("asks the Hub about a card's candidates together, at most CANDIDATE_LOOKUPS_AT_ONCE at a time, and keeps card order", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `org/set-${i}`);
    let inFlight = 0;
    let most = 0;
    const slow: HubPort = {
      ...hub({}),
      async datasetInfo(id) {
        inFlight++;
        most = Math.max(most, inFlight);
        // Later candidates answer first: the result must still follow the card.
        await new Promise((resolve) => setTimeout(resolve, 40 - Number(id.split("-")[1])));
        inFlight--;
        return { facts: { id, createdAt: "2023-01-01T00:00:00.000Z" }, cardData: null } as unknown as HubDatasetInfo;
      },
    };
    const result = await traceCandidates({ target: { key: "probe/x", createdAt: "2024-01-01T00:00:00.000Z" }, candidates: ids.map((id) => candidate(id)), aliases: new Map(), hub: slow });
    expect(most).toBe(CANDIDATE_LOOKUPS_AT_ONCE);
    expect(result.edges.map((e) => e.upstream)).toEqual(ids);
  });

  it("looks a name named twice up once, and merges its evidence into the first edge", async () => {
    const asked: string[] = [];
    const counting: HubPort = { ...hub({ "openai/gsm8k": "2021-10-01T00:00:00.000Z" }), async datasetInfo(id) {
      asked.push(id);
      return hub({ "openai/gsm8k": "2021-10-01T00:00:00.000Z" }).datasetInfo(id);
    } };
    const result = await traceCandidates({
      target: { key: "probe/x", createdAt: "2024-01-01T00:00:00.000Z" },
      candidates: [candidate("openai/gsm8k", "first quote"), candidate("OpenAI/GSM8K", "second quote")],
      aliases: new Map(),
      hub: counting,
    });
    expect(asked).toEqual(["openai/gsm8k"]);
    expect(result.edges).toHaveLength(1);
    expect(result.edges[0]!.evidence.map((e) => e.quote)).toEqual(["first quote", "second quote"]);
  });

  it("stops on an error that stops the crawl (the run's time ran out), even with other lookups in flight", async () => {
    const { TimeBudgetError } = await import("@/lib/hub/interrupts");
    const stopping: HubPort = { ...hub({}), datasetInfo: async (id) => (id === "org/b" ? Promise.reject(new TimeBudgetError(1000)) : new Promise((r) => setTimeout(() => r(null), 20))) };
    await expect(traceCandidates({ target: { key: "probe/x", createdAt: null }, candidates: [candidate("org/a"), candidate("org/b")], aliases: new Map(), hub: stopping })).rejects.toBeInstanceOf(TimeBudgetError);
  });
});
