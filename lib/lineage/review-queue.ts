import type { EdgeOrigin, LineageEvidence, Relation, Split } from "./types";

/** Why an edge is in the review queue. */
export type ReviewReason = "low-confidence" | "date-contradiction" | "agent-proposed";

export const REVIEW_REASON_LABEL: Record<ReviewReason, string> = {
  "low-confidence": "Low confidence",
  "date-contradiction": "Dated before its source",
  "agent-proposed": "Proposed by the agents",
};

export const REVIEW_QUEUE = {
  /** Proposed edges below this confidence need a person. */
  defaultThreshold: 0.7,
  pageSize: 50,
} as const;

export type QueueItem = {
  edgeId: number;
  upstream: string;
  upstreamName: string;
  downstream: string;
  downstreamName: string;
  relation: Relation;
  split: Split;
  confidence: number;
  origin: EdgeOrigin;
  createdAt: string;
  reasons: ReviewReason[];
  /** The two ends' months when both are known (shown when they contradict). */
  upstreamMonth: string | null;
  downstreamMonth: string | null;
  evidence: LineageEvidence[];
};

export type ReviewQueue = { items: QueueItem[]; total: number; threshold: number };

