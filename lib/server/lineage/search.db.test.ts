import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db/client";
import { errorCode } from "@/lib/server/testing/error-code";
import { buildFixtureGraph, ROOT } from "@/lib/server/testing/fixture-graph";
import { getDataset, listBenchmarks, searchDatasets, topDatasets } from "./queries";

beforeAll(async () => {
  await buildFixtureGraph(getDb());
});


const keysOf = (rows: { key: string }[]) => rows.map((row) => row.key);

describe("searchDatasets", () => {
  it("ranks exact > prefix > substring", async () => {
    expect(keysOf(await searchDatasets({ q: "MathPile" }))).toEqual(["search/mathpile", "other/MathPile-Extended", "x/open-mathpile"]);
  });

  it("orders equal ranks by connectivity, then downloads", async () => {
    // up/c has 4 edges; up/a and up/b 3 each (1000 vs 500 downloads); up/x and up/d 2 each (10 vs none).
    expect(keysOf(await searchDatasets({ q: "up/" }))).toEqual(["up/c", "up/a", "up/b", "up/x", "up/d", "up/rejected"]);
    const [first] = await searchDatasets({ q: "up/c" });
    expect(first).toEqual({
      key: "up/c",
      displayName: "c",
      kind: "DATASET",
      domains: ["MATH"],
      hubDownloads: null,
      upstreamCount: 2,
      downstreamCount: 2,
    });
  });

  it("escapes LIKE wildcards", async () => {
    expect(await searchDatasets({ q: "%" })).toEqual([]);
    expect(keysOf(await searchDatasets({ q: "_" }))).toEqual(["misc/under_score"]);
    expect(await searchDatasets({ q: "up_a" })).toEqual([]);
    expect(await searchDatasets({ q: "\\" })).toEqual([]);
  });

  it("finds datasets by alias and says which alias matched", async () => {
    const [hit] = await searchDatasets({ q: "rootset classic" });
    expect(hit).toMatchObject({ key: ROOT, matchedAlias: "RootSet Classic" });
    const bench = await searchDatasets({ q: "GSM like" });
    expect(bench).toHaveLength(1);
    expect(bench[0]).toMatchObject({ key: "bench/gsm-like", kind: "BENCHMARK", matchedAlias: "GSM Like" });
    // Aliases match in their folded form too, whatever the punctuation people type.
    expect((await searchDatasets({ q: "GSM_Like" }))[0]).toMatchObject({ key: "bench/gsm-like", matchedAlias: "GSM Like" });
    // Name and alias both match "gsm" as a prefix: the name wins, so no alias is reported.
    const byName = await searchDatasets({ q: "gsm" });
    expect(byName).toHaveLength(1);
    expect(byName[0]!.key).toBe("bench/gsm-like");
    expect(byName[0]!.matchedAlias).toBeUndefined();
  });

  it("lists the most connected datasets for an empty query and honours limit", async () => {
    const top = await searchDatasets({ q: "  ", limit: 2 });
    expect(keysOf(top)).toEqual([ROOT, "up/c"]);
    expect(top[0]).toMatchObject({ upstreamCount: 4, downstreamCount: 2 });
    expect(await searchDatasets({ q: "", limit: 100 })).toHaveLength(32);
    expect(await errorCode(searchDatasets({ q: "a", limit: 0 }))).toBe("bad_request:params");
    expect(await errorCode(searchDatasets({ q: "a", limit: 101 }))).toBe("bad_request:params");
  });
});

describe("topDatasets", () => {
  it("ranks by connectivity and filters by kind", async () => {
    expect(keysOf(await topDatasets({ limit: 3 }))).toEqual([ROOT, "up/c", "up/a"]);
    // Only the chain's edges have confidence 1; the rejected 0.95 edge is filtered out.
    expect(keysOf(await topDatasets({ limit: 3, includeRejected: false, minConfidence: 0.95 }))).toEqual(["chain/c01", "chain/c02", "chain/c03"]);
    expect(keysOf(await topDatasets({ limit: 10, kind: "EXTERNAL" }))).toEqual(["corpus:web-crawl", "github:ghorg/gen-repo"]);
    expect(keysOf(await topDatasets({ kind: "BENCHMARK" }))).toEqual(["bench/gsm-like"]);
  });
});

describe("getDataset", () => {
  it("returns the node with its aliases and edge counts, by any casing", async () => {
    const root = await getDataset({ key: "ORG/root-SET" });
    expect(root).toMatchObject({
      key: ROOT,
      displayName: "Root-Set",
      aliases: ["RootSet Classic"],
      upstreamCount: 4,
      downstreamCount: 2,
      hiddenUpstream: 4,
      hiddenDownstream: 2,
      benchmark: null,
    });
    expect(await getDataset({ key: "bench/gsm-like" })).toMatchObject({ aliases: ["GSM Like"], benchmark: { family: "GSMLike" } });
    expect((await getDataset({ key: ROOT, includeRejected: false })).upstreamCount).toBe(3);
    expect(await errorCode(getDataset({ key: "nobody/nothing" }))).toBe("not_found:dataset");
    expect(await errorCode(getDataset({ key: "::" }))).toBe("bad_request:key");
  });
});

describe("listBenchmarks", () => {
  it("lists benchmarks with family, splits and what was built from them", async () => {
    // bench → up/a → root → down/m, down/n → down/p → down/q
    expect(await listBenchmarks()).toEqual([
      { key: "bench/gsm-like", displayName: "gsm-like", family: "GSMLike", evalSplits: ["TEST"], downstreamCount: 1, descendantCount: 6 },
    ]);
    expect((await listBenchmarks({ minConfidence: 0.7 }))[0]).toMatchObject({ downstreamCount: 0, descendantCount: 0 });
  });
});
