import "server-only";

/**
 * The benchmark registry in the store: evaluation sets (family, host, evaluation splits,
 * item window) and item holdings (nodes holding a family's items over a window). The seed
 * writes its own rows and rewrites them when the bundled registry changes; a node that hosts
 * no evaluation set any more stops being a benchmark. Rows people add (origin PERSON) are
 * never touched by the seed.
 */
import { AppError } from "@/lib/errors";
import { isMonth, type ItemWindow } from "@/lib/contamination/dates";
import type { EvalSet, ItemHolding } from "@/lib/contamination/types";
import { normalizeKey, parseKey } from "@/lib/keys";
import { SPLITS, type Split } from "@/lib/lineage/types";
import type { Db } from "@/lib/server/db/client";
import { upsertBenchmarks, upsertNodes, type Tx } from "./write";

export type EvalSetInput = { id: string; name: string; family: string; key: string; evalSplits: Split[]; window: ItemWindow; note?: string | null };
export type HoldingInput = { key: string; family: string; window: ItemWindow; evalSplits?: Split[]; note?: string | null; displayName?: string | null };
export type RegistrySyncResult = { evalSetsCreated: number; evalSetsUpdated: number; evalSetsRemoved: number; holdingsCreated: number; holdingsUpdated: number; holdingsRemoved: number; benchmarksDemoted: number };

const SET_ID = /^[a-z0-9][a-z0-9.-]{0,79}$/;

function checkWindow(what: string, window: ItemWindow) {
  for (const m of [window.from, window.to]) if (m !== null && !isMonth(m)) throw new AppError("bad_request:body", `${what}: item months must be YYYY-MM (got ${JSON.stringify(m)}).`);
  if (window.from && window.to && window.from > window.to) throw new AppError("bad_request:body", `${what}: its window ends before it starts.`);
}

