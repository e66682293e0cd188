import "server-only";

/**
 * Unresolved mentions: upstream names a dataset's texts give that never became a node or an
 * edge (a Hub id the Hub answers 404 for), kept with their quotes so a person can see and fix
 * them. A trace reads all of a dataset's texts again, so its mentions replace the dataset's
 * earlier ones: a name that now resolves (the repo exists, and became an edge) or that the
 * text no longer gives is gone, and one found again is one row, not two.
 */
import { createHash } from "node:crypto";
import type { UnresolvedMention } from "@/agents/pipeline/types";
import { normalizeKey } from "@/lib/keys";
import type { EvidenceSource } from "@/lib/lineage/types";
import type { UnresolvedMentionView } from "@/lib/lineage/unresolved";
import { storableText } from "@/lib/lineage-io/storable-text";
import { getDb } from "@/lib/server/db/client";
import type { Tx } from "@/lib/server/lineage/write";

const SOURCE: Record<UnresolvedMention["source"], EvidenceSource> = { card: "CARD", paper: "PAPER", github: "GITHUB", blog: "BLOG" };
const REASON = { not_on_hub: "NOT_ON_HUB" } as const;

function fingerprint(mention: string, quote: string): string {
  return createHash("sha256").update(`${normalizeKey(mention)}\n${quote.replace(/\s+/g, " ").trim()}`).digest("hex");
}

/**
 * Make `mentions` the dataset's unresolved mentions (inside the trace's transaction): new ones
 * are added, ones found again keep their row (and name the run that last found them), and the
 * rest are removed.
 */
export async function replaceMentions({ tx, datasetId, mentions, runId }: { tx: Tx; datasetId: number; mentions: UnresolvedMention[]; runId: string | null }): Promise<{ added: number; removed: number }> {
  const rows = new Map<string, UnresolvedMention>();
  for (const m of mentions) {
    const quote = storableText(m.quote).trim();
    const mention = storableText(m.mention).trim();
    if (!quote || !mention) continue;
    rows.set(fingerprint(mention, quote), { ...m, mention, quote, url: storableText(m.url) });
  }
  const { count: removed } = await tx.unresolvedMention.deleteMany({ where: { datasetId, fingerprint: { notIn: [...rows.keys()] } } });
  let added = 0;
  for (const [fp, m] of rows) {
    const data = { reason: REASON[m.reason], relation: m.relation, source: SOURCE[m.source] ?? "WEBSITE", url: m.url || null, agentRunId: runId };
    const existing = await tx.unresolvedMention.findUnique({ where: { datasetId_fingerprint: { datasetId, fingerprint: fp } }, select: { id: true } });
    if (existing) {
      await tx.unresolvedMention.update({ where: { id: existing.id }, data });
      continue;
    }
    await tx.unresolvedMention.create({ data: { ...data, datasetId, mention: m.mention, mentionNorm: normalizeKey(m.mention), quote: m.quote, fingerprint: fp } });
    added++;
  }
  return { added, removed };
}

/** A dataset's unresolved mentions, by name then quote. */
export async function listMentions({ datasetId }: { datasetId: number }): Promise<UnresolvedMentionView[]> {
  const rows = await getDb().unresolvedMention.findMany({ where: { datasetId }, orderBy: [{ mentionNorm: "asc" }, { id: "asc" }] });
  return rows.map((r) => ({
    mention: r.mention,
    reason: r.reason,
    relation: r.relation,
    source: r.source,
    url: r.url,
    quote: r.quote,
    runId: r.agentRunId,
    createdAt: r.createdAt.toISOString(),
  }));
}
