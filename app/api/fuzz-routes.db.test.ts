import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DOMAINS, RELATIONS, SPLITS } from "@/lib/lineage/types";
import { RUN_STATES } from "@/lib/runs/types";
import { resetAllowances } from "@/lib/server/auth/allowance";
import { getDb } from "@/lib/server/db/client";
import { writeLicences } from "@/lib/server/licences/licences";
import { syncRegistry } from "@/lib/server/lineage/registry";
import { writeTransaction } from "@/lib/server/lineage/write";
import { buildFixtureGraph, CHAIN, ROOT } from "@/test-support/server/fixture-graph";
import {
  anyJson,
  bodyArb,
  caseVariant,
  contentType,
  FUZZ_SEED,
  fuzzRuns,
  hostileString,
  hubKeyArb,
  J,
  keyish,
  keySegments,
  nastyString,
  numberJson,
  objectBody,
  originHeader,
  queryString,
  secFetchSite,
  type Body,
  type Json,
} from "@/test-support/server/fuzz/arbitraries";
import { changedTables, checksummer, storeTables, type StoreChecksum } from "@/test-support/server/fuzz/checksum";
import { buildRequest, callerArb, checkAnswer, describeSpec, FuzzStats, localCaller, pathOf, type Answer, type Caller, type RequestSpec } from "@/test-support/server/fuzz/http";
import * as analysisLicences from "./analysis/licences/route";
import * as analysisPatterns from "./analysis/patterns/route";
import * as analysisRedundancy from "./analysis/redundancy/route";
import * as analysisSampling from "./analysis/sampling/route";
import * as analysisSimilarity from "./analysis/similarity/route";
import * as auth from "./auth/[...all]/route";
import * as contamination from "./contamination/route";
import * as datasetByKey from "./datasets/[...key]/route";
import * as datasets from "./datasets/route";
import * as edges from "./edges/route";
import * as expand from "./expand/[...key]/route";
import * as lineage from "./lineage/[...key]/route";
import * as rank from "./rank/route";
import * as reviewQueue from "./review-queue/route";
import * as reviews from "./reviews/route";
import * as runById from "./runs/[id]/route";
import * as runs from "./runs/route";
import * as snapshotById from "./snapshots/[id]/route";
import * as snapshots from "./snapshots/route";
import * as view from "./view/[...key]/route";

// Property-based fuzzing of every route handler under app/api: random and hostile paths,
// query strings, headers and bodies, sent as scripts/serve.ts hands requests to the app (this
// machine, or a visitor, on a single-user install). Every answer must keep the API's contract
// (test-support/server/fuzz/http.ts checkAnswer), and no refused request, and no read, may change
// a stored row (table checksums before and after, audit rows aside).

// A trace run is queued with pg-boss and taken by a worker that reads the Hub; neither belongs
// in a fuzz test. The run row itself is still written by the real code.
vi.mock("@/lib/server/runs/queue", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/runs/queue")>()),
  enqueueRun: vi.fn(async () => {}),
}));

type Handler = (request: Request, context: unknown) => Promise<Response>;
type RouteModule = Record<string, unknown>;
const handler = (module: RouteModule, method: string) => module[method] as Handler;

/** Every route file, its URL, the methods it serves, and what its dynamic segment is called. */
const ROUTES: { path: string; module: RouteModule; methods: string[]; param?: "key" | "id" | "all" }[] = [
  { path: "/api/analysis/licences", module: analysisLicences, methods: ["GET"] },
  { path: "/api/analysis/patterns", module: analysisPatterns, methods: ["GET"] },
  { path: "/api/analysis/redundancy", module: analysisRedundancy, methods: ["GET"] },
  { path: "/api/analysis/sampling", module: analysisSampling, methods: ["POST"] },
  { path: "/api/analysis/similarity", module: analysisSimilarity, methods: ["GET"] },
  { path: "/api/auth", module: auth, methods: ["GET", "POST"], param: "all" },
  { path: "/api/contamination", module: contamination, methods: ["GET"] },
  { path: "/api/datasets", module: datasetByKey, methods: ["GET"], param: "key" },
  { path: "/api/datasets", module: datasets, methods: ["GET"] },
  { path: "/api/edges", module: edges, methods: ["POST"] },
  { path: "/api/expand", module: expand, methods: ["POST"], param: "key" },
  { path: "/api/lineage", module: lineage, methods: ["GET"], param: "key" },
  { path: "/api/rank", module: rank, methods: ["POST"] },
  { path: "/api/review-queue", module: reviewQueue, methods: ["GET"] },
  { path: "/api/reviews", module: reviews, methods: ["GET", "POST"] },
  { path: "/api/runs", module: runById, methods: ["GET"], param: "id" },
  { path: "/api/runs", module: runs, methods: ["GET", "POST"] },
  { path: "/api/snapshots", module: snapshotById, methods: ["GET", "DELETE"], param: "id" },
  { path: "/api/snapshots", module: snapshots, methods: ["POST"] },
  { path: "/api/view", module: view, methods: ["GET"], param: "key" },
];
const ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Keys in the fixture store (test-support/server/fixture-graph.ts), and a few that are not. */
const KNOWN = [ROOT, "up/a", "up/b", "up/c", "up/d", "up/x", "up/rejected", "github:ghorg/gen-repo", "corpus:web-crawl", "bench/gsm-like", "down/m", "down/n", "down/p", "down/q", "solo/alone", CHAIN[0]!, CHAIN[12]!, "misc/under_score", "x/open-mathpile"];
const KEYS = [...KNOWN, "nobody/nothing", "corpus:nowhere", "arxiv:2309.12284", "web:example.org/a/b"];
const SUFFIXES = ["contamination", "analysis", "redundancy", "similar", "licences"];
const VIEW_PARAMS = ["up", "down", "c", "rel", "conf", "rejected", "domain", "sel", "focus", "path", "bench", "twice", "color", "tidy", "group", "at", "xu", "xd", "fu", "fd"];
const EVAL_SET = "gsm-like-test";

