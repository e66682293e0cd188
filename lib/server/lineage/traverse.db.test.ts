import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db/client";
import { errorCode } from "@/test-support/server/error-code";
import { buildFixtureGraph, CHAIN, ROOT } from "@/test-support/server/fixture-graph";
import { ancestors, descendants, paths, roots } from "./queries";

beforeAll(async () => {
  await buildFixtureGraph(getDb());
});


const asObject = (rows: { key: string; depth: number }[]) => Object.fromEntries(rows.map((row) => [row.key, row.depth]));

describe("ancestors", () => {
  it("honours the depth limit with exact node sets", async () => {
    const depth1 = { "up/a": 1, "up/b": 1, "up/x": 1, "up/rejected": 1 };
    const depth2 = { ...depth1, "up/c": 2, "corpus:web-crawl": 2, "bench/gsm-like": 2 };
    const depth3 = { ...depth2, "up/d": 3 };
    expect(asObject(await ancestors({ key: ROOT, depth: 1 }))).toEqual(depth1);
    expect(asObject(await ancestors({ key: ROOT, depth: 2 }))).toEqual(depth2);
    expect(asObject(await ancestors({ key: ROOT, depth: 3 }))).toEqual(depth3);
    expect(asObject(await ancestors({ key: ROOT, depth: 10 }))).toEqual({ ...depth3, "github:ghorg/gen-repo": 4 });
    expect(await ancestors({ key: ROOT, depth: 0 })).toEqual([]);
  });

  it("reports the shortest distance through diamonds, nearest first", async () => {
    // up/x reaches the root directly and through up/c → up/a|up/b; up/c through either side of a diamond.
    const rows = await ancestors({ key: ROOT, depth: 5 });
    expect(asObject(rows)["up/x"]).toBe(1);
    expect(asObject(rows)["up/c"]).toBe(2);
    expect(rows.filter((row) => row.key === "up/c")).toHaveLength(1);
    expect(rows.map((row) => row.depth)).toEqual([...rows.map((row) => row.depth)].sort((a, b) => a - b));
  });

  it("filters by confidence and review status", async () => {
    // up/b → root is 0.4, so up/b and its own sources drop out at 0.5 (up/c is still reachable via up/a).
    expect(asObject(await ancestors({ key: ROOT, depth: 2, minConfidence: 0.5 }))).toEqual({
      "up/a": 1,
      "up/x": 1,
      "up/rejected": 1,
      "up/c": 2,
      "bench/gsm-like": 2,
    });
    expect(asObject(await ancestors({ key: ROOT, depth: 1, includeRejected: false }))).toEqual({ "up/a": 1, "up/b": 1, "up/x": 1 });
  });

  it("walks a chain only as deep as asked", async () => {
    const last = CHAIN.at(-1)!;
    expect((await ancestors({ key: last, depth: 10 })).map((row) => row.key)).toEqual(CHAIN.slice(2, 12).reverse());
    expect(await ancestors({ key: last, depth: 50 })).toHaveLength(12);
  });

  it("looks keys up case-insensitively and answers with stored casing", async () => {
    const rows = await descendants({ key: "UP/A", depth: 1 });
    expect(rows).toEqual([{ key: ROOT, depth: 1 }]);
  });
});

describe("descendants", () => {
  it("gives exact sets and min distances downstream", async () => {
    expect(asObject(await descendants({ key: ROOT, depth: 1 }))).toEqual({ "down/m": 1, "down/n": 1 });
    expect(asObject(await descendants({ key: ROOT, depth: 2 }))).toEqual({ "down/m": 1, "down/n": 1, "down/p": 2 });
    expect(asObject(await descendants({ key: "up/x", depth: 3 }))).toEqual({
      [ROOT]: 1,
      "up/c": 1,
      "up/a": 2,
      "up/b": 2,
      "down/m": 2,
      "down/n": 2,
      "down/p": 3,
    });
  });
});

describe("errors", () => {
  it("rejects malformed keys, unknown keys and out-of-range numbers", async () => {
    expect(await errorCode(ancestors({ key: "not a key", depth: 1 }))).toBe("bad_request:key");
    expect(await errorCode(ancestors({ key: "nobody/nothing", depth: 1 }))).toBe("not_found:dataset");
    expect(await errorCode(ancestors({ key: ROOT, depth: -1 }))).toBe("bad_request:params");
    expect(await errorCode(ancestors({ key: ROOT, depth: 1.5 }))).toBe("bad_request:params");
    expect(await errorCode(ancestors({ key: ROOT, depth: 51 }))).toBe("bad_request:params");
    expect(await errorCode(ancestors({ key: ROOT, depth: 1, minConfidence: 2 }))).toBe("bad_request:params");
    expect(await errorCode(paths({ from: ROOT, to: "nobody/nothing" }))).toBe("not_found:dataset");
    expect(await errorCode(paths({ from: ROOT, to: "down/q", limit: 0 }))).toBe("bad_request:params");
  });
});

