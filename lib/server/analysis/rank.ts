import "server-only";

/**
 * Ranking datasets of the store by several criteria at once (lib/ranking does the
 * aggregation): the store's facts become a table of datasets × criteria, missing values left
 * missing, and the same aggregate the API answers for any table.
 */
import { createdMonth, monthNumber } from "@/lib/contamination/dates";
import { AppError } from "@/lib/errors";
import { normalizeKey } from "@/lib/keys";
import { openness } from "@/lib/licences";
import { aggregate, RankingInputError, type RankingResult, type Table } from "@/lib/ranking";
import { DATASET_CRITERIA, type DatasetCriterionId } from "@/lib/ranking/dataset-criteria";
import { getDb } from "@/lib/server/db/client";
import { analysisSnapshot } from "./analysis";
import { getContaminationOverview } from "../contamination/contamination";
import { licenceClasses } from "../licences/licences";
import { checkKey } from "../lineage/params";
import { datasetRedundancy } from "@/lib/analysis/redundancy";

export type RankRequest = { keys: string[]; criteria: { id: DatasetCriterionId; higherIsBetter?: boolean }[] };

/** The aggregate of a table; bad tables become 400 (413 when too large) naming the row and column. */
export function rankTable(table: unknown): RankingResult {
  try {
    return aggregate(table as Table);
  } catch (error) {
    if (error instanceof RankingInputError) throw new AppError(error.tooLarge ? "too_large" : "bad_request:body", error.message, { row: error.row ?? null, column: error.column ?? null });
    throw error;
  }
}

const CONTAMINATION_SCORE: Record<string, number> = { CONTAMINATED: 4, POSSIBLE: 3, MITIGATED: 2, TRAIN_LINEAGE: 1 };

/** The store's facts for `keys` as a ranking table (items keep the store's casing). */
export async function datasetTable(request: RankRequest): Promise<Table> {
  for (const key of request.keys) checkKey(key);
  const { graph, reach } = await analysisSnapshot();
  const missing = request.keys.filter((k) => !graph.index.has(normalizeKey(k)));
  if (missing.length) throw new AppError("not_found:dataset", `Not in the store: ${missing.join(", ")}.`, { keys: missing });
  const items = [...new Map(request.keys.map((k) => [normalizeKey(k), graph.keys[graph.index.get(normalizeKey(k))!]!])).values()];
  const wanted = new Set(request.criteria.map((c) => c.id));
  const [facts, overview, classes] = await Promise.all([
    getDb().dataset.findMany({ where: { keyNorm: { in: items.map(normalizeKey) } }, select: { key: true, hubDownloads: true, hubCreatedAt: true, releaseMonth: true, paperUrl: true } }),
    wanted.has("contamination") ? getContaminationOverview() : null,
    wanted.has("licence") ? licenceClasses({ keys: items }) : null,
  ]);
  const byKey = new Map(facts.map((f) => [normalizeKey(f.key), f]));
  const worst = new Map<string, number>();
  for (const row of overview?.rows ?? []) {
    const k = normalizeKey(row.dataset);
    worst.set(k, Math.max(worst.get(k) ?? 0, CONTAMINATION_SCORE[row.severity] ?? 0));
  }
  const value = (key: string, id: DatasetCriterionId): number | null => {
    const k = normalizeKey(key);
    const v = graph.index.get(k)!;
    const f = byKey.get(k);
    switch (id) {
      case "downloads":
        return f?.hubDownloads ?? null;
      case "roots":
        return reach.roots[v]!;
      case "depth":
        return reach.depth[v]!;
      case "redundancy":
        return datasetRedundancy(graph, key)?.score ?? null;
      case "contamination":
        return worst.get(k) ?? 0;
      case "licence": {
        const c = classes?.[k];
        return c ? openness(c) : null;
      }
      case "recency":
        return monthNumber(createdMonth({ hubCreatedAt: f?.hubCreatedAt?.toISOString() ?? null, releaseMonth: f?.releaseMonth ?? null, paperUrl: f?.paperUrl ?? null }));
    }
  };
  return {
    items,
    criteria: request.criteria.map((c) => {
      const known = DATASET_CRITERIA.find((d) => d.id === c.id)!;
      return { name: known.label, higherIsBetter: c.higherIsBetter ?? known.higherIsBetter };
    }),
    scores: items.map((key) => request.criteria.map((c) => value(key, c.id))),
  };
}

