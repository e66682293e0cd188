import { describe, expect, it, vi } from "vitest";
import { graphVersion, VERSION_TRUST_MS } from "@/lib/server/contamination/contamination-inputs";
import { getDb } from "@/lib/server/db/client";
import { mergeEdges, upsertNodes, writeTransaction } from "@/lib/server/lineage/write";
import { writeGeneration } from "./write-watch";

describe("the store's fingerprint", () => {
  it("is reused while nothing is written, and changes at once with any write through the client, raw SQL included", async () => {
    const db = getDb();
    await writeTransaction(async (tx) => {
      await upsertNodes(tx, [{ key: "ww/a" }, { key: "ww/b" }]);
      await mergeEdges(tx, [{ upstream: "ww/a", downstream: "ww/b", relation: "DIRECT_INCLUSION", confidence: 0.5, origin: "IMPORT", evidence: [] }]);
    });
    const first = await graphVersion(db);
    const scans = vi.spyOn(db, "$queryRaw");
    const generation = writeGeneration();
    expect(await graphVersion(db)).toBe(first);
    expect(scans).not.toHaveBeenCalled();
    expect(writeGeneration()).toBe(generation);

    // A raw update that leaves updated_at alone: the fingerprint still moves, without waiting.
    await db.$executeRawUnsafe(`UPDATE edge SET split = 'TEST' WHERE upstream_id = (SELECT id FROM dataset WHERE key_norm = 'ww/a')`);
    expect(writeGeneration()).toBeGreaterThan(generation);
    const second = await graphVersion(db);
    expect(second).not.toBe(first);
    expect(scans).toHaveBeenCalledTimes(1);
    scans.mockRestore();
  });

  it("is scanned once for callers that miss together, but a scan begun before this process wrote is not shared with a caller after the write", async () => {
    const db = getDb();
    await upsertNodes(db, [{ key: "ww/shared" }]);
    const scans = vi.spyOn(db, "$queryRaw");
    const together = await Promise.all(Array.from({ length: 20 }, () => graphVersion(db)));
    expect(new Set(together).size).toBe(1);
    expect(scans).toHaveBeenCalledTimes(1);

    // A scan is running when this process writes: the caller after the write gets a scan of its own that sees it.
    await upsertNodes(db, [{ key: "ww/shared-2" }]);
    const before = graphVersion(db);
    await db.$executeRawUnsafe(`UPDATE edge SET split = 'TRAIN' WHERE upstream_id = (SELECT id FROM dataset WHERE key_norm = 'ww/a')`);
    const after = graphVersion(db);
    expect(scans).toHaveBeenCalledTimes(3);
    expect(await after).not.toBe(together[0]);
    await before;
    scans.mockRestore();
  });

  it("is scanned again after VERSION_TRUST_MS even without a write here (another process may have written)", async () => {
    const db = getDb();
    await graphVersion(db);
    const now = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(now + VERSION_TRUST_MS + 1);
    const scans = vi.spyOn(db, "$queryRaw");
    await graphVersion(db);
    expect(scans).toHaveBeenCalledTimes(1);
    scans.mockRestore();
    clock.mockRestore();
  });
});
