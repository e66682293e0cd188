import { beforeEach, describe, expect, it } from "vitest";
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

  it("keeps one value per name", async () => {
    const a = versionedCache("a", async () => "a");
    const b = versionedCache("b", async () => "b");
    expect([await a("v1"), await b("v1")]).toEqual(["a", "b"]);
  });
});