describe("roots", () => {
  it("finds the primary sources under the filters", async () => {
    expect(asObject(await roots({ key: ROOT }))).toEqual({
      "up/x": 1,
      "up/rejected": 1,
      "corpus:web-crawl": 2,
      "bench/gsm-like": 2,
      "github:ghorg/gen-repo": 4,
    });
    expect(asObject(await roots({ key: ROOT, includeRejected: false, minConfidence: 0.5 }))).toEqual({
      "up/x": 1,
      "bench/gsm-like": 2,
      "github:ghorg/gen-repo": 4,
    });
  });

  it("treats a node without sources as its own root and stops at maxDepth", async () => {
    expect(await roots({ key: "up/x" })).toEqual([{ key: "up/x", depth: 0 }]);
    expect(await roots({ key: "SOLO/Alone" })).toEqual([{ key: "solo/alone", depth: 0 }]);
    expect(await roots({ key: CHAIN.at(-1)!, maxDepth: 5 })).toEqual([]);
    expect(await roots({ key: CHAIN.at(-1)! })).toEqual([{ key: CHAIN[0], depth: 12 }]);
  });
});

describe("paths", () => {
  it("lists every path shortest first in upstream → downstream order", async () => {
    expect(await paths({ from: "up/c", to: ROOT })).toEqual([
      ["up/c", "up/a", ROOT],
      ["up/c", "up/b", ROOT],
    ]);
    const fromX = await paths({ from: "up/x", to: "down/p" });
    expect(fromX).toEqual([
      ["up/x", ROOT, "down/m", "down/p"],
      ["up/x", ROOT, "down/n", "down/p"],
      ["up/x", "up/c", "up/a", ROOT, "down/m", "down/p"],
      ["up/x", "up/c", "up/a", ROOT, "down/n", "down/p"],
      ["up/x", "up/c", "up/b", ROOT, "down/m", "down/p"],
      ["up/x", "up/c", "up/b", ROOT, "down/n", "down/p"],
    ]);
  });

  it("honours maxDepth, limit and filters", async () => {
    expect(await paths({ from: "up/x", to: "down/p", maxDepth: 3 })).toHaveLength(2);
    expect(await paths({ from: "up/x", to: "down/p", limit: 1 })).toEqual([["up/x", ROOT, "down/m", "down/p"]]);
    expect(await paths({ from: "up/c", to: ROOT, minConfidence: 0.5 })).toEqual([["up/c", "up/a", ROOT]]);
    expect(await paths({ from: CHAIN[0]!, to: CHAIN[12]!, maxDepth: 11 })).toEqual([]);
    expect(await paths({ from: CHAIN[0]!, to: CHAIN[12]!, maxDepth: 12 })).toEqual([CHAIN]);
  });

  it("returns [] when there is no path, including the reverse direction", async () => {
    expect(await paths({ from: ROOT, to: "up/c" })).toEqual([]);
    expect(await paths({ from: "solo/alone", to: ROOT })).toEqual([]);
    expect(await paths({ from: "org/root-set", to: "ORG/ROOT-SET" })).toEqual([[ROOT]]);
  });
});

describe("a cycle that slipped into the store", () => {
  beforeAll(async () => {
    // The write path refuses cycles; the schema cannot, so the reads must still terminate.
    const db = getDb();
    const keys = ["cyc/a", "cyc/b", "cyc/c"];
    await db.dataset.createMany({ data: keys.map((key) => ({ key, keyNorm: key, scheme: "HUB" as const, displayName: key })) });
    const rows = await db.dataset.findMany({ where: { key: { in: keys } } });
    const id = (key: string) => rows.find((row) => row.key === key)!.id;
    await db.edge.createMany({
      data: keys.map((key, i) => ({ upstreamId: id(key), downstreamId: id(keys[(i + 1) % 3]!), relation: "DIRECT_INCLUSION" as const, confidence: 1, origin: "SEED" as const })),
    });
  });

  it("does not make walks, roots or paths loop", async () => {
    expect(await ancestors({ key: "cyc/a", depth: 50 })).toEqual([
      { key: "cyc/c", depth: 1 },
      { key: "cyc/b", depth: 2 },
    ]);
    expect(await descendants({ key: "cyc/a", depth: 50 })).toEqual([
      { key: "cyc/b", depth: 1 },
      { key: "cyc/c", depth: 2 },
    ]);
    expect(await roots({ key: "cyc/a" })).toEqual([]);
    expect(await paths({ from: "cyc/a", to: "cyc/c", maxDepth: 20 })).toEqual([["cyc/a", "cyc/b", "cyc/c"]]);
  });
});
