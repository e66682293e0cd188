"use client";

import { useEffect, useId, useRef } from "react";
import { RELATION_STYLES, DOMAIN_COLORS, DOMAIN_LABELS } from "@/lib/graph/style";
import { DOMAINS, RELATIONS, RELATION_LABELS, type Domain, type Relation } from "@/lib/lineage/types";
import { evalSetLabel, type EvalSetInfo } from "@/lib/contamination/types";
import { MAX_DEPTH, type ViewState } from "@/lib/view/state";

type Props = {
  state: ViewState;
  /** A snapshot shows exactly what was frozen: nothing here can change it. */
  readOnly: boolean;
  onDepth: (direction: "up" | "down", depth: number) => void;
  onFilter: (patch: Partial<Pick<ViewState, "relations" | "minConfidence" | "showRejected" | "domains" | "grouped">>) => void;
  /** Put every filter back (shown when any is on). */
  onResetFilters?: () => void;
  onFocus: () => void;
  /** Registered evaluation sets, for the benchmark filter (none: no filter offered). */
  evalSets?: readonly EvalSetInfo[];
  onBenchmark?: (set: string | null) => void;
  onColorBy?: (colorBy: ViewState["colorBy"]) => void;
  /** Share, freeze, export: rendered at the end of the first row. */
  children?: React.ReactNode;
};

const DEPTHS = Array.from({ length: MAX_DEPTH + 1 }, (_, i) => i);

/**
 * Toggle one member of an "all when null" list. The last checked box cannot be unchecked:
 * an empty list would mean "everything" in the URL, the opposite of what the box says.
 */
