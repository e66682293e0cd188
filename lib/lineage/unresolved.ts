/**
 * Unresolved mentions as the API and the panel see them: a name a dataset's text gives as an
 * upstream that is no node and no edge, with the quote that gives it.
 */
import type { EvidenceSource, Relation } from "./types";

export type UnresolvedReason = "NOT_ON_HUB";

export type UnresolvedMentionView = {
  /** As the text writes it, e.g. "evil/typo-id". */
  mention: string;
  reason: UnresolvedReason;
  relation: Relation;
  source: EvidenceSource;
  url: string | null;
  quote: string;
  /** The run that last found it. */
  runId: string | null;
  createdAt: string;
};

/** Why it is no node, in words a person can act on. */
export const UNRESOLVED_REASON_TEXT: Record<UnresolvedReason, string> = {
  NOT_ON_HUB: "not on the Hub — no dataset with this id",
};
