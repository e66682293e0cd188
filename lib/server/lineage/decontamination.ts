import "server-only";

/**
 * Decontamination statements: dataset D says it was decontaminated against (or had removed)
 * benchmark B. Stored with their evidence; they stop B's contamination from propagating
 * through D (lib/contamination). Idempotent: the same statement twice is one row.
 */
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { normalizeKey, parseKey } from "@/lib/keys";
import type { EdgeOrigin, EvidenceSource } from "@/lib/lineage/types";
import { getDb } from "@/lib/server/db/client";
import { upsertNodes, writeTransaction, type Tx } from "./write";

export type DecontaminationInput = {
  dataset: string;
  target: string;
  kind: "decontaminated" | "removed";
  source: EvidenceSource;
  url?: string | null;
  quote?: string | null;
  origin: EdgeOrigin;
  agentRunId?: string | null;
};

function fingerprint(item: DecontaminationInput): string {
  return createHash("sha256")
    .update([normalizeKey(item.dataset), normalizeKey(item.target), item.source, (item.quote ?? "").replace(/\s+/g, " ").trim(), item.url ?? ""].join("\n"))
    .digest("hex");
}

/** Write statements inside a transaction; unknown targets become nodes (never the dataset itself). */
export async function writeDecontaminations(tx: Tx, items: DecontaminationInput[]): Promise<number> {
  const valid = items.filter((i) => parseKey(i.dataset) && parseKey(i.target) && normalizeKey(i.dataset) !== normalizeKey(i.target));
  if (!valid.length) return 0;
  const ids = await upsertNodes(tx, valid.flatMap((i) => [{ key: i.dataset }, { key: i.target }]));
  // One statement for the batch: a statement already recorded (same dataset, benchmark and
  // fingerprint), or given twice, is passed over by the unique key.
  const { count } = await tx.decontamination.createMany({
    data: valid.map((item) => ({
      datasetId: ids.get(normalizeKey(item.dataset))!,
      targetId: ids.get(normalizeKey(item.target))!,
      kind: item.kind,
      source: item.source,
      url: item.url ?? null,
      quote: item.quote ?? null,
      fingerprint: fingerprint(item),
      origin: item.origin,
      agentRunId: item.agentRunId ?? null,
    })),
    skipDuplicates: true,
  });
  return count;
}

/** Record one statement on its own (people and tests; the agents write theirs with the trace). */
export async function addDecontamination(item: DecontaminationInput): Promise<{ added: boolean }> {
  if (!parseKey(item.dataset) || !parseKey(item.target)) throw new AppError("bad_request:key", "Both the dataset and the benchmark must be valid keys.");
  const added = await writeTransaction((tx) => writeDecontaminations(tx, [item]));
  return { added: added > 0 };
}

export async function listDecontaminations() {
  const rows = await getDb().decontamination.findMany({
    select: { kind: true, source: true, url: true, quote: true, dataset: { select: { key: true } }, target: { select: { key: true } } },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({ dataset: r.dataset.key, target: r.target.key, kind: r.kind, evidence: { source: r.source, url: r.url, quote: r.quote, locator: null } }));
}
