import { describe, expect, it } from "vitest";
import { GET as patternsRoute } from "@/app/api/analysis/patterns/route";
import { GET as rankingRoute } from "@/app/api/analysis/redundancy/route";
import { POST as samplingRoute } from "@/app/api/analysis/sampling/route";
import { GET as similarityRoute } from "@/app/api/analysis/similarity/route";
import { GET as lineageRoute } from "@/app/api/lineage/[...key]/route";
import { syncRegistry } from "@/lib/server/lineage/registry";
import { setEdgeStatus } from "@/lib/server/lineage/review";
import { mergeEdges, upsertNodes, writeTransaction } from "@/lib/server/lineage/write";

/*
 * A hand-made store (every number below worked out by hand):
 *
 *   corpus:src (external) ──DIRECT──► an/a (MATH) ──DIRECT──► an/mix (GENERAL)
 *   an/r2 (MATH, a root) ──SYNTH───► an/a
 *   an/r2 ─────────────────DIRECT────────────────────────► an/mix
 *   an/bench (hosts set "an-test") ──DIRECT──► an/b (MATH) ──► an/mix
 *
 * Derived: a (depth 1, fan-in 2, roots {src, r2}), b (1, 1, {bench}), mix (2, 3, {src, r2, bench}, 5 ancestors).
 * Redundancy of mix: A(a) = {a, src, r2}, A(r2) = {r2}, A(b) = {b, bench}: Σ = 6, ancestors 5, score 1 − 5/6.
 */
const [SRC, R2, BENCH, A, B, MIX] = ["corpus:an-src", "an/r2", "an/bench", "an/a", "an/b", "an/mix"];

async function store() {
  await writeTransaction(async (tx) => {
    await upsertNodes(tx, [
      { key: SRC, kind: "EXTERNAL" },
      { key: R2, domains: ["MATH"] },
      { key: A, domains: ["MATH"] },
      { key: B, domains: ["MATH"] },
      { key: MIX, domains: ["GENERAL"] },
      { key: BENCH },
    ]);
    await syncRegistry(tx, { evalSets: [{ id: "an-test", name: "An test", family: "An", key: BENCH, evalSplits: ["TEST"], window: { from: "2020-01", to: "2020-01" } }], holdings: [] });
    const edge = (upstream: string, downstream: string, relation: "DIRECT_INCLUSION" | "SYNTHETIC_GENERATION" = "DIRECT_INCLUSION") => ({ upstream, downstream, relation, confidence: 0.9, origin: "IMPORT" as const, evidence: [] });
    await mergeEdges(tx, [edge(SRC, A), edge(R2, A, "SYNTHETIC_GENERATION"), edge(A, MIX), edge(R2, MIX), edge(BENCH, B), edge(B, MIX)]);
  });
}

