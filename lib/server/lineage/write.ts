import "server-only";
import { storableFields, storableText } from "@/lib/lineage-io/storable-text";
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { displayNameFor, normalizeKey, parseKey, type KeyScheme } from "@/lib/keys";
import { DirectedGraph } from "@/lib/lineage-io/acyclic";
import { aliasNorm } from "@/lib/lineage-io/names";
import { EVIDENCE_SOURCES, RELATIONS, SPLITS, type Split } from "@/lib/lineage/types";
import { getDb } from "@/lib/server/db/client";
import { Prisma } from "@/lib/server/generated/prisma/client";
import type {
  AliasOrigin,
  CrawlState,
  Domain,
  EdgeOrigin,
  EvidenceSource,
  GenerationMethod,
  HubPresence,
  NodeKind,
  Relation,
  ReviewStatus,
  TerminalReason,
} from "@/lib/server/generated/prisma/enums";

/**
 * The one way into the lineage store for every writer (seed, imports, agents, reviews).
 * Each function takes the caller's interactive transaction so that a batch is written
 * whole or not at all, and keeps the store's promises: one node per key (case-insensitive),
 * one edge per pair, no self-loops, no cycles, facts never replaced by nothing.
 *
 * All writers serialise on one advisory lock: the cycle check reads the whole edge set,
 * and two concurrent batches could otherwise each close half of a cycle.
 */

export { aliasNorm };

export type Tx = Prisma.TransactionClient;

