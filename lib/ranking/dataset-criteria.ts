/**
 * The store's criteria a person can rank datasets by, with their natural direction. Pure
 * descriptions (the values come from lib/server/analysis/rank.ts), shared by the /rank page and API.
 */
export const DATASET_CRITERIA = [
  { id: "downloads", label: "Hub downloads", higherIsBetter: true, help: "How much the dataset is used (last month on the Hub)." },
  { id: "roots", label: "Number of roots", higherIsBetter: true, help: "Distinct root sources it draws on: more is more diverse." },
  { id: "depth", label: "Lineage depth", higherIsBetter: false, help: "Longest chain of derivations to a root: shallower is closer to its sources." },
  { id: "redundancy", label: "Structural redundancy", higherIsBetter: false, help: "Share of upstream reaches that repeat one already made through another source." },
  { id: "contamination", label: "Worst contamination", higherIsBetter: false, help: "0 none, 1 training-split lineage, 2 mitigated, 3 possibly contaminated, 4 contaminated." },
  { id: "licence", label: "Licence openness", higherIsBetter: true, help: "Openness of the most restrictive licence it declares or inherits (1 permissive … 0 research-only); unknown = missing." },
  { id: "recency", label: "Recency", higherIsBetter: true, help: "When it was created (month)." },
] as const;

export type DatasetCriterionId = (typeof DATASET_CRITERIA)[number]["id"];
export const DATASET_CRITERION_IDS = DATASET_CRITERIA.map((c) => c.id) as readonly DatasetCriterionId[];
