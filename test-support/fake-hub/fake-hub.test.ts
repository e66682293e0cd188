import { datasetInfo, listDatasets, repoExists } from "@huggingface/hub";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardDataset, startFakeHub, type FakeDataset, type FakeHub } from "@/test-support/fake-hub/fake-hub";

const CARD = `---
license: cc-by-4.0
language:
- en
task_categories:
- question-answering
size_categories:
- 1K<n<10K
tags:
- math
---
# Card
`;

const datasets: Record<string, FakeDataset> = {
  "acme/Alpha-Math": cardDataset(CARD, { downloads: 30, likes: 1, createdAt: "2024-02-01T00:00:00.000Z" }),
  "acme/beta-code": cardDataset("# no front matter\n", { downloads: 10, likes: 9, createdAt: "2024-01-01T00:00:00.000Z" }),
  "other/alphabet": { card: "x", info: { downloads: 20, likes: 5, createdAt: "2024-03-01T00:00:00.000Z" } },
};

let hub: FakeHub;
beforeAll(async () => {
  hub = await startFakeHub({ datasets });
});
afterAll(async () => {
  await hub.close();
});

async function list(query: string): Promise<unknown[]> {
  const response = await fetch(`${hub.url}/api/datasets?${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }[]).map((d) => d.id);
}

describe("cardDataset", () => {
  it("derives cardData and prefixed tags from the front matter, letting explicit info win", () => {
    expect(cardDataset(CARD, { likes: 3 })).toEqual({
      card: CARD,
      info: {
        cardData: { license: "cc-by-4.0", language: ["en"], task_categories: ["question-answering"], size_categories: ["1K<n<10K"], tags: ["math"] },
        tags: ["task_categories:question-answering", "language:en", "license:cc-by-4.0", "size_categories:1K<n<10K", "math", "region:us"],
        likes: 3,
      },
    });
    expect(cardDataset(null).info).toEqual({ tags: ["region:us"] });
    expect(cardDataset(CARD, { tags: ["only"] }).info!.tags).toEqual(["only"]);
  });
});

describe("listing datasets", () => {
  it("matches a case-insensitive substring of the id, in insertion order without a sort", async () => {
    expect(await list("search=ALPHA")).toEqual(["acme/Alpha-Math", "other/alphabet"]);
    expect(await list("search=a-m")).toEqual(["acme/Alpha-Math"]);
    expect(await list("search=acme&author=OTHER")).toEqual([]);
  });

  it("sorts descending by default and ascending with direction=1", async () => {
    expect(await list("sort=downloads")).toEqual(["acme/Alpha-Math", "other/alphabet", "acme/beta-code"]);
    expect(await list("sort=downloads&direction=-1")).toEqual(["acme/Alpha-Math", "other/alphabet", "acme/beta-code"]);
    expect(await list("sort=likes&direction=1")).toEqual(["acme/Alpha-Math", "other/alphabet", "acme/beta-code"]);
    expect(await list("sort=createdAt&direction=1")).toEqual(["acme/beta-code", "acme/Alpha-Math", "other/alphabet"]);
  });

  it("filters by tag", async () => {
    expect(await list("filter=license:cc-by-4.0")).toEqual(["acme/Alpha-Math"]);
    expect(await list("filter=region:us")).toEqual(["acme/Alpha-Math", "acme/beta-code"]);
  });

  it("pages past 500 results with a Link header that @huggingface/hub follows", async () => {
    const many: Record<string, FakeDataset> = {};
    for (let i = 0; i < 1203; i++) many[`bulk/set-${String(i).padStart(4, "0")}`] = { card: "x" };
    const big = await startFakeHub({ datasets: many });
    try {
      const names: string[] = [];
      for await (const d of listDatasets({ search: { query: "set-" }, hubUrl: big.url })) names.push(d.name);
      expect(names).toEqual(Object.keys(many));
      expect(big.requests.filter((r) => r.startsWith("GET /api/datasets?"))).toHaveLength(3);
      const limited: string[] = [];
      for await (const d of listDatasets({ search: { query: "set-" }, limit: 7, hubUrl: big.url })) limited.push(d.name);
      expect(limited).toEqual(Object.keys(many).slice(0, 7));
    } finally {
      await big.close();
    }
  });
});

describe("dataset info", () => {
  it("answers the unpinned /api/datasets/{id} like the pinned form", async () => {
    const plain = await fetch(`${hub.url}/api/datasets/acme/Alpha-Math`);
    const pinned = await fetch(`${hub.url}/api/datasets/acme/Alpha-Math/revision/main`);
    expect(await plain.json()).toEqual(await pinned.json());
    expect(await repoExists({ repo: { type: "dataset", name: "acme/beta-code" }, hubUrl: hub.url })).toBe(true);
    expect(await repoExists({ repo: { type: "dataset", name: "acme/missing" }, hubUrl: hub.url })).toBe(false);
  });

  it("returns the card's front matter as cardData through the library", async () => {
    const info = await datasetInfo({ name: "acme/Alpha-Math", hubUrl: hub.url, additionalFields: ["cardData", "tags"] });
    expect(info.cardData).toMatchObject({ license: "cc-by-4.0" });
    expect(info.tags).toContain("license:cc-by-4.0");
  });
});

describe("latency", () => {
  it("holds every answer back by latencyMs", async () => {
    const slow = await startFakeHub({ datasets, latencyMs: 400 });
    try {
      // A client deadline well under the latency must expire; without latency the same call succeeds.
      await expect(fetch(`${slow.url}/api/datasets/acme/beta-code`, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
      expect((await fetch(`${hub.url}/api/datasets/acme/beta-code`, { signal: AbortSignal.timeout(2000) })).status).toBe(200);
      expect((await fetch(`${slow.url}/api/datasets/acme/beta-code`)).status).toBe(200);
      expect(slow.requests).toHaveLength(2);
    } finally {
      await slow.close();
    }
  });
});
