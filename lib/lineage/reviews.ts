import type { Relation, ReviewStatus, Split } from "./types";

/** What a person did to an edge. */
export const EDGE_REVIEW_ACTIONS = ["accept", "reject", "reopen", "edit", "add"] as const;
export type EdgeReviewAction = (typeof EDGE_REVIEW_ACTIONS)[number];

export type EdgeFacts = { status: ReviewStatus; relation: Relation; split: Split; confidence: number };

/** One row of an edge's review history, as the panel and the review queue show it. */
export type EdgeReviewEntry = {
  id: number;
  upstream: string;
  downstream: string;
  action: EdgeReviewAction;
  actor: string;
  before: EdgeFacts | null;
  after: EdgeFacts;
  note: string | null;
  at: string;
};
