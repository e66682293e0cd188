import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeHub, type FakeHub } from "@/test-support/fake-hub/fake-hub";
import { MAX_RUN_DEFERRALS } from "@/lib/limits";
import { getDb } from "@/lib/server/db/client";
import { enqueueRun, startWorker, stopQueue } from "./queue";
import { executeRun, getRun, requestTrace } from "./runs";

/*
 * A Hub answering 429 with a long Retry-After does not hold a worker: the run goes back to the
 * queue for the time asked, keeps what it did, and a later execution finishes it. The fake Hub
 * stands in for the Hub; pg-boss runs on the test database.
 */

const sha = (id: string) => createHash("sha1").update(id).digest("hex");
const HOUR = 3600_000;
const WAITING = /^waiting for the Hub until \d\d:\d\d UTC \(asked to wait 3600 s\)$/;

let hub: FakeHub;
let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  hub = await startFakeHub({
    datasets: {
      "wait-test/busy": { card: "# Busy\nA subset of wait-test/parent, filtered for length.\n", info: { createdAt: "2024-01-01T00:00:00.000Z" } },
      "wait-test/parent": { card: "# Parent\nWritten from scratch.\n", info: { createdAt: "2023-01-01T00:00:00.000Z" } },
      "wait-test/free": { card: "# Free\nWritten from scratch.\n" },
      "wait-test/mix": { card: "# Mix\nA subset of wait-test/part, filtered for length.\n", info: { createdAt: "2024-06-01T00:00:00.000Z" } },
      "wait-test/part": { card: "# Part\nA subset of wait-test/root, deduplicated.\n", info: { createdAt: "2024-01-01T00:00:00.000Z" } },
      "wait-test/root": { card: "# Root\nWritten from scratch.\n", info: { createdAt: "2023-01-01T00:00:00.000Z" } },
      "wait-test/stubborn": { card: "# Stubborn\nWritten from scratch.\n" },
    },
    faults: {
      // The first request for the dataset: its Hub facts.
      "wait-test/busy": { status: 429, retryAfter: "3600" },
      // Only the card of the second level, so the first level is done before the Hub says wait.
      [`/datasets/wait-test/part/resolve/${sha("wait-test/part")}/README.md`]: { status: 429, retryAfter: "3600" },
      "wait-test/stubborn": { status: 429, retryAfter: "3600", times: Infinity },
    },
  });
  process.env.HF_ENDPOINT = hub.url;
  process.env.ROOTLINE_ALLOWED_HOSTS = new URL(hub.url).host;
  delete process.env.LINEAGE_MODEL;
});