/** Interactive transaction with limits that suit a batch of thousands of rows on PGlite. */
export function writeTransaction<T>(fn: (tx: Tx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  return getDb().$transaction(fn, { timeout: options.timeoutMs ?? 10 * 60_000, maxWait: 60_000 });
}

const GRAPH_WRITE_LOCK = 0x526f6f74; // "Root"

async function lockGraph(tx: Tx): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${GRAPH_WRITE_LOCK}::bigint)::text AS locked`;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function checkedKey(key: string): { key: string; keyNorm: string; scheme: KeyScheme; defaultName: string } {
  const parsed = typeof key === "string" ? parseKey(key) : null;
  if (!parsed) throw new AppError("bad_request:key", `Not a valid node key: ${JSON.stringify(key)}`);
  return { key, keyNorm: normalizeKey(key), scheme: parsed.scheme, defaultName: displayNameFor(parsed) };
}

// ---------------------------------------------------------------------------------------
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

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

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

// ---------------------------------------------------------------------------------------
// Edges

export type EvidenceInput = {
  source: EvidenceSource;
  url?: string | null;
  quote?: string | null;
  locator?: string | null;
  /** Stable identity; default sha256(upstream|downstream|source|quote|url) on normalised keys. */
  fingerprint?: string | null;
};

export type EdgeInput = {
  upstream: string;
  downstream: string;
  relation: Relation;
  confidence: number;
  split?: Split | null;
  status?: ReviewStatus | null;
  origin: EdgeOrigin;
  actor?: string | null;
  agentRunId?: string | null;
  evidence?: EvidenceInput[];
  /** Caller's label for this input (e.g. "graph.jsonl:12"), echoed in skips. */
  ref?: string;
};

export type EdgeSkipReason =
  | "self_loop"
  | "reverse_edge"
  | "cycle"
  | "unknown_node"
  | "invalid_key"
  | "bad_relation"
  | "bad_confidence"
  | "bad_split"
  | "bad_evidence";

export type EdgeSkip = { upstream: string; downstream: string; reason: EdgeSkipReason; detail: string; refs: string[] };

export type EdgeOutcome = { upstream: string; downstream: string; id: number; outcome: "created" | "updated" | "unchanged" };

export type MergeEdgesResult = {
  created: number;
  updated: number;
  unchanged: number;
  evidenceAdded: number;
  /** Existing evidence rows that gained a quote, URL or locator they lacked. */
  evidenceUpdated: number;
  skipped: EdgeSkip[];
  edges: EdgeOutcome[];
};

type EvidenceRow = { source: EvidenceSource; url: string | null; quote: string | null; locator: string | null; fingerprint: string };

type PendingEdge = {
  upstreamId: number;
  downstreamId: number;
  upstream: string;
  downstream: string;
  relation: Relation;
  confidence: number;
  split: Split;
  status: ReviewStatus | null;
  origin: EdgeOrigin;
  actor: string | null;
  agentRunId: string | null;
  evidence: EvidenceRow[];
  refs: string[];
};

export function defaultEvidenceFingerprint(upstream: string, downstream: string, item: EvidenceInput): string {
  return createHash("sha256")
    .update([normalizeKey(upstream), normalizeKey(downstream), item.source, item.quote || "", item.url || ""].join("|"))
    .digest("hex");
}

function addEvidence(into: EvidenceRow[], item: EvidenceRow): void {
  const same = into.find((e) => e.fingerprint === item.fingerprint);
  if (!same) into.push({ ...item });
  else {
    same.quote ??= item.quote;
    same.url ??= item.url;
    same.locator ??= item.locator;
  }
}

/** Facts of an edge after an incoming claim about it. */
function mergedFacts(
  current: { relation: Relation; confidence: number; split: Split; status: ReviewStatus },
  incoming: { relation: Relation; confidence: number; split: Split; status: ReviewStatus | null; origin: EdgeOrigin },
): { relation: Relation; confidence: number; split: Split; status: ReviewStatus } {
  const next = { ...current };
  const person = incoming.origin === "PERSON";
  // A person's review settles an edge: later imports and agents may add evidence, not change it.
  if (current.status === "PROPOSED" || person) {
    if (incoming.confidence > current.confidence) {
      next.confidence = incoming.confidence;
      next.relation = incoming.relation;
    }
    if (current.split === "UNKNOWN" && incoming.split !== "UNKNOWN") next.split = incoming.split;
  }
  if (incoming.status && incoming.status !== current.status && (current.status === "PROPOSED" || person)) next.status = incoming.status;
  return next;
}

/**
 * Merge claimed edges into the store. Pairs repeated in the batch are merged first; an
 * existing pair keeps the higher confidence (and that claim's relation), learns a split it
 * did not know, and gains new evidence; a new pair is created unless it would be a
 * self-loop, the reverse of an edge, or close a longer cycle. Nodes must exist already
 * (upsertNodes); unknown keys are skipped, not created.
 */
export async function mergeEdges(tx: Tx, edges: EdgeInput[]): Promise<MergeEdgesResult> {
  const result: MergeEdgesResult = { created: 0, updated: 0, unchanged: 0, evidenceAdded: 0, evidenceUpdated: 0, skipped: [], edges: [] };
  const skip = (e: { upstream: string; downstream: string }, reason: EdgeSkipReason, detail: string, refs: string[]) =>
    result.skipped.push({ upstream: e.upstream, downstream: e.downstream, reason, detail, refs });

  const valid: EdgeInput[] = [];
  for (const input of edges) {
    const refs = input.ref ? [input.ref] : [];
    if (!parseKey(input.upstream) || !parseKey(input.downstream)) skip(input, "invalid_key", `not a valid node key: ${JSON.stringify(!parseKey(input.upstream) ? input.upstream : input.downstream)}`, refs);
    else if (!RELATIONS.includes(input.relation)) skip(input, "bad_relation", `unknown relation ${JSON.stringify(input.relation)}`, refs);
    else if (typeof input.confidence !== "number" || !(input.confidence >= 0 && input.confidence <= 1)) skip(input, "bad_confidence", `confidence must be a number from 0 to 1 (got ${JSON.stringify(input.confidence)})`, refs);
    else if (input.split != null && !SPLITS.includes(input.split)) skip(input, "bad_split", `unknown split ${JSON.stringify(input.split)}`, refs);
    else if ((input.evidence ?? []).some((e) => !EVIDENCE_SOURCES.includes(e.source))) skip(input, "bad_evidence", "evidence with an unknown source", refs);
    else if (normalizeKey(input.upstream) === normalizeKey(input.downstream)) skip(input, "self_loop", `${input.upstream} cannot be its own source`, refs);
    else valid.push(input);
  }
  if (!valid.length) return result;
  await lockGraph(tx);

  const norms = [...new Set(valid.flatMap((e) => [normalizeKey(e.upstream), normalizeKey(e.downstream)]))];
  const nodeRows = await tx.dataset.findMany({ where: { keyNorm: { in: norms } }, select: { id: true, key: true, keyNorm: true } });
  const nodeByNorm = new Map(nodeRows.map((r) => [r.keyNorm, r]));
  const keyById = new Map(nodeRows.map((r) => [r.id, r.key]));

  // Repeated pairs in the batch become one claim.
  const pending = new Map<string, PendingEdge>();
  for (const input of valid) {
    const refs = input.ref ? [input.ref] : [];
    const up = nodeByNorm.get(normalizeKey(input.upstream));
    const down = nodeByNorm.get(normalizeKey(input.downstream));
    if (!up || !down) {
      skip(input, "unknown_node", `no node ${!up ? input.upstream : input.downstream} in the store; add it with upsertNodes first`, refs);
      continue;
    }
    const evidence: EvidenceRow[] = [];
    for (const item of input.evidence ?? []) {
      addEvidence(evidence, {
        source: item.source,
        url: storableText(item.url) || null,
        quote: storableText(item.quote) || null,
        locator: storableText(item.locator) || null,
        fingerprint: item.fingerprint || defaultEvidenceFingerprint(up.key, down.key, item),
      });
    }
    const claim = { relation: input.relation, confidence: input.confidence, split: input.split ?? "UNKNOWN", status: input.status ?? null, origin: input.origin };
    const pairKey = `${up.id}:${down.id}`;
    const seen = pending.get(pairKey);
    if (!seen) {
      pending.set(pairKey, {
        upstreamId: up.id,
        downstreamId: down.id,
        upstream: up.key,
        downstream: down.key,
        ...claim,
        actor: input.actor ?? null,
        agentRunId: input.agentRunId ?? null,
        evidence,
        refs,
      });
      continue;
    }
    const merged = mergedFacts({ ...seen, status: "PROPOSED" }, { ...claim, status: null });
    Object.assign(seen, { relation: merged.relation, confidence: merged.confidence, split: merged.split, status: seen.status ?? claim.status });
    for (const item of evidence) addEvidence(seen.evidence, item);
    seen.refs.push(...refs);
  }
  if (!pending.size) return result;

  const adjacency = await tx.$queryRaw<{ u: number; d: number }[]>`SELECT upstream_id AS u, downstream_id AS d FROM edge`;
  const graph = new DirectedGraph<number>(adjacency.map((r) => [r.u, r.d] as const));
  const claims = [...pending.values()];
  const existingRows = await tx.edge.findMany({
    where: { upstreamId: { in: [...new Set(claims.map((c) => c.upstreamId))] }, downstreamId: { in: [...new Set(claims.map((c) => c.downstreamId))] } },
    select: { id: true, upstreamId: true, downstreamId: true, relation: true, confidence: true, split: true, status: true },
  });
  const existingByPair = new Map(existingRows.map((r) => [`${r.upstreamId}:${r.downstreamId}`, r]));

  const toCreate: PendingEdge[] = [];
  const toUpdate: { id: number; relation: Relation; confidence: number; split: Split; status: ReviewStatus }[] = [];
  const evidenceFor: { edgeId: number; isNew: boolean; items: EvidenceRow[] }[] = [];
  const cycles: { claim: PendingEdge; path: number[] }[] = [];
  for (const claim of claims) {
    const existing = existingByPair.get(`${claim.upstreamId}:${claim.downstreamId}`);
    if (existing) {
      const next = mergedFacts(existing, claim);
      const changed = next.relation !== existing.relation || next.confidence !== existing.confidence || next.split !== existing.split || next.status !== existing.status;
      if (changed) toUpdate.push({ id: existing.id, ...next });
      result[changed ? "updated" : "unchanged"] += 1;
      result.edges.push({ upstream: claim.upstream, downstream: claim.downstream, id: existing.id, outcome: changed ? "updated" : "unchanged" });
      evidenceFor.push({ edgeId: existing.id, isNew: false, items: claim.evidence });
      continue;
    }
    const conflict = graph.conflict(claim.upstreamId, claim.downstreamId);
    if (conflict?.reason === "reverse_edge") {
      skip(claim, "reverse_edge", `the reverse edge ${claim.downstream} → ${claim.upstream} exists`, claim.refs);
    } else if (conflict?.reason === "cycle") {
      cycles.push({ claim, path: conflict.path });
    } else if (conflict?.reason === "self_loop") {
      skip(claim, "self_loop", `${claim.upstream} cannot be its own source`, claim.refs);
    } else {
      graph.add(claim.upstreamId, claim.downstreamId);
      toCreate.push(claim);
    }
  }

  if (cycles.length) {
    const unknownIds = [...new Set(cycles.flatMap((c) => c.path))].filter((id) => !keyById.has(id));
    if (unknownIds.length) {
      for (const row of await tx.dataset.findMany({ where: { id: { in: unknownIds } }, select: { id: true, key: true } })) keyById.set(row.id, row.key);
    }
    for (const { claim, path } of cycles) {
      const loop = [...path, path[0]!].map((id) => keyById.get(id) ?? `#${id}`).join(" → ");
      skip(claim, "cycle", `would close the cycle ${loop}`, claim.refs);
    }
  }

  const now = new Date();
  if (toCreate.length) {
    const created = await tx.edge.createManyAndReturn({
      data: toCreate.map((c) => ({
        upstreamId: c.upstreamId,
        downstreamId: c.downstreamId,
        relation: c.relation,
        confidence: c.confidence,
        split: c.split,
        status: c.status ?? "PROPOSED",
        origin: c.origin,
        actor: c.actor,
        agentRunId: c.agentRunId,
      })),
      select: { id: true, upstreamId: true, downstreamId: true },
    });
    const idByPair = new Map(created.map((r) => [`${r.upstreamId}:${r.downstreamId}`, r.id]));
    for (const claim of toCreate) {
      const id = idByPair.get(`${claim.upstreamId}:${claim.downstreamId}`)!;
      result.edges.push({ upstream: claim.upstream, downstream: claim.downstream, id, outcome: "created" });
      evidenceFor.push({ edgeId: id, isNew: true, items: claim.evidence });
    }
    result.created += created.length;
  }
  if (toUpdate.length) {
    await tx.$executeRaw`
      UPDATE edge AS e SET relation = x.relation, confidence = x.confidence, split = x.split, status = x.status, updated_at = ${now.toISOString()}::timestamp(3)
      FROM jsonb_to_recordset(${JSON.stringify(toUpdate)}::jsonb)
        AS x(id int, relation relation, confidence double precision, split split, status review_status)
      WHERE e.id = x.id`;
  }

  await writeEvidence(tx, evidenceFor, result);
  return result;
}

