import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET as licenceRanking } from "@/app/api/analysis/licences/route";
import { GET as lineageRoute } from "@/app/api/lineage/[...key]/route";
import { POST as rankRoute } from "@/app/api/rank/route";
import { getDb } from "@/lib/server/db/client";
import { writeLicences } from "@/lib/server/licences/licences";
import { importDpiDirectory } from "@/lib/server/lineage/import-dpi";
import { setEdgeStatus } from "@/lib/server/lineage/review";
import { mergeEdges, upsertNodes, writeTransaction } from "@/lib/server/lineage/write";

/*
 * lic/nc (CC-BY-NC-4.0) ──► lic/mix (declares Apache-2.0) ──► lic/top (declares nothing)
 * lic/mit (MIT)         ──► lic/mix
 * lic/sa (CC-BY-SA-4.0) ──► lic/top
 * mix: conflict (Apache-2.0 over NC data from lic/nc); top: undeclared over NC (via mix) and SA.
 */
const [NC, MIT, SA, MIX, TOP] = ["lic/nc", "lic/mit", "lic/sa", "lic/mix", "lic/top"];

async function store() {
  await writeTransaction(async (tx) => {
    await upsertNodes(tx, [NC, MIT, SA, MIX, TOP].map((key) => ({ key })));
    await writeLicences(tx, [
      { key: NC, raw: "cc-by-nc-4.0", source: "HUB" },
      { key: MIT, raw: "MIT License", source: "DPI", locator: "dpi:x.json#mit" },
      { key: SA, raw: "CC BY-SA 4.0", source: "DPI" },
      { key: MIX, raw: "apache-2.0", source: "HUB" },
    ]);
    const edge = (upstream: string, downstream: string) => ({ upstream, downstream, relation: "STRUCTURED_FUSION" as const, confidence: 0.9, origin: "IMPORT" as const, evidence: [] });
    await mergeEdges(tx, [edge(NC, MIX), edge(MIT, MIX), edge(MIX, TOP), edge(SA, TOP)]);
  });
}

const call = async (segments: string[]) => {
  const response = await lineageRoute(new Request(`http://localhost/api/lineage/${segments.join("/")}`), { params: Promise.resolve({ key: segments }) } as never);
  return { status: response.status, body: await response.json() };
};