afterAll(async () => {
  await stop?.();
  await stopQueue();
  await hub?.close();
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

type JobRow = { id: string; state: string; start_after: Date };
const jobsOf = (runId: string) =>
  getDb().$queryRaw<JobRow[]>`SELECT id::text AS id, state::text AS state, start_after FROM pgboss.job WHERE name = 'trace-run' AND data->>'runId' = ${runId} ORDER BY created_on`;

async function edgesFrom(key: string) {
  return getDb().edge.findMany({ where: { downstream: { keyNorm: key } }, include: { upstream: { select: { key: true } }, evidence: true } });
}

describe("a Hub that asks for a long wait", () => {
  it("puts the run back in the queue for later, frees the worker, and a later execution completes it", async () => {
    stop = await startWorker({ concurrency: 1 });
    const { run } = await requestTrace({ key: "wait-test/busy", depth: 1 });
    const asked = Date.now();
    await enqueueRun(run.id);

    // The job ended (completed, not failed) and a new one waits for the time the Hub asked.
    const jobs = await until(() => jobsOf(run.id), (j) => j.length === 2 && j[0]!.state === "completed");
    expect(jobs.map((j) => j.state)).toEqual(["completed", "created"]);
    const waiting = await getRun({ id: run.id });
    expect(waiting.state).toBe("QUEUED");
    expect(waiting.error).toMatch(WAITING);
    expect(waiting.steps.at(-1)).toMatchObject({ agent: "run", message: waiting.error });
    expect(waiting.steps.some((s) => s.agent === "sourcing" && s.message === "stopped: the Hub asked us to wait 3600 s (HTTP 429)")).toBe(true);
    expect(waiting.counts.deferrals).toBe(1);
    expect(waiting.counts.notBefore).toBeGreaterThanOrEqual(asked + HOUR - 1000);
    expect(waiting.counts.notBefore).toBeLessThanOrEqual(Date.now() + HOUR);
    expect(Math.abs(jobs[1]!.start_after.getTime() - waiting.counts.notBefore!)).toBeLessThan(5_000);
    expect(waiting.finishedAt).toBeNull();
    // Nothing about the dataset was recorded as failed.
    expect((await getDb().dataset.findUnique({ where: { keyNorm: "wait-test/busy" } }))?.crawlState ?? "UNTRACED").not.toBe("FAILED");

    // The only worker slot is free: another run is traced while this one waits.
    const other = await requestTrace({ key: "wait-test/free", depth: 1 });
    await enqueueRun(other.run.id);
    expect((await until(() => getRun({ id: other.run.id }), (r) => r.state === "SUCCEEDED" || r.state === "FAILED")).state).toBe("SUCCEEDED");
    expect((await getRun({ id: run.id })).state).toBe("QUEUED");

    // The time comes (an hour, brought forward): the queue hands the run out again and it finishes.
    await getDb().$executeRaw`UPDATE pgboss.job SET start_after = now() WHERE id = ${jobs[1]!.id}::uuid`;
    const done = await until(() => getRun({ id: run.id }), (r) => r.state === "SUCCEEDED" || r.state === "FAILED");
    expect(done).toMatchObject({ state: "SUCCEEDED", error: null });
    expect(done.counts).toMatchObject({ traced: 1, deferrals: 1 });
    expect(done.counts).not.toHaveProperty("notBefore");
    expect(done.steps.some((s) => WAITING.test(s.message))).toBe(true);
    expect((await edgesFrom("wait-test/busy")).map((e) => e.upstream.key)).toEqual(["wait-test/parent"]);
  });

  it("keeps what the run traced before the wait, and the resumed run neither reads nor writes it again", async () => {
    const { run } = await requestTrace({ key: "wait-test/mix", depth: 2 });
    const first = await executeRun(run.id);
    expect(first).toMatchObject({ state: "QUEUED", error: expect.stringMatching(WAITING) });
    expect(first.counts).toMatchObject({ traced: 1, deferrals: 1 });
    const mixEdges = await edgesFrom("wait-test/mix");
    expect(mixEdges.map((e) => e.upstream.key)).toEqual(["wait-test/part"]);
    expect((await getDb().dataset.findUniqueOrThrow({ where: { keyNorm: "wait-test/mix" } })).crawlState).toBe("TRACED");
    expect((await getDb().dataset.findUniqueOrThrow({ where: { keyNorm: "wait-test/part" } })).crawlState).toBe("UNTRACED");
    const mixCardReads = hub.requests.filter((r) => r.includes("/wait-test/mix/resolve/")).length;
    const edgeCount = await getDb().edge.count();

    const second = await executeRun(run.id);
    expect(second).toMatchObject({ state: "SUCCEEDED", error: null });
    expect(second.counts).toMatchObject({ traced: 2, deferrals: 1, levels: 2 });
    // The first level came from the store: its card was not read again, its edge not written twice.
    expect(hub.requests.filter((r) => r.includes("/wait-test/mix/resolve/")).length).toBe(mixCardReads);
    const again = await edgesFrom("wait-test/mix");
    expect(again.map((e) => [e.id, e.evidence.length])).toEqual(mixEdges.map((e) => [e.id, e.evidence.length]));
    expect((await edgesFrom("wait-test/part")).map((e) => e.upstream.key)).toEqual(["wait-test/root"]);
    expect(await getDb().edge.count()).toBe(edgeCount + 1);
    // The steps of both executions are there, in order.
    const messages = second.steps.map((s) => `${s.agent}:${s.key}`);
    expect(messages.indexOf("aggregation:wait-test/mix")).toBeLessThan(messages.lastIndexOf("aggregation:wait-test/part"));
  });

  it(`fails the run with a plain message once it has waited ${MAX_RUN_DEFERRALS} times`, async () => {
    const { run } = await requestTrace({ key: "wait-test/stubborn", depth: 1 });
    for (let i = 1; i <= MAX_RUN_DEFERRALS; i++) {
      const view = await executeRun(run.id);
      expect([view.state, view.counts.deferrals]).toEqual(["QUEUED", i]);
    }
    const failed = await executeRun(run.id);
    expect(failed.state).toBe("FAILED");
    expect(failed.error).toBe(`the Hub kept asking us to wait (asked to wait 3600 s after ${MAX_RUN_DEFERRALS} waits already); the run gave up. Request the trace again later.`);
    expect(failed.finishedAt).not.toBeNull();
    expect(failed.steps.at(-1)!.message).toBe(`run failed: ${failed.error}`);
    expect((await getDb().dataset.findUnique({ where: { keyNorm: "wait-test/stubborn" } }))?.crawlState ?? "UNTRACED").not.toBe("FAILED");
  });

  it("joins a run that waits for the Hub, and replaces one nobody took up after its time", async () => {
    const db = getDb();
    const base = { model: "rules", depth: 1, nodeBudget: 1, state: "QUEUED" as const, error: "waiting for the Hub until 12:00 UTC (asked to wait 3600 s)" };
    const later = await db.agentRun.create({ data: { ...base, id: "00000000-0000-4000-8000-0000000a1a7e", targetKey: "wait-test/later", seeds: ["wait-test/later"], counts: { deferrals: 1, notBefore: Date.now() + HOUR } } });
    expect(await requestTrace({ key: "wait-test/later" })).toMatchObject({ shared: true, run: { id: later.id } });

    const lost = await db.agentRun.create({ data: { ...base, id: "00000000-0000-4000-8000-00000000105e", targetKey: "wait-test/lost", seeds: ["wait-test/lost"], counts: { deferrals: 1, notBefore: Date.now() - HOUR } } });
    const fresh = await requestTrace({ key: "wait-test/lost" });
    expect(fresh.shared).toBe(false);
    expect(fresh.run.id).not.toBe(lost.id);
    expect(await getRun({ id: lost.id })).toMatchObject({ state: "FAILED", error: expect.stringMatching(/not taken up again after waiting for the Hub/) });
  });
});
