import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db/client";
import { errorCode } from "@/test-support/server/error-code";
import { buildFixtureGraph, ROOT } from "@/test-support/server/fixture-graph";
import { setEdgeStatus } from "./review";

let ids: Map<string, number>;

beforeAll(async () => {
  ids = await buildFixtureGraph(getDb());
});

const row = (from: string, to: string) =>
  getDb().edge.findUniqueOrThrow({
    where: { upstreamId_downstreamId: { upstreamId: ids.get(from)!, downstreamId: ids.get(to)! } },
    include: { evidence: { orderBy: { id: "asc" } } },
  });

describe("setEdgeStatus", () => {
  it("sets status, actor and updated_at and nothing else", async () => {
    const before = await row("up/a", ROOT);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const edge = await setEdgeStatus({ upstream: "UP/A", downstream: "org/root-set", status: "REJECTED", actor: "reviewer:local" });
    expect(edge).toMatchObject({ upstream: "up/a", downstream: ROOT, status: "REJECTED", relation: before.relation, confidence: before.confidence });
    expect(edge.evidence).toHaveLength(2);
    const after = await row("up/a", ROOT);
    expect(after.status).toBe("REJECTED");
    expect(after.actor).toBe("reviewer:local");
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    const unchanged = (r: typeof before) => ({ ...r, status: undefined, actor: undefined, updatedAt: undefined });
    expect(unchanged(after)).toEqual(unchanged(before));
  });

  it("moves between every status", async () => {
    for (const status of ["ACCEPTED", "PROPOSED", "REJECTED", "ACCEPTED"] as const) {
      expect((await setEdgeStatus({ upstream: "up/b", downstream: ROOT, status, actor: "reviewer:token" })).status).toBe(status);
      expect((await row("up/b", ROOT)).status).toBe(status);
    }
  });

  it("is a 404 for a pair without an edge, either way round", async () => {
    expect(await errorCode(setEdgeStatus({ upstream: ROOT, downstream: "up/a", status: "ACCEPTED", actor: "a" }))).toBe("not_found:edge");
    expect(await errorCode(setEdgeStatus({ upstream: "solo/alone", downstream: ROOT, status: "ACCEPTED", actor: "a" }))).toBe("not_found:edge");
    expect(await errorCode(setEdgeStatus({ upstream: "no/such", downstream: ROOT, status: "ACCEPTED", actor: "a" }))).toBe("not_found:edge");
  });

  it("refuses malformed input", async () => {
    expect(await errorCode(setEdgeStatus({ upstream: "not a key", downstream: ROOT, status: "ACCEPTED", actor: "a" }))).toBe("bad_request:key");
    expect(await errorCode(setEdgeStatus({ upstream: "up/x", downstream: ROOT, status: "MAYBE" as "ACCEPTED", actor: "a" }))).toBe("bad_request:params");
    expect(await errorCode(setEdgeStatus({ upstream: "up/x", downstream: ROOT, status: "ACCEPTED", actor: " " }))).toBe("bad_request:params");
    expect((await row("up/x", ROOT)).status).toBe("PROPOSED");
  });
});