const smallNumberText = fc.oneof(fc.integer({ min: -2, max: 12 }).map(String), fc.constantFrom("0.5", "0.85", "1", "1.0", "true", "false", "0", "licence", "domain", "ALL", "TEST"));
const paramValue = fc.oneof({ weight: 3, arbitrary: smallNumberText }, { weight: 2, arbitrary: caseVariant(KEYS) }, { weight: 1, arbitrary: fc.constantFrom(...RELATIONS, ...DOMAINS, ...RUN_STATES, EVAL_SET, "GSM Like", "hub", "all", "csv", "json") });
/** View queries past the lists' limits (200 steps, 200 collapsed nodes). */
const bigViewQuery = fc.tuple(fc.constantFrom("xu", "xd", "fu", "fd", "c", "sel"), fc.constantFrom(199, 201, 400), fc.boolean()).map(([name, n, distinct]) =>
  `?${Array.from({ length: n }, (_, i) => `${name}=${encodeURIComponent(distinct ? `bulk/k${i}` : KNOWN[i % KNOWN.length]!)}`).join("&")}&up=10&down=10`,
);
const viewQuery = fc.oneof({ weight: 20, arbitrary: queryString(VIEW_PARAMS, paramValue) }, { weight: 1, arbitrary: bigViewQuery });

const stats = new FuzzStats();
const project = process.env.ROOTLINE_TEST_DB ?? "?";
let checksum: () => Promise<StoreChecksum>;
/** Ids the fuzzing created, so later requests can hit real snapshots and runs. */
const snapshotIds: string[] = ["AAAAAAAAAA"];
const runIds: string[] = ["00000000-0000-4000-8000-000000000000"];

beforeAll(async () => {
  delete process.env.ROOTLINE_AUTH_SECRET;
  const db = getDb();
  await buildFixtureGraph(db);
  await writeTransaction(async (tx) => {
    await syncRegistry(tx, { evalSets: [{ id: EVAL_SET, name: "GSM-like test", family: "GSMLike", key: "bench/gsm-like", evalSplits: ["TEST"], window: { from: "2021-01", to: "2021-01" } }], holdings: [] });
    await writeLicences(tx, [{ key: "up/c", raw: "cc-by-nc-4.0", source: "HUB" }]);
  });
  checksum = checksummer(db, await storeTables(db));
});

beforeEach(() => resetAllowances());

afterAll(() => {
  console.log(`[fuzz-routes] ${project}: ${stats.summary()}${process.env.FUZZ_VERBOSE ? `\n${stats.details()}` : ""}`);
});

/**
 * Send one request and check the contract; then the store: unchanged after a refusal (any 4xx)
 * and after any read. `mayWrite`: a 2xx of this request may change rows.
 */
async function exercise(handle: Handler, spec: RequestSpec, context: unknown, options: { mayWrite: boolean; allowed?: number[]; expect?: (answer: Answer) => void }): Promise<Answer | null> {
  const request = buildRequest(spec);
  if (!request) {
    stats.unsendable += 1;
    return null;
  }
  const what = describeSpec(spec, context === undefined ? "" : `params=${JSON.stringify(context).slice(0, 300)}`);
  const before = await checksum();
  const answer = await checkAnswer(await handle(request, context), what, stats, `${spec.method} ${spec.path.split("?")[0]!.split("/").slice(0, 3).join("/")}${context === undefined ? "" : "/{…}"}`);
  const changed = changedTables(before, await checksum());
  if (answer.status >= 400 || !options.mayWrite) expect(changed, `${what}\n→ ${answer.status} ${answer.text.slice(0, 200)} changed rows`).toEqual([]);
  if (options.allowed) expect(options.allowed, `${what}\n→ unexpected ${answer.status} ${answer.text.slice(0, 300)}`).toContain(answer.status);
  options.expect?.(answer);
  return answer;
}

