import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Extractor } from "@/agents/extraction/extractor";
import { AppError } from "@/lib/errors";
import { startFakeHub, type FakeHub } from "@/test-support/fake-hub/fake-hub";
import { failureMessage } from "@/lib/runs/outcome";
import { getDb } from "@/lib/server/db/client";
import { executeRun, getRun, requestTrace, runToShowFor } from "./runs";

// How a run ends when its target is not on the Hub, or the Hub cannot be reached: two
// different terminal answers, each in plain words, and neither leaves anything stored.

let hub: FakeHub;
let closedPort: string;

/** An address on this machine where nothing listens: connections are refused at once. */
async function refusingEndpoint(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  hub = await startFakeHub({ datasets: { "outcome-org/real": { card: "# Real\nWritten by hand.\n", info: { createdAt: "2023-01-01T00:00:00.000Z" } } } });
  closedPort = await refusingEndpoint();
  process.env.HF_ENDPOINT = hub.url;
  for (const name of ["ARXIV_ENDPOINT", "GITHUB_RAW_ENDPOINT", "ROOTLINE_ALLOWED_HOSTS", "LINEAGE_MODEL"]) delete process.env[name];
});

afterAll(async () => {
  await hub?.close();
});

async function withHubAt<T>(endpoint: string, work: () => Promise<T>): Promise<T> {
  const before = process.env.HF_ENDPOINT;
  process.env.HF_ENDPOINT = endpoint;
  try {
    return await work();
  } finally {
    process.env.HF_ENDPOINT = before;
  }
}

describe("a trace whose target the Hub does not have", () => {
  it("ends FAILED as not_on_hub with the plain message, stores nothing, and is not retried", async () => {
    const { run } = await requestTrace({ key: "outcome-org/No-Such-Set" });
    // Even on a first attempt the queue would retry: the Hub's 404 is an answer, not a hiccup.
    const done = await executeRun(run.id, { lastAttempt: false });
    expect(done).toMatchObject({ state: "FAILED", failureKind: "NOT_ON_HUB", error: failureMessage({ kind: "NOT_ON_HUB", key: "outcome-org/No-Such-Set" }) });
    expect(done.error).toBe("No dataset “outcome-org/No-Such-Set” on the Hugging Face Hub. Check the spelling; ids are owner/name.");
    expect(done.finishedAt).not.toBeNull();
    expect(done.steps.at(-1)!.message).toBe(`run failed: ${done.error}`);
    expect(await getDb().dataset.findUnique({ where: { keyNorm: "outcome-org/no-such-set" } })).toBeNull();
    expect(await getRun({ id: run.id })).toMatchObject({ state: "FAILED", failureKind: "NOT_ON_HUB" });
  });

  it("marks one the store knew as missing, and still says it is not on the Hub", async () => {
    await getDb().dataset.create({ data: { key: "outcome-org/was-there", keyNorm: "outcome-org/was-there", scheme: "HUB", displayName: "was-there" } });
    const done = await executeRun((await requestTrace({ key: "outcome-org/was-there" })).run.id);
    expect(done).toMatchObject({ state: "FAILED", failureKind: "NOT_ON_HUB" });
    expect(await getDb().dataset.findUniqueOrThrow({ where: { keyNorm: "outcome-org/was-there" } })).toMatchObject({ hubPresence: "MISSING", crawlState: "TERMINAL", terminalReason: "NOT_ON_HUB" });
  });
});

describe("a trace when the Hub cannot be reached", () => {
  it("is retried while attempts remain, then ends FAILED as hub_unreachable in plain words, without the endpoint's address", async () => {
    const { run } = await requestTrace({ key: "outcome-org/real" });
    await withHubAt(closedPort, async () => {
      await expect(executeRun(run.id, { lastAttempt: false })).rejects.toThrow();
      expect(await getRun({ id: run.id })).toMatchObject({ state: "QUEUED", failureKind: null });
      const failed = await executeRun(run.id, { lastAttempt: true });
      expect(failed).toMatchObject({ state: "FAILED", failureKind: "HUB_UNREACHABLE", error: failureMessage({ kind: "HUB_UNREACHABLE", key: "outcome-org/real" }) });
      expect(failed.error).toMatch(/^Could not reach the Hugging Face Hub to read “outcome-org\/real”\. .*try again later\.$/);
      const port = new URL(closedPort).port;
      for (const text of [failed.error!, ...failed.steps.map((s) => s.message)]) expect(text).not.toContain(`127.0.0.1:${port}`);
      // The technical reason stays in the step of the agent that met it.
      expect(failed.steps.some((s) => s.agent === "sourcing" && /^failed: Could not reach the Hub .*no answer/.test(s.message))).toBe(true);
    });
    expect(await getDb().dataset.findUnique({ where: { keyNorm: "outcome-org/real" } })).toBeNull();
  });

  it("a failure that is not the Hub's (the model) has no failure kind, even with the same error code", async () => {
    const broken: Extractor = {
      id: "broken-model",
      extract: async () => {
        throw new AppError("unavailable", "The model broken-model failed: out of credit");
      },
    };
    const { run } = await requestTrace({ key: "outcome-org/real", depth: 1 });
    const failed = await executeRun(run.id, { extractor: broken });
    expect(failed).toMatchObject({ state: "FAILED", failureKind: null, error: "The model broken-model failed: out of credit" });
  });

  it("a later success clears the kind of the earlier attempt", async () => {
    const { run } = await requestTrace({ key: "outcome-org/real", depth: 1 });
    await withHubAt(closedPort, () => expect(executeRun(run.id, { lastAttempt: false })).rejects.toThrow());
    const done = await executeRun(run.id);
    expect(done).toMatchObject({ state: "SUCCEEDED", failureKind: null, error: null });
  });
});

describe("runToShowFor (the page of an id the store does not hold)", () => {
  it("shows the last run when it failed, a run under way before it, and nothing after a success", async () => {
    expect(await runToShowFor({ key: "outcome-org/never-asked" })).toBeNull();
    expect(await runToShowFor({ key: "OUTCOME-ORG/no-such-set" })).toMatchObject({ state: "FAILED", failureKind: "NOT_ON_HUB" });
    const { run: queued } = await requestTrace({ key: "outcome-org/no-such-set" });
    expect(await runToShowFor({ key: "outcome-org/no-such-set" })).toMatchObject({ id: queued.id, state: "QUEUED" });
    await getDb().agentRun.update({ where: { id: queued.id }, data: { state: "SUCCEEDED", finishedAt: new Date() } });
    expect(await runToShowFor({ key: "outcome-org/no-such-set" })).toBeNull();
  });
});
