import { beforeAll, describe, expect, it } from "vitest";
import { mergeExpansion } from "@/lib/graph/merge-expansion";
import { MAX_EXPAND_BODY_BYTES, VIEW_MAX_NODES } from "@/lib/limits";
import type { LineageEdge, LineageGraph, LineageNode } from "@/lib/lineage/types";
import { worstSeverities } from "@/lib/server/contamination/contamination";
import { getDb } from "@/lib/server/db/client";
import { licenceClasses, writeLicences } from "@/lib/server/licences/licences";
import { syncRegistry } from "@/lib/server/lineage/registry";
import { writeTransaction } from "@/lib/server/lineage/write";
import { buildFixtureGraph, ROOT } from "@/test-support/server/fixture-graph";
import { DELETE, GET, PATCH, POST, PUT } from "./expand/[...key]/route";
import { GET as viewRoute } from "./view/[...key]/route";

// The route called as Next calls it: a Request and the catch-all key as a Promise.

beforeAll(async () => {
  await buildFixtureGraph(getDb());
  // bench/gsm-like's test split feeds up/a (a contamination flag); up/c declares a non-commercial licence, which up/a inherits.
  await writeTransaction(async (tx) => {
    await syncRegistry(tx, { evalSets: [{ id: "gsm-like-test", name: "GSM-like test", family: "GSMLike", key: "bench/gsm-like", evalSplits: ["TEST"], window: { from: "2021-01", to: "2021-01" } }], holdings: [] });
    await writeLicences(tx, [{ key: "up/c", raw: "cc-by-nc-4.0", source: "HUB" }]);
  });
});

type Expansion = { node: LineageNode; nodes: LineageNode[]; edges: LineageEdge[]; notices: string[]; contamination: Record<string, unknown>; licences: Record<string, unknown> };
type ErrorBody = { error: { code: string; message: string } };

const keyParams = (key: string[]) => ({ params: Promise.resolve({ key }) });

function expand(key: string[], body: unknown, init: { query?: string; type?: string | null; raw?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.type !== null) headers["content-type"] = init.type ?? "application/json";
  // Bytes, not a string: a string body would get a text/plain Content-Type of its own.
  const bytes = new TextEncoder().encode(init.raw ?? JSON.stringify(body));
  return POST(
    new Request(`http://localhost/api/expand/${key.join("/")}${init.query ?? ""}`, { method: "POST", headers, body: bytes }),
    keyParams(key),
  );
}

async function view(query: string): Promise<LineageGraph> {
  const response = await viewRoute(new Request(`http://localhost/api/view/Org/Root-Set${query}`), keyParams(["Org", "Root-Set"]));
  return ((await response.json()) as { graph: LineageGraph }).graph;
}

async function expectError(response: Response, status: number, code: string, message: RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = (await response.json()) as ErrorBody;
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(message);
}

const sortedKeys = (nodes: LineageNode[]) => nodes.map((n) => n.key.toLowerCase()).sort();
const sortedPairs = (edges: LineageEdge[]) => edges.map((e) => `${e.upstream}>${e.downstream}`.toLowerCase()).sort();

