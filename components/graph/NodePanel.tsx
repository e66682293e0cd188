"use client";

import Link from "next/link";
import { useId } from "react";
import { ExternalLink } from "@/components/dataset/ExternalLink";
import { FactList } from "@/components/dataset/FactList";
import { formatConfidence, formatCount, formatDate } from "@/lib/format";
import { DOMAIN_LABELS, KIND_LABELS } from "@/lib/graph/style";
import { keyToPath } from "@/lib/keys";
import { RELATION_LABELS, type LineageEdge, type LineageNode, type ReviewStatus } from "@/lib/lineage/types";

import type { PanelEdge } from "@/lib/graph/panel-edges";

export type { PanelEdge };

type Props = {
  node: LineageNode;
  isRoot: boolean;
  incoming: PanelEdge[];
  outgoing: PanelEdge[];
  nameOf: (key: string) => string;
  isDrawn: (key: string) => boolean;
  onSelect: (key: string) => void;
  /** Absent in a read-only snapshot. */
  actions?: {
    expandUp: () => void;
    expandDown: () => void;
    toggleCollapse: () => void;
    collapsed: boolean;
  };
  review?: {
    onReview: (edge: LineageEdge, status: ReviewStatus) => void;
    pending: string | null;
    error: string | null;
  };
  /** Trace controls and progress for a dataset whose sources the agents can read. */
  trace?: React.ReactNode;
  /** Which benchmarks' data reaches this node (live views only). */
  contamination?: React.ReactNode;
  /** Lineage measures, ancestors reached twice, similar datasets. */
  analysis?: React.ReactNode;
  /** Declared and inherited licences. */
  licences?: React.ReactNode;
  /** Who reviewed the edges around it (live views only). */
  history?: React.ReactNode;
  /** Sources its texts name that are no node (a Hub id the Hub does not have), with their quotes. */
  mentions?: React.ReactNode;
};

const STATUS_STYLE: Record<ReviewStatus, string> = {
  ACCEPTED: "border-emerald-700 text-emerald-800",
  PROPOSED: "border-slate-500 text-slate-700",
  REJECTED: "border-red-700 text-red-800",
};

const STATUS_TEXT: Record<ReviewStatus, string> = { ACCEPTED: "accepted", PROPOSED: "proposed, not reviewed", REJECTED: "rejected" };

export function edgeReviewId(edge: Pick<LineageEdge, "upstream" | "downstream">): string {
  return `${edge.upstream}\n${edge.downstream}`;
}

/**
 * The selected node: its facts, its drawn and hidden edges with their evidence, and the
 * expand / collapse / review actions. Everything from the store is rendered as text.
 */
export function NodePanel({ node, isRoot, incoming, outgoing, nameOf, isDrawn, onSelect, actions, review, trace, contamination, analysis, licences, history, mentions }: Props) {
  const titleId = useId();
  const facts: [string, React.ReactNode][] = [
    ["Kind", node.benchmark ? `${KIND_LABELS.BENCHMARK} (${node.benchmark.family})` : KIND_LABELS[node.kind]],
    ["Domains", node.domains.length ? node.domains.map((d) => DOMAIN_LABELS[d]).join(", ") : "—"],
    ["Licence", node.license ?? "—"],
    ["Created", formatDate(node.hubCreatedAt, node.releaseMonth)],
    ["Downloads", formatCount(node.hubDownloads)],
    ["Likes", formatCount(node.hubLikes)],
    ["On the Hub", node.scheme !== "HUB" ? "not a Hub dataset" : node.hubPresence === "EXISTS" ? "yes" : node.hubPresence === "MISSING" ? "no longer there" : "not checked"],
    ["Sources", `${formatCount(node.upstreamCount)}${node.hiddenUpstream ? ` (${node.hiddenUpstream} not drawn)` : ""}`],
    ["Built from it", `${formatCount(node.downstreamCount)}${node.hiddenDownstream ? ` (${node.hiddenDownstream} not drawn)` : ""}`],
  ];
  if (node.sizeCategory) facts.push(["Size", node.sizeCategory]);
  if (node.benchmark) facts.push(["Eval splits", node.benchmark.evalSplits.join(", ").toLowerCase() || "—"]);
  if (node.terminalReason || node.terminalDetail) facts.push(["Tracing stopped", [node.terminalReason, node.terminalDetail].filter(Boolean).join(": ")]);
  const paper = node.paperUrl && /^https?:\/\//.test(node.paperUrl) ? node.paperUrl : null;

  return (
    <section data-testid="node-panel" data-key={node.key} aria-labelledby={titleId} className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <header>
        <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{isRoot ? "This dataset" : "Selected node"}</p>
        <h2 id={titleId} className="break-words text-lg font-semibold">
          {node.displayName}
        </h2>
        <p className="break-all font-mono text-xs text-slate-700">{node.key}</p>
        <div className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
          <ExternalLink node={node} />
          {paper && (
            <a href={paper} target="_blank" rel="noopener noreferrer nofollow" className="text-sm text-blue-700 underline hover:text-blue-900">
              Paper<span className="sr-only"> (opens in a new tab)</span>
            </a>
          )}
          {!isRoot && (
            <Link href={`/datasets/${keyToPath(node.key)}`} className="text-sm text-blue-700 underline hover:text-blue-900">
              Open its own lineage
            </Link>
          )}
        </div>
      </header>

      {actions && (
        <div className="flex flex-wrap gap-2" role="group" aria-label={`Actions for ${node.displayName}`}>
          <button type="button" data-testid="expand-upstream" onClick={actions.expandUp} className="btn">
            Expand upstream{node.hiddenUpstream ? ` (+${node.hiddenUpstream})` : ""}
          </button>
          <button type="button" data-testid="expand-downstream" onClick={actions.expandDown} className="btn">
            Expand downstream{node.hiddenDownstream ? ` (+${node.hiddenDownstream})` : ""}
          </button>
          <button type="button" data-testid="collapse-upstream" onClick={actions.toggleCollapse} aria-pressed={actions.collapsed} className="btn">
            {actions.collapsed ? "Show upstream again" : "Collapse upstream"}
          </button>
        </div>
      )}

      {trace}

      {contamination}
      {licences}
      {analysis}

      <section aria-labelledby={`${titleId}-facts`}>
        <h3 id={`${titleId}-facts`} className="mb-1 text-sm font-semibold">
          Facts
        </h3>
        <FactList facts={facts} />
      </section>

      <EdgeList
        title={`Built from (${incoming.length})`}
        empty={node.upstreamCount ? "Its sources are not drawn yet: expand upstream to load them." : "No sources recorded."}
        items={incoming}
        side="upstream"
        nameOf={nameOf}
        isDrawn={isDrawn}
        onSelect={onSelect}
        review={review}
        idPrefix={`${titleId}-in`}
      />
      {mentions}
      <EdgeList
        title={`Used by (${outgoing.length})`}
        empty={node.downstreamCount ? "What was built from it is not drawn yet: expand downstream to load it." : "Nothing recorded as built from it."}
        items={outgoing}
        side="downstream"
        nameOf={nameOf}
        isDrawn={isDrawn}
        onSelect={onSelect}
        idPrefix={`${titleId}-out`}
      />
      {history}
    </section>
  );
}

