import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { markStale } from "@/lib/server/db/freshness";
import { cachedRead } from "./cached-read";
import { clearResponseCache } from "./response-cache";

// The embedded store's version (this process's own writes) keys the cache: no database is read here.
beforeEach(() => {
  vi.stubEnv("DATABASE_URL", "");
  clearResponseCache();
});
afterEach(() => vi.unstubAllEnvs());

describe("cachedRead", () => {
  it("keeps a fresh answer for the next request, but serves an answer made from a stale snapshot without keeping it", async () => {
    let calls = 0;
    let stale = false;
    const route = cachedRead(async () => {
      calls += 1;
      if (stale) markStale();
      return { calls };
    });
    const get = async (path: string) => {
      const response = await route(new Request(`http://localhost${path}`), {});
      return { status: response.status, body: (await response.json()) as { calls: number }, etag: response.headers.get("etag") };
    };

    expect((await get("/api/x")).body).toEqual({ calls: 1 });
    expect((await get("/api/x")).body).toEqual({ calls: 1 });
    expect(calls).toBe(1);

    stale = true;
    const first = await get("/api/y");
    expect(first).toMatchObject({ status: 200, body: { calls: 2 } });
    expect(first.etag).toMatch(/^".+"$/);
    // Not kept: the next request makes it again (from whatever the snapshot is by then).
    expect((await get("/api/y")).body).toEqual({ calls: 3 });
    stale = false;
    expect((await get("/api/y")).body).toEqual({ calls: 4 });
    expect((await get("/api/y")).body).toEqual({ calls: 4 });
  });
});
