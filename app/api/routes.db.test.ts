import { beforeAll, describe, expect, it } from "vitest";
import type { LineageGraph } from "@/lib/lineage/types";
import { getDb } from "@/lib/server/db/client";
import { GET as getDatasetRoute, POST as postDatasetRoute } from "./datasets/[...key]/route";
import { GET as searchRoute, DELETE as deleteSearchRoute } from "./datasets/route";
import { GET as lineageRoute } from "./lineage/[...key]/route";

// The API routes called as Next calls them: a Request and, for catch-all routes, params as a Promise.

const GSM8K = "openai/gsm8k";
const MATH = "EleutherAI/hendrycks_math";
const METAMATH = "meta-math/MetaMathQA";

/** A tiny graph shaped like the seed's MetaMathQA corner, plus non-Hub nodes and a rejected edge. */
async function buildGraph() {
  const db = getDb();
  const node = (key: string, extra: object = {}) => {
    const scheme = key.startsWith("corpus:") ? "CORPUS" : key.startsWith("github:") ? "GITHUB" : "HUB";
    return { key, keyNorm: key.toLowerCase(), scheme, displayName: key.split(/[/:]/).pop()!, ...extra } as const;
  };
  await db.dataset.createMany({
    data: [
      node(METAMATH, { domains: ["MATH"], license: "mit", hubDownloads: 12345, hubCreatedAt: new Date("2023-09-21T00:00:00Z") }),
      node(GSM8K, { kind: "BENCHMARK", domains: ["MATH"] }),
      node(MATH, { kind: "BENCHMARK", domains: ["MATH"] }),
      node("corpus:stack-exchange", { kind: "EXTERNAL", displayName: "Stack Exchange" }),
      node("github:owner/repo", { kind: "EXTERNAL" }),
      node("rejected/source"),
      node("user/downstream"),
    ],
  });
  const ids = new Map((await db.dataset.findMany({ select: { id: true, key: true } })).map((d) => [d.key, d.id]));
  const edge = (from: string, to: string, extra: object = {}) => ({
    upstreamId: ids.get(from)!,
    downstreamId: ids.get(to)!,
    relation: "SYNTHETIC_GENERATION" as const,
    confidence: 0.9,
    origin: "SEED" as const,
    status: "ACCEPTED" as const,
    ...extra,
  });
  await db.edge.createMany({
    data: [
      edge(GSM8K, METAMATH, { split: "TRAIN" }),
      edge(MATH, METAMATH, { split: "TRAIN", confidence: 0.8 }),
      edge("corpus:stack-exchange", MATH, { relation: "DIRECT_INCLUSION" }),
      edge("github:owner/repo", "corpus:stack-exchange", { relation: "DIRECT_INCLUSION", confidence: 0.5 }),
      edge("rejected/source", METAMATH, { status: "REJECTED" }),
      edge(METAMATH, "user/downstream", { relation: "COT_DISTILLATION" }),
    ],
  });
  const gsmEdge = await db.edge.findFirstOrThrow({ where: { upstreamId: ids.get(GSM8K)!, downstreamId: ids.get(METAMATH)! } });
  await db.evidence.create({ data: { edgeId: gsmEdge.id, source: "PAPER", url: "https://arxiv.org/abs/2309.12284", fingerprint: "p1" } });
}

beforeAll(buildGraph);

const keyParams = (...key: string[]) => ({ params: Promise.resolve({ key }) });
const request = (path: string) => new Request(`http://localhost${path}`);

async function json(response: Response) {
  expect(response.headers.get("content-type")).toMatch(/application\/json/);
  // A read's answer may be kept but must be revalidated by its ETag; anything else is never kept.
  if (response.ok) expect([response.headers.get("cache-control"), Boolean(response.headers.get("etag"))]).toEqual(["no-cache", true]);
  else expect(response.headers.get("cache-control")).toBe("no-store");
  return response.json();
}

async function expectError(response: Response, status: number, code: string, message: RegExp) {
  expect(response.status).toBe(status);
  const body = await json(response);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(message);
}