function checkSplits(what: string, splits: readonly Split[]) {
  if (!splits.length || splits.some((s) => !SPLITS.includes(s))) throw new AppError("bad_request:body", `${what} needs evaluation splits from ${SPLITS.join(", ")}.`);
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Make the store's seed-owned registry equal to `evalSets` and `holdings`: upsert them,
 * remove seed rows no longer listed, register each host as a benchmark node, and demote
 * nodes that no longer host a set (corpus:aime was one before it became a holding).
 */
export async function syncRegistry(tx: Tx, input: { evalSets: readonly EvalSetInput[]; holdings: readonly HoldingInput[]; benchmarks?: Parameters<typeof upsertBenchmarks>[1] }): Promise<RegistrySyncResult> {
  const result: RegistrySyncResult = { evalSetsCreated: 0, evalSetsUpdated: 0, evalSetsRemoved: 0, holdingsCreated: 0, holdingsUpdated: 0, holdingsRemoved: 0, benchmarksDemoted: 0 };
  for (const s of input.evalSets) {
    if (!SET_ID.test(s.id)) throw new AppError("bad_request:body", `Evaluation set id ${JSON.stringify(s.id)} must be a lowercase slug.`);
    if (!s.name.trim() || !s.family.trim()) throw new AppError("bad_request:body", `Evaluation set ${s.id} needs a name and a family.`);
    checkWindow(`Evaluation set ${s.id}`, s.window);
    checkSplits(`Evaluation set ${s.id}`, s.evalSplits);
  }
  for (const h of input.holdings) {
    checkWindow(`Holding ${h.key}`, h.window);
    if (h.evalSplits) checkSplits(`Holding ${h.key}`, h.evalSplits);
  }
  await upsertBenchmarks(tx, input.benchmarks ? [...input.benchmarks] : benchmarksOf(input.evalSets));
  const ids = await upsertNodes(
    tx,
    input.holdings.map((h) => ({ key: h.key, displayName: h.displayName ?? null, kind: parseKey(h.key)?.scheme === "HUB" ? null : ("EXTERNAL" as const) })),
  );
  const hostIds = await upsertNodes(tx, input.evalSets.map((s) => ({ key: s.key })));

  const stored = new Map((await tx.evalSet.findMany()).map((r) => [r.id, r]));
  for (const s of input.evalSets) {
    const row = { name: s.name.trim(), family: s.family.trim(), datasetId: hostIds.get(normalizeKey(s.key))!, evalSplits: [...new Set(s.evalSplits)], itemsFrom: s.window.from, itemsTo: s.window.to, note: s.note?.trim() || null };
    const current = stored.get(s.id);
    if (!current) {
      await tx.evalSet.create({ data: { id: s.id, ...row, origin: "SEED" } });
      result.evalSetsCreated++;
    } else if (current.origin === "SEED" && (current.name !== row.name || current.family !== row.family || current.datasetId !== row.datasetId || !sameList(current.evalSplits, row.evalSplits) || current.itemsFrom !== row.itemsFrom || current.itemsTo !== row.itemsTo || current.note !== row.note)) {
      await tx.evalSet.update({ where: { id: s.id }, data: row });
      result.evalSetsUpdated++;
    }
  }
  const listed = new Set(input.evalSets.map((s) => s.id));
  result.evalSetsRemoved = (await tx.evalSet.deleteMany({ where: { origin: "SEED", id: { notIn: [...listed] } } })).count;

  const holdings = await tx.itemHolding.findMany();
  const holdingId = (datasetId: number, family: string) => `${datasetId}\n${family.toLowerCase()}`;
  const storedHoldings = new Map(holdings.map((h) => [holdingId(h.datasetId, h.family), h]));
  const keep = new Set<number>();
  for (const h of input.holdings) {
    const datasetId = ids.get(normalizeKey(h.key))!;
    const row = { family: h.family.trim(), itemsFrom: h.window.from, itemsTo: h.window.to, evalSplits: h.evalSplits?.length ? [...new Set(h.evalSplits)] : (["ALL"] as Split[]), note: h.note?.trim() || null };
    const current = storedHoldings.get(holdingId(datasetId, h.family));
    if (!current) {
      const created = await tx.itemHolding.create({ data: { datasetId, ...row, origin: "SEED" } });
      keep.add(created.id);
      result.holdingsCreated++;
      continue;
    }
    keep.add(current.id);
    if (current.origin === "SEED" && (current.itemsFrom !== row.itemsFrom || current.itemsTo !== row.itemsTo || current.note !== row.note || !sameList(current.evalSplits, row.evalSplits))) {
      await tx.itemHolding.update({ where: { id: current.id }, data: row });
      result.holdingsUpdated++;
    }
  }
  result.holdingsRemoved = (await tx.itemHolding.deleteMany({ where: { origin: "SEED", id: { notIn: [...keep] } } })).count;

  // A benchmark is a node that hosts an evaluation set; the others go back to what their key says.
  const orphans = await tx.dataset.findMany({ where: { benchmark: { isNot: null }, evalSets: { none: {} } }, select: { id: true, scheme: true } });
  if (orphans.length) {
    await tx.benchmark.deleteMany({ where: { datasetId: { in: orphans.map((o) => o.id) } } });
    for (const scheme of ["HUB", "OTHER"] as const) {
      const group = orphans.filter((o) => (o.scheme === "HUB") === (scheme === "HUB")).map((o) => o.id);
      if (group.length) await tx.dataset.updateMany({ where: { id: { in: group } }, data: { kind: scheme === "HUB" ? "DATASET" : "EXTERNAL" } });
    }
    result.benchmarksDemoted = orphans.length;
  }
  return result;
}

/** Benchmark nodes: every set's host, with its family and the union of its sets' splits. */
export function benchmarksOf(evalSets: readonly EvalSetInput[]): Parameters<typeof upsertBenchmarks>[1] {
  const byKey = new Map<string, Parameters<typeof upsertBenchmarks>[1][number]>();
  for (const set of evalSets) {
    const prev = byKey.get(normalizeKey(set.key));
    if (!prev) byKey.set(normalizeKey(set.key), { key: set.key, family: set.family, evalSplits: [...set.evalSplits], note: set.note ?? null });
    else prev.evalSplits = [...new Set([...prev.evalSplits, ...set.evalSplits])];
  }
  return [...byKey.values()];
}

/** The registry as the contamination rules read it. */
export async function loadRegistry(db: Db | Tx): Promise<{ evalSets: EvalSet[]; holdings: ItemHolding[] }> {
  const [sets, holdings] = await Promise.all([
    db.evalSet.findMany({ select: { id: true, name: true, family: true, evalSplits: true, itemsFrom: true, itemsTo: true, dataset: { select: { key: true } } }, orderBy: { id: "asc" } }),
    db.itemHolding.findMany({ select: { family: true, itemsFrom: true, itemsTo: true, evalSplits: true, dataset: { select: { key: true } } }, orderBy: { id: "asc" } }),
  ]);
  return {
    evalSets: sets.map((s) => ({ id: s.id, name: s.name, family: s.family, key: s.dataset.key, evalSplits: s.evalSplits, window: { from: s.itemsFrom, to: s.itemsTo } })),
    holdings: holdings.map((h) => ({ key: h.dataset.key, family: h.family, window: { from: h.itemsFrom, to: h.itemsTo }, evalSplits: h.evalSplits })),
  };
}
