import { MAX_QUERY_LENGTH } from "@/lib/validation/lineage";

/** Plain GET form to /search: works without JavaScript, and the URL is shareable. */
export function SearchForm({ defaultValue = "", autoFocus = false }: { defaultValue?: string; autoFocus?: boolean }) {
  return (
    <form action="/search" method="get" role="search" className="flex max-w-xl gap-2">
      <label htmlFor="search-q" className="sr-only">
        Dataset name or key
      </label>
      <input
        id="search-q"
        name="q"
        type="search"
        defaultValue={defaultValue}
        maxLength={MAX_QUERY_LENGTH}
        placeholder="e.g. gsm8k, MetaMathQA, openai/gsm8k"
        autoFocus={autoFocus}
        className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-3 py-2 text-sm"
      />
      <button type="submit" className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700">
        Search
      </button>
    </form>
  );
}
