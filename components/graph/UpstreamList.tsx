"use client";

import Link from "next/link";
import { useState } from "react";
import { keyToPath } from "@/lib/keys";
import { RELATION_LABELS } from "@/lib/lineage/types";
import { formatConfidence } from "@/lib/format";
import type { UpstreamEntry } from "@/lib/graph/upstream";

type Props = { entries: UpstreamEntry[]; nameOf: (key: string) => string; selectedKey: string | null; onSelect: (key: string) => void };

/** Rows shown before "Show all": a 2,000-node view should not re-render 2,000 rows on every click. */
const FIRST_ROWS = 100;

/** The drawn sources as a plain list: the accessible counterpart of the canvas. */
export function UpstreamList({ entries, nameOf, selectedKey, onSelect }: Props) {
  const [all, setAll] = useState(false);
  const shown = all ? entries : entries.slice(0, FIRST_ROWS);
  return (
    <section aria-labelledby="upstream-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="upstream-title" className="mb-2 font-semibold">
        Upstream datasets ({entries.length})
      </h2>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">No sources recorded for this dataset yet.</p>
      ) : (
        <ol data-testid="upstream-list" className="divide-y divide-slate-100">
          {shown.map(({ node, depth, feeds }) => (
            <li key={node.key} data-key={node.key} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2 text-sm">
              <span className="w-14 shrink-0 text-xs text-slate-600">{depth === 1 ? "direct" : `${depth} steps`}</span>
              <Link href={`/datasets/${keyToPath(node.key)}`} className="font-medium text-blue-700 underline hover:text-blue-900">
                {node.displayName}
              </Link>
              <span className="break-all font-mono text-xs text-slate-600">{node.key}</span>
              <span className="text-xs text-slate-600">
                {feeds.map((e) => `${RELATION_LABELS[e.relation]} → ${nameOf(e.downstream)} (${formatConfidence(e.confidence)})`).join("; ")}
              </span>
              <button
                type="button"
                onClick={() => onSelect(node.key)}
                aria-pressed={selectedKey === node.key}
                className="btn btn-small ml-auto aria-pressed:border-amber-700 aria-pressed:bg-amber-100"
              >
                Show in graph<span className="sr-only"> {node.displayName}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
      {shown.length < entries.length && (
        <button type="button" onClick={() => setAll(true)} className="btn btn-small mt-2">
          Show all {entries.length} upstream datasets
        </button>
      )}
    </section>
  );
}
