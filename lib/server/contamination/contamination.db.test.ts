import { describe, expect, it } from "vitest";
import { GET as contaminationGet } from "@/app/api/contamination/route";
import { GET as lineageGet } from "@/app/api/lineage/[...key]/route";
import { addDecontamination, writeDecontaminations } from "@/lib/server/lineage/decontamination";
import { setEdgeStatus } from "@/lib/server/lineage/review";
import { getDb } from "@/lib/server/db/client";
import { syncRegistry } from "@/lib/server/lineage/registry";
import { mergeEdges, upsertNodes, writeTransaction } from "@/lib/server/lineage/write";
import { getBenchmarkReach, getContaminationOverview, getDatasetContamination, worstSeverities } from "./contamination";

// B's test split → X → Y → Z, plus a training-split user T and an unknown-split user U of B.
// B's items date from June 2022; O (created January 2022) cannot hold them; W was measured.
const B = "bench-org/hard-test";
const SET = "hard-test";
const [O, W] = ["c-org/o-old", "c-org/w-measured"];
const [X, Y, Z, T, U] = ["c-org/x-set", "c-org/y-set", "c-org/z-set", "c-org/t-set", "c-org/u-set"];

async function chain() {
  await writeTransaction(async (tx) => {
    await upsertNodes(tx, [B, X, Y, Z, T, U, W].map((key) => ({ key })));
    await upsertNodes(tx, [{ key: O, releaseMonth: "2022-01" }]);
    await syncRegistry(tx, { evalSets: [{ id: SET, name: "Hard test", family: "HardTest", key: B, evalSplits: ["TEST"], window: { from: "2022-06", to: "2022-06" } }], holdings: [] });
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
      edge(X, O, "UNKNOWN", "O includes X (an impossible date)."),
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
    expect(before.flags[0]).toMatchObject({ benchmark: SET, name: "Hard test", family: "HardTest", host: B, severity: "CONTAMINATED", reason: "eval_split", distance: 3, pathCount: 1, paths: [[B, X, Y, Z]] });
    expect(before.flags[0]!.details[0]!.entry).toMatchObject({ key: B, role: "host", window: { from: "2022-06", to: "2022-06" } });
    expect(Object.keys(before.nodes).sort()).toEqual([B, X, Y, Z].sort());
    expect(before.flags[0]!.evidence.map((e) => e.evidence[0]!.quote)).toEqual(["X takes the test split of hard-test.", "Y includes X.", "Z is built from Y's training split."]);

    // O was created before B's items existed: never flagged, though an edge leads there.
    expect((await getDatasetContamination({ key: O })).flags).toEqual([]);
    const reach = await getBenchmarkReach({ benchmark: B });
    expect(reach).toMatchObject({ benchmark: SET, name: "Hard test", host: B });
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
    expect((await getBenchmarkReach({ benchmark: SET })).datasets.map((d) => [d.dataset, d.severity])).toEqual([[U, "POSSIBLE"], [X, "MITIGATED"], [T, "TRAIN_LINEAGE"]]);
    // The overview follows the graph too (no stale cache).
    const overview = await getContaminationOverview();
    expect(overview.rows.filter((r) => r.benchmark === SET).map((r) => r.dataset).sort()).toEqual([T, U, X].sort());
    expect(overview.families.find((f) => f.family === "HardTest")).toMatchObject({ evalSets: [SET], counts: { POSSIBLE: 1, MITIGATED: 1, TRAIN_LINEAGE: 1 } });
  });

  it("records a decontamination statement once: a repeat in the batch or in a later trace adds nothing", async () => {
    const statement = (quote: string) => ({ dataset: "decon-once/mix", target: "decon-once/bench", kind: "decontaminated" as const, source: "CARD" as const, quote, origin: "AGENT" as const });
    expect(await writeTransaction((tx) => writeDecontaminations(tx, [statement("Filtered against the bench."), statement("Filtered   against the bench. "), statement("Also 13-gram matched.")]))).toBe(2);
    expect(await writeTransaction((tx) => writeDecontaminations(tx, [statement("Also 13-gram matched."), statement("A third statement.")]))).toBe(1);
    expect((await addDecontamination(statement("A third statement."))).added).toBe(false);
    const rows = await getDb().decontamination.findMany({ where: { dataset: { keyNorm: "decon-once/mix" } }, orderBy: { id: "asc" }, select: { quote: true, target: { select: { key: true } } } });
    expect(rows.map((r) => [r.target.key, r.quote])).toEqual([
      ["decon-once/bench", "Filtered against the bench."],
      ["decon-once/bench", "Also 13-gram matched."],
      ["decon-once/bench", "A third statement."],
    ]);
  });

  it("shows measured overlap beside a flag, confirms a possible flag, and raises a measured-only one", async () => {
    const db = getDb();
    const id = async (key: string) => (await db.dataset.findFirstOrThrow({ where: { keyNorm: key.toLowerCase() } })).id;
    const measure = async (key: string, overlap: number) =>
      db.overlapMeasurement.create({ data: { datasetId: await id(key), evalSetId: SET, split: "TEST", overlap, method: "13-gram", url: `https://example.org/${key}`, format: "overlap-csv", fingerprint: `${key}:${overlap}` } });
    await measure(U, 0.0002);
    const against = (await getDatasetContamination({ key: U })).flags[0]!;
    expect(against).toMatchObject({ severity: "POSSIBLE", measuredAgainst: true, measured: [{ overlap: 0.0002, split: "TEST", method: "13-gram", url: `https://example.org/${U}` }] });
    await measure(U, 0.04);
    expect((await getDatasetContamination({ key: U })).flags[0]).toMatchObject({ severity: "CONTAMINATED", lineageSeverity: "POSSIBLE", reason: "measured" });
    await measure(W, 0.02);
    const w = await getDatasetContamination({ key: W });
    expect(w.flags).toMatchObject([{ benchmark: SET, severity: "CONTAMINATED", measuredOnly: true, paths: [] }]);
    expect(w.measurements).toMatchObject([{ overlap: 0.02, evalSet: SET, name: "Hard test", family: "HardTest" }]);
    const overview = await getContaminationOverview();
    expect(overview.rows.find((r) => r.dataset === W)).toMatchObject({ measuredOnly: true, overlap: 0.02 });
    expect(overview.rows.find((r) => r.dataset === U)).toMatchObject({ severity: "CONTAMINATED", overlap: 0.04 });
    expect((await worstSeverities({ keys: [W] }))[W.toLowerCase()]).toEqual({ severity: "CONTAMINATED", benchmarks: [SET], bySet: { [SET]: "CONTAMINATED" } });
  });

  it("answers the API: per dataset, per benchmark, and clear 4xx for bad input", async () => {
    const one = await get(lineageGet, `/api/lineage/${U}/contamination`, [...U.split("/"), "contamination"]);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ dataset: U, flags: [{ benchmark: SET, name: "Hard test", family: "HardTest", severity: "CONTAMINATED", paths: [[B, U]] }] });

    for (const name of [B, SET, "Hard Test", "HardTest"]) {
      const reach = await get(contaminationGet, `/api/contamination?benchmark=${encodeURIComponent(name)}`);
      expect(reach.status, name).toBe(200);
      expect((await reach.json()).datasets.map((d: { dataset: string }) => d.dataset)).toContain(U);
    }
    const notBenchmark = await get(contaminationGet, `/api/contamination?benchmark=${X}`);
    expect(notBenchmark.status).toBe(404);
    expect((await notBenchmark.json()).error.message).toMatch(/not a registered evaluation set.*Registered: hard-test/);
    const near = await get(contaminationGet, "/api/contamination?benchmark=hard-tst");
    expect(await near.json()).toMatchObject({ error: { code: "not_found:benchmark", details: { suggestions: [SET] } } });
    const csv = await get(contaminationGet, "/api/contamination?format=csv");
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toBe("dataset,dataset_name,benchmark,benchmark_name,family,severity,steps,measured_only,overlap");
    expect(lines).toContain(`${U},u-set,${SET},Hard test,HardTest,CONTAMINATED,1,false,0.04`);
    const unknownParam = await get(contaminationGet, "/api/contamination?bench=x");
    expect(unknownParam.status).toBe(400);
    const unknownDataset = await get(lineageGet, "/api/lineage/nobody/nothing/contamination", ["nobody", "nothing", "contamination"]);
    expect(unknownDataset.status).toBe(404);
  });
});
