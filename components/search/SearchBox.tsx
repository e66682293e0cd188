"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { KIND_SHORT_LABELS } from "@/lib/graph/style";
import { keyToPath } from "@/lib/keys";
import type { DatasetSummary } from "@/lib/lineage/types";
import { MAX_QUERY_LENGTH } from "@/lib/validation/lineage";

const DEBOUNCE_MS = 150;
const LIMIT = 8;

export type SearchBoxProps = {
  defaultValue?: string;
  autoFocus?: boolean;
  /** Visible label above the box; screen readers get it either way. */
  label?: string;
  showLabel?: boolean;
  placeholder?: string;
};

type Suggestions = { query: string; results: DatasetSummary[] } | { query: string; error: string };

const datasetHref = (key: string) => `/datasets/${keyToPath(key)}`;

/**
 * The home page's search: a WAI-ARIA 1.2 combobox (editable, list autocomplete). Typing asks
 * /api/datasets for up to eight matches by key, name or alias; arrow keys move through them
 * while focus stays in the box; Enter opens the highlighted dataset, or — with nothing
 * highlighted — the full results page (/search?q=, which is also what the form does without
 * JavaScript); Escape closes the list, then clears the box.
 */
export function SearchBox({ defaultValue = "", autoFocus = false, label = "Dataset name or key", showLabel = false, placeholder = "e.g. gsm8k, MetaMathQA, openai/gsm8k" }: SearchBoxProps) {
  const router = useRouter();
  const id = useId();
  const inputId = `${id}-input`;
  const listboxId = `${id}-listbox`;
  const optionId = (index: number) => `${id}-option-${index}`;

  const [query, setQuery] = useState(defaultValue);
  const [suggestions, setSuggestions] = useState<Suggestions | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const abort = useRef<AbortController | null>(null);

  const trimmed = query.trim();
  // Only suggestions for what is in the box now count; stale ones are never shown.
  const current = suggestions && suggestions.query === trimmed ? suggestions : null;
  const results = current && "results" in current ? current.results : [];
  const expanded = open && trimmed !== "" && current !== null;

  useEffect(() => {
    if (!trimmed) return;
    const timer = setTimeout(async () => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      try {
        const response = await fetch(`/api/datasets?q=${encodeURIComponent(trimmed)}&limit=${LIMIT}`, { signal: controller.signal, headers: { accept: "application/json" } });
        const body = (await response.json()) as { results?: DatasetSummary[]; error?: { message?: string } };
        if (!response.ok || !body.results) throw new Error(body.error?.message ?? "Search failed.");
        setSuggestions({ query: trimmed, results: body.results });
      } catch (error) {
        if (controller.signal.aborted) return;
        setSuggestions({ query: trimmed, error: error instanceof Error ? error.message : "Search failed." });
      }
      setActive(-1);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [trimmed]);

  useEffect(() => () => abort.current?.abort(), []);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        if (!results.length) return;
        const step = event.key === "ArrowDown" ? 1 : -1;
        if (!expanded) {
          setOpen(true);
          setActive(step === 1 ? 0 : results.length - 1);
          return;
        }
        setActive((index) => (index < 0 ? (step === 1 ? 0 : results.length - 1) : (index + step + results.length) % results.length));
        return;
      }
      case "Enter": {
        const chosen = expanded ? results[active] : undefined;
        if (!chosen) return; // the form submits to /search?q=
        event.preventDefault();
        setOpen(false);
        router.push(datasetHref(chosen.key));
        return;
      }
      case "Escape": {
        event.preventDefault();
        if (expanded) {
          setOpen(false);
          setActive(-1);
        } else {
          setQuery("");
          setSuggestions(null);
        }
        return;
      }
    }
  };

  const noMatches = expanded && "results" in current && !results.length;
  const status = !trimmed || !current ? "" : "error" in current ? current.error : results.length ? `${results.length} suggestion${results.length === 1 ? "" : "s"}; use the arrow keys to choose.` : `No datasets match “${trimmed}”.`;

  return (
    <form action="/search" method="get" role="search" className="relative max-w-xl" onSubmit={() => setOpen(false)}>
      <label htmlFor={inputId} className={showLabel ? "mb-1 block text-sm font-medium text-slate-800" : "sr-only"}>
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={inputId}
          name="q"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded && results.length > 0}
          aria-controls={listboxId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          autoComplete="off"
          spellCheck={false}
          maxLength={MAX_QUERY_LENGTH}
          placeholder={placeholder}
          autoFocus={autoFocus}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          data-testid="search-input"
          className="min-w-0 flex-1 rounded border border-slate-400 bg-white px-3 py-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
        />
        <button type="submit" className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
          Search
        </button>
      </div>
      {/* Kept in the DOM (empty when closed) so aria-controls always points at it. */}
      <div
        id={listboxId}
        role="listbox"
        aria-label="Suggestions"
        data-testid="search-suggestions"
        hidden={!expanded || !results.length}
        // Clicking an option must not blur the box first: the list would close before the click lands.
        onMouseDown={(event) => event.preventDefault()}
        className="absolute left-0 right-0 top-full z-20 mt-1 max-h-96 overflow-y-auto rounded border border-slate-300 bg-white py-1 shadow-lg"
      >
        {expanded &&
          results.map((result, index) => (
            <a
              key={result.key}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              tabIndex={-1}
              href={datasetHref(result.key)}
              data-key={result.key}
              onMouseEnter={() => setActive(index)}
              onClick={() => setOpen(false)}
              className={`block px-3 py-2 text-sm ${index === active ? "bg-blue-100" : "hover:bg-slate-100"}`}
            >
              <span className="flex flex-wrap items-baseline justify-between gap-x-3">
                <span className="font-medium text-slate-900">{result.displayName}</span>{" "}
                <span className="text-xs text-slate-700">{KIND_SHORT_LABELS[result.kind]}</span>
              </span>{" "}
              <span className="block break-all font-mono text-xs text-slate-700">{result.key}</span>
              {result.matchedAlias && <span className="block text-xs text-slate-700"> also known as “{result.matchedAlias}”</span>}
            </a>
          ))}
      </div>
      {noMatches && (
        // Said where the list would be, so an empty answer is not mistaken for a slow one.
        <p data-testid="search-no-matches" className="absolute left-0 right-0 top-full z-20 mt-1 rounded border border-slate-300 bg-white px-3 py-2 text-sm text-slate-700 shadow-lg">
          No datasets match “{trimmed}”.
        </p>
      )}
      <p className="sr-only" role="status" aria-live="polite">
        {open ? status : ""}
      </p>
    </form>
  );
}

export default SearchBox;