const params = <T>(value: T) => ({ params: Promise.resolve(value) });

/** Assert a property with the file's seed; `runs` per property keeps the file inside its time budget. */
async function check<T>(arbitrary: fc.Arbitrary<T>, runs: number, predicate: (value: T) => Promise<void>): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      await resetAllowances();
      await predicate(value);
    }),
    { seed: FUZZ_SEED, numRuns: fuzzRuns(runs), endOnFailure: false },
  );
}

const headersArb = fc.record({ caller: callerArb, origin: originHeader("http://localhost:3000"), secFetchSite });

/**
 * Headers and Content-Type of a write: mostly as this machine's own page or a script sends
 * them (so the body gets read and validated), else anything (callers, origins, types).
 */
const envelopeArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      headers: fc.tuple(callerArb.filter((c) => c.admin), fc.boolean(), fc.constantFrom(null, "same-origin", "none")).map(([caller, withOrigin, site]) => ({
        caller,
        origin: withOrigin ? `http://${caller.host.toLowerCase()}` : null,
        secFetchSite: site,
      })),
      contentType: fc.constantFrom("application/json", "application/json; charset=utf-8", "APPLICATION/JSON"),
      contentLength: fc.constant(null),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      headers: headersArb,
      contentType,
      contentLength: fc.option(fc.constantFrom("0", "-1", "abc", "1e309", "99999999999", "5", "18446744073709551616"), { freq: 6 }),
    }),
  },
);

/** Catch-all segments: mostly a stored key (any case, maybe a route suffix), else anything. */
const segmentsArb = (suffixes: readonly string[] = []) =>
  fc.oneof(
    { weight: 3, arbitrary: caseVariant(KNOWN).map((key) => key.split("/")) },
    ...(suffixes.length ? [{ weight: 2, arbitrary: fc.tuple(caseVariant(KNOWN), fc.constantFrom(...suffixes)).map(([key, suffix]) => [...key.split("/"), suffix]) }] : []),
    { weight: 3, arbitrary: keySegments(KEYS, suffixes) },
  );

describe("GET routes keyed by a dataset (lineage, datasets/{key}, view)", () => {
  const KEY_ROUTES = [
    { path: "/api/lineage", get: handler(lineage, "GET"), query: queryString(["up", "down", "minConfidence", "includeRejected", "limit"], paramValue), suffixes: SUFFIXES },
    { path: "/api/datasets", get: handler(datasetByKey, "GET"), query: queryString(["minConfidence", "includeRejected"], paramValue), suffixes: [] },
    { path: "/api/view", get: handler(view, "GET"), query: viewQuery, suffixes: [] },
  ];
  const arb = fc.integer({ min: 0, max: KEY_ROUTES.length - 1 }).chain((i) =>
    fc.record({ route: fc.constant(KEY_ROUTES[i]!), segments: segmentsArb(KEY_ROUTES[i]!.suffixes), query: KEY_ROUTES[i]!.query, headers: headersArb }),
  );

  it("answer 200, 400 or 404 with the error contract, and never write", async () => {
    await check(arb, 600, async ({ route, segments, query, headers }) => {
      const spec: RequestSpec = { method: "GET", path: `${pathOf(route.path, segments)}${query}`, ...headers };
      await exercise(route.get, spec, params({ key: segments }), { mayWrite: false, allowed: [200, 400, 404] });
    });
  }, 180_000);
});