const get = async (handler: (r: Request, c: never) => Promise<Response>, url: string, segments?: string[]) => {
  const response = await handler(new Request(`http://localhost${url}`), (segments ? { params: Promise.resolve({ key: segments }) } : {}) as never);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { message: string; code: string } } };
};
const sample = async (body: unknown, query = "") => {
  const response = await samplingRoute(new Request(`http://localhost/api/analysis/sampling${query}`, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json" } }));
  return response;
};

describe("lineage analyses over the store", () => {
  it("answers each analysis with the hand-worked numbers and says which edges it used", async () => {
    await store();
    const measures = await get(lineageRoute, `/api/lineage/${MIX}/analysis`, [...MIX.split("/"), "analysis"]);
    expect(measures.status).toBe(200);
    expect(measures.body).toMatchObject({ dataset: MIX, depth: 2, fanIn: 3, roots: [BENCH, R2, SRC], ancestors: 5, edges: { used: 6 } });
    expect(String((measures.body.edges as { rule: string }).rule)).toMatch(/rejected edges never count/);

    const redundancy = await get(lineageRoute, `/api/lineage/${MIX}/redundancy`, [...MIX.split("/"), "redundancy"]);
    expect(redundancy.body).toMatchObject({ dataset: MIX, score: 0.1667, shared: [{ ancestor: R2, via: [A, R2], paths: [[R2, A, MIX], [R2, MIX]] }] });

    const patterns = await get(patternsRoute, "/api/analysis/patterns");
    const math = (patterns.body.domains as { domain: string }[]).find((d) => d.domain === "MATH");
    expect(math).toMatchObject({ datasets: 2, depth: { median: 1, p90: 1, max: 1 }, fanIn: { median: 1.5, p90: 2, max: 2 }, roots: { median: 1.5, p90: 2, max: 2 } });
    expect((math as unknown as { relations: Record<string, number> }).relations).toMatchObject({ DIRECT_INCLUSION: 0.6667, SYNTHETIC_GENERATION: 0.3333, STRUCTURED_FUSION: 0 });
    expect(patterns.body.overall).toMatchObject({ datasets: 3, depth: { max: 2 }, fanIn: { max: 3 } });

    const similarity = await get(similarityRoute, `/api/analysis/similarity?d=${A}&d=${MIX}&d=${B}`);
    expect(similarity.body).toMatchObject({
      datasets: [A, MIX, B],
      rootJaccard: [
        [1, 0.6667, 0],
        [0.6667, 1, 0.3333],
        [0, 0.3333, 1],
      ],
      ancestorJaccard: [
        [1, 0.4, 0],
        [0.4, 1, 0.2],
        [0, 0.2, 1],
      ],
      sharedRoots: [],
      uniqueRoots: { [A]: [], [MIX]: [], [B]: [] },
    });

    const ranking = await get(rankingRoute, "/api/analysis/redundancy?limit=5");
    expect(ranking.body.datasets).toEqual([{ dataset: MIX, score: 0.1667, duplicateReaches: 1, fanIn: 3, ancestors: 5 }]);

    const similar = await get(lineageRoute, `/api/lineage/${A}/similar?limit=3`, [...A.split("/"), "similar"]);
    expect((similar.body.similar as { dataset: string }[]).map((s) => s.dataset)).toEqual([MIX]);
  });

  it("plans a sample over roots, skipping the evaluation set's host, with exact sums and a CSV", async () => {
    const response = await sample({ domain: "MATH", budget: 10, strategy: "equal" });
    expect(response.status).toBe(200);
    const plan = await response.json();
    // Candidates a and b; roots src and r2 (a), bench (b, skipped). Baseline: bench 1/2, src and r2 1/4 each; plan 1/2 each.
    expect(plan.allocations.map((x: { root: string; drawFrom: string; samples: number }) => [x.root, x.drawFrom, x.samples])).toEqual([
      // Equal samples go in key order: an/r2 before corpus:an-src (drawn from an/a, the nearest Hub dataset carrying it).
      [R2, R2, 5],
      [SRC, A, 5],
    ]);
    expect(plan.skipped).toEqual([{ root: BENCH, reason: "hosts an evaluation set: An test (An)" }]);
    expect(plan.avoidedDuplication).toMatchObject({ uniformOverRepresented: 0.5, uniformOnSkipped: 0.5, planOverRepresented: 0 });
    const csv = await (await sample({ domain: "MATH", budget: 10, strategy: "equal" }, "?format=csv")).text();
    expect(csv.split("\r\n")[0]).toBe("root,draw_from,samples,share,candidates,skipped_reason");
  });

  it("refuses bad input with the field named, and unknown keys by name", async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ budget: 0, strategy: "equal" }, 400, /budget: must be at least 1/],
      [{ budget: 1_000_000_001, strategy: "equal" }, 400, /budget: must be at most 1000000000/],
      [{ budget: 10, strategy: "random" }, 400, /strategy: must be equal or proportional/],
      [{ budget: 10, strategy: "equal", cap: 0 }, 400, /cap: must be above 0/],
      [{ budget: 10, strategy: "equal", cap: 1.5 }, 400, /cap: must be at most 1/],
      [{ budget: 10, strategy: "equal", domain: "ART" }, 400, /domain: must be one of/],
      [{ budget: 10, strategy: "equal", candidates: ["an/nowhere", "an/none"] }, 404, /Not in the store: an\/nowhere, an\/none/],
      [{ budget: 10, strategy: "equal", cap: 0.1, candidates: [A] }, 400, /cap/],
      ["{not json", 400, /must be JSON/],
      [{ budget: 10, strategy: "equal", extra: 1 }, 400, /Unrecognized key/i],
    ];
    for (const [body, status, message] of cases) {
      const response = await sample(body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect((await response.json()).error.message, JSON.stringify(body)).toMatch(message);
    }
    const huge = await sample(JSON.stringify({ budget: 10, strategy: "equal", candidates: Array.from({ length: 30_000 }, (_, i) => `an/x${i}`) }));
    expect(huge.status).toBe(413);

    const one = await get(similarityRoute, `/api/analysis/similarity?d=${A}`);
    expect([one.status, one.body.error?.message]).toEqual([400, expect.stringMatching(/d: name at least 2 datasets/)]);
    const many = await get(similarityRoute, `/api/analysis/similarity?${Array.from({ length: 21 }, (_, i) => `d=an/x${i}`).join("&")}`);
    expect([many.status, many.body.error?.message]).toEqual([400, expect.stringMatching(/at most 20 datasets/)]);
    const unknown = await get(similarityRoute, `/api/analysis/similarity?d=${A}&d=an/ghost&d=an/phantom`);
    expect([unknown.status, unknown.body.error?.message]).toEqual([404, "Not in the store: an/ghost, an/phantom."]);
    const badLimit = await get(rankingRoute, "/api/analysis/redundancy?limit=0");
    expect([badLimit.status, badLimit.body.error?.message]).toEqual([400, expect.stringMatching(/limit: must be at least 1/)]);
    const noSuchDataset = await get(lineageRoute, "/api/lineage/an/ghost/redundancy", ["an", "ghost", "redundancy"]);
    expect(noSuchDataset.status).toBe(404);
  });

  it("follows a review at once: rejecting r2 → mix removes the redundancy", async () => {
    await setEdgeStatus({ upstream: R2, downstream: MIX, status: "REJECTED", actor: "test" });
    const after = await get(lineageRoute, `/api/lineage/${MIX}/redundancy`, [...MIX.split("/"), "redundancy"]);
    expect(after.body).toMatchObject({ score: 0, shared: [], edges: { used: 5 } });
    const measures = await get(lineageRoute, `/api/lineage/${MIX}/analysis`, [...MIX.split("/"), "analysis"]);
    expect(measures.body).toMatchObject({ fanIn: 2, ancestors: 5 });
  });
});