describe("licences along the lineage", () => {
  it("answers declared, inherited with paths, and conflicts; ranks the conflicts", async () => {
    await store();
    const mix = await call([...MIX.split("/"), "licences"]);
    expect(mix.status).toBe(200);
    expect(mix.body).toMatchObject({ dataset: MIX, declared: ["Apache-2.0"], effectiveClass: "non-commercial" });
    expect(mix.body.inherited).toEqual([expect.objectContaining({ licence: "CC-BY-NC-4.0", class: "non-commercial", from: NC, path: [NC, MIX] })]);
    expect(mix.body.conflicts).toEqual([expect.objectContaining({ declared: "Apache-2.0", inherited: "CC-BY-NC-4.0", from: NC })]);
    expect(mix.body.declaredDetail).toEqual([{ id: "Apache-2.0", name: expect.any(String), class: "permissive", spdx: true, sources: [{ source: "HUB", raw: "apache-2.0", url: null, locator: null }] }]);

    const top = await call([...TOP.split("/"), "licences"]);
    expect(top.body.declared).toEqual([]);
    expect(top.body.inherited.map((i: { licence: string; path: string[] }) => [i.licence, i.path])).toEqual([
      ["CC-BY-NC-4.0", [NC, MIX, TOP]],
      ["CC-BY-SA-4.0", [SA, TOP]],
    ]);
    expect(top.body.conflicts.map((c: { declared: string; inherited: string }) => [c.declared, c.inherited])).toEqual([
      ["undeclared", "CC-BY-NC-4.0"],
      ["undeclared", "CC-BY-SA-4.0"],
    ]);

    const ranking = await licenceRanking(new Request("http://localhost/api/analysis/licences?limit=5"), undefined as never);
    const body = await ranking.json();
    // mix promises more than its sources allow (severity 40 + 5); top is silent about them (40).
    expect(body.datasets.map((d: { dataset: string; conflicts: number }) => [d.dataset, d.conflicts])).toEqual([
      [MIX, 1],
      [TOP, 2],
    ]);
    expect(body.coverage).toMatchObject({ withDeclared: 4, bySource: { HUB: 2, DPI: 2 } });
  });

  it("follows a review at once: rejecting nc → mix clears the conflict", async () => {
    await setEdgeStatus({ upstream: NC, downstream: MIX, status: "REJECTED", actor: "test" });
    const mix = await call([...MIX.split("/"), "licences"]);
    expect(mix.body.conflicts).toEqual([]);
    expect(mix.body.inherited).toEqual([]);
  });

  it("imports the Data Provenance Collection: datasets, licences, edges of origin DPI, skipped lines reported", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "rootline-dpi-"));
    const fixture = path.join(import.meta.dirname, "../../lineage-io/fixtures/dpi-small");
    for (const f of ["dpi_nodes.jsonl", "dpi_edges.jsonl"]) await fs.copyFile(path.join(fixture, f), path.join(dir, f));
    const before = await getDb().edge.count();
    const report = await importDpiDirectory(dir);
    expect(report.nodesCreated).toBeGreaterThan(0);
    expect(report.licencesCreated).toBeGreaterThan(0);
    expect(report.edgesCreated).toBeGreaterThan(0);
    expect(report.parseSkipped.length).toBeGreaterThan(0);
    expect(report.parseSkipped.every((s) => s.line > 0 && s.reason)).toBe(true);
    expect(await getDb().edge.count({ where: { origin: "DPI" } })).toBe(report.edgesCreated);
    expect(await getDb().edge.count()).toBe(before + report.edgesCreated);
    // Idempotent: a second import writes nothing.
    const again = await importDpiDirectory(dir);
    expect([again.nodesCreated, again.licencesCreated, again.edgesCreated, again.evidenceAdded]).toEqual([0, 0, 0, 0]);
    expect([again.edgesRetired, again.licencesRetired]).toEqual([0, 0]);

    // What an earlier reading of the same entries wrote — the repo "inside" its own part, the
    // part's licence on the repo — goes on the next import; a fact resting on another extract's
    // entry, or one a person accepted, stays.
    const dpiEdge = (upstream: string, downstream: string, locator: string) => ({
      upstream,
      downstream,
      relation: "DIRECT_INCLUSION" as const,
      confidence: 0.8,
      origin: "DPI" as const,
      evidence: [{ source: "IMPORT" as const, url: null, locator }],
    });
    await getDb().edge.deleteMany({ where: { origin: "DPI", downstream: { keyNorm: "acme-lab/task-bundle" } } });
    await writeTransaction(async (tx) => {
      await mergeEdges(tx, [
        dpiEdge("acme-lab/task-bundle", "corpus:dpi-bundle-qa", "dpi:summaries/Task Bundle.json#bundle-qa"),
        dpiEdge("acme-lab/task-bundle", "corpus:dpi-bundle-sum", "dpi:summaries/Task Bundle.json#bundle-sum/Derived from Datasets[0]"),
        dpiEdge("acme-lab/task-bundle", "corpus:dpi-forum-dump", "dpi:elsewhere.json#other-entry"),
      ]);
      await writeLicences(tx, [{ key: "acme-lab/task-bundle", raw: "MIT License", source: "DPI", locator: "dpi:summaries/Task Bundle.json#bundle-qa" }]);
    });
    await setEdgeStatus({ upstream: "acme-lab/task-bundle", downstream: "corpus:dpi-bundle-sum", status: "ACCEPTED", actor: "reviewer" });
    const third = await importDpiDirectory(dir);
    expect([third.edgesRetired, third.licencesRetired]).toEqual([1, 1]);
    // The accepted edge stays, and the current reading's edge that would close a cycle with it is reported, not written.
    expect(third.skipped.map((s) => [s.upstream, s.downstream])).toEqual([["corpus:dpi-bundle-sum", "acme-lab/task-bundle"]]);
    const left = await getDb().edge.findMany({ where: { upstream: { keyNorm: "acme-lab/task-bundle" } }, select: { downstream: { select: { keyNorm: true } } } });
    expect(left.map((e) => e.downstream.keyNorm).filter((k) => k.startsWith("corpus:")).sort()).toEqual(["corpus:dpi-bundle-sum", "corpus:dpi-forum-dump"]);
    expect(await getDb().datasetLicence.count({ where: { dataset: { keyNorm: "acme-lab/task-bundle" } } })).toBe(0);
    // The current reading's edge is written again once the stale one is gone.
    expect(await getDb().edge.count({ where: { upstream: { keyNorm: "corpus:dpi-bundle-qa" }, downstream: { keyNorm: "acme-lab/task-bundle" } } })).toBe(1);
    await expect(importDpiDirectory(path.join(dir, "missing"))).rejects.toThrow(/does not exist/);
    await fs.rm(dir, { recursive: true, force: true });
  });
});

