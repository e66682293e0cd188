import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db/client";
import { errorCode } from "@/test-support/server/error-code";
import { buildFixtureGraph, ROOT } from "@/test-support/server/fixture-graph";
import { addEdgeByHand, reviewEdge, reviewsOfNode } from "./review";
import { reviewQueue } from "./review-queue";
import { mergeEdges, writeTransaction } from "./write";

const rev = { userId: null, name: "ana" };

beforeAll(async () => {
  await buildFixtureGraph(getDb());
});

describe("the review queue", () => {
  it("lists proposed edges below the threshold, contradicted by dates or proposed by agents, oldest first, with evidence", async () => {
    const db = getDb();
    // up/x is dated after Org/Root-Set, which claims to be built from it.
    await db.dataset.update({ where: { keyNorm: "up/x" }, data: { releaseMonth: "2024-05" } });
    await db.dataset.update({ where: { keyNorm: "org/root-set" }, data: { releaseMonth: "2023-01" } });
    await writeTransaction((tx) =>
      mergeEdges(tx, [{ upstream: "solo/alone", downstream: "down/q", relation: "SYNTHETIC_GENERATION", confidence: 0.95, origin: "AGENT", evidence: [{ source: "CARD", quote: "generated from alone" }] }]),
    );
    const queue = await reviewQueue({ threshold: 0.7 });
    const pairs = queue.items.map((i) => `${i.upstream}→${i.downstream}:${i.reasons.join("+")}`);
    expect(pairs).toEqual([
      "up/b→Org/Root-Set:low-confidence",
      "up/x→Org/Root-Set:date-contradiction",
      "bench/gsm-like→up/a:low-confidence",
      "Org/Root-Set→down/n:low-confidence",
      "solo/alone→down/q:agent-proposed",
    ]);
    expect(queue.total).toBe(5);
    expect(queue.items.at(-1)!.evidence[0]).toMatchObject({ source: "CARD", quote: "generated from alone" });
    expect(queue.items[1]).toMatchObject({ upstreamMonth: "2024-05", downstreamMonth: "2023-01" });
    // Pages continue after the last id seen; a stricter threshold drops the low-confidence ones.
    const second = await reviewQueue({ threshold: 0.7, limit: 2, afterId: queue.items[1]!.edgeId });
    expect(second.items.map((i) => i.upstream)).toEqual(["bench/gsm-like", "Org/Root-Set"]);
    expect((await reviewQueue({ threshold: 0.45 })).items.map((i) => i.upstream)).toEqual(["up/b", "up/x", "solo/alone"]);
  });

  it("drops an edge once reviewed, and takes it back when reopened", async () => {
    await reviewEdge({ upstream: "up/b", downstream: ROOT, action: "accept", reviewer: rev });
    expect((await reviewQueue()).items.map((i) => i.upstream)).not.toContain("up/b");
    await reviewEdge({ upstream: "up/b", downstream: ROOT, action: "reopen", note: "second look", reviewer: rev });
    expect((await reviewQueue()).items.map((i) => i.upstream)).toContain("up/b");
  });
});

describe("review history", () => {
  it("records who, when, before, after and the note for each verdict, newest first in the node's history", async () => {
    const { edge, review } = await reviewEdge({ upstream: "bench/gsm-like", downstream: "up/a", action: "edit", relation: "SEMANTIC_EVOLUTION", split: "TRAIN", note: "rewritten problems", reviewer: rev });
    expect(edge).toMatchObject({ relation: "SEMANTIC_EVOLUTION", split: "TRAIN", status: "ACCEPTED" });
    expect(review).toMatchObject({
      action: "edit",
      actor: "ana",
      note: "rewritten problems",
      before: { status: "PROPOSED", relation: "DIRECT_INCLUSION", split: "TEST", confidence: 0.6 },
      after: { status: "ACCEPTED", relation: "SEMANTIC_EVOLUTION", split: "TRAIN", confidence: 0.6 },
    });
    await reviewEdge({ upstream: "bench/gsm-like", downstream: "up/a", action: "reject", reviewer: { userId: null, name: "bo" } });
    const history = await reviewsOfNode({ key: "UP/A" });
    expect(history.slice(0, 2).map((h) => [h.action, h.actor, h.after.status])).toEqual([
      ["reject", "bo", "REJECTED"],
      ["edit", "ana", "ACCEPTED"],
    ]);
    expect(await reviewsOfNode({ key: "no/such" })).toEqual([]);
  });

  it("never lets a run or an import re-add an edge a person rejected", async () => {
    await reviewEdge({ upstream: "up/x", downstream: "up/c", action: "reject", note: "different dataset", reviewer: rev });
    await writeTransaction((tx) =>
      mergeEdges(tx, [
        { upstream: "up/x", downstream: "up/c", relation: "STRUCTURED_FUSION", confidence: 1, status: "ACCEPTED", origin: "AGENT", evidence: [{ source: "CARD", quote: "fused from x" }] },
        { upstream: "up/x", downstream: "up/c", relation: "STRUCTURED_FUSION", confidence: 1, status: "ACCEPTED", origin: "IMPORT" },
      ]),
    );
    const row = await getDb().edge.findFirstOrThrow({ where: { upstream: { keyNorm: "up/x" }, downstream: { keyNorm: "up/c" } } });
    expect([row.status, row.relation]).toEqual(["REJECTED", "DIRECT_INCLUSION"]);
  });

  it("adds an edge by hand, accepted and recorded, and refuses duplicates, cycles and unknown ends", async () => {
    const { edge, review } = await addEdgeByHand({ upstream: "solo/alone", downstream: "down/m", relation: "COT_DISTILLATION", note: "paper §3", reviewer: rev });
    expect(edge).toMatchObject({ status: "ACCEPTED", origin: "PERSON", confidence: 1, relation: "COT_DISTILLATION" });
    expect(review).toMatchObject({ action: "add", before: null, note: "paper §3" });
    expect(await errorCode(addEdgeByHand({ upstream: "solo/alone", downstream: "down/m", relation: "COT_DISTILLATION", reviewer: rev }))).toBe("conflict:exists");
    expect(await errorCode(addEdgeByHand({ upstream: "down/q", downstream: ROOT, relation: "COT_DISTILLATION", reviewer: rev }))).toBe("conflict:cycle");
    expect(await errorCode(addEdgeByHand({ upstream: "no/such", downstream: ROOT, relation: "COT_DISTILLATION", reviewer: rev }))).toBe("not_found:dataset");
    expect(await errorCode(addEdgeByHand({ upstream: ROOT, downstream: "org/root-set", relation: "COT_DISTILLATION", reviewer: rev }))).toBe("conflict:self_loop");
  });
});
