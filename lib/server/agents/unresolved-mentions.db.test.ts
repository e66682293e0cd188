import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AggregateInput, UnresolvedMention } from "@/agents/pipeline/types";
import { startFakeHub, type FakeHub } from "@/test-support/fake-hub/fake-hub";
import { getDb } from "@/lib/server/db/client";
import { getDataset } from "@/lib/server/lineage/queries";
import { executeRun, requestTrace } from "@/lib/server/runs/runs";
import { createLineageStore } from "./store";

// A card naming two upstreams by Hub id: one the Hub has, one it answers 404 for (a typo).
const MIX = `# Mention mix

## Sources
- A subset of mention-org/real-set, filtered for quality.
- Built from mention-org/typo-set.
`;
// The extractor quotes the whole line, list marker included.
const TYPO_QUOTE = "- Built from mention-org/typo-set.";

const WORLD = {
  "mention-org/mix": { card: MIX, info: { createdAt: "2024-06-01T00:00:00.000Z" } },
  "mention-org/real-set": { card: "# Real\nWritten by hand.\n", info: { createdAt: "2023-01-01T00:00:00.000Z" } },
};

let hub: FakeHub;
// The same Hub after someone created the repo the card names.
let laterHub: FakeHub;

beforeAll(async () => {
  hub = await startFakeHub({ datasets: WORLD });
  laterHub = await startFakeHub({ datasets: { ...WORLD, "mention-org/typo-set": { card: "# Typo set\nWritten by hand.\n", info: { createdAt: "2023-02-01T00:00:00.000Z" } } } });
  for (const name of ["ARXIV_ENDPOINT", "GITHUB_RAW_ENDPOINT", "ROOTLINE_ALLOWED_HOSTS", "LINEAGE_MODEL"]) delete process.env[name];
});

afterAll(async () => {
  await hub?.close();
  await laterHub?.close();
});

async function traceMix(endpoint: string) {
  process.env.HF_ENDPOINT = endpoint;
  // A re-trace of a dataset the store holds (as a later run with fresh texts would do).
  await getDb().dataset.updateMany({ where: { keyNorm: "mention-org/mix" }, data: { crawlState: "UNTRACED" } });
  const { run } = await requestTrace({ key: "mention-org/mix", depth: 1 });
  const done = await executeRun(run.id);
  expect(done.state, done.error ?? "").toBe("SUCCEEDED");
  return done;
}

const mentionRows = () => getDb().unresolvedMention.findMany({ include: { dataset: { select: { key: true } } }, orderBy: { id: "asc" } });

describe("unresolved mentions", () => {
  it("keeps a Hub id the Hub answers 404 for as a mention with its quote, never as a node or an edge", async () => {
    const done = await traceMix(hub.url);
    const rows = await mentionRows();
    expect(rows.map((r) => ({ dataset: r.dataset.key, mention: r.mention, reason: r.reason, source: r.source, quote: r.quote, run: r.agentRunId }))).toEqual([
      { dataset: "mention-org/mix", mention: "mention-org/typo-set", reason: "NOT_ON_HUB", source: "CARD", quote: TYPO_QUOTE, run: done.id },
    ]);
    expect(rows[0]!.url).toMatch(/\/datasets\/mention-org\/mix\/blob\//);
    expect(await getDb().dataset.findUnique({ where: { keyNorm: "mention-org/typo-set" } })).toBeNull();
    const edges = await getDb().edge.findMany({ where: { downstream: { keyNorm: "mention-org/mix" } }, select: { upstream: { select: { key: true } } } });
    expect(edges.map((e) => e.upstream.key)).toEqual(["mention-org/real-set"]);

    // The read API hands them to the panel.
    const detail = await getDataset({ key: "mention-org/mix" });
    expect(detail.unresolvedMentions).toEqual([expect.objectContaining({ mention: "mention-org/typo-set", reason: "NOT_ON_HUB", quote: TYPO_QUOTE, source: "CARD", runId: done.id })]);
    expect((await getDataset({ key: "mention-org/real-set" })).unresolvedMentions).toEqual([]);
  });

  it("does not duplicate a mention when the dataset is traced again, and names the run that last found it", async () => {
    const [before] = await mentionRows();
    const again = await traceMix(hub.url);
    const rows = await mentionRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: before!.id, agentRunId: again.id, createdAt: before!.createdAt });
  });

  it("removes the mention once the id exists on the Hub and became an edge", async () => {
    await traceMix(laterHub.url);
    expect(await mentionRows()).toEqual([]);
    const edges = await getDb().edge.findMany({ where: { downstream: { keyNorm: "mention-org/mix" } }, select: { upstream: { select: { key: true } } } });
    expect(edges.map((e) => e.upstream.key).sort()).toEqual(["mention-org/real-set", "mention-org/typo-set"]);
  });
});

describe("aggregate's mentions", () => {
  const facts = (id: string) => ({ id, sha: "a".repeat(40), license: null, tags: [], createdAt: "2024-01-01T00:00:00.000Z", downloads: 0, likes: 0, paperUrl: null, homepageUrl: null, domains: [] });
  const mention = (text: string, quote: string): UnresolvedMention => ({ mention: text, reason: "not_on_hub", relation: "DIRECT_INCLUSION", source: "card", url: "https://example.org/card", quote });
  const input = (key: string, mentions: UnresolvedMention[], withFacts = true): AggregateInput => ({
    runId: null,
    key,
    facts: withFacts ? facts(key) : null,
    notOnHub: !withFacts,
    edges: [],
    upstreams: [],
    cleanings: [],
    mentions,
    terminal: { reason: "NO_SOURCES_FOUND", detail: "none" },
  });
  const count = (key: string) => getDb().unresolvedMention.count({ where: { dataset: { keyNorm: key } } });

  it("stores one row per name and quote (names compare without case), and a NUL never reaches the store", async () => {
    const store = createLineageStore();
    const result = await store.aggregate(
      input("agg-org/one", [mention("Typo/Set", "We took typo/set.\u0000"), mention("typo/set", "We took typo/set."), mention("typo/set", "Also typo/set again.")]),
    );
    expect(result.mentionsAdded).toBe(2);
    const rows = await getDb().unresolvedMention.findMany({ where: { dataset: { keyNorm: "agg-org/one" } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.mention, r.mentionNorm, r.quote])).toEqual([
      ["typo/set", "typo/set", "We took typo/set."],
      ["typo/set", "typo/set", "Also typo/set again."],
    ]);
  });

  it("leaves a dataset's mentions alone when the Hub no longer has it (nothing was read), and stores nothing for an id it never knew", async () => {
    const store = createLineageStore();
    await store.aggregate(input("agg-org/gone", [mention("x/y", "Built from x/y.")]));
    await store.aggregate(input("agg-org/gone", [], false));
    expect(await count("agg-org/gone")).toBe(1);
    expect(await store.aggregate(input("agg-org/never-seen", [mention("x/y", "Built from x/y.")], false))).toMatchObject({ mentionsAdded: 0 });
    expect(await getDb().dataset.findUnique({ where: { keyNorm: "agg-org/never-seen" } })).toBeNull();
  });

  it("goes with its dataset when the dataset is deleted", async () => {
    await getDb().dataset.delete({ where: { keyNorm: "agg-org/gone" } });
    expect(await count("agg-org/gone")).toBe(0);
  });
});
