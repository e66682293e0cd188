import { describe, expect, it, vi } from "vitest";
import { MOST_TAKERS_AT_ONCE, postgresLimiter, type SqlRunner } from "./postgres-limiter";

/** A stand-in for the database: each statement waits until the test answers it with the bucket's level after it. */
function heldStatements() {
  const calls: { tokens: number; answer(tokensAfter: number): void; fail(error: Error): void }[] = [];
  const run: SqlRunner = (_text, values) =>
    new Promise((resolve, reject) => {
      calls.push({ tokens: Number(values[3]), answer: (t) => resolve({ rows: [{ tokens: t }] }), fail: reject });
    });
  return { calls, run };
}

const settle = () => new Promise((r) => setImmediate(r));

describe("the shared Hub bucket's takers", () => {
  it("go out at once alone, and those who arrive meanwhile share the next statement with the waits n statements would give", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const db = heldStatements();
      const limiter = postgresLimiter({ run: db.run, rate: 10, burst: 5 });
      const done: string[] = [];
      const take = (name: string) => limiter.take().then(() => done.push(name));
      void take("first");
      await settle();
      expect(db.calls.map((c) => c.tokens)).toEqual([1]);
      void take("a");
      void take("b");
      void take("c");
      await settle();
      // Still one statement in flight: the three wait for it.
      expect(db.calls.map((c) => c.tokens)).toEqual([1]);
      db.calls[0]!.answer(4);
      await settle();
      expect(db.calls.map((c) => c.tokens)).toEqual([1, 3]);
      // After the three the bucket is at -1.5: a holds the token at +0.5 (now), b -0.5 (50 ms), c -1.5 (150 ms).
      db.calls[1]!.answer(-1.5);
      await settle();
      expect(done).toEqual(["first", "a"]);
      await vi.advanceTimersByTimeAsync(50);
      expect(done).toEqual(["first", "a", "b"]);
      await vi.advanceTimersByTimeAsync(99);
      expect(done).toEqual(["first", "a", "b"]);
      await vi.advanceTimersByTimeAsync(1);
      expect(done).toEqual(["first", "a", "b", "c"]);
      expect(db.calls).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("serves at most MOST_TAKERS_AT_ONCE per statement, drops takers that gave up while waiting, and fails only the batch whose statement failed", async () => {
    const db = heldStatements();
    const limiter = postgresLimiter({ run: db.run, rate: 1000, burst: 1000 });
    const first = limiter.take();
    await settle();
    const gaveUp = new AbortController();
    const quitter = limiter.take(gaveUp.signal);
    const many = Array.from({ length: MOST_TAKERS_AT_ONCE + 1 }, () => limiter.take());
    gaveUp.abort(new Error("no longer needed"));
    db.calls[0]!.answer(999);
    await first;
    await expect(quitter).rejects.toThrow("no longer needed");
    await settle();
    expect(db.calls.map((c) => c.tokens)).toEqual([1, MOST_TAKERS_AT_ONCE]);
    db.calls[1]!.fail(new Error("connection lost"));
    const outcomes = await Promise.allSettled(many.slice(0, MOST_TAKERS_AT_ONCE));
    expect(outcomes.every((o) => o.status === "rejected" && (o.reason as Error).message === "connection lost")).toBe(true);
    await settle();
    expect(db.calls.map((c) => c.tokens)).toEqual([1, MOST_TAKERS_AT_ONCE, 1]);
    db.calls[2]!.answer(500);
    await expect(many[MOST_TAKERS_AT_ONCE]).resolves.toBeUndefined();
    // A taker whose signal has already ended asks nothing.
    await expect(limiter.take(AbortSignal.abort(new Error("too late")))).rejects.toThrow("too late");
    expect(db.calls).toHaveLength(3);
  });
});