describe("GET routes with query parameters or an id", () => {
  const uuidish = fc.oneof(fc.uuid(), fc.constantFrom(...RUN_STATES), hostileString, fc.uuid().map((u) => u.toUpperCase()), fc.uuid().map((u) => `${u}x`));
  const snapshotIdish = fc.oneof(fc.stringMatching(/^[0-9A-Za-z]{10}$/), hostileString, fc.stringMatching(/^[0-9A-Za-z]{9,11}$/));
  const GETS = [
    { path: "/api/datasets", get: handler(datasets, "GET"), query: queryString(["q", "limit", "minConfidence", "includeRejected"], paramValue) },
    { path: "/api/analysis/licences", get: handler(analysisLicences, "GET"), query: queryString(["limit", "scope"], paramValue) },
    { path: "/api/analysis/patterns", get: handler(analysisPatterns, "GET"), query: queryString([], paramValue) },
    { path: "/api/analysis/redundancy", get: handler(analysisRedundancy, "GET"), query: queryString(["limit"], paramValue) },
    { path: "/api/analysis/similarity", get: handler(analysisSimilarity, "GET"), query: queryString(["d", "d", "d"], paramValue) },
    { path: "/api/contamination", get: handler(contamination, "GET"), query: queryString(["benchmark", "format"], paramValue) },
    { path: "/api/review-queue", get: handler(reviewQueue, "GET"), query: queryString(["below", "limit", "after"], paramValue) },
    { path: "/api/reviews", get: handler(reviews, "GET"), query: queryString(["key"], paramValue) },
    { path: "/api/runs", get: handler(runs, "GET"), query: queryString(["limit", "state", "key"], paramValue) },
  ];
  const plain = fc.integer({ min: 0, max: GETS.length - 1 }).chain((i) => fc.record({ route: fc.constant(GETS[i]!), query: GETS[i]!.query, headers: headersArb }));

  it("answer 200, 400 or 404 with the error contract, and never write", async () => {
    await check(plain, 500, async ({ route, query, headers }) => {
      await exercise(route.get, { method: "GET", path: `${route.path}${query}`, ...headers }, undefined, { mayWrite: false, allowed: [200, 400, 404] });
    });
  }, 180_000);

  it("by id (runs/{id}, snapshots/{id}) answer 200, 400 or 404, and never write", async () => {
    const arb = fc.record({
      which: fc.constantFrom("run", "snapshot"),
      made: fc.nat(),
      id: fc.oneof(uuidish, snapshotIdish),
      useMade: fc.boolean(),
      headers: headersArb,
    });
    await check(arb, 200, async ({ which, made, id, useMade, headers }) => {
      const pool = which === "run" ? runIds : snapshotIds;
      const value = useMade ? pool[made % pool.length]! : id;
      const get = handler(which === "run" ? runById : snapshotById, "GET");
      await exercise(get, { method: "GET", path: pathOf(`/api/${which}s`, [value]), ...headers }, params({ id: value }), { mayWrite: false, allowed: [200, 400, 404] });
    });
  }, 180_000);
});

// ---------------------------------------------------------------------------------------
// Writes

const keyJson = fc.oneof({ weight: 4, arbitrary: caseVariant(KNOWN) }, { weight: 1, arbitrary: keyish(KEYS) }).map(J.str);
/** Edges of the fixture graph (either way round), so reviews find an edge and additions meet conflicts. */
const FIXTURE_EDGES: [string, string][] = [["up/a", ROOT], ["up/b", ROOT], ["up/x", ROOT], ["up/rejected", ROOT], ["up/c", "up/a"], ["up/c", "up/b"], ["up/d", "up/c"], ["github:ghorg/gen-repo", "up/d"], ["corpus:web-crawl", "up/b"], ["bench/gsm-like", "up/a"], [ROOT, "down/m"], ["down/m", "down/p"], ["down/p", "down/q"], [CHAIN[0]!, CHAIN[1]!]];
const pairArb = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...FIXTURE_EDGES), fc.constantFrom("same", "reversed", "upper")).map(([[a, b], how]): [Json, Json] => (how === "reversed" ? [J.str(b), J.str(a)] : how === "upper" ? [J.str(a.toUpperCase()), J.str(b.toUpperCase())] : [J.str(a), J.str(b)])) },
  { weight: 2, arbitrary: fc.tuple(keyJson, keyJson) },
);
/** A body with an `upstream` and a `downstream` drawn together as a pair. */
const paired = (fields: Record<string, fc.Arbitrary<Json>>, optional: string[]) =>
  fc.tuple(pairArb, objectBody({ upstream: fc.constant(J.raw("0")), downstream: fc.constant(J.raw("0")), ...fields }, optional)).map(([[up, down], body]) =>
    body.kind === "object" ? J.obj(body.entries.map(([k, v]): [string, Json] => [k, k === "upstream" && v.kind === "raw" && v.text === "0" ? up : k === "downstream" && v.kind === "raw" && v.text === "0" ? down : v])) : body,
  );
