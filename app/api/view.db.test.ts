import { beforeAll, describe, expect, it } from "vitest";
import type { LineageGraph } from "@/lib/lineage/types";
import { getDb } from "@/lib/server/db/client";
import { createSnapshot } from "@/lib/server/views/snapshots";
import { buildFixtureGraph, ROOT } from "@/test-support/server/fixture-graph";
import { DEFAULT_VIEW } from "@/lib/view/state";
import { GET as getSnapshotRoute } from "./snapshots/[id]/route";
import { GET, POST } from "./view/[...key]/route";

beforeAll(async () => {
  await buildFixtureGraph(getDb());
});

const call = (path: string, ...key: string[]) => GET(new Request(`http://localhost/api/view/${key.join("/")}${path}`), { params: Promise.resolve({ key }) });
type Body = { graph: LineageGraph; notices: string[]; error?: { code: string; message: string } };

describe("GET /api/view/{key}", () => {
  it("returns the view's graph for the default view", async () => {
    const response = await call("", "org", "root-set");
    expect(response.status).toBe(200);
    // Kept by clients only with revalidation (ETag): the graph changes under them.
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("etag")).toMatch(/^"[\w-]+"$/);
    const body = (await response.json()) as Body;
    expect(body.notices).toEqual([]);
    expect(body.graph.root).toBe(ROOT);
    // Default depths: two levels up (rejected edges included), one down.
    expect(body.graph.nodes.map((n) => n.key).sort()).toEqual(
      [ROOT, "up/a", "up/b", "up/x", "up/rejected", "up/c", "corpus:web-crawl", "bench/gsm-like", "down/m", "down/n"].sort(),
    );
  });

  it("applies depth and expansions from the query", async () => {
    const body = (await (await call("?up=0&down=0&xd=Org/Root-Set&xu=org/root-set", "Org", "Root-Set")).json()) as Body;
    expect(body.graph.nodes.map((n) => n.key).sort()).toEqual([ROOT, "down/m", "down/n", "up/a", "up/b", "up/rejected", "up/x"].sort());
  });

  it("turns bad view parameters into notices, never a 400", async () => {
    const response = await call("?up=99&bogus=1&xu=nobody/here&xu=%3Cscript%3E&conf=2", "org", "root-set");
    expect(response.status).toBe(200);
    const body = (await response.json()) as Body;
    expect(body.notices).toHaveLength(5);
    expect(body.notices.join("\n")).toMatch(/up="99"/);
    expect(body.notices).toContain('"nobody/here" is not in the store; ignored.');
    expect(body.graph.nodes.length).toBeGreaterThan(1);
  });

  it("answers 400 for a malformed key, 404 for an unknown one, 405 for writes", async () => {
    const bad = await call("", "not a key");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Body).error!.code).toBe("bad_request:key");
    const missing = await call("", "no", "such-set");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as Body).error!.code).toBe("not_found:dataset");
    expect((await POST(new Request("http://localhost/api/view/org/root-set", { method: "POST" }))).status).toBe(405);
  });
});

describe("GET /api/snapshots/{id}", () => {
  it("returns a stored snapshot, 400 for a malformed id and 404 for an unknown one", async () => {
    const snapshotCall = (id: string) => getSnapshotRoute(new Request(`http://localhost/api/snapshots/${id}`), { params: Promise.resolve({ id }) });
    const { id } = await createSnapshot({ rootKey: ROOT, state: { ...DEFAULT_VIEW, up: 1 } });
    const ok = await snapshotCall(id);
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body).toMatchObject({ id, rootKey: ROOT, state: { up: 1 }, positions: null, graph: { root: ROOT } });
    expect((await snapshotCall("nope")).status).toBe(400);
    expect((await snapshotCall("Missing123")).status).toBe(404);
  });
});
