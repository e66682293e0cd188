import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db/client";
import { getView } from "@/lib/server/lineage/view";
import { setEdgeStatus } from "@/lib/server/lineage/review";
import { mergeEdges, upsertNodes, writeTransaction } from "@/lib/server/lineage/write";
import { errorCode } from "@/test-support/server/error-code";
import { buildFixtureGraph, ROOT } from "@/test-support/server/fixture-graph";
import { viewState } from "@/lib/view/testing";
import { createSnapshot, getSnapshot, MAX_POSITIONS, newSnapshotId, SNAPSHOT_ID_PATTERN } from "./snapshots";

beforeAll(async () => {
  await buildFixtureGraph(getDb());
});

const state = viewState;

describe("createSnapshot / getSnapshot", () => {
  it("stores the server's graph for the view, the state and the checked positions", async () => {
    const viewState = state({ up: 1, down: 0, expandUp: ["up/a"], selected: "up/a", minConfidence: 0.5 });
    const { id } = await createSnapshot({
      rootKey: "org/root-set",
      state: viewState,
      positions: { "UP/A": { x: 1.5, y: -2 }, [ROOT]: { x: 0, y: 0 }, "not/drawn": { x: 9, y: 9 } },
    });
    expect(id).toMatch(SNAPSHOT_ID_PATTERN);
    const snapshot = await getSnapshot({ id });
    expect(snapshot.rootKey).toBe(ROOT);
    expect(snapshot.state).toEqual(viewState);
    expect(snapshot.graph).toEqual((await getView({ key: ROOT, state: viewState })).graph);
    expect(snapshot.positions).toEqual({ "up/a": { x: 1.5, y: -2 }, [ROOT]: { x: 0, y: 0 } });
    expect(Date.now() - Date.parse(snapshot.createdAt)).toBeLessThan(60_000);
  });

  it("keeps showing the frozen graph after the live graph changes", async () => {
    const viewState = state({ up: 1, down: 1 });
    const { id } = await createSnapshot({ rootKey: ROOT, state: viewState });
    const frozen = await getSnapshot({ id });
    expect(frozen.graph.edges.find((e) => e.upstream === "up/x")!.status).toBe("PROPOSED");

    await setEdgeStatus({ upstream: "up/x", downstream: ROOT, status: "REJECTED", actor: "test" });
    await writeTransaction(async (tx) => {
      await upsertNodes(tx, [{ key: "late/source" }]);
      const merged = await mergeEdges(tx, [{ upstream: "late/source", downstream: ROOT, relation: "STRUCTURED_FUSION", confidence: 0.7, origin: "PERSON" }]);
      expect(merged.created).toBe(1);
    });
    const live = (await getView({ key: ROOT, state: viewState })).graph;
    expect(live.nodes.map((n) => n.key)).toContain("late/source");
    expect(live.edges.find((e) => e.upstream === "up/x")!.status).toBe("REJECTED");

    const again = await getSnapshot({ id });
    expect(again).toEqual(frozen);
    expect(again.graph.nodes.map((n) => n.key)).not.toContain("late/source");
  });

  it("refuses malformed positions", async () => {
    expect(await errorCode(createSnapshot({ rootKey: ROOT, state: state(), positions: [1, 2] }))).toBe("bad_request:body");
    expect(await errorCode(createSnapshot({ rootKey: ROOT, state: state(), positions: { [ROOT]: { x: Number.NaN, y: 0 } } }))).toBe("bad_request:body");
    expect(await errorCode(createSnapshot({ rootKey: ROOT, state: state(), positions: { [ROOT]: { x: "1", y: 0 } } }))).toBe("bad_request:body");
    expect(await errorCode(createSnapshot({ rootKey: ROOT, state: state(), positions: { [ROOT]: null } }))).toBe("bad_request:body");
    const tooMany = Object.fromEntries(Array.from({ length: MAX_POSITIONS + 1 }, (_, i) => [`p/n${i}`, { x: i, y: i }]));
    expect(await errorCode(createSnapshot({ rootKey: ROOT, state: state(), positions: tooMany }))).toBe("bad_request:body");
  });

  it("refuses unknown roots and views too large to store", async () => {
    expect(await errorCode(createSnapshot({ rootKey: "no/such-set", state: state() }))).toBe("not_found:dataset");
    const db = getDb();
    await db.dataset.createMany({
      data: ["big/root", "big/source"].map((key) => ({ key, keyNorm: key, scheme: "HUB" as const, displayName: key })),
    });
    const [root, source] = await Promise.all(["big/root", "big/source"].map((key) => db.dataset.findUniqueOrThrow({ where: { keyNorm: key } })));
    await db.edge.create({
      data: {
        upstreamId: source!.id,
        downstreamId: root!.id,
        relation: "DIRECT_INCLUSION",
        confidence: 0.9,
        origin: "SEED",
        evidence: { create: [{ source: "CARD", quote: "x".repeat(5.5 * 1024 * 1024), fingerprint: "big" }] },
      },
    });
    expect(await errorCode(createSnapshot({ rootKey: "big/root", state: state() }))).toBe("too_large");
  });

  it("survives an id collision", async () => {
    const { id: taken } = await createSnapshot({ rootKey: ROOT, state: state() });
    const ids = [taken, taken, "Fresh12345"];
    const { id } = await createSnapshot({ rootKey: ROOT, state: state({ up: 0 }) }, { newId: () => ids.shift()! });
    expect(id).toBe("Fresh12345");
    expect((await getSnapshot({ id })).state.up).toBe(0);
    expect((await getSnapshot({ id: taken })).state.up).toBe(2);
  });

  it("checks ids before looking them up", async () => {
    expect(await errorCode(getSnapshot({ id: "short" }))).toBe("bad_request:params");
    expect(await errorCode(getSnapshot({ id: "abc-def_gh" }))).toBe("bad_request:params");
    expect(await errorCode(getSnapshot({ id: "' OR 1=1 -" }))).toBe("bad_request:params");
    expect(await errorCode(getSnapshot({ id: "Missing123" }))).toBe("not_found:snapshot");
  });
});

describe("newSnapshotId", () => {
  it("is 10 base62 characters and skips biased bytes", () => {
    expect(newSnapshotId()).toMatch(SNAPSHOT_ID_PATTERN);
    const seen = new Set(Array.from({ length: 1000 }, () => newSnapshotId()));
    expect(seen.size).toBe(1000);
    // Bytes 248–255 are dropped; 0 → "0", 61 → "z", 62 → "0" and 123 → "z" again.
    const bytes = [255, 248, 0, 61, 62, 123, 1, 2, 3, 4, 5, 6];
    expect(newSnapshotId((size) => Uint8Array.from(bytes.splice(0, size)))).toBe("0z0z123456");
  });
});
