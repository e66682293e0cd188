import "server-only";

/**
 * The agents' LineageStore on the real database: aliases, the source-text cache, crawl state,
 * and aggregation as one transaction per dataset through the same writers imports use (so
 * agent edges get the same dedupe, cycle and review rules).
 */
import type { AggregateInput, AggregateResult, CachedText, LineageStore } from "@/agents/pipeline/types";
import { buildAliasMap } from "@/agents/tracing/alias-map";
import { bundledAliasMap } from "@/agents/tracing/bundled-names";
import { namePart } from "@/agents/tracing/names";
import { getDb } from "@/lib/server/db/client";
import { writeLicences } from "@/lib/server/licences/licences";
import { replaceMentions } from "@/lib/server/agents/mentions";
import { writeDecontaminations } from "@/lib/server/lineage/decontamination";
import { mergeEdges, upsertNodes, writeTransaction, type EdgeInput, type NodeInput } from "@/lib/server/lineage/write";
import { normalizeKey, parseKey } from "@/lib/keys";
import type { EvidenceSource } from "@/lib/lineage/types";


const EVIDENCE_SOURCE: Record<string, EvidenceSource> = { card: "CARD", paper: "PAPER", github: "GITHUB", blog: "BLOG" };

export function createLineageStore(options: { actor?: string } = {}): LineageStore {
  const db = () => getDb();
  return {
    async aliasMap() {
      const hubRows = await db().dataset.findMany({ where: { scheme: "HUB" }, select: { key: true } });
      const aliases = await db().alias.findMany({ select: { alias: true, dataset: { select: { key: true } } } });
      // The names Rootline ships with (the seed's) under the store's own: a store that was
      // never seeded still reads "GSM8K" as the dataset extract and the evaluation read.
      return bundledAliasMap({
        map: buildAliasMap(
          hubRows.map((r) => r.key),
          aliases.map((a) => ({ alias: a.alias, key: a.dataset.key })),
        ),
      });
    },

    async cachedText(url, revision, maxAgeMs): Promise<CachedText | null> {
      const row = await db().sourceText.findUnique({ where: { url_revision: { url, revision } } });
      if (!row) return null;
      if (maxAgeMs !== null && Date.now() - row.fetchedAt.getTime() > maxAgeMs) return null;
      // A failed fetch (5xx, timeout) is not remembered as an answer; a 404 is.
      return { status: row.status, text: row.text };
    },

    async cacheText(entry) {
      if (entry.status >= 500) return;
      await db().sourceText.upsert({
        where: { url_revision: { url: entry.url, revision: entry.revision } },
        create: { ...entry },
        update: { status: entry.status, text: entry.text, kind: entry.kind, fetchedAt: new Date() },
      });
    },

    async crawlState(key) {
      // One statement, asked before every dataset of a crawl: the state, and (only for a dataset
      // already traced, the one case the caller uses them) the Hub sources it was traced with.
      const rows = await db().$queryRaw<{ state: string; upstreams: string[] }[]>`
        SELECT d.crawl_state::text AS state,
               coalesce(array_agg(u.key ORDER BY e.id) FILTER (WHERE u.id IS NOT NULL), '{}') AS upstreams
        FROM dataset d
        LEFT JOIN edge e ON e.downstream_id = d.id AND e.status <> 'REJECTED' AND d.crawl_state IN ('TRACED', 'TERMINAL')
        LEFT JOIN dataset u ON u.id = e.upstream_id AND u.scheme = 'HUB' AND u.hub_presence <> 'MISSING'
        WHERE d.key_norm = ${normalizeKey(key)}
        GROUP BY d.id`;
      return rows[0] ?? null;
    },

    aggregate: (input) => aggregate(input, options.actor ?? null),

    async markFailed(key, message) {
      // Only a dataset the store already holds: a failure (the Hub unreachable) proves nothing exists.
      await db().dataset.updateMany({ where: { keyNorm: normalizeKey(key) }, data: { crawlState: "FAILED", terminalDetail: message.slice(0, 500) } });
    },
  };
}

const NOTHING_STORED: AggregateResult = { edgesCreated: 0, edgesUpdated: 0, evidenceAdded: 0, nodesCreated: 0, cleaningsAdded: 0, mentionsAdded: 0, skipped: [], next: [] };

