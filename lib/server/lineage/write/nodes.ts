import "server-only";
import { storableFields } from "@/lib/lineage-io/storable-text";
import { displayNameFor, parseKey, type KeyScheme } from "@/lib/keys";
import type {
  CrawlState,
  Domain,
  GenerationMethod,
  HubPresence,
  NodeKind,
  TerminalReason,
} from "@/lib/server/generated/prisma/enums";
import { checkedKey, chunks, lockGraph, sameValue, type Tx } from "./transaction";

/** Nodes: one per key (case-insensitive), facts filled in, never replaced by nothing. */

// Nodes

export type NodeInput = {
  key: string;
  displayName?: string | null;
  kind?: NodeKind | null;
  domains?: Domain[] | null;
  generation?: GenerationMethod | null;
  hubPresence?: HubPresence | null;
  hubDownloads?: number | null;
  hubLikes?: number | null;
  hubCreatedAt?: Date | null;
  releaseMonth?: string | null;
  license?: string | null;
  sizeCategory?: string | null;
  tags?: string[] | null;
  paperUrl?: string | null;
  homepageUrl?: string | null;
  cardRevision?: string | null;
  crawlState?: CrawlState | null;
  terminalReason?: TerminalReason | null;
  terminalDetail?: string | null;
};

/** keyNorm → id of every node in the batch, with what the batch did to the store. */
export class NodeIds extends Map<string, number> {
  created = 0;
  updated = 0;
  unchanged = 0;
}

type NodeFacts = Omit<Required<{ [K in keyof NodeInput]: Exclude<NodeInput[K], undefined> }>, "key" | "displayName">;

/** Which value of a field counts as "nothing known": it may be filled, never used to overwrite. */
const EMPTY: { [K in keyof NodeFacts]: (value: NodeFacts[K]) => boolean } = {
  kind: (v) => v === null || v === "DATASET",
  domains: (v) => v === null || v.length === 0,
  generation: (v) => v === null,
  hubPresence: (v) => v === null || v === "UNKNOWN",
  hubDownloads: (v) => v === null,
  hubLikes: (v) => v === null,
  hubCreatedAt: (v) => v === null,
  releaseMonth: (v) => v === null || v === "",
  license: (v) => v === null || v === "",
  sizeCategory: (v) => v === null || v === "",
  tags: (v) => v === null || v.length === 0,
  paperUrl: (v) => v === null || v === "",
  homepageUrl: (v) => v === null || v === "",
  cardRevision: (v) => v === null || v === "",
  crawlState: (v) => v === null || v === "UNTRACED",
  terminalReason: (v) => v === null,
  terminalDetail: (v) => v === null || v === "",
};
const FACT_FIELDS = Object.keys(EMPTY) as (keyof NodeFacts)[];

/** Only the fields an input actually says something about. */
type KnownFacts = { [K in keyof NodeFacts]?: NonNullable<NodeFacts[K]> };

type NormalisedNode = { key: string; keyNorm: string; scheme: KeyScheme; defaultName: string; displayName: string | null; facts: KnownFacts };

function normaliseNode(raw: NodeInput): NormalisedNode {
  const input = storableFields(raw);
  const checked = checkedKey(input.key);
  const facts: KnownFacts = {};
  for (const field of FACT_FIELDS) {
    const value = input[field] ?? null;
    if (!(EMPTY[field] as (v: unknown) => boolean)(value)) (facts as Record<string, unknown>)[field] = value;
  }
  const displayName = input.displayName?.trim() || null;
  return { ...checked, displayName, facts };
}

/**
 * The fields of `row` that `incoming` changes: empty fields are filled; with `overwrite`
 * (a fresh observation, e.g. Hub metadata) known fields are replaced too, but never by
 * nothing. Null when nothing changes.
 */
function nodeChanges(
  row: { key: string; displayName: string } & NodeFacts,
  incoming: NormalisedNode,
  overwrite: boolean,
): Partial<NodeFacts & { displayName: string }> | null {
  const changes: Partial<NodeFacts & { displayName: string }> = {};
  for (const field of FACT_FIELDS) {
    const value = incoming.facts[field];
    if (value === undefined) continue;
    const current = row[field];
    const empty = (EMPTY[field] as (v: unknown) => boolean)(current);
    if ((empty || overwrite) && !sameValue(current, value)) (changes as Record<string, unknown>)[field] = value;
  }
  const defaultName = displayNameFor(parseKey(row.key)!);
  if (incoming.displayName && incoming.displayName !== row.displayName && (overwrite || row.displayName === defaultName)) {
    changes.displayName = incoming.displayName;
  }
  return Object.keys(changes).length ? changes : null;
}