type EdgeListProps = {
  title: string;
  empty: string;
  items: PanelEdge[];
  /** Which end of each edge is the other node. */
  side: "upstream" | "downstream";
  nameOf: (key: string) => string;
  isDrawn: (key: string) => boolean;
  onSelect: (key: string) => void;
  review?: Props["review"];
  idPrefix: string;
};

function EdgeList({ title, empty, items, side, nameOf, isDrawn, onSelect, review, idPrefix }: EdgeListProps) {
  return (
    <section aria-labelledby={`${idPrefix}-title`}>
      <h3 id={`${idPrefix}-title`} className="mb-2 text-sm font-semibold">
        {title}
      </h3>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">{empty}</p>
      ) : (
        <ul className="space-y-2">
          {items.map(({ edge, drawn }) => {
            const other = edge[side];
            const name = nameOf(other);
            const reviewing = review?.pending === edgeReviewId(edge);
            return (
              <li
                key={edgeReviewId(edge)}
                data-testid={side === "upstream" ? "incoming-edge" : "outgoing-edge"}
                data-upstream={edge.upstream}
                data-downstream={edge.downstream}
                data-status={edge.status}
                className="rounded border border-slate-200 bg-slate-50 p-2 text-sm"
              >
                <p className="flex flex-wrap items-baseline gap-x-2">
                  {isDrawn(other) ? (
                    <button type="button" onClick={() => onSelect(other)} className="break-words text-left font-medium text-blue-700 underline hover:text-blue-900">
                      {name}
                      <span className="sr-only"> (select in the graph)</span>
                    </button>
                  ) : (
                    <Link href={`/datasets/${keyToPath(other)}`} className="break-words font-medium text-blue-700 underline hover:text-blue-900">
                      {name}
                    </Link>
                  )}
                  {!drawn && <span className="text-xs text-slate-700">(not drawn: hidden by the view)</span>}
                </p>
                <p className="mt-0.5 text-slate-800">
                  {RELATION_LABELS[edge.relation]} · confidence {formatConfidence(edge.confidence)} · split {edge.split.toLowerCase()} ·{" "}
                  <span className={`rounded border px-1 text-xs ${STATUS_STYLE[edge.status]}`}>{STATUS_TEXT[edge.status]}</span>{" "}
                  <span className="text-xs text-slate-600">· added by {edge.origin.toLowerCase()}</span>
                </p>
                {edge.evidence.length > 0 && (
                  <ul className="mt-1 space-y-1" aria-label="Evidence">
                    {edge.evidence.map((ev, i) => (
                      <li key={i} className="text-xs text-slate-700">
                        <span className="font-semibold">{ev.source.toLowerCase()}</span>
                        {ev.locator && <span> · {ev.locator}</span>}
                        {ev.url && /^https?:\/\//i.test(ev.url) && (
                          <>
                            {" · "}
                            <a href={ev.url} target="_blank" rel="noopener noreferrer nofollow" className="break-all text-blue-700 underline">
                              {ev.url}
                            </a>
                          </>
                        )}
                        {ev.quote && <blockquote className="mt-1 whitespace-pre-line break-words border-l-2 border-slate-300 pl-2 italic">{ev.quote}</blockquote>}
                      </li>
                    ))}
                  </ul>
                )}
                {review && side === "upstream" && (
                  <div className="mt-2 flex flex-wrap items-center gap-2">
                    <button
                      type="button"
                      data-testid="review-accept"
                      onClick={() => review.onReview(edge, "ACCEPTED")}
                      disabled={reviewing}
                      aria-pressed={edge.status === "ACCEPTED"}
                      className="btn btn-small"
                    >
                      Accept<span className="sr-only"> the link from {name}</span>
                    </button>
                    <button
                      type="button"
                      data-testid="review-reject"
                      onClick={() => review.onReview(edge, "REJECTED")}
                      disabled={reviewing}
                      aria-pressed={edge.status === "REJECTED"}
                      className="btn btn-small"
                    >
                      Reject<span className="sr-only"> the link from {name}</span>
                    </button>
                    {reviewing && <span className="text-xs text-slate-700">Saving…</span>}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {review?.error && side === "upstream" && (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {review.error}
        </p>
      )}
    </section>
  );
}
