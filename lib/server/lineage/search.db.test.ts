import { beforeAll, describe, expect, it } from "vitest";
import { displayNameFor, normalizeKey, parseKey } from "@/lib/keys";
import { getDb } from "@/lib/server/db/client";
import { errorCode } from "@/test-support/server/error-code";
import { buildFixtureGraph, ROOT } from "@/test-support/server/fixture-graph";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { matchScore } from "@/lib/search/match";
import { getDataset, listBenchmarks, searchDatasets, topDatasets } from "./queries";
import { matchCandidates } from "./search-match";

// Names people search for in several words or in part, with near misses; no edges, so they
// rank after the fixture's connected nodes on equal match ranks.
const WORDY = ["teknium/OpenHermes-2.5", "nous/Hermes-3", "openbmb/UltraFeedback", "x/ultra-chat", "openai/gsm8k", "x/reasoning-gsm-mix", "meta/MetaGSM-Hard"];

beforeAll(async () => {
  const db = getDb();
  await buildFixtureGraph(db);
  await db.dataset.createMany({
    data: WORDY.map((key) => {
      const parsed = parseKey(key)!;
      return { key, keyNorm: normalizeKey(key), scheme: parsed.scheme, displayName: displayNameFor(parsed) };
    }),
  });
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
    // As wildcards these would match every key; literally, no key holds them.
    expect(await searchDatasets({ q: "__" })).toEqual([]);
    expect(await searchDatasets({ q: "%_" })).toEqual([]);
    expect(await searchDatasets({ q: "\\" })).toEqual([]);
    // Between words "_" is punctuation like "/": "up" and "a" are both in up/a only.
    expect(keysOf(await searchDatasets({ q: "up_a" }))).toEqual(["up/a"]);
  });

  it("matches every word of the query, in any order and any field", async () => {
    // "hermes" inside "openhermes", "2.5" a word of its own; nous/Hermes-3 has no "2.5".
    expect(keysOf(await searchDatasets({ q: "hermes 2.5" }))).toEqual(["teknium/OpenHermes-2.5"]);
    expect(await searchDatasets({ q: "hermes 25" })).toEqual([]);
    expect(keysOf(await searchDatasets({ q: "feedback ultra" }))).toEqual(["openbmb/UltraFeedback"]);
    // "org" only in the key, "classic" only in the alias: a match, but no one alias matched.
    const [root, ...rest] = await searchDatasets({ q: "org classic" });
    expect(rest).toEqual([]);
    expect(root!.key).toBe(ROOT);
    expect(root!.matchedAlias).toBeUndefined();
  });

  it("matches the query without spaces in names without spaces and punctuation", async () => {
    expect(keysOf(await searchDatasets({ q: "ultra feedback" }))).toEqual(["openbmb/UltraFeedback"]);
    expect(keysOf(await searchDatasets({ q: "open hermes" }))).toEqual(["teknium/OpenHermes-2.5"]);
    expect(keysOf(await searchDatasets({ q: "Ultra-Feed" }))).toEqual(["openbmb/UltraFeedback"]);
  });

  it("ranks whole field, then start, then words at word starts, then anywhere", async () => {
    // gsm-like and gsm8k start with "gsm" (gsm-like has an edge); "reasoning gsm mix" has it
    // at a word start; "metagsm hard" only inside a word.
    expect(keysOf(await searchDatasets({ q: "gsm" }))).toEqual(["bench/gsm-like", "openai/gsm8k", "x/reasoning-gsm-mix", "meta/MetaGSM-Hard"]);
    expect(keysOf(await searchDatasets({ q: "GSM8K" }))).toEqual(["openai/gsm8k"]);
    expect(keysOf(await searchDatasets({ q: "hermes" }))).toEqual(["nous/Hermes-3", "teknium/OpenHermes-2.5"]);
    // Both words start words in reasoning-gsm-mix (rank 2); in MetaGSM-Hard "gsm" does not (3).
    expect(keysOf(await searchDatasets({ q: "mix gsm" }))).toEqual(["x/reasoning-gsm-mix"]);
    expect(keysOf(await searchDatasets({ q: "gsm hard" }))).toEqual(["meta/MetaGSM-Hard"]);
  });

  it("returns nothing when nothing matches, and takes long or odd input", async () => {
    expect(await searchDatasets({ q: "zzqq nothing" })).toEqual([]);
    expect(await searchDatasets({ q: "zq".repeat(300) })).toEqual([]);
    // Only the first eight distinct words count: the ninth, "zzqq", is not looked for.
    expect(keysOf(await searchDatasets({ q: "openai gsm8k gsm 8k open ai gsm8 sm zzqq" }))).toEqual(["openai/gsm8k"]);
    expect(await errorCode(searchDatasets({ q: 5 as unknown as string }))).toBe("bad_request:params");
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
    const [byName] = await searchDatasets({ q: "gsm" });
    expect(byName!.key).toBe("bench/gsm-like");
    expect(byName!.matchedAlias).toBeUndefined();
  });

  it("lists the most connected datasets for an empty query and honours limit", async () => {
    const top = await searchDatasets({ q: "  ", limit: 2 });
    expect(keysOf(top)).toEqual([ROOT, "up/c"]);
    expect(top[0]).toMatchObject({ upstreamCount: 4, downstreamCount: 2 });
    expect(await searchDatasets({ q: "", limit: 100 })).toHaveLength(32 + WORDY.length);
    expect(await errorCode(searchDatasets({ q: "a", limit: 0 }))).toBe("bad_request:params");
    expect(await errorCode(searchDatasets({ q: "a", limit: 101 }))).toBe("bad_request:params");
  });
});

describe("matchCandidates", () => {
  it("ranks every stored dataset as lib/search/match.ts does", async () => {
    const db = getDb();
    const datasets = await db.dataset.findMany({ select: { id: true, key: true, displayName: true, aliases: { select: { alias: true } } } });
    const queries = ["gsm", "GSM8K", "hermes 2.5", "hermes 25", "ultra feedback", "feedback ultra", "open hermes", "up/", "up c", "root set", "rootset", "org classic",
      "mathpile", "math pile", "pile", "x", "gen repo", "corpus:web-crawl", "web crawl", "2.5", "5", "c0", "chain c1", "under score", "_", "%", "mix gsm", "gsm hard"];
    for (const q of queries) {
      const rows = await db.$queryRaw<{ id: number; rank: number }[]>(Prisma.sql`${matchCandidates(q.toLowerCase())}`);
      const sql = new Map(rows.map((row) => [row.id, Number(row.rank)]));
      const pure = new Map(
        datasets.flatMap((d) => {
          const score = matchScore(q, [d.key, d.displayName, ...d.aliases.map((a) => a.alias)]);
          return score === null ? [] : [[d.id, score] as const];
        }),
      );
      // "_" is no word, so only the query as typed (a literal "_") finds misc/under_score in SQL.
      if (q === "_") pure.set(datasets.find((d) => d.key === "misc/under_score")!.id, 3);
      expect({ q, ranks: Object.fromEntries([...sql].sort()) }).toEqual({ q, ranks: Object.fromEntries([...pure].sort()) });
    }
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