describe("writing licences", () => {
  it("takes the ids of datasets the caller has just written instead of looking them up, and looks up the rest", async () => {
    let lookups = 0;
    const written = await writeTransaction(async (tx) => {
      const ids = await upsertNodes(tx, [{ key: "lic-ids/known" }]);
      // Every node lookup or write of the licence writer goes through tx.dataset: count them.
      const counted = new Proxy(tx, { get: (target, prop, receiver) => (prop === "dataset" && lookups++, Reflect.get(target, prop, receiver)) });
      const given = await writeLicences(counted, [{ key: "lic-ids/Known", raw: "mit", source: "HUB" }], { nodeIds: ids });
      const afterGiven = lookups;
      const mixed = await writeLicences(counted, [{ key: "lic-ids/known", raw: "apache-2.0", source: "DPI" }, { key: "lic-ids/new", raw: "mit", source: "DPI" }], { nodeIds: ids });
      return { given, afterGiven, mixed, afterMixed: lookups };
    });
    expect(written).toMatchObject({ given: { created: 1 }, afterGiven: 0, mixed: { created: 2 } });
    expect(written.afterMixed).toBeGreaterThan(0);
    const rows = await getDb().datasetLicence.findMany({ where: { dataset: { keyNorm: { startsWith: "lic-ids/" } } }, select: { licenceId: true, source: true, dataset: { select: { key: true } } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.dataset.key, r.licenceId, r.source])).toEqual([
      ["lic-ids/known", "MIT", "HUB"],
      ["lic-ids/known", "Apache-2.0", "DPI"],
      ["lic-ids/new", "MIT", "DPI"],
    ]);
  });
});

describe("POST /api/rank", () => {
  const post = (body: string, type: string, query = "") => rankRoute(new Request(`http://localhost/api/rank${query}`, { method: "POST", body, headers: { "content-type": type } }));

  it("ranks a JSON table and a CSV table the same way", async () => {
    const table = { items: ["a", "b", "c"], criteria: [{ name: "acc", higherIsBetter: true }, { name: "ms", higherIsBetter: false }], scores: [[0.9, 300], [0.8, 100], [0.7, 200]] };
    const json = await (await post(JSON.stringify(table), "application/json")).json();
    const csv = await (await post("item,acc,ms\na,0.9,300\nb,0.8,100\nc,0.7,200\n", "text/csv", "?lower=ms")).json();
    expect(json.borda.ranking).toEqual(csv.borda.ranking);
    expect(json.kemeny).toMatchObject({ exact: true });
    expect(Object.keys(json).sort()).toEqual(["borda", "distortion", "kemeny", "kendallTau", "leaveOneOut", "mean", "meanNormalised", "mostInfluential", "perCriterion"]);
  });

  it("refuses bad tables with the row and column named, and too large ones with 413", async () => {
    const cases: [string, string, number, RegExp][] = [
      ["item,acc\na,1\nb,x\n", "text/csv", 400, /row 2.*acc|acc.*row 2/i],
      ["item,acc\na,1\na,2\n", "text/csv", 400, /Rows 1 and 2 have the same item name "a"/],
      ["item,acc\na,1\nb,1\n", "text/csv", 400, /distinct|cannot rank/i],
      ['{"items": ["a"], "criteria": []}', "application/json", 400, /./],
      ["{not json", "application/json", 400, /must be JSON/],
    ];
    for (const [body, type, status, message] of cases) {
      const response = await post(body, type);
      expect(response.status, body).toBe(status);
      expect((await response.json()).error.message, body).toMatch(message);
    }
    const wide = ["item", ...Array.from({ length: 51 }, (_, i) => `c${i}`)].join(",") + "\n" + ["a", ...Array.from({ length: 51 }, (_, i) => String(i))].join(",") + "\n";
    expect((await post(wide, "text/csv")).status).toBe(413);
    expect((await post("item,acc\na,1\nb,2\n", "text/csv", "?lower=nope")).status).toBe(400);
  });
});