async function writeEvidence(tx: Tx, batches: { edgeId: number; isNew: boolean; items: EvidenceRow[] }[], result: MergeEdgesResult): Promise<void> {
  const oldEdgeIds = batches.filter((b) => !b.isNew && b.items.length).map((b) => b.edgeId);
  const stored = new Map<string, { id: number; url: string | null; quote: string | null; locator: string | null }>();
  for (const ids of chunks(oldEdgeIds, 10_000)) {
    const rows = await tx.evidence.findMany({ where: { edgeId: { in: ids } }, select: { id: true, edgeId: true, fingerprint: true, url: true, quote: true, locator: true } });
    for (const row of rows) stored.set(`${row.edgeId}:${row.fingerprint}`, row);
  }
  const inserts: Prisma.EvidenceCreateManyInput[] = [];
  const fills: { id: number; url: string | null; quote: string | null; locator: string | null }[] = [];
  for (const { edgeId, items } of batches) {
    for (const item of items) {
      const row = stored.get(`${edgeId}:${item.fingerprint}`);
      if (!row) {
        inserts.push({ edgeId, ...item });
        continue;
      }
      const fill = { id: row.id, url: row.url ?? item.url, quote: row.quote ?? item.quote, locator: row.locator ?? item.locator };
      if (fill.url !== row.url || fill.quote !== row.quote || fill.locator !== row.locator) fills.push(fill);
    }
  }
  if (inserts.length) result.evidenceAdded += (await tx.evidence.createMany({ data: inserts })).count;
  if (fills.length) {
    await tx.$executeRaw`
      UPDATE evidence AS v SET url = x.url, quote = x.quote, locator = x.locator
      FROM jsonb_to_recordset(${JSON.stringify(fills)}::jsonb) AS x(id int, url text, quote text, locator text)
      WHERE v.id = x.id`;
    result.evidenceUpdated += fills.length;
  }
}

