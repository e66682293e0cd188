import { describe, expect, it } from "vitest";
import { GET as contaminationGet } from "@/app/api/contamination/route";
import { GET as lineageGet } from "@/app/api/lineage/[...key]/route";
import { addDecontamination } from "@/lib/server/lineage/decontamination";
import { setEdgeStatus } from "@/lib/server/lineage/review";
import { mergeEdges, upsertBenchmarks, upsertNodes, writeTransaction } from "@/lib/server/lineage/write";
import { getBenchmarkReach, getContaminationOverview, getDatasetContamination, worstSeverities } from "./contamination";

// B's test split → X → Y → Z, plus a training-split user T and an unknown-split user U of B.
const B = "bench-org/hard-test";
const [X, Y, Z, T, U] = ["c-org/x-set", "c-org/y-set", "c-org/z-set", "c-org/t-set", "c-org/u-set"];

async function chain() {
  await writeTransaction(async (tx) => {
    await upsertNodes(tx, [B, X, Y, Z, T, U].map((key) => ({ key })));
    await upsertBenchmarks(tx, [{ key: B, family: "HardTest", evalSplits: ["TEST"] }]);
    const edge = (upstream: string, downstream: string, split: "TEST" | "TRAIN" | "UNKNOWN", quote: string) => ({
      upstream,
      downstream,
      relation: "DIRECT_INCLUSION" as const,
      confidence: 0.9,
      split,
      origin: "IMPORT" as const,
      evidence: [{ source: "CARD" as const, quote }],
    });
    await mergeEdges(tx, [
      edge(B, X, "TEST", "X takes the test split of hard-test."),
      edge(X, Y, "UNKNOWN", "Y includes X."),
      edge(Y, Z, "TRAIN", "Z is built from Y's training split."),
      edge(B, T, "TRAIN", "T uses the hard-test training set."),
      edge(B, U, "UNKNOWN", "U draws on hard-test."),
    ]);
  });
}

const get = (handler: (r: Request, c: never) => Promise<Response>, url: string, segments?: string[]) =>
  handler(new Request(`http://localhost${url}`), (segments ? { params: Promise.resolve({ key: segments }) } : {}) as never);

describe("contamination flags from the store", () => {
  it("flags Z with its path and evidence, mitigates it after X's decontamination, and drops it when X → Y is rejected", async () => {
    await chain();
    const before = await getDatasetContamination({ key: Z });
    expect(before.flags).toHaveLength(1);
    expect(before.flags[0]).toMatchObject({ benchmark: B, family: "HardTest", severity: "CONTAMINATED", distance: 3, paths: [[B, X, Y, Z]] });
    expect(before.flags[0]!.evidence.map((e) => e.evidence[0]!.quote)).toEqual(["X takes the test split of hard-test.", "Y includes X.", "Z is built from Y's training split."]);

    const reach = await getBenchmarkReach({ benchmark: B });
    expect(reach.datasets.map((d) => [d.dataset, d.severity, d.distance])).toEqual([
      [X, "CONTAMINATED", 1],
      [Y, "CONTAMINATED", 2],
      [Z, "CONTAMINATED", 3],
      [U, "POSSIBLE", 1],
      [T, "TRAIN_LINEAGE", 1],
    ]);

    expect((await addDecontamination({ dataset: X, target: B, kind: "decontaminated", source: "CARD", quote: "X was decontaminated against hard-test with 13-gram matching.", origin: "PERSON" })).added).toBe(true);
    const mitigated = await getDatasetContamination({ key: Z });
    expect(mitigated.flags[0]).toMatchObject({ severity: "MITIGATED", paths: [[B, X, Y, Z]] });
    expect(mitigated.flags[0]!.details[0]!.mitigation).toMatchObject({ dataset: X });
    expect((await worstSeverities({ keys: [Z, U] }))[Z.toLowerCase()]?.severity).toBe("MITIGATED");

    await setEdgeStatus({ upstream: X, downstream: Y, status: "REJECTED", actor: "test" });
    expect((await getDatasetContamination({ key: Z })).flags).toEqual([]);
    // X itself states it was decontaminated: mitigated, after the possibly contaminated U.
    expect((await getBenchmarkReach({ benchmark: B })).datasets.map((d) => [d.dataset, d.severity])).toEqual([[U, "POSSIBLE"], [X, "MITIGATED"], [T, "TRAIN_LINEAGE"]]);
    // The overview follows the graph too (no stale cache).
    const overview = await getContaminationOverview();
    expect(overview.rows.filter((r) => r.benchmark === B).map((r) => r.dataset).sort()).toEqual([T, U, X].sort());
  });

  it("answers the API: per dataset, per benchmark, and clear 4xx for bad input", async () => {
    const one = await get(lineageGet, `/api/lineage/${U}/contamination`, [...U.split("/"), "contamination"]);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ dataset: U, flags: [{ benchmark: B, severity: "POSSIBLE", paths: [[B, U]] }] });

    const reach = await get(contaminationGet, `/api/contamination?benchmark=${B}`);
    expect((await reach.json()).datasets.map((d: { dataset: string }) => d.dataset)).toContain(U);
    const notBenchmark = await get(contaminationGet, `/api/contamination?benchmark=${X}`);
    expect(notBenchmark.status).toBe(404);
    expect((await notBenchmark.json()).error.message).toMatch(/not a registered benchmark/);
    const unknownParam = await get(contaminationGet, "/api/contamination?bench=x");
    expect(unknownParam.status).toBe(400);
    const unknownDataset = await get(lineageGet, "/api/lineage/nobody/nothing/contamination", ["nobody", "nothing", "contamination"]);
    expect(unknownDataset.status).toBe(404);
  });
});
