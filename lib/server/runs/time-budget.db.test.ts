import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeHub, type FakeHub } from "@/test-support/fake-hub/fake-hub";
import { getDb } from "@/lib/server/db/client";
import { executeRun, requestTrace } from "./runs";

/*
 * A run stops fetching when its wall-clock budget runs out: the request in flight ends, no
 * dataset is started, and the run finishes with what it has, saying why. Here the second
 * level links a paper whose server never answers (the client would wait 10 s per attempt).
 */

let hub: FakeHub;
let papers: http.Server;
const paperRequests: string[] = [];

beforeAll(async () => {
  hub = await startFakeHub({
    datasets: {
      "budget-test/top": { card: "# Top\nA subset of budget-test/mid, filtered for length.\n", info: { createdAt: "2024-06-01T00:00:00.000Z" } },
      "budget-test/mid": { card: "# Mid\nA subset of budget-test/low.\nSee https://arxiv.org/abs/2401.00002 for how it was built.\n", info: { createdAt: "2024-01-01T00:00:00.000Z" } },
      "budget-test/low": { card: "# Low\nWritten from scratch.\n", info: { createdAt: "2023-01-01T00:00:00.000Z" } },
    },
  });
  // Takes every request and never answers.
  papers = http.createServer((req) => void paperRequests.push(req.url ?? ""));
  await new Promise<void>((r) => papers.listen(0, "127.0.0.1", r));
  process.env.HF_ENDPOINT = hub.url;
  process.env.ARXIV_ENDPOINT = `http://127.0.0.1:${(papers.address() as AddressInfo).port}`;
  process.env.GITHUB_RAW_ENDPOINT = hub.url;
  delete process.env.ROOTLINE_ALLOWED_HOSTS;
  delete process.env.LINEAGE_MODEL;
});

afterAll(async () => {
  await hub?.close();
  papers?.closeAllConnections();
  await new Promise((r) => papers?.close(r));
});

describe("the run's time budget", () => {
  it("ends the fetch in flight when it runs out and finishes the run with what it has", async () => {
    const { run } = await requestTrace({ key: "budget-test/top", depth: 3 });
    const started = Date.now();
    const done = await executeRun(run.id, { timeBudgetMs: 3000 });
    const took = Date.now() - started;

    expect(paperRequests).toHaveLength(1);
    expect(took).toBeGreaterThanOrEqual(2900);
    expect(took).toBeLessThan(8000);
    expect(done).toMatchObject({ state: "SUCCEEDED", error: null });
    expect(done.counts).toMatchObject({ traced: 1, failed: 0, timeBudgetExhausted: 1, budgetExhausted: 0, untracedFrontier: 1 });
    expect(done.steps.at(-1)).toMatchObject({ agent: "run", message: "stopped: the run's time budget of 3 s ran out; 1 dataset is left for a later run" });
    expect(done.steps.some((s) => s.agent === "sourcing" && s.key === "budget-test/mid" && s.message === "stopped: the run's time budget of 3 s ran out")).toBe(true);

    // The first level is stored; the one cut short is left untraced (not failed, not traced from less than it links).
    const edge = await getDb().edge.findFirst({ where: { downstream: { keyNorm: "budget-test/top" } }, include: { upstream: true } });
    expect(edge?.upstream.key).toBe("budget-test/mid");
    expect((await getDb().dataset.findUniqueOrThrow({ where: { keyNorm: "budget-test/mid" } })).crawlState).toBe("UNTRACED");
    expect(await getDb().dataset.findUnique({ where: { keyNorm: "budget-test/low" } })).toBeNull();
  });
});