/**
 * Insert missing nodes and fill what existing ones lack. A few statements per batch
 * whatever its size. Duplicate keys in the batch (in any casing) are one node; the first
 * casing seen becomes its key.
 */
export async function upsertNodes(tx: Tx, nodes: NodeInput[], options: { overwrite?: boolean } = {}): Promise<NodeIds> {
  const result = new NodeIds();
  const batch = new Map<string, NormalisedNode>();
  for (const input of nodes) {
    const node = normaliseNode(input);
    const seen = batch.get(node.keyNorm);
    if (!seen) batch.set(node.keyNorm, node);
    else {
      for (const field of FACT_FIELDS) if (seen.facts[field] === undefined && node.facts[field] !== undefined) (seen.facts as Record<string, unknown>)[field] = node.facts[field];
      seen.displayName ??= node.displayName;
    }
  }
  if (!batch.size) return result;
  await lockGraph(tx);
  const now = new Date();
  for (const chunk of chunks([...batch.values()], 5000)) {
    const existing = await tx.dataset.findMany({ where: { keyNorm: { in: chunk.map((n) => n.keyNorm) } } });
    const updates: Record<string, unknown>[] = [];
    for (const row of existing) {
      result.set(row.keyNorm, row.id);
      const changes = nodeChanges(row, batch.get(row.keyNorm)!, options.overwrite ?? false);
      if (!changes) {
        result.unchanged += 1;
        continue;
      }
      const merged = { ...row, ...changes };
      updates.push({
        id: row.id,
        display_name: merged.displayName,
        kind: merged.kind,
        domains: merged.domains,
        generation: merged.generation,
        hub_presence: merged.hubPresence,
        hub_downloads: merged.hubDownloads,
        hub_likes: merged.hubLikes,
        hub_created_at: merged.hubCreatedAt?.toISOString() ?? null,
        release_month: merged.releaseMonth,
        license: merged.license,
        size_category: merged.sizeCategory,
        tags: merged.tags,
        paper_url: merged.paperUrl,
        homepage_url: merged.homepageUrl,
        card_revision: merged.cardRevision,
        crawl_state: merged.crawlState,
        terminal_reason: merged.terminalReason,
        terminal_detail: merged.terminalDetail,
      });
    }
    const known = new Set(existing.map((r) => r.keyNorm));
    const missing = chunk.filter((n) => !known.has(n.keyNorm));
    if (missing.length) {
      const created = await tx.dataset.createManyAndReturn({
        data: missing.map((n) => ({ key: n.key, keyNorm: n.keyNorm, scheme: n.scheme, displayName: n.displayName ?? n.defaultName, ...n.facts })),
        select: { id: true, keyNorm: true },
      });
      for (const row of created) result.set(row.keyNorm, row.id);
      result.created += created.length;
    }
    if (updates.length) {
      await tx.$executeRaw`
        UPDATE dataset AS d SET
          display_name = x.display_name, kind = x.kind, domains = x.domains, generation = x.generation,
          hub_presence = x.hub_presence, hub_downloads = x.hub_downloads, hub_likes = x.hub_likes,
          hub_created_at = x.hub_created_at, release_month = x.release_month, license = x.license,
          size_category = x.size_category, tags = x.tags, paper_url = x.paper_url, homepage_url = x.homepage_url,
          card_revision = x.card_revision, crawl_state = x.crawl_state, terminal_reason = x.terminal_reason,
          terminal_detail = x.terminal_detail, updated_at = ${now.toISOString()}::timestamp(3)
        FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS x(
          id int, display_name text, kind node_kind, domains domain[], generation generation_method,
          hub_presence hub_presence, hub_downloads int, hub_likes int, hub_created_at timestamp(3),
          release_month text, license text, size_category text, tags text[], paper_url text, homepage_url text,
          card_revision text, crawl_state crawl_state, terminal_reason terminal_reason, terminal_detail text)
        WHERE d.id = x.id`;
      result.updated += updates.length;
    }
  }
  return result;
}

// Edges
