import { EVIDENCE_SOURCE_PHRASES, type LineageEvidence } from "@/lib/lineage/types";


/** Every piece of evidence for an edge: the quote when stored, else where it was found. */
export function EvidenceList({ items }: { items: LineageEvidence[] }) {
  if (!items.length) return <p className="text-sm text-slate-700">No evidence recorded.</p>;
  return (
    <ul className="space-y-2 text-sm" data-testid="review-evidence">
      {items.map((e, i) => (
        <li key={i}>
          <span className="text-slate-600">From the {EVIDENCE_SOURCE_PHRASES[e.source] ?? e.source.toLowerCase()}</span>
          {e.locator ? <span className="font-mono text-slate-600"> ({e.locator})</span> : null}
          {e.quote && <blockquote className="mt-1 border-l-2 border-slate-400 pl-2 italic">{e.quote}</blockquote>}
          {e.url && (
            <a href={e.url} target="_blank" rel="noopener noreferrer nofollow" className="block break-all text-blue-800 underline">
              {e.url.length > 90 ? `${e.url.slice(0, 87)}…` : e.url}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