const note = fc.oneof({ weight: 3, arbitrary: fc.constantFrom("stated in the card", "", "section 3", "n".repeat(2000)) }, { weight: 2, arbitrary: hostileString }).map(J.str);
const enumJson = (values: readonly string[]) => fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...values).map(J.str) }, { weight: 1, arbitrary: fc.constantFrom(...values).map((v) => J.str(v.toLowerCase())) });
const smallInt = (min: number, max: number) => fc.oneof({ weight: 4, arbitrary: fc.integer({ min, max }).map(J.num) }, { weight: 1, arbitrary: fc.integer({ min, max }).map((n) => J.str(String(n))) }, { weight: 1, arbitrary: numberJson });
const point = fc.oneof({ weight: 4, arbitrary: fc.record({ x: numberJson, y: numberJson }).map(({ x, y }) => J.obj([["x", x], ["y", y]])) }, { weight: 1, arbitrary: anyJson(["x", "y"]) });

const WRITES: { name: string; role: "admin" | "anyone"; shaped: fc.Arbitrary<Json>; fields: string[]; limit: number; call: (request: Request, id: string) => Promise<Response>; hasBody: boolean; mayCreate: (answer: Answer) => void }[] = [
  {
    name: "POST /api/edges",
    role: "admin",
    shaped: paired({ relation: enumJson(RELATIONS), split: enumJson(SPLITS), note }, ["split", "note"]),
    fields: ["upstream", "downstream", "relation", "split", "note"],
    limit: 256 * 1024,
    call: (request) => handler(edges, "POST")(request, params(undefined)),
    hasBody: true,
    mayCreate: () => {},
  },
  {
    name: "POST /api/reviews",
    role: "admin",
    shaped: fc.oneof(
      paired({ action: enumJson(["accept", "reject", "reopen"]), note }, ["note"]),
      paired({ action: fc.constant(J.str("edit")), relation: enumJson(RELATIONS), split: enumJson(SPLITS), note }, ["relation", "split", "note"]),
    ),
    fields: ["upstream", "downstream", "action", "relation", "split", "note"],
    limit: 256 * 1024,
    call: (request) => handler(reviews, "POST")(request, params(undefined)),
    hasBody: true,
    mayCreate: () => {},
  },
  {
    name: "POST /api/runs",
    role: "admin",
    shaped: objectBody({ key: fc.oneof(hubKeyArb.map(J.str), keyJson), depth: smallInt(0, 4), nodeBudget: smallInt(0, 101) }, ["depth", "nodeBudget"]),
    fields: ["key", "depth", "nodeBudget"],
    limit: 256 * 1024,
    call: (request) => handler(runs, "POST")(request, params(undefined)),
    hasBody: true,
    mayCreate: (answer) => {
      const id = (answer.body as { run?: { id?: string } } | null)?.run?.id;
      if (id) runIds.push(id);
    },
  },
  {
    name: "POST /api/snapshots",
    role: "anyone",
    shaped: objectBody(
      {
        key: keyJson,
        query: fc.oneof({ weight: 4, arbitrary: viewQuery }, { weight: 1, arbitrary: viewQuery.map((q) => q.replace(/^\?/, "")) }, { weight: 1, arbitrary: hostileString }).map(J.str),
        positions: fc.oneof(
          { weight: 3, arbitrary: fc.array(fc.tuple(fc.oneof(caseVariant(KNOWN), hostileString), point), { maxLength: 6 }).map((entries) => J.obj(entries)) },
          { weight: 1, arbitrary: anyJson() },
        ),
      },
      ["query", "positions"],
    ),
    fields: ["key", "query", "positions"],
    limit: 3 * 1024 * 1024,
    call: (request) => handler(snapshots, "POST")(request, params(undefined)),
    hasBody: true,
    mayCreate: (answer) => {
      const id = (answer.body as { id?: string } | null)?.id;
      if (id) snapshotIds.push(id);
    },
  },
  {
    name: "DELETE /api/snapshots/{id}",
    role: "admin",
    shaped: anyJson(),
    fields: [],
    limit: 256 * 1024,
    call: (request, id) => handler(snapshotById, "DELETE")(request, params({ id })),
    hasBody: false,
    mayCreate: () => {},
  },
];