describe("GET /api/lineage/{key}", () => {
  const lineage = (query: string, ...key: string[]) => lineageRoute(request(`/api/lineage/${key.join("/")}${query}`), keyParams(...key));

  it("returns the graph: root, nodes, edges with evidence, truncated", async () => {
    const response = await lineage("?up=3&down=1", "meta-math", "MetaMathQA");
    expect(response.status).toBe(200);
    const graph: LineageGraph = await json(response);
    expect(graph.root).toBe(METAMATH);
    expect(graph.nodes.map((n) => n.key).sort()).toEqual([MATH, "corpus:stack-exchange", "github:owner/repo", METAMATH, GSM8K, "user/downstream"].sort());
    const gsm = graph.edges.find((e) => e.upstream === GSM8K)!;
    expect(gsm).toEqual({
      id: "edge:openai%2Fgsm8k->meta-math%2Fmetamathqa",
      upstream: GSM8K,
      upstreamId: "openai/gsm8k",
      downstream: METAMATH,
      downstreamId: "meta-math/metamathqa",
      relation: "SYNTHETIC_GENERATION",
      confidence: 0.9,
      split: "TRAIN",
      status: "ACCEPTED",
      origin: "SEED",
      evidence: [{ source: "PAPER", url: "https://arxiv.org/abs/2309.12284", quote: null, locator: null }],
    });
    expect(graph.truncated).toBe(false);
    expect(graph.nodes.find((n) => n.key === METAMATH)).toMatchObject({ license: "mit", hubDownloads: 12345, upstreamCount: 2, hiddenDownstream: 0 });
  });

  it("includes the seed-like sources at up=3 and says when the view is cut short", async () => {
    const graph: LineageGraph = await json(await lineage("?up=3", "meta-math", "MetaMathQA"));
    expect(graph.nodes.map((n) => n.key)).toEqual(expect.arrayContaining([GSM8K, MATH]));
    expect(graph.nodes.find((n) => n.key === METAMATH)).toMatchObject({ hiddenDownstream: 1 });
    expect(graph.truncated).toBe(true);
  });

  it("defaults to two levels up, none down, and leaves rejected edges out", async () => {
    const graph: LineageGraph = await json(await lineage("", "meta-math", "MetaMathQA"));
    expect(graph.nodes.map((n) => n.key).sort()).toEqual([MATH, "corpus:stack-exchange", METAMATH, GSM8K].sort());
    expect(graph.truncated).toBe(true);
    const withRejected: LineageGraph = await json(await lineage("?up=1&down=1&includeRejected=true", "meta-math", "MetaMathQA"));
    expect(withRejected.nodes.map((n) => n.key)).toEqual(expect.arrayContaining(["rejected/source", "user/downstream"]));
    const confident: LineageGraph = await json(await lineage("?up=1&minConfidence=0.85", "meta-math", "MetaMathQA"));
    expect(confident.nodes.map((n) => n.key).sort()).toEqual([METAMATH, GSM8K].sort());
  });

  it("reaches non-Hub keys and matches keys case-insensitively", async () => {
    const corpus: LineageGraph = await json(await lineage("?up=1&down=1", "corpus:stack-exchange"));
    expect(corpus.root).toBe("corpus:stack-exchange");
    expect(corpus.nodes.map((n) => n.key).sort()).toEqual(["github:owner/repo", MATH, "corpus:stack-exchange"].sort());
    const github: LineageGraph = await json(await lineage("?down=2", "github:owner", "repo"));
    expect(github.root).toBe("github:owner/repo");
    const shouted: LineageGraph = await json(await lineage("", "META-MATH", "metamathqa"));
    expect(shouted.root).toBe(METAMATH);
  });

  it("answers 404 with a message for an unknown dataset", async () => {
    await expectError(await lineage("", "nobody", "nothing"), 404, "not_found:dataset", /nobody\/nothing/);
  });

  it.each([
    [["gsm8k"], "a single segment"],
    [["a", "b", "c"], "three segments"],
    [["%E0%A4%A", "x"], "a broken % sequence"],
    [["corpus:Not A Slug"], "spaces in a slug"],
    [["\u202e\u0000", "x"], "control and bidi characters"],
    [["x".repeat(400), "y"], "an over-long key"],
  ])("answers 400 for a malformed key (%j: %s)", async (key) => {
    await expectError(await lineage("", ...key), 400, "bad_request:key", /is not a dataset key\. Use owner\/name for Hub datasets/);
  });

  it.each([
    ["?up=abc", /up must be a whole number/],
    ["?up=99", /up must be at most 10/],
    ["?down=-1", /down must be a whole number/],
    ["?minConfidence=2", /minConfidence must be at most 1/],
    ["?includeRejected=maybe", /includeRejected must be true, false, 1 or 0/],
    ["?up=1&up=2", /up is given more than once/],
  ])("answers 400 naming the parameter for %s", async (query, message) => {
    await expectError(await lineage(query, "meta-math", "MetaMathQA"), 400, "bad_request:params", message);
  });
});

