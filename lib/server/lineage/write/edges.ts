import "server-only";
import { storableText } from "@/lib/lineage-io/storable-text";
import { createHash } from "node:crypto";
import { normalizeKey, parseKey } from "@/lib/keys";
import { DirectedGraph } from "@/lib/lineage-io/acyclic";
import { EVIDENCE_SOURCES, RELATIONS, SPLITS, type Split } from "@/lib/lineage/types";
import { Prisma } from "@/lib/server/generated/prisma/client";
import type { EdgeOrigin, EvidenceSource, Relation, ReviewStatus } from "@/lib/server/generated/prisma/enums";
import { chunks, lockGraph, type Tx } from "./transaction";

/** Edges and their evidence: one edge per pair, no self-loops, no cycles, reviewed edges kept. */

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

  const claims = [...pending.values()];
  // A new edge u → d closes a cycle only through a path from d down to u, so the check needs the
  // edges reachable downstream of the claims' downstream ends, not the whole store (which a
  // 300k-edge store would read on every write). Every path from a claim's d alternates stored
  // edges and this batch's own edges, and each batch edge lands on some claim's d, whose stored
  // descendants are loaded too: the subgraph plus the batch (added below) holds every such path.
  const adjacency = await tx.$queryRaw<{ u: number; d: number }[]>`
    WITH RECURSIVE reach(id) AS (
      SELECT unnest(${[...new Set(claims.map((c) => c.downstreamId))]}::int[])
      UNION
      SELECT e.downstream_id FROM reach r JOIN edge e ON e.upstream_id = r.id
    )
    SELECT e.upstream_id AS u, e.downstream_id AS d FROM reach r JOIN edge e ON e.upstream_id = r.id`;
  const graph = new DirectedGraph<number>(adjacency.map((r) => [r.u, r.d] as const));
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

// Aliases and benchmarks