describe("write routes (edges, reviews, runs, snapshots)", () => {
  const arb = fc.integer({ min: 0, max: WRITES.length - 1 }).chain((i) =>
    fc.record({
      route: fc.constant(WRITES[i]!),
      body: bodyArb(WRITES[i]!.shaped, WRITES[i]!.fields, WRITES[i]!.limit, 30),
      envelope: envelopeArb,
      id: fc.oneof(fc.nat().map((n) => snapshotIds[n % snapshotIds.length]!), fc.stringMatching(/^[0-9A-Za-z]{10}$/), hostileString),
      query: fc.option(queryString(["key", "id", "format"], paramValue), { freq: 5 }),
    }),
  );

  it("refuse with 4xx and the error contract, change nothing when refused, and let only this machine write", async () => {
    await check(arb, 900, async ({ route, body, envelope, id, query }) => {
      const { headers } = envelope;
      const path = route.hasBody ? `/api/${route.name.split("/api/")[1]}` : pathOf("/api/snapshots", [id]);
      const spec: RequestSpec = { method: route.name.split(" ")[0]!, path: `${path}${query ?? ""}`, contentType: envelope.contentType, contentLength: envelope.contentLength, body: route.hasBody ? body : ({ kind: "none" } satisfies Body), ...headers };
      const site = headers.secFetchSite?.toLowerCase();
      await exercise((request) => route.call(request, id), spec, route.hasBody ? undefined : { id }, {
        mayWrite: true,
        allowed: [200, 201, 400, 403, 404, 409, 413, 415],
        expect: (answer) => {
          if (site === "cross-site" || site === "same-site") expect(answer.status, `${describeSpec(spec)}: another site's page`).toBe(403);
          if (route.role === "admin" && !headers.caller.admin) expect(answer.status, `${describeSpec(spec)}: not this machine`).toBe(403);
          if (answer.status < 300) route.mayCreate(answer);
        },
      });
    });
  }, 240_000);
});

// ---------------------------------------------------------------------------------------
// Reads sent as POST (expand, sampling, rank)

