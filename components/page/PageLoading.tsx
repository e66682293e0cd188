/**
 * The skeleton a route shows while its server data loads (every route's loading.tsx).
 * It keeps the pages' outer layout — an <article> with a heading, an intro and a body — so
 * the page fills in without the header or content jumping. One live status for assistive
 * technology; the grey blocks are decoration.
 */

export type PageLoadingLayout = "text" | "table" | "graph" | "form";

type Props = {
  /** What is loading, read out and shown: "Loading the lineage…". */
  label: string;
  /** The body's rough shape: a drawn graph, a table, a form above results, or paragraphs. */
  layout?: PageLoadingLayout;
};

function Bar({ className }: { className: string }) {
  return <span aria-hidden className={`block rounded bg-slate-200 motion-safe:animate-pulse ${className}`} />;
}

export function PageLoading({ label, layout = "text" }: Props) {
  return (
    <article className="space-y-6" aria-busy="true" data-testid="page-loading">
      <header className="max-w-3xl space-y-2">
        <Bar className="h-8 w-72 max-w-full" />
        <p role="status" aria-live="polite" className="text-sm text-slate-600">
          {label}
        </p>
        <Bar className="h-4 w-full" />
        <Bar className="h-4 w-5/6" />
      </header>
      {layout === "graph" && <Bar className="h-[70vh] min-h-[420px] w-full rounded-lg border border-slate-300" />}
      {layout === "form" && <Bar className="h-40 w-full max-w-3xl rounded-lg" />}
      {(layout === "table" || layout === "form") && (
        <div className="space-y-2">
          <Bar className="h-6 w-56" />
          {Array.from({ length: 8 }, (_, i) => (
            <Bar key={i} className="h-5 w-full max-w-5xl" />
          ))}
        </div>
      )}
      {layout === "text" && (
        <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
          {Array.from({ length: 8 }, (_, i) => (
            <Bar key={i} className="h-16 w-full rounded-lg" />
          ))}
        </div>
      )}
    </article>
  );
}
