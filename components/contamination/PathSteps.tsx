"use client";

import { SEVERITY_LABELS, type ContaminationPath } from "@/lib/contamination/types";
import { EVIDENCE_SOURCE_PHRASES, RELATION_LABELS, type LineageEvidence, type Relation } from "@/lib/lineage/types";
import { monthText, spanText, windowText } from "./format";


/** A step's evidence: the quote when the store has one, else where it was found (locator, link). */
function Evidence({ items }: { items: LineageEvidence[] }) {
  if (!items.length) return <p className="text-slate-700">No evidence recorded.</p>;
  const quoted = items.filter((e) => e.quote).slice(0, 2);
  const shown = quoted.length ? quoted : items.slice(0, 2);
  return (
    <ul className="space-y-1">
      {shown.map((e, i) => (
        <li key={i} data-testid="step-evidence">
          {e.quote ? (
            <blockquote className="border-l-2 border-slate-400 pl-2 italic">{e.quote}</blockquote>
          ) : (
            <span className="text-slate-700">
              From the {EVIDENCE_SOURCE_PHRASES[e.source] ?? e.source.toLowerCase()}
              {e.locator ? <span className="font-mono"> ({e.locator})</span> : null}
            </span>
          )}
          {e.url && (
            <>
              {" "}
              <a href={e.url} target="_blank" rel="noopener noreferrer nofollow" className="break-all text-blue-800 underline">
                {e.url.length > 70 ? `${e.url.slice(0, 67)}…` : e.url}
              </a>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * One contamination path, step by step: where the evaluation set's items entered, then each
 * edge with its relation, split, the date its dataset came to exist, and its evidence.
 */
export function PathSteps({ path, setName, nameOf }: { path: ContaminationPath; setName: string; nameOf: (key: string) => string }) {
  const { entry } = path;
  return (
    <ol className="space-y-1.5 text-xs text-slate-900" aria-label={`Path from ${nameOf(entry.key)}`}>
      <li data-testid="path-entry">
        <span className="font-medium">{nameOf(entry.key)}</span>{" "}
        {entry.role === "host" ? (
          <>is {setName} (items {windowText(entry.window)}).</>
        ) : path.steps.length === 0 ? (
          <>holds these items itself (its items are {spanText(entry.window)}).</>
        ) : (
          <>holds the family&apos;s items {spanText(entry.window)}.</>
        )}
      </li>
      {path.steps.map((step) => (
        <li key={`${step.upstream}>${step.downstream}`} data-testid="path-step" className="space-y-0.5 border-l-2 border-slate-300 pl-2">
          <p>
            <span aria-hidden>↳ </span>
            <span className="font-medium">{nameOf(step.downstream)}</span>
            {" — "}
            {RELATION_LABELS[step.relation as Relation] ?? step.relation} of {nameOf(step.upstream)}, split {step.split === "UNKNOWN" ? "not stated" : step.split.toLowerCase()}, created{" "}
            {monthText(step.created)}, confidence {Math.round(step.confidence * 100)} %{step.status !== "PROPOSED" ? `, ${step.status.toLowerCase()}` : ""}
          </p>
          <Evidence items={step.evidence} />
        </li>
      ))}
      {path.mitigation && (
        <li className="border-l-2 border-green-700 pl-2">
          <span className="font-medium">{nameOf(path.mitigation.dataset)}</span> states it was cleaned of it:
          <Evidence items={path.mitigation.evidence} />
        </li>
      )}
      <li className="text-slate-700">{SEVERITY_LABELS[path.severity]} by this path.</li>
    </ol>
  );
}