describe("computing POST routes (expand, analysis/sampling, rank)", () => {
  const csvCell = fc.oneof(fc.constantFrom("", "1", "0.5", "-0", "1e309", "NaN", "null", "\"a,b\"", "\"", "x", " 2 ", "1,5"), nastyString(6), fc.double().map(String));
  const csv = fc
    .tuple(fc.array(csvCell, { minLength: 0, maxLength: 5 }), fc.array(fc.array(csvCell, { maxLength: 6 }), { maxLength: 8 }), fc.constantFrom("\n", "\r\n", "\r"))
    .map(([header, rows, eol]) => [["item", ...header].join(","), ...rows.map((r) => r.join(","))].join(eol));
  const item = fc.oneof({ weight: 4, arbitrary: fc.constantFrom("a", "b", "c", "d", "a") }, { weight: 1, arbitrary: hostileString }).map(J.str);
  const criteria = (cols: number) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.uniqueArray(fc.constantFrom("acc", "f1", "cost", "speed", "size"), { minLength: cols, maxLength: cols }).chain((names) => fc.array(fc.boolean(), { minLength: cols, maxLength: cols }).map((higher) => J.of(names.map((name, j) => ({ name, higherIsBetter: higher[j] }))))) },
      { weight: 1, arbitrary: fc.array(objectBody({ name: fc.oneof(fc.constantFrom("acc", "f1"), hostileString).map(J.str), higherIsBetter: fc.constantFrom("true", "false").map(J.raw) }), { minLength: cols, maxLength: cols }).map(J.arr) },
    );
  const items = (rows: number) =>
    fc.oneof({ weight: 4, arbitrary: fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e", "f"), { minLength: rows, maxLength: rows }).map((names) => J.of(names)) }, { weight: 1, arbitrary: fc.array(item, { minLength: rows, maxLength: rows }).map(J.arr) });
  /** Tables at and just past the documented limits (500 items × 50 criteria). */
  const bigTable = fc.constantFrom([500, 50], [501, 2], [2, 51], [200, 20]).map(([rows, cols]) =>
    J.of({
      items: Array.from({ length: rows! }, (_, i) => `item-${i}`),
      criteria: Array.from({ length: cols! }, (_, j) => ({ name: `c${j}`, higherIsBetter: j % 2 === 0 })),
      scores: Array.from({ length: rows! }, (_, i) => Array.from({ length: cols! }, (_, j) => ((i * 7 + j * 13) % 17) / 3)),
    }),
  );
  const rankJson = fc.oneof({ weight: 1, arbitrary: bigTable }, { weight: 12, arbitrary: fc.integer({ min: 1, max: 5 }).chain((rows) =>
    fc.integer({ min: 1, max: 4 }).chain((cols) =>
      objectBody({
        items: items(rows),
        criteria: criteria(cols),
        scores: fc
          .array(fc.array(fc.oneof({ weight: 5, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }).map((d) => J.raw(JSON.stringify(d))) }, { weight: 1, arbitrary: fc.constant(J.raw("null")) }, { weight: 1, arbitrary: numberJson }), { minLength: cols, maxLength: cols }).map(J.arr), { minLength: rows, maxLength: rows })
          .map(J.arr),
      }),
    ),
  ) });
  /** Every stored key over and over: the most a view holds, and one more. */
  const manyKeys = (n: number) => J.arr(Array.from({ length: n }, (_, i) => J.str(KNOWN[i % KNOWN.length]!)));
  const COMPUTE = [
    {
      name: "expand",
      shaped: objectBody({
        direction: enumJson(["up", "down"]),
        have: fc.oneof({ weight: 20, arbitrary: fc.array(keyJson, { maxLength: 8 }).map(J.arr) }, { weight: 1, arbitrary: fc.constantFrom(2000, 10_000, 10_001).map(manyKeys) }),
      }),
      fields: ["direction", "have"],
      limit: 10_000 * 303 + 1024,
      query: queryString(["color", ...VIEW_PARAMS], paramValue),
      call: (request: Request, segments: string[]) => handler(expand, "POST")(request, params({ key: segments })),
    },
    {
      name: "analysis/sampling",
      shaped: objectBody(
        {
          domain: enumJson(DOMAINS),
          candidates: fc.oneof({ weight: 20, arbitrary: fc.array(keyJson, { minLength: 1, maxLength: 6 }).map(J.arr) }, { weight: 1, arbitrary: fc.constantFrom(5000, 5001).map(manyKeys) }),
          budget: fc.oneof(fc.integer({ min: 1, max: 100_000 }).map(J.num), fc.constantFrom(1, 1_000_000_000).map(J.num)),
          strategy: enumJson(["equal", "proportional"]),
          cap: fc.constantFrom("0.5", "1", "0.01", "1e-9").map(J.raw),
        },
        ["domain", "candidates", "cap"],
      ),
      fields: ["domain", "candidates", "budget", "strategy", "cap"],
      limit: 256 * 1024,
      query: fc.oneof({ weight: 3, arbitrary: fc.constant("") }, { weight: 2, arbitrary: fc.constantFrom("?format=csv", "?format=json") }, { weight: 1, arbitrary: queryString(["format"], fc.constantFrom("csv", "json", "CSV", "xml")) }),
      call: (request: Request) => handler(analysisSampling, "POST")(request, params(undefined)),
    },
    {
      name: "rank",
      shaped: rankJson,
      fields: ["items", "criteria", "scores"],
      limit: 2 * 1024 * 1024,
      query: fc.oneof({ weight: 4, arbitrary: fc.constant("") }, { weight: 1, arbitrary: queryString(["lower"], fc.oneof(fc.constantFrom("acc", "acc,f1", ",", ""), hostileString)) }),
      call: (request: Request) => handler(rank, "POST")(request, params(undefined)),
    },
  ];
  const arb = fc.integer({ min: 0, max: COMPUTE.length - 1 }).chain((i) =>
    fc.record({
      route: fc.constant(COMPUTE[i]!),
      segments: segmentsArb(),
      body: fc.oneof({ weight: 5, arbitrary: bodyArb(COMPUTE[i]!.shaped, COMPUTE[i]!.fields, COMPUTE[i]!.limit, 30) }, { weight: COMPUTE[i]!.name === "rank" ? 3 : 0, arbitrary: csv.map((text): Body => ({ kind: "text", text })) }),
      envelope: envelopeArb,
      query: COMPUTE[i]!.query,
    }),
  );

  it("answer 200, 400, 404, 413 or 415 with the error contract, and never write", async () => {
    await check(arb, 700, async ({ route, segments, body, envelope, query }) => {
      const path = route.name === "expand" ? pathOf("/api/expand", segments) : `/api/${route.name}`;
      // A CSV table goes to /api/rank as text/csv, most of the time.
      const csvBody = route.name === "rank" && body.kind === "text" && body.text.startsWith("item") && envelope.contentType?.includes("json");
      const spec: RequestSpec = { method: "POST", path: `${path}${query}`, contentType: csvBody ? "text/csv" : envelope.contentType, contentLength: envelope.contentLength, body, ...envelope.headers };
      await exercise((request) => route.call(request, segments), spec, route.name === "expand" ? { key: segments } : undefined, { mayWrite: false, allowed: [200, 400, 404, 413, 415] });
    });
  }, 240_000);
});

// ---------------------------------------------------------------------------------------
// Methods a route does not serve, and the account endpoints

describe("methods a route does not serve", () => {
  const unsupported = ROUTES.flatMap((route) => ALL_METHODS.filter((m) => !route.methods.includes(m) && route.module[m]).map((method) => ({ route, method })));

  it("answer 405 JSON naming the methods it does serve, and never write", async () => {
    expect(unsupported.length).toBeGreaterThan(40);
    const arb = fc.record({ target: fc.constantFrom(...unsupported), body: bodyArb(anyJson(), [], 256 * 1024), contentType, headers: headersArb, segments: keySegments(KEYS) });
    await check(arb, 200, async ({ target, body, contentType: type, headers, segments }) => {
      const context = target.route.param === "key" ? params({ key: segments }) : target.route.param === "id" ? params({ id: segments.join("/") }) : params(undefined);
      const spec: RequestSpec = { method: target.method, path: target.route.param ? pathOf(target.route.path, segments) : target.route.path, contentType: type, body, ...headers };
      await exercise(handler(target.route.module, target.method), spec, context, {
        mayWrite: false,
        allowed: [405],
        expect: (answer) => {
          expect((answer.body as { error: { code: string } }).error.code).toBe("method_not_allowed");
          expect(answer.allow, `${target.method} ${target.route.path}: Allow`).toEqual(expect.arrayContaining(target.route.methods));
        },
      });
    });
  }, 120_000);
});

