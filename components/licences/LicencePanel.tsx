"use client";

import { CLASS_COLORS, CLASS_LABELS, type LicenceClass } from "@/lib/licences";
import type { LicenceAnswer } from "./useLicences";

function ClassBadge({ value }: { value: LicenceClass }) {
  return (
    <span className="inline-flex items-center gap-1 rounded border border-slate-300 bg-white px-1 text-xs">
      <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: CLASS_COLORS[value] }} />
      {CLASS_LABELS[value]}
    </span>
  );
}

const SOURCE_LABEL: Record<string, string> = { HUB: "Hub card", DPI: "Data Provenance Collection", SEED: "seed", PERSON: "a reviewer" };

/**
 * May I use it: what the selected dataset declares (and who says so), the restrictions it
 * inherits from its ancestors with the path each comes by, and where the two conflict.
 */
export function LicencePanel({ data, error, loading, nameOf }: { data: LicenceAnswer | null; error: string | null; loading: boolean; nameOf: (key: string) => string }) {
  return (
    <section data-testid="licence-panel" aria-label="Licences" className="space-y-2 text-sm">
      <h3 className="text-sm font-semibold">Licences</h3>
      {loading && !data && <p className="text-slate-700">Reading the licences along the lineage…</p>}
      {error && (
        <p role="alert" className="text-red-900">
          Could not read the licences: {error}
        </p>
      )}
      {data && (
        <>
          <div data-testid="licence-declared">
            <p className="font-medium">Declared</p>
            {data.declaredDetail.length ? (
              <ul className="space-y-0.5">
                {data.declaredDetail.map((d) => (
                  <li key={d.id} data-licence={d.id}>
                    <span className="font-mono text-xs">{d.id}</span> <ClassBadge value={d.class} />{" "}
                    <span className="text-xs text-slate-700">
                      per {[...new Set(d.sources.map((s) => SOURCE_LABEL[s.source] ?? s.source))].join(", ")}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-slate-700">No licence on record.</p>
            )}
          </div>
          {data.conflicts.length > 0 && (
            <div data-testid="licence-conflicts" className="rounded-md border border-red-700 bg-red-50 p-2 text-red-950">
              <p className="font-semibold">
                {data.conflicts.length === 1 ? "1 conflict" : `${data.conflicts.length} conflicts`} between what it declares and what its sources allow
              </p>
              <ul className="list-disc space-y-0.5 pl-5">
                {data.conflicts.slice(0, 6).map((c, i) => (
                  <li key={i} data-testid="licence-conflict">
                    {c.reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div data-testid="licence-inherited">
            <p className="font-medium">
              Inherited <span className="font-normal text-slate-700">(from ancestors, through every relation: all five carry data)</span>
            </p>
            {data.inherited.length ? (
              <ul className="space-y-1">
                {data.inherited.slice(0, 12).map((i) => (
                  <li key={`${i.licence}|${i.from}`} data-testid="inherited-licence" data-licence={i.licence}>
                    <span className="font-mono text-xs">{i.licence}</span> <ClassBadge value={i.class} /> from <span className="font-medium">{nameOf(i.from)}</span>
                    <span className="block text-xs text-slate-700">
                      {i.restriction}; path {i.path.map(nameOf).join(" → ")}
                    </span>
                  </li>
                ))}
                {data.inherited.length > 12 && <li className="text-xs text-slate-700">… and {data.inherited.length - 12} more</li>}
              </ul>
            ) : (
              <p className="text-slate-700">No restriction reaches it from its sources.</p>
            )}
          </div>
        </>
      )}
    </section>
  );
}
