"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { api, type ReviewAction } from "@/lib/http/client-api";
import { keyToPath } from "@/lib/keys";
import { RELATION_LABELS, RELATIONS, type Relation } from "@/lib/lineage/types";
import { REVIEW_REASON_LABEL, type QueueItem, type ReviewQueue as Queue } from "@/lib/lineage/review-queue";
import { EvidenceList } from "./EvidenceList";

type Props = { initial: Queue; canReview: boolean; signInHint: boolean };

const VERB: Record<ReviewAction, string> = { accept: "Accepted", reject: "Rejected", reopen: "Reopened", edit: "Edited" };

/**
 * The queue, one edge at a time with its evidence beside it. Keys (outside the note field):
 * A accept, R reject, N or J next, K or P previous. Reviewed edges leave the list; more are
 * fetched as the end nears.
 */
export function ReviewQueue({ initial, canReview, signInHint }: Props) {
  const [items, setItems] = useState<QueueItem[]>(initial.items);
  const [total, setTotal] = useState(initial.total);
  const [index, setIndex] = useState(0);
  const [note, setNote] = useState("");
  // The relation picked for one edge only: moving on clears it.
  const [picked, setPicked] = useState<{ edgeId: number; relation: Relation | "" } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const exhausted = useRef(initial.items.length >= initial.total);
  const item = items[index] ?? null;
  const relation = picked && item && picked.edgeId === item.edgeId ? picked.relation : "";
  const setRelation = (value: Relation | "") => item && setPicked({ edgeId: item.edgeId, relation: value });

  const loadMore = useCallback(async (after: number) => {
    if (exhausted.current) return;
    const response = await fetch(`/api/review-queue?below=${initial.threshold}&after=${after}`).catch(() => null);
    const body = (await response?.json().catch(() => null)) as Queue | null;
    if (!body?.items) return;
    if (!body.items.length) exhausted.current = true;
    setItems((current) => [...current, ...body.items.filter((i) => !current.some((c) => c.edgeId === i.edgeId))]);
  }, [initial.threshold]);

  // Fetch the next page when the reviewer gets within five edges of the end of what is loaded.
  const moveTo = useCallback(
    (next: number) => {
      setIndex(next);
      if (items.length - next < 5 && items.length) void loadMore(items[items.length - 1]!.edgeId);
    },
    [items, loadMore],
  );

  const decide = useCallback(
    async (action: ReviewAction) => {
      if (!item || pending || !canReview) return;
      setPending(true);
      setError(null);
      const result = await api.review({
        upstream: item.upstream,
        downstream: item.downstream,
        action,
        ...(action === "edit" && relation ? { relation } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setPending(false);
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setStatus(`${VERB[action]}: ${item.upstreamName} → ${item.downstreamName}.`);
      setNote("");
      setItems((current) => current.filter((c) => c.edgeId !== item.edgeId));
      setTotal((t) => Math.max(0, t - 1));
      moveTo(Math.min(index, Math.max(0, items.length - 2)));
    },
    [item, pending, canReview, relation, note, items.length, index, moveTo],
  );

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === "TEXTAREA" || target.tagName === "INPUT" || target.tagName === "SELECT")) return;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === "a") void decide("accept");
      else if (key === "r") void decide("reject");
      else if (key === "n" || key === "j") moveTo(Math.min(index + 1, Math.max(0, items.length - 1)));
      else if (key === "k" || key === "p") moveTo(Math.max(0, index - 1));
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [decide, items.length, index, moveTo]);

  return (
    <section className="space-y-4" data-testid="review-queue">
      <p className="text-sm text-slate-700" data-testid="review-count">
        {total === 0 ? "Nothing to review." : `${total} edge${total === 1 ? "" : "s"} to review${item ? ` · showing ${index + 1} of ${items.length} loaded` : ""}.`}
        {canReview && total > 0 && <span className="ml-2 text-slate-500">Keys: A accept · R reject · N next · P previous</span>}
      </p>
      {!canReview && (
        <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm" data-testid="review-readonly">
          {signInHint ? (
            <>
              <Link href="/sign-in?next=/review" className="text-blue-700 underline">
                Sign in
              </Link>{" "}
              with a reviewer account to review these edges.
            </>
          ) : (
            "You can read this queue; reviewing needs the reviewer role."
          )}
        </p>
      )}
      <p role="status" aria-live="polite" className="text-sm text-green-900" data-testid="review-status">
        {status}
      </p>
      {error && (
        <p role="alert" className="text-sm text-red-900" data-testid="review-error">
          {error}
        </p>
      )}
      {item && (
        <div className="grid gap-4 lg:grid-cols-2" data-testid="review-item" data-edge={`${item.upstream}->${item.downstream}`}>
          <div className="space-y-2 rounded border border-slate-200 bg-white p-3">
            <h2 className="text-lg font-semibold">
              <Link href={`/datasets/${keyToPath(item.upstream)}`} className="text-blue-800 underline">
                {item.upstreamName}
              </Link>{" "}
              →{" "}
              <Link href={`/datasets/${keyToPath(item.downstream)}`} className="text-blue-800 underline">
                {item.downstreamName}
              </Link>
            </h2>
            <p className="text-sm">
              {RELATION_LABELS[item.relation]} · split {item.split.toLowerCase()} · confidence {Math.round(item.confidence * 100)}% · from {item.origin.toLowerCase()}
            </p>
            <ul className="flex flex-wrap gap-2 text-xs">
              {item.reasons.map((reason) => (
                <li key={reason} className="rounded bg-slate-100 px-2 py-0.5">
                  {REVIEW_REASON_LABEL[reason]}
                  {reason === "date-contradiction" && ` (${item.downstreamMonth} < ${item.upstreamMonth})`}
                </li>
              ))}
            </ul>
            {canReview && (
              <div className="space-y-2">
                <label className="block text-sm">
                  Note (optional)
                  <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={2} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" data-testid="review-note" />
                </label>
                <div className="flex flex-wrap items-center gap-2">
                  <button type="button" className="btn" onClick={() => decide("accept")} disabled={pending} data-testid="review-accept">
                    Accept (A)
                  </button>
                  <button type="button" className="btn" onClick={() => decide("reject")} disabled={pending} data-testid="review-reject">
                    Reject (R)
                  </button>
                  <label className="text-sm">
                    <span className="sr-only">New relation</span>
                    <select value={relation} onChange={(e) => setRelation(e.target.value as Relation | "")} className="rounded border border-slate-300 px-1 py-1" data-testid="review-relation">
                      <option value="">Change relation…</option>
                      {RELATIONS.filter((r) => r !== item.relation).map((r) => (
                        <option key={r} value={r}>
                          {RELATION_LABELS[r]}
                        </option>
                      ))}
                    </select>
                  </label>
                  <button type="button" className="btn" onClick={() => decide("edit")} disabled={pending || !relation} data-testid="review-edit">
                    Save relation
                  </button>
                </div>
              </div>
            )}
            <div className="flex gap-2 text-sm">
              <button type="button" className="underline" onClick={() => moveTo(Math.max(0, index - 1))} disabled={index === 0}>
                Previous (P)
              </button>
              <button type="button" className="underline" onClick={() => moveTo(Math.min(index + 1, items.length - 1))} disabled={index >= items.length - 1} data-testid="review-next">
                Next (N)
              </button>
            </div>
          </div>
          <div className="rounded border border-slate-200 bg-white p-3">
            <h3 className="mb-2 font-medium">Evidence</h3>
            <EvidenceList items={item.evidence} />
          </div>
        </div>
      )}
    </section>
  );
}
