"use client";

import { useEffect, useState } from "react";
import { api } from "@/lib/http/client-api";
import type { EdgeReviewEntry } from "@/lib/lineage/reviews";
import { RELATION_LABELS, RELATIONS, type Relation } from "@/lib/lineage/types";

const VERB: Record<EdgeReviewEntry["action"], string> = { accept: "accepted", reject: "rejected", reopen: "reopened", edit: "edited", add: "added by hand" };

/** GET /api/reviews?key=… for one dataset, refetched when `version` (the graph) changes. */
function useReviews(datasetKey: string, version: unknown) {
  const [state, setState] = useState<{ key: string; version: unknown; reviews: EdgeReviewEntry[]; error: string | null } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/reviews?key=${encodeURIComponent(datasetKey)}`, { signal: controller.signal })
      .then(async (response) => {
        const body = (await response.json().catch(() => null)) as { reviews?: EdgeReviewEntry[]; error?: { message?: string } } | null;
        if (!response.ok || !body?.reviews) throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
        setState({ key: datasetKey, version, reviews: body.reviews, error: null });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ key: datasetKey, version, reviews: [], error: error instanceof Error ? error.message : "Unknown error." });
      });
    return () => controller.abort();
  }, [datasetKey, version]);
  return state?.key === datasetKey ? state : null;
}

function change(entry: EdgeReviewEntry): string {
  const parts: string[] = [];
  if (entry.before && entry.before.relation !== entry.after.relation) parts.push(`${RELATION_LABELS[entry.before.relation]} → ${RELATION_LABELS[entry.after.relation]}`);
  if (entry.before && entry.before.split !== entry.after.split) parts.push(`split ${entry.before.split.toLowerCase()} → ${entry.after.split.toLowerCase()}`);
  if (entry.action === "add") parts.push(RELATION_LABELS[entry.after.relation]);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

/**
 * Who reviewed the edges around a dataset, when, what changed and why (the notes), newest
 * first; reviewers can also add a source by hand here.
 */
export function ReviewHistory({ datasetKey, nameOf, version, canAdd, onChanged }: { datasetKey: string; nameOf: (key: string) => string; version: unknown; canAdd: boolean; onChanged: () => void }) {
  const loaded = useReviews(datasetKey, version);
  return (
    <section aria-label="Review history" data-testid="review-history" className="space-y-2">
      <h3 className="text-sm font-semibold">Reviews</h3>
      {!loaded ? (
        <p className="text-sm text-slate-600">Loading reviews…</p>
      ) : loaded.error ? (
        <p className="text-sm text-red-800">{loaded.error}</p>
      ) : loaded.reviews.length === 0 ? (
        <p className="text-sm text-slate-600">No edge around this dataset has been reviewed yet.</p>
      ) : (
        <ol className="space-y-1 text-sm">
          {loaded.reviews.slice(0, 20).map((entry) => (
            <li key={entry.id} data-testid="review-entry" className="rounded border border-slate-200 bg-slate-50 p-2">
              <span className="font-medium">{entry.actor}</span> {VERB[entry.action]} {nameOf(entry.upstream)} → {nameOf(entry.downstream)}
              {change(entry)} <time dateTime={entry.at} className="text-xs text-slate-600">{new Date(entry.at).toLocaleString()}</time>
              {entry.note && <p className="mt-0.5 whitespace-pre-line break-words italic text-slate-800">{entry.note}</p>}
            </li>
          ))}
        </ol>
      )}
      {canAdd && <AddSourceForm datasetKey={datasetKey} onAdded={onChanged} />}
    </section>
  );
}

function AddSourceForm({ datasetKey, onAdded }: { datasetKey: string; onAdded: () => void }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  if (!open) {
    return (
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)} data-testid="add-source-open">
        Add a source by hand
      </button>
    );
  }
  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await api.addEdge({
      upstream: String(form.get("upstream") ?? "").trim(),
      downstream: datasetKey,
      relation: String(form.get("relation")) as Relation,
      note: String(form.get("note") ?? "").trim() || undefined,
    });
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    setOpen(false);
    onAdded();
  }
  return (
    <form onSubmit={onSubmit} className="space-y-2 rounded border border-slate-200 p-2 text-sm" data-testid="add-source-form">
      <label className="block">
        Source dataset key
        <input name="upstream" required placeholder="owner/name" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 font-mono" />
      </label>
      <label className="block">
        Relation
        <select name="relation" className="mt-1 block w-full rounded border border-slate-300 px-1 py-1" defaultValue="DIRECT_INCLUSION">
          {RELATIONS.map((r) => (
            <option key={r} value={r}>
              {RELATION_LABELS[r]}
            </option>
          ))}
        </select>
      </label>
      <label className="block">
        Note (where this is stated)
        <textarea name="note" rows={2} maxLength={2000} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" />
      </label>
      {error && (
        <p role="alert" className="text-red-800" data-testid="add-source-error">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" className="btn btn-small" disabled={pending}>
          {pending ? "Adding…" : "Add source"}
        </button>
        <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
