import { beforeEach, describe, expect, it, vi } from "vitest";
import { trackFreshness } from "./freshness";
import { clearVersionedCaches, versionedCache } from "./versioned-cache";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

beforeEach(() => clearVersionedCaches());

describe("versionedCache", () => {
  it("computes once for a burst of callers on a cold cache, and serves the kept value after", async () => {
    const builds: string[] = [];
    const gate = deferred<void>();
    const get = versionedCache("burst", async (version) => {
      builds.push(version);
      await gate.promise;
      return { version, n: builds.length };
    });
    const burst = Array.from({ length: 8 }, () => get("v1"));
    gate.resolve();
    const values = await Promise.all(burst);
    expect(builds).toEqual(["v1"]);
    expect(new Set(values).size).toBe(1);
    expect(await get("v1")).toBe(values[0]);
    expect(builds).toEqual(["v1"]);
  });

  it("computes again when the version changes, once however many ask", async () => {
    const builds: string[] = [];
    const get = versionedCache("versions", async (version) => (builds.push(version), version));
    await get("v1");
    expect(await Promise.all([get("v2"), get("v2"), get("v2")])).toEqual(["v2", "v2", "v2"]);
    expect(builds).toEqual(["v1", "v2"]);
  });

  it("keeps no failure: the next caller computes afresh", async () => {
    let calls = 0;
    const get = versionedCache("failure", async (version) => {
      calls += 1;
      if (calls === 1) throw new Error("the store went away");
      return version;
    });
    const first = await Promise.allSettled([get("v1"), get("v1")]);
    expect(first.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(calls).toBe(1);
    expect(await get("v1")).toBe("v1");
    expect(calls).toBe(2);
  });

  it("an older build that ends after a newer one started does not replace the newer value", async () => {
    const gates = new Map([["v1", deferred<void>()], ["v2", deferred<void>()]]);
    const builds: string[] = [];
    const get = versionedCache("order", async (version) => {
      builds.push(version);
      await gates.get(version)!.promise;
      return version;
    });
    const old = get("v1");
    const fresh = get("v2");
    gates.get("v2")!.resolve();
    expect(await fresh).toBe("v2");
    gates.get("v1")!.resolve();
    expect(await old).toBe("v1");
    expect(await get("v2")).toBe("v2");
    expect(builds).toEqual(["v1", "v2"]);
  });

  it("a slow value is not waited for once one is kept: readers get it, marked stale, while one paced build of the newest version runs", async () => {
    // Build times come from this clock: v1 takes 5 s (slow), v3 takes 10 ms (quick).
    let now = 0;
    vi.spyOn(performance, "now").mockImplementation(() => now);
    const gates = new Map([["v2", deferred<void>()], ["v3", deferred<void>()]]);
    const builds: string[] = [];
    const get = versionedCache(
      "slow",
      async (version) => {
        builds.push(version);
        await gates.get(version)?.promise;
        now += version === "v1" ? 5_000 : version === "v2" ? 5_000 : 10;
        return version;
      },
      { staleAfterMs: 1_000 },
    );
    try {
      // The first value has nothing older to stand in for it: it is waited for, and fresh.
      expect(await trackFreshness(() => get("v1"))).toEqual({ value: "v1", stale: false });
      // A write: v2. Readers get v1 at once, stale. Rebuilds are paced: none starts until as
      // long as the last one took has passed since it ended (5 s here)…
      expect(await trackFreshness(() => get("v2"))).toEqual({ value: "v1", stale: true });
      expect(builds).toEqual(["v1"]);
      // …then one starts, however many ask.
      now += 5_000;
      expect(await trackFreshness(() => get("v2"))).toEqual({ value: "v1", stale: true });
      expect(await trackFreshness(() => get("v2"))).toEqual({ value: "v1", stale: true });
      // Another write while v2 builds: still v1, and no second build alongside.
      expect(await trackFreshness(() => get("v3"))).toEqual({ value: "v1", stale: true });
      expect(builds).toEqual(["v1", "v2"]);
      gates.get("v2")!.resolve();
      await vi.waitFor(() => expect(get("v2")).resolves.toBe("v2"));
      // v2 is kept; readers at v3 get it, stale, and once the pause is over one starts v3's build.
      expect(await trackFreshness(() => get("v3"))).toEqual({ value: "v2", stale: true });
      expect(builds).toEqual(["v1", "v2"]);
      now += 5_000;
      expect(await trackFreshness(() => get("v3"))).toEqual({ value: "v2", stale: true });
      expect(builds).toEqual(["v1", "v2", "v3"]);
      gates.get("v3")!.resolve();
      await vi.waitFor(() => expect(get("v3")).resolves.toBe("v3"));
      // v3 built in 10 ms: the value is quick again, and the next version is waited for.
      expect(await trackFreshness(() => get("v4"))).toEqual({ value: "v4", stale: false });
      expect(builds).toEqual(["v1", "v2", "v3", "v4"]);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it("a slow value's background build that fails is logged, not kept, and tried again by the next reader", async () => {
    let now = 0;
    vi.spyOn(performance, "now").mockImplementation(() => now);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    let calls = 0;
    const get = versionedCache(
      "slow-failure",
      async (version) => {
        calls += 1;
        now += 5_000;
        if (calls === 2) throw new Error("the store went away");
        return version;
      },
      { staleAfterMs: 1_000 },
    );
    try {
      await get("v1");
      now += 5_000;
      expect(await trackFreshness(() => get("v2"))).toEqual({ value: "v1", stale: true });
      await vi.waitFor(() => expect(logged).toHaveBeenCalledTimes(1));
      expect(String(logged.mock.calls[0]![0])).toMatch(/rebuilding slow-failure failed/);
      // A failed build counts for the pacing too: the next one waits its turn, then v2 is built.
      expect(await trackFreshness(() => get("v2"))).toEqual({ value: "v1", stale: true });
      expect(calls).toBe(2);
      now += 5_000;
      expect(await trackFreshness(() => get("v2"))).toEqual({ value: "v1", stale: true });
      await vi.waitFor(() => expect(get("v2")).resolves.toBe("v2"));
      expect(calls).toBe(3);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it("keeps one value per name", async () => {
    const a = versionedCache("a", async () => "a");
    const b = versionedCache("b", async () => "b");
    expect([await a("v1"), await b("v1")]).toEqual(["a", "b"]);
  });
});