// ---------------------------------------------------------------------------------------
// Aliases and benchmarks

export type AliasInput = { alias: string; key: string; origin?: AliasOrigin };

export type UpsertAliasesResult = {
  created: number;
  unchanged: number;
  /** Seed aliases the seed moved to another node. */
  retargeted: number;
  /** Target nodes that did not exist and were created (bare, to be filled later). */
  nodesCreated: number;
  /** The alias already names another node: the first writer keeps it. */
  conflicts: { alias: string; key: string; existingKey: string }[];
  /** Aliases with nothing left after normalising (punctuation only). */
  invalid: { alias: string; key: string }[];
};

/** Names people write for a node. One node per normalised name; the first writer wins. */
export async function upsertAliases(tx: Tx, aliases: AliasInput[]): Promise<UpsertAliasesResult> {
  const result: UpsertAliasesResult = { created: 0, unchanged: 0, retargeted: 0, nodesCreated: 0, conflicts: [], invalid: [] };
  const batch = new Map<string, AliasInput & { norm: string; keyNorm: string }>();
  for (const input of aliases) {
    const norm = aliasNorm(input.alias ?? "");
    const { keyNorm } = checkedKey(input.key);
    if (!norm) {
      result.invalid.push({ alias: input.alias, key: input.key });
      continue;
    }
    const seen = batch.get(norm);
    if (!seen) batch.set(norm, { ...input, norm, keyNorm });
    else if (seen.keyNorm !== keyNorm) result.conflicts.push({ alias: input.alias, key: input.key, existingKey: seen.key });
    else result.unchanged += 1;
  }
  if (!batch.size) return result;
  const ids = await upsertNodes(tx, [...new Set([...batch.values()].map((a) => a.key))].map((key) => ({ key })));
  result.nodesCreated = ids.created;
  const existing = await tx.alias.findMany({ where: { aliasNorm: { in: [...batch.keys()] } }, select: { id: true, aliasNorm: true, origin: true, dataset: { select: { id: true, key: true } } } });
  const existingByNorm = new Map(existing.map((a) => [a.aliasNorm, a]));
  const inserts: Prisma.AliasCreateManyInput[] = [];
  for (const alias of batch.values()) {
    const datasetId = ids.get(alias.keyNorm)!;
    const holder = existingByNorm.get(alias.norm);
    const origin = alias.origin ?? "SEED";
    if (!holder) inserts.push({ alias: alias.alias.trim(), aliasNorm: alias.norm, datasetId, origin });
    else if (holder.dataset.id === datasetId) result.unchanged += 1;
    // The seed owns its own aliases: a corrected seed ("AIME 1983-2023" is its own corpus now) moves them.
    else if (origin === "SEED" && holder.origin === "SEED") {
      await tx.alias.update({ where: { id: holder.id }, data: { alias: alias.alias.trim(), datasetId } });
      result.retargeted += 1;
    } else result.conflicts.push({ alias: alias.alias, key: alias.key, existingKey: holder.dataset.key });
  }
  if (inserts.length) result.created += (await tx.alias.createMany({ data: inserts })).count;
  return result;
}

