import { describe, expect, it } from "vitest";
import { getDb } from "./client";
import { migrationStatus, applyMigrations } from "./migrate";
import { resolveDatabaseConfig } from "./config";

describe("migrations", () => {
  it("are all applied and re-applying is a no-op", async () => {
    const config = resolveDatabaseConfig();
    const status = await migrationStatus(config);
    expect(status.pending).toEqual([]);
    expect(status.applied.length).toBeGreaterThan(0);
    expect(await applyMigrations(config)).toEqual([]);
  });

  it("enforce the invariants Prisma cannot express", async () => {
    const db = getDb();
    const a = await db.dataset.create({ data: { key: "o/a", keyNorm: "o/a", scheme: "HUB", displayName: "a" } });
    await expect(
      db.edge.create({ data: { upstreamId: a.id, downstreamId: a.id, relation: "DIRECT_INCLUSION", confidence: 0.5, origin: "PERSON" } }),
    ).rejects.toThrow();
    const b = await db.dataset.create({ data: { key: "o/b", keyNorm: "o/b", scheme: "HUB", displayName: "b" } });
    await expect(
      db.edge.create({ data: { upstreamId: a.id, downstreamId: b.id, relation: "DIRECT_INCLUSION", confidence: 1.5, origin: "PERSON" } }),
    ).rejects.toThrow();
    await expect(db.dataset.create({ data: { key: "O/C", keyNorm: "O/C", scheme: "HUB", displayName: "c" } })).rejects.toThrow();
    await expect(db.dataset.create({ data: { key: "O/A", keyNorm: "o/a", scheme: "HUB", displayName: "a" } })).rejects.toThrow();
    expect(await db.edge.count()).toBe(0);
  });
});
