import "server-only";
import { AppError } from "@/lib/errors";
import { normalizeKey } from "@/lib/keys";
import { aliasNorm } from "@/lib/lineage-io/names";
import { SPLITS, type Split } from "@/lib/lineage/types";
import { Prisma } from "@/lib/server/generated/prisma/client";
import type { AliasOrigin } from "@/lib/server/generated/prisma/enums";
import { checkedKey, sameValue, type Tx } from "./transaction";
import { upsertNodes } from "./nodes";

/** The names people write for nodes (aliases) and the evaluation benchmarks registry. */

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