describe("POST /api/expand/{key}", () => {
  it("answers what the expansion adds, which merged into the view is the expanded view", async () => {
    const before = await view("?up=1&down=0");
    const have = before.nodes.map((n) => n.key);
    const response = await expand(["up", "a"], { direction: "up", have });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as Expansion;
    expect(body.node).toMatchObject({ key: "up/a", upstreamCount: 2, hiddenUpstream: 0 });
    expect(body.nodes.map((n) => n.key)).toEqual(["bench/gsm-like", "up/c"]);
    expect(sortedPairs(body.edges)).toEqual(["bench/gsm-like>up/a", "up/c>up/a", "up/c>up/b", "up/x>up/c"]);
    expect(body.notices).toEqual([]);

    const after = await view("?up=1&down=0&xu=up/a");
    const merged = mergeExpansion(before, body);
    expect(sortedKeys(merged.nodes)).toEqual(sortedKeys(after.nodes));
    expect(sortedPairs(merged.edges)).toEqual(sortedPairs(after.edges));
    const byKey = (nodes: LineageNode[]) => Object.fromEntries(nodes.map((n) => [n.key, n]));
    expect(byKey(merged.nodes)).toEqual(byKey(after.nodes));
  });

  it("gives contamination marks for the new and expanded nodes, and licence classes only with color=licence", async () => {
    const have = (await view("?up=1&down=0")).nodes.map((n) => n.key);
    const keys = ["up/a", "bench/gsm-like", "up/c"];
    const plain = (await (await expand(["up", "a"], { direction: "up", have })).json()) as Expansion;
    expect(plain.contamination).toEqual(await worstSeverities({ keys }));
    expect(plain.contamination["up/a"]).toMatchObject({ severity: "CONTAMINATED", benchmarks: ["gsm-like-test"] });
    expect(plain.licences).toEqual({});
    const coloured = (await (await expand(["up", "a"], { direction: "up", have }, { query: "?color=licence&up=1" })).json()) as Expansion;
    expect(coloured.licences).toEqual(await licenceClasses({ keys }));
    expect(coloured.licences).toMatchObject({ "up/a": "non-commercial", "up/c": "non-commercial" });
    expect(coloured.nodes).toEqual(plain.nodes);
  });

  it("expands downstream, takes the key in any casing and an empty expansion still answers the node", async () => {
    const down = (await (await expand(["ORG", "ROOT-SET"], { direction: "down", have: [ROOT] })).json()) as Expansion;
    expect(down.node.key).toBe(ROOT);
    expect(down.nodes.map((n) => n.key)).toEqual(["down/m", "down/n"]);
    const none = (await (await expand(["down", "q"], { direction: "down", have: ["down/q", "down/p"] })).json()) as Expansion;
    expect(none).toMatchObject({ node: { key: "down/q", downstreamCount: 0 }, nodes: [], edges: [], notices: [] });
  });

  it("refuses bodies that are not JSON with 415", async () => {
    await expectError(await expand(["up", "a"], null, { type: "text/plain", raw: '{"direction":"up","have":[]}' }), 415, "unsupported_media_type", /Content-Type: application\/json \(got Content-Type text\/plain\)/);
    await expectError(await expand(["up", "a"], null, { type: "application/x-www-form-urlencoded", raw: "direction=up" }), 415, "unsupported_media_type", /application\/json/);
    await expectError(await expand(["up", "a"], null, { type: null, raw: "{}" }), 415, "unsupported_media_type", /got no Content-Type/);
    expect((await expand(["up", "a"], { direction: "up", have: [] }, { type: "application/json; charset=utf-8" })).status).toBe(200);
  });

  it("answers 400 naming the problem for bad bodies", async () => {
    await expectError(await expand(["up", "a"], null, { raw: "{direction: up" }), 400, "bad_request:body", /The body must be JSON, e\.g\. \{"direction": "up"/);
    await expectError(await expand(["up", "a"], [1, 2]), 400, "bad_request:body", /input: must be an object/);
    await expectError(await expand(["up", "a"], { direction: "sideways", have: [] }), 400, "bad_request:body", /direction: must be "up" \(sources\) or "down" \(uses\)/);
    await expectError(await expand(["up", "a"], { direction: "up" }), 400, "bad_request:body", /have: must be the list of the drawn nodes' keys/);
    await expectError(await expand(["up", "a"], { direction: "up", have: ["up/b", 7] }), 400, "bad_request:body", /have\.1: must be a dataset key/);
    await expectError(await expand(["up", "a"], { direction: "up", have: [], depth: 2 }), 400, "bad_request:body", /Unrecognized key: "depth"/);
    const many = Array.from({ length: VIEW_MAX_NODES + 1 }, (_, i) => `many/n${i}`);
    await expectError(await expand(["up", "a"], { direction: "up", have: many }), 400, "bad_request:body", new RegExp(`have: must list at most ${VIEW_MAX_NODES} keys`));
    await expectError(await expand(["up", "a"], { direction: "up", have: ["up/b", "not a key"] }), 400, "bad_request:key", /have must hold dataset keys .*: "not a key"\./);
  });

  it("answers 413 for a body over the limit, 400 for a malformed key, 404 for an unknown one", async () => {
    const huge = JSON.stringify({ direction: "up", have: ["x".repeat(MAX_EXPAND_BODY_BYTES)] });
    await expectError(await expand(["up", "a"], null, { raw: huge }), 413, "too_large", /larger than/);
    await expectError(await expand(["not a key"], { direction: "up", have: [] }), 400, "bad_request:key", /not a dataset key/);
    await expectError(await expand(["no", "such-set"], { direction: "up", have: [] }), 404, "not_found:dataset", /No dataset no\/such-set/);
  });

  it("answers 405 for other methods", async () => {
    for (const handler of [GET, PUT, PATCH, DELETE]) {
      const response = await handler(new Request("http://localhost/api/expand/up/a"));
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toMatch(/^POST/);
      expect(((await response.json()) as ErrorBody).error.code).toBe("method_not_allowed");
    }
  });
});
