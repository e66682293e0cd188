import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db/client";
import { mergeEdges, upsertNodes, writeTransaction } from "@/lib/server/lineage/write";
import { createLineageStore } from "./store";

// A crawl asks this before every dataset: a traced one is answered from the store with the Hub
// sources it was traced with (never a rejected edge, a source off the Hub, or one the Hub lost).
describe("the store's crawl state of a dataset", () => {
  it("gives a traced dataset's Hub sources, an untraced one's state alone, and null for one never seen", async () => {
    await writeTransaction(async (tx) => {
      await upsertNodes(tx, [
        { key: "state-test/traced", crawlState: "TRACED" },
        { key: "state-test/Untraced" },
        { key: "state-test/kept-b" },
        { key: "state-test/kept-a" },
        { key: "state-test/gone", hubPresence: "MISSING" },
        { key: "state-test/rejected" },
        { key: "arxiv:2401.00001" },
      ]);
      const edge = (upstream: string, downstream = "state-test/traced") => ({ upstream, downstream, relation: "DIRECT_INCLUSION" as const, confidence: 0.9, origin: "IMPORT" as const });
      await mergeEdges(tx, [edge("state-test/kept-b"), edge("state-test/kept-a"), edge("state-test/gone"), edge("state-test/rejected"), edge("arxiv:2401.00001"), edge("state-test/kept-a", "state-test/Untraced")]);
    });
    const db = getDb();
    const rejected = await db.dataset.findUniqueOrThrow({ where: { keyNorm: "state-test/rejected" } });
    await db.edge.updateMany({ where: { upstreamId: rejected.id }, data: { status: "REJECTED" } });

    const store = createLineageStore();
    // In the order the edges were written.
    expect(await store.crawlState("State-Test/TRACED")).toEqual({ state: "TRACED", upstreams: ["state-test/kept-b", "state-test/kept-a"] });
    expect(await store.crawlState("state-test/untraced")).toEqual({ state: "UNTRACED", upstreams: [] });
    expect(await store.crawlState("state-test/kept-a")).toEqual({ state: "UNTRACED", upstreams: [] });
    expect(await store.crawlState("state-test/never-seen")).toBeNull();

    await db.dataset.updateMany({ where: { keyNorm: "state-test/untraced" }, data: { crawlState: "TERMINAL" } });
    expect(await store.crawlState("state-test/untraced")).toEqual({ state: "TERMINAL", upstreams: ["state-test/kept-a"] });
  });
});