/** A fieldset of filter checkboxes; the last checked one cannot be unchecked (an empty filter would draw nothing). */
function CheckboxGroup<T extends string>(props: {
  legend: string;
  readOnly: boolean;
  items: readonly T[];
  on: readonly T[];
  testId: (item: T) => string;
  lastHint: string;
  onToggle: (item: T) => void;
  render: (item: T) => React.ReactNode;
}) {
  return (
    <fieldset disabled={props.readOnly} className="min-w-0">
      <legend className="mb-1 text-xs font-medium text-slate-700">{props.legend}</legend>
      <div className="flex flex-wrap gap-x-3 gap-y-1">
        {props.items.map((item) => {
          const checked = props.on.includes(item);
          const last = checked && props.on.length === 1;
          return (
            <label key={item} className="flex items-center gap-1.5" title={last ? props.lastHint : undefined}>
              <input type="checkbox" data-testid={props.testId(item)} checked={checked} disabled={last} onChange={() => props.onToggle(item)} />
              {props.render(item)}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

function toggled<T extends string>(all: readonly T[], current: readonly T[] | null, item: T): T[] | null {
  const on = new Set(current ?? all);
  if (on.has(item)) on.delete(item);
  else on.add(item);
  const next = all.filter((x) => on.has(x));
  return next.length === all.length ? null : next;
}

/** Depth, focus and the client-side filters of the lineage view. */
export function Toolbar({ state, readOnly, onDepth, onFilter, onResetFilters, onFocus, evalSets, onBenchmark, onColorBy, children }: Props) {
  const id = useId();
  const filtersRef = useRef<HTMLDetailsElement>(null);
  // The filters fold away after a click elsewhere, so they never cover the graph for long.
  useEffect(() => {
    const close = (event: PointerEvent) => {
      const details = filtersRef.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener("pointerdown", close);
    return () => document.removeEventListener("pointerdown", close);
  }, []);
  const relationsOn = state.relations ?? RELATIONS;
  const domainsOn = state.domains ?? DOMAINS;
  const activeFilters =
    (state.relations ? 1 : 0) + (state.domains ? 1 : 0) + (state.minConfidence > 0 ? 1 : 0) + (state.showRejected ? 1 : 0);

  return (
    <section aria-label="View controls" className="relative rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <label className="flex items-center gap-1.5" title="How many steps of sources to draw">
          <span className="text-xs font-medium text-slate-700">Sources</span>
          <select data-testid="depth-up" value={state.up} disabled={readOnly} onChange={(e) => onDepth("up", Number(e.target.value))} className="field">
            {DEPTHS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1.5" title="How many steps of uses to draw">
          <span className="text-xs font-medium text-slate-700">Uses</span>
          <select data-testid="depth-down" value={state.down} disabled={readOnly} onChange={(e) => onDepth("down", Number(e.target.value))} className="field">
            {DEPTHS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="focus-path"
          aria-pressed={state.focus}
          disabled={readOnly}
          onClick={onFocus}
          title="Show only the paths between the selected node and this dataset (key F)"
          className="btn aria-pressed:border-amber-700 aria-pressed:bg-amber-100"
        >
          {state.focus ? "Focus: on" : "Focus: off"}
        </button>
        {onColorBy && (
          <label className="flex items-center gap-1.5">
            <span className="text-xs font-medium text-slate-700">Colour</span>
            <select data-testid="color-by" value={state.colorBy} disabled={readOnly} onChange={(e) => onColorBy(e.target.value as ViewState["colorBy"])} className="field">
              <option value="domain">Domain</option>
              <option value="licence">Licence</option>
            </select>
          </label>
        )}
        {evalSets && evalSets.length > 0 && onBenchmark && (
          <label className="flex items-center gap-1.5">
            <span className="text-xs font-medium text-slate-700">Benchmark</span>
            <select
              data-testid="benchmark-filter"
              value={evalSets.find((s) => s.id === state.benchmark || s.host.toLowerCase() === state.benchmark?.toLowerCase())?.id ?? ""}
              disabled={readOnly}
              onChange={(e) => onBenchmark(e.target.value || null)}
              title="Show only the nodes an evaluation set reaches, coloured by its severity"
              className="field max-w-52"
            >
              <option value="">All nodes</option>
              {[...new Set(evalSets.map((s) => s.family))].map((family) => (
                <optgroup key={family} label={family}>
                  {evalSets
                    .filter((s) => s.family === family)
                    .map((s) => (
                      <option key={s.id} value={s.id}>
                        {evalSetLabel(s)}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </label>
        )}
        <details ref={filtersRef} className="group" data-testid="filters">
          <summary className="btn cursor-pointer select-none list-none" data-testid="filters-toggle">
            Filters{activeFilters ? ` (${activeFilters} on)` : ""} ▾
          </summary>
          <div className="absolute left-0 right-0 top-full z-40 mt-1 flex flex-wrap gap-x-6 gap-y-3 rounded-lg border border-slate-300 bg-white p-3 shadow-lg">
            <CheckboxGroup
              legend="Relations"
              readOnly={readOnly}
              items={RELATIONS}
              on={relationsOn}
              testId={(relation) => `filter-relation-${relation}`}
              lastHint="At least one relation type stays shown"
              onToggle={(relation) => onFilter({ relations: toggled(RELATIONS, state.relations, relation) })}
              render={(relation: Relation) => (
                <>
                  <svg aria-hidden width="22" height="8" viewBox="0 0 22 8">
                    <line x1="0" y1="4" x2="22" y2="4" stroke={RELATION_STYLES[relation].color} strokeWidth="3" strokeDasharray={RELATION_STYLES[relation].dash.map((d) => d / 2).join(" ") || undefined} />
                  </svg>
                  {RELATION_LABELS[relation]}
                </>
              )}
            />
            <CheckboxGroup
              legend="Domains"
              readOnly={readOnly}
              items={DOMAINS}
              on={domainsOn}
              testId={(domain) => `filter-domain-${domain}`}
              lastHint="At least one domain stays shown"
              onToggle={(domain) => onFilter({ domains: toggled(DOMAINS, state.domains, domain) })}
              render={(domain: Domain) => (
                <>
                  <span aria-hidden className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: DOMAIN_COLORS[domain] }} />
                  {DOMAIN_LABELS[domain]}
                </>
              )}
            />
            <fieldset disabled={readOnly} className="flex flex-wrap items-end gap-x-6 gap-y-2">
              <legend className="sr-only">Edges</legend>
              <div className="flex flex-col gap-0.5">
                <label htmlFor={`${id}-conf`} className="text-xs font-medium text-slate-700">
                  Minimum confidence
                </label>
                <div className="flex items-center gap-2">
                  <input
                    id={`${id}-conf`}
                    type="range"
                    data-testid="filter-min-confidence"
                    min={0}
                    max={1}
                    step={0.05}
                    value={state.minConfidence}
                    aria-valuetext={`${Math.round(state.minConfidence * 100)}%`}
                    onChange={(e) => onFilter({ minConfidence: Math.round(Number(e.target.value) * 100) / 100 })}
                    className="w-36 accent-blue-700"
                  />
                  <output htmlFor={`${id}-conf`} className="w-10 tabular-nums text-slate-800">
                    {Math.round(state.minConfidence * 100)}%
                  </output>
                </div>
              </div>
              <label className="flex items-center gap-1.5 pb-0.5">
                <input type="checkbox" data-testid="filter-show-rejected" checked={state.showRejected} onChange={(e) => onFilter({ showRejected: e.target.checked })} />
                Show rejected edges
              </label>
              <label className="flex items-center gap-1.5 pb-0.5" title="More than 12 sources (or uses) of one node that have no other drawn edge are drawn as one group node">
                <input type="checkbox" data-testid="filter-grouped" checked={state.grouped} onChange={(e) => onFilter({ grouped: e.target.checked })} />
                Group wide fans
              </label>
              {onResetFilters && activeFilters > 0 && (
                <button type="button" className="btn btn-small" data-testid="reset-filters" onClick={onResetFilters}>
                  Reset filters
                </button>
              )}
            </fieldset>
          </div>
        </details>
        <div className="flex flex-wrap items-center gap-2 lg:ml-auto">{children}</div>
      </div>

    </section>
  );
}
