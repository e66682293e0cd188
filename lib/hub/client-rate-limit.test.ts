import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHubFetch } from "./client";
import { startFakeHub, type FakeHub } from "@/test-support/fake-hub/fake-hub";
import type { HubRateLimiter } from "./rate-limit/token-bucket";

let hub: FakeHub;
let other: FakeHub;

beforeAll(async () => {
  hub = await startFakeHub({ datasets: { "o/a": { card: "# A\n" } }, faults: { "/api/datasets/o/a/revision/main": "500" } });
  other = await startFakeHub({ datasets: {} });
});
afterAll(async () => {
  await hub?.close();
  await other?.close();
});

describe("the Hub client's rate limit", () => {
  it("takes a token for every request to the Hub, retries included, and none for other hosts", async () => {
    let taken = 0;
    const counting: HubRateLimiter = { take: async () => void taken++ };
    const fetch = createHubFetch({ hubUrl: hub.url, allowedHosts: [new URL(other.url).host], trustedHosts: ["127.0.0.1"], rateLimit: counting, baseDelayMs: 1 });
    // The first answer is a 500: the retry is a second request, and takes a second token.
    expect((await fetch(`${hub.url}/api/datasets/o/a/revision/main`)).status).toBe(200);
    expect(taken).toBe(2);
    await (await fetch(`${other.url}/api/datasets`)).arrayBuffer();
    expect(taken).toBe(2);
  });
});