export type BenchmarkInput = { key: string; family: string; evalSplits: Split[]; note?: string | null; displayName?: string | null };

export type UpsertBenchmarksResult = { created: number; updated: number; unchanged: number; nodesCreated: number; nodesUpdated: number };

/** Register evaluation benchmarks: the node becomes kind BENCHMARK; the registry row follows the input. */
export async function upsertBenchmarks(tx: Tx, benchmarks: BenchmarkInput[]): Promise<UpsertBenchmarksResult> {
  const result: UpsertBenchmarksResult = { created: 0, updated: 0, unchanged: 0, nodesCreated: 0, nodesUpdated: 0 };
  if (!benchmarks.length) return result;
  for (const b of benchmarks) {
    if (!b.family?.trim()) throw new AppError("bad_request:body", `Benchmark ${b.key} needs a family name.`);
    if (!b.evalSplits.length || b.evalSplits.some((s) => !SPLITS.includes(s))) throw new AppError("bad_request:body", `Benchmark ${b.key} needs eval splits from ${SPLITS.join(", ")}.`);
  }
  const ids = await upsertNodes(tx, benchmarks.map((b) => ({ key: b.key, kind: "BENCHMARK" as const, displayName: b.displayName ?? null })));
  result.nodesCreated = ids.created;
  result.nodesUpdated = ids.updated;
  const datasetIds = [...new Set(benchmarks.map((b) => ids.get(normalizeKey(b.key))!))];
  // A named source first seen as EXTERNAL (say corpus:aime) is still a benchmark once registered.
  result.nodesUpdated += await tx.dataset.updateMany({ where: { id: { in: datasetIds }, kind: { not: "BENCHMARK" } }, data: { kind: "BENCHMARK" } }).then((r) => r.count);
  const stored = new Map((await tx.benchmark.findMany({ where: { datasetId: { in: datasetIds } } })).map((b) => [b.datasetId, b]));
  for (const b of benchmarks) {
    const datasetId = ids.get(normalizeKey(b.key))!;
    const row = { family: b.family.trim(), evalSplits: [...new Set(b.evalSplits)], note: b.note?.trim() || null };
    const current = stored.get(datasetId);
    if (!current) {
      await tx.benchmark.create({ data: { datasetId, ...row } });
      stored.set(datasetId, { datasetId, ...row });
      result.created += 1;
    } else if (current.family !== row.family || current.note !== row.note || !sameValue(current.evalSplits, row.evalSplits)) {
      await tx.benchmark.update({ where: { datasetId }, data: row });
      stored.set(datasetId, { datasetId, ...row });
      result.updated += 1;
    } else {
      result.unchanged += 1;
    }
  }
  return result;
}
