import { beforeEach, describe, expect, it } from "vitest";
import { answerOf, clearResponseCache, etagMatches, lookup, requestKey, shared, store } from "./response-cache";

beforeEach(() => clearResponseCache());

describe("the response cache", () => {
  it("keys a request by its path and its query in one order", () => {
    expect(requestKey("/api/lineage/a/b?up=3&down=1")).toBe(requestKey("/api/lineage/a/b?down=1&up=3"));
    expect(requestKey("/api/lineage/a/b?up=3")).not.toBe(requestKey("/api/lineage/a/b?up=2"));
    expect(requestKey("/api/lineage/a/b")).not.toBe(requestKey("/api/lineage/a/c"));
  });

  it("serves an answer only at the version it was read at", () => {
    store("k", answerOf(Buffer.from('{"a":1}'), "v1"));
    expect(lookup("k", "v1")?.body.toString()).toBe('{"a":1}');
    expect(lookup("k", "v2")).toBeUndefined();
    // A stale entry is dropped when met, not served again at its old version either.
    expect(lookup("k", "v1")).toBeUndefined();
  });

  it("gives the same bytes the same ETag, and matches If-None-Match lists and weak tags", () => {
    const a = answerOf(Buffer.from("[1,2]"), "v1");
    const b = answerOf(Buffer.from("[1,2]"), "v9");
    expect(a.etag).toBe(b.etag);
    expect(answerOf(Buffer.from("[1,3]"), "v1").etag).not.toBe(a.etag);
    expect(etagMatches(`"x", ${a.etag}`, a.etag)).toBe(true);
    expect(etagMatches(`W/${a.etag}`, a.etag)).toBe(true);
    expect(etagMatches(`"other"`, a.etag)).toBe(false);
    expect(etagMatches(undefined, a.etag)).toBe(false);
  });

  it("computes once for concurrent misses of one key and version", async () => {
    let computed = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const compute = async () => {
      computed++;
      await gate;
      return answerOf(Buffer.from("{}"), "v1");
    };
    const all = Promise.all([shared("v1\nk", compute), shared("v1\nk", compute), shared("v1\nk", compute)]);
    release();
    const answers = await all;
    expect(computed).toBe(1);
    expect(new Set(answers).size).toBe(1);
    await shared("v1\nk", compute);
    expect(computed).toBe(2);
  });
});
