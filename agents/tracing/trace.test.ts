import { describe, expect, it } from "vitest";
import type { MergedCandidate } from "@/agents/extraction/merge";
import type { HubDatasetInfo, HubPort } from "@/agents/pipeline/types";
import { traceCandidates } from "./trace";

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
});
