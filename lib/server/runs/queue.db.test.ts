import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeHub, type FakeHub } from "@/test-support/fake-hub/fake-hub";
import { getDb } from "@/lib/server/db/client";
import { enqueueRun, startWorker, stopQueue } from "./queue";
import { getRun, requestTrace } from "./runs";

let hub: FakeHub;
let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  hub = await startFakeHub({
    datasets: {
      "q-test/child": { card: "# Child\nA subset of q-test/parent, filtered for length.\n", info: { createdAt: "2024-01-01T00:00:00.000Z" } },
      "q-test/parent": { card: "# Parent\nWritten from scratch.\n", info: { createdAt: "2023-01-01T00:00:00.000Z" } },
    },
  });
  process.env.HF_ENDPOINT = hub.url;
  process.env.ROOTLINE_ALLOWED_HOSTS = new URL(hub.url).host;
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

describe("the run queue (pg-boss on the lineage database)", () => {
  it("takes a queued run to a worker, which traces it", async () => {
    stop = await startWorker({ concurrency: 1 });
    const { run } = await requestTrace({ key: "q-test/child", depth: 1 });
    await enqueueRun(run.id);
    const finished = await until(() => getRun({ id: run.id }), (r) => r.state === "SUCCEEDED" || r.state === "FAILED");
    expect(finished.state).toBe("SUCCEEDED");
    const edge = await getDb().edge.findFirst({ where: { downstream: { keyNorm: "q-test/child" } }, include: { upstream: true } });
    expect(edge?.upstream.key).toBe("q-test/parent");
    expect(edge?.relation).toBe("DIRECT_INCLUSION");
  });
});
