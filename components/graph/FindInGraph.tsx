"use client";

import { forwardRef, useId, useMemo, useState, type KeyboardEvent } from "react";
import { rankMatches } from "@/lib/search/match";

export type FindCandidate = {
  /** Node id (a grouped member's own id). */
  id: string;
  key: string;
  name: string;
  /** Set when the node is drawn inside a group: picking it opens the group. */
  group?: string;
};

const MAX_OPTIONS = 8;

/**
 * "Find in graph": a typeahead over the nodes of this view (drawn or inside a group), by name
 * or key, words in any order and partial ("hermes 2.5", "ultra feedback"). Enter picks the
 * highlighted match; the explorer centres and selects it. `/` focuses it from anywhere.
 */
export const FindInGraph = forwardRef<HTMLInputElement, { candidates: readonly FindCandidate[]; onPick: (candidate: FindCandidate) => void; onQuery?: (ids: string[]) => void }>(function FindInGraph(
  { candidates, onPick, onQuery },
  ref,
) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const matches = useMemo(() => (query.trim() ? rankMatches(query, candidates, (c) => [c.name, c.key], MAX_OPTIONS) : []), [query, candidates]);

  function pick(candidate: FindCandidate | undefined) {
    if (!candidate) return;
    onPick(candidate);
    setOpen(false);
    onQuery?.([]);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, Math.max(0, matches.length - 1)));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === "Enter") {
      event.preventDefault();
      pick(matches[active]);
    } else if (event.key === "Escape") {
      setQuery("");
      setOpen(false);
      onQuery?.([]);
    }
  }

  const listId = `${id}-list`;
  const showList = open && query.trim() !== "";
  return (
    <div className="relative w-64 max-w-[60vw]" data-testid="find-in-graph">
      <label htmlFor={`${id}-input`} className="sr-only">
        Find in graph
      </label>
      <input
        ref={ref}
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && matches[active] ? `${id}-opt-${active}` : undefined}
        placeholder="Find in graph  ( / )"
        value={query}
        autoComplete="off"
        data-testid="find-input"
        onChange={(e) => {
          const next = e.target.value;
          setQuery(next);
          setActive(0);
          setOpen(true);
          onQuery?.(next.trim() ? rankMatches(next, candidates, (c) => [c.name, c.key], MAX_OPTIONS).map((c) => c.id) : []);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
        className="field w-full bg-white/95 shadow-sm"
      />
      {showList && (
        <ul id={listId} role="listbox" aria-label="Matching nodes" className="absolute left-0 right-0 top-full z-30 mt-1 max-h-72 overflow-auto rounded-md border border-slate-300 bg-white py-1 text-sm shadow-lg">
          {matches.length === 0 ? (
            <li role="option" aria-selected={false} aria-disabled data-testid="find-no-matches" className="px-3 py-1.5 text-slate-600">
              No matches in this view
            </li>
          ) : (
            matches.map((m, i) => (
              <li
                key={m.id}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                data-testid="find-option"
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(m);
                }}
                onMouseEnter={() => setActive(i)}
                className={`cursor-pointer px-3 py-1.5 ${i === active ? "bg-blue-50 text-blue-950" : "text-slate-900"}`}
              >
                <span className="block truncate font-medium">{m.name}</span>
                <span className="block truncate font-mono text-xs text-slate-600">
                  {m.key}
                  {m.group ? " · in a group" : ""}
                </span>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
});
