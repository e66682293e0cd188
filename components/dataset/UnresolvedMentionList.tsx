import { EVIDENCE_SOURCE_PHRASES, RELATION_LABELS } from "@/lib/lineage/types";
import { UNRESOLVED_REASON_TEXT, type UnresolvedMentionView } from "@/lib/lineage/unresolved";

/**
 * Names a dataset's texts give as sources that never became a node or an edge (a Hub id the
 * Hub has no dataset for), each with why and the quote, so a person can spot the typo and add
 * the right source by hand. Nothing when there are none. Text only: quotes come from cards.
 */
export function UnresolvedMentionList({ mentions, headingId }: { mentions: UnresolvedMentionView[]; headingId: string }) {
  if (!mentions.length) return null;
  return (
    <section aria-labelledby={headingId} data-testid="unresolved-mentions" className="space-y-2">
      <h3 id={headingId} className="text-sm font-semibold">
        Unresolved mentions ({mentions.length})
      </h3>
      <p className="text-xs text-slate-700">Named as sources in its texts, but not in the graph: no node or edge was made for them.</p>
      <ul className="space-y-2">
        {mentions.map((m, i) => (
          <li key={`${m.mention}\n${i}`} data-testid="unresolved-mention" data-mention={m.mention} data-reason={m.reason} className="rounded border border-amber-300 bg-amber-50 p-2 text-sm">
            <p className="break-words">
              <span className="font-mono font-medium">{m.mention}</span> <span className="text-amber-900">· {UNRESOLVED_REASON_TEXT[m.reason]}</span>
            </p>
            <p className="mt-0.5 text-xs text-slate-700">
              {RELATION_LABELS[m.relation]} · in the {EVIDENCE_SOURCE_PHRASES[m.source]}
              {m.url && /^https?:\/\//i.test(m.url) && (
                <>
                  {" · "}
                  <a href={m.url} target="_blank" rel="noopener noreferrer nofollow" className="break-all text-blue-700 underline">
                    {m.url}
                    <span className="sr-only"> (opens in a new tab)</span>
                  </a>
                </>
              )}
            </p>
            <blockquote className="mt-1 whitespace-pre-line break-words border-l-2 border-amber-400 pl-2 text-xs italic text-slate-800">{m.quote}</blockquote>
          </li>
        ))}
      </ul>
    </section>
  );
}