describe("GET /api/datasets", () => {
  const search = (query: string) => searchRoute(request(`/api/datasets${query}`), undefined);

  it("finds datasets by name", async () => {
    const response = await search("?q=gsm8k");
    expect(response.status).toBe(200);
    const { results } = await json(response);
    expect(results[0]).toMatchObject({ key: GSM8K, displayName: "gsm8k", kind: "BENCHMARK", domains: ["MATH"], upstreamCount: 0, downstreamCount: 1 });
  });

  it("lists the most connected datasets for an empty query, up to limit", async () => {
    const { results } = await json(await search("?limit=2"));
    expect(results).toHaveLength(2);
    expect(results[0].key).toBe(METAMATH);
  });

  it("treats LIKE wildcards, odd unicode and % sequences as plain text", async () => {
    for (const q of ["%25", "%5F%5F", "%25%25%25", "%F0%9F%A7%AE", "%E2%80%AE%00", "%ZZ"]) {
      const response = await search(`?q=${q}`);
      expect(response.status, q).toBe(200);
      expect((await json(response)).results, q).toEqual([]);
    }
  });

  it.each([
    [`?q=${"x".repeat(201)}`, /q must be at most 200 characters/],
    ["?limit=0", /limit must be at least 1/],
    ["?limit=1000", /limit must be at most 100/],
    ["?q=a&q=b", /q is given more than once/],
  ])("answers 400 for %s", async (query, message) => {
    await expectError(await search(query), 400, "bad_request:params", message);
  });

  it("answers 405 JSON to other methods", async () => {
    const response = await deleteSearchRoute(new Request("http://localhost/api/datasets", { method: "DELETE" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toContain("GET");
    expect((await response.json()).error.code).toBe("method_not_allowed");
  });
});

describe("GET /api/datasets/{key}", () => {
  const dataset = (...key: string[]) => getDatasetRoute(request(`/api/datasets/${key.join("/")}`), keyParams(...key));

  it("returns one node with its facts and edge counts", async () => {
    const response = await dataset("meta-math", "MetaMathQA");
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body.dataset).toMatchObject({
      key: METAMATH,
      scheme: "HUB",
      kind: "DATASET",
      license: "mit",
      hubDownloads: 12345,
      hubCreatedAt: "2023-09-21T00:00:00.000Z",
      url: "https://huggingface.co/datasets/meta-math/MetaMathQA",
      upstreamCount: 2,
      downstreamCount: 1,
      aliases: [],
      unresolvedMentions: [],
    });
  });

  it("reaches non-Hub keys", async () => {
    expect((await json(await dataset("corpus:stack-exchange"))).dataset).toMatchObject({ key: "corpus:stack-exchange", kind: "EXTERNAL", upstreamCount: 1, downstreamCount: 1 });
  });

  it("answers 404 and 400 with messages", async () => {
    await expectError(await dataset("nobody", "nothing"), 404, "not_found:dataset", /nobody\/nothing/);
    await expectError(await dataset("not-a-key"), 400, "bad_request:key", /"not-a-key" is not a dataset key/);
  });

  it("answers 405 JSON to POST", async () => {
    expect((await postDatasetRoute(new Request("http://localhost/api/datasets/a/b", { method: "POST" }))).status).toBe(405);
  });
});