describe("account endpoints on a single-user install (/api/auth/*)", () => {
  it("answer 404 JSON (no accounts), whatever is sent, and never write", async () => {
    const authPath = fc.oneof(fc.constantFrom(["sign-in", "email"], ["sign-up", "email"], ["sign-out"], ["get-session"], ["ok"], ["reset-password"], []), fc.array(hostileString, { maxLength: 4 }));
    const arb = fc.record({ method: fc.constantFrom("GET", "POST"), segments: authPath, body: bodyArb(objectBody({ email: fc.oneof(fc.constant("a@b.example"), hostileString).map(J.str), password: hostileString.map(J.str), name: hostileString.map(J.str) }), ["email", "password", "name"], 256 * 1024), contentType, headers: headersArb, query: queryString(["callbackURL", "token"]) });
    await check(arb, 150, async ({ method, segments, body, contentType: type, headers, query }) => {
      const spec: RequestSpec = { method, path: `${pathOf("/api/auth", segments)}${query}`, contentType: type, body, ...headers };
      await exercise(handler(auth, method), spec, params({ all: segments }), {
        mayWrite: false,
        allowed: [404],
        expect: (answer) => expect((answer.body as { error: { code: string } }).error.code).toBe("not_found:route"),
      });
    });
  }, 120_000);
});

// ---------------------------------------------------------------------------------------
// Rate limits

describe("rate limits", () => {
  const LIMITED = [
    { name: "POST /api/snapshots", path: "/api/snapshots", perMinute: 30, caller: "visitor" as const, call: (r: Request) => handler(snapshots, "POST")(r, params(undefined)) },
    { name: "POST /api/runs", path: "/api/runs", perMinute: 20, caller: "local" as const, call: (r: Request) => handler(runs, "POST")(r, params(undefined)) },
    { name: "POST /api/edges", path: "/api/edges", perMinute: 60, caller: "local" as const, call: (r: Request) => handler(edges, "POST")(r, params(undefined)) },
    { name: "DELETE /api/snapshots/{id}", path: "/api/snapshots/AAAAAAAAAA", perMinute: 60, caller: "local" as const, call: (r: Request) => handler(snapshotById, "DELETE")(r, params({ id: "AAAAAAAAAA" })) },
  ];
  const arb = fc.record({
    route: fc.constantFrom(...LIMITED),
    client: fc.ipV4(),
    extra: fc.integer({ min: 1, max: 3 }),
    body: fc.constantFrom("{", "", "[]", "null", '{"key":""}', '{"__proto__":1}'),
    last: bodyArb(anyJson(), [], 256 * 1024),
  });

  it("past the limit answer 429 with a whole-seconds Retry-After, and change nothing", async () => {
    await check(arb, 24, async ({ route, client, extra, body, last }) => {
      const caller: Caller =
        route.caller === "local"
          ? { ...localCaller, headers: { ...localCaller.headers, "x-rootline-client": client } }
          : { label: "visitor", admin: false, host: "rootline.example.org", headers: { host: "rootline.example.org", "x-rootline-local": "0", "x-rootline-client": client } };
      const before = await checksum();
      const seen: number[] = [];
      for (let i = 0; i < route.perMinute + extra; i++) {
        const lastOne = i === route.perMinute + extra - 1;
        const spec: RequestSpec = { method: route.name.split(" ")[0]!, path: route.path, caller, contentType: "application/json", body: lastOne ? last : { kind: "text", text: body } };
        const request = buildRequest(spec)!;
        const answer = await checkAnswer(await route.call(request), describeSpec(spec, `(request ${i + 1})`), stats);
        seen.push(answer.status);
      }
      expect(seen.slice(0, route.perMinute).includes(429), `${route.name}: limited before ${route.perMinute} requests: ${seen.join(",")}`).toBe(false);
      expect(seen.slice(route.perMinute), `${route.name} from ${client}: ${seen.join(",")}`).toEqual(Array(extra).fill(429));
      expect(changedTables(before, await checksum())).toEqual([]);
    });
  }, 180_000);
});