async function aggregate(input: AggregateInput, actor: string | null): Promise<AggregateResult> {
  return writeTransaction(async (tx) => {
    const { facts, terminal } = input;
    // A dataset is stored when the Hub confirms it (or an import named it): a mistyped id the
    // Hub has never heard of leaves no node behind. One the store knew is marked missing.
    if (!facts && !(await tx.dataset.findUnique({ where: { keyNorm: normalizeKey(input.key) }, select: { id: true } }))) return NOTHING_STORED;
    const target: NodeInput = facts
      ? {
          key: facts.id,
          displayName: namePart(facts.id),
          hubPresence: "EXISTS",
          hubDownloads: facts.downloads,
          hubLikes: facts.likes,
          hubCreatedAt: facts.createdAt ? new Date(facts.createdAt) : null,
          license: facts.license,
          tags: facts.tags.slice(0, 50),
          paperUrl: facts.paperUrl,
          homepageUrl: facts.homepageUrl,
          cardRevision: facts.sha,
          domains: facts.domains,
        }
      : { key: input.key, hubPresence: "MISSING" };
    // Hub facts are a fresh observation: they replace older ones.
    const targetIds = await upsertNodes(tx, [target], { overwrite: true });
    // The card's declared licence (cardData.license, else a license: tag), as the Hub states it.
    if (facts) {
      const declared = [facts.license, ...facts.tags.filter((t) => t.startsWith("license:")).map((t) => t.slice("license:".length))].filter((l): l is string => !!l);
      await writeLicences(tx, declared.map((raw) => ({ key: facts.id, raw, source: "HUB" as const, url: `https://huggingface.co/datasets/${facts.id}`, locator: facts.sha ? `card@${facts.sha.slice(0, 12)}` : null })), { nodeIds: targetIds });
    }
    await tx.dataset.update({
      where: { keyNorm: normalizeKey(input.key) },
      data: { crawlState: terminal ? "TERMINAL" : "TRACED", crawledAt: new Date(), terminalReason: terminal?.reason ?? null, terminalDetail: terminal?.detail ?? null },
    });

    const upstreamNodes: NodeInput[] = input.upstreams.map((u) => {
      const hub = parseKey(u.key)?.scheme === "HUB";
      const missing = hub && u.onHub === false;
      return {
        key: u.key,
        displayName: u.name,
        kind: hub ? null : "EXTERNAL",
        hubPresence: !hub ? null : u.onHub === true ? "EXISTS" : missing ? "MISSING" : null,
        hubCreatedAt: u.createdAt ? new Date(u.createdAt) : null,
        // Sources with no Hub repo have no card to read: the walk ends there, and says why.
        crawlState: !hub || missing ? "TERMINAL" : null,
        terminalReason: !hub || missing ? "NOT_ON_HUB" : null,
      };
    });
    const upstreamIds = await upsertNodes(tx, upstreamNodes);

    const edges: EdgeInput[] = input.edges.map((e) => ({
      upstream: e.upstream,
      downstream: input.key,
      relation: e.relation,
      confidence: e.confidence,
      split: e.split,
      origin: "AGENT",
      actor,
      agentRunId: input.runId,
      evidence: e.evidence.map((ev) => ({ source: EVIDENCE_SOURCE[ev.source] ?? "WEBSITE", url: ev.url, quote: ev.quote })),
    }));
    const merged = await mergeEdges(tx, edges);
    const cleaningsAdded = await writeDecontaminations(
      tx,
      input.cleanings.map((c) => ({ dataset: input.key, target: c.key, kind: c.kind, source: EVIDENCE_SOURCE[c.source] ?? "WEBSITE", url: c.url, quote: c.quote, origin: "AGENT", agentRunId: input.runId })),
    );
    // Only a trace that read the texts knows what they mention now; one of a dataset the Hub no
    // longer has read nothing, and leaves what earlier traces found.
    const mentions = facts ? await replaceMentions({ tx, datasetId: targetIds.get(normalizeKey(input.key))!, mentions: input.mentions, runId: input.runId }) : { added: 0 };
    const next = input.upstreams.filter((u) => parseKey(u.key)?.scheme === "HUB" && u.onHub !== false).map((u) => u.key);
    return {
      edgesCreated: merged.created,
      edgesUpdated: merged.updated,
      evidenceAdded: merged.evidenceAdded,
      nodesCreated: targetIds.created + upstreamIds.created,
      cleaningsAdded,
      mentionsAdded: mentions.added,
      skipped: merged.skipped.map((s) => ({ upstream: s.upstream, reason: s.reason })),
      next,
    };
  });
}
