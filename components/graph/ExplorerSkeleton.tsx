/** The explorer's place while its graph loads: the same bar and canvas sizes, so nothing jumps when it arrives. */
export function ExplorerSkeleton() {
  return (
    <div role="status" data-testid="explorer-loading" className="flex flex-col gap-3">
      <div className="h-[50px] rounded-lg border border-slate-200 bg-white" />
      <div className="grid gap-3 lg:grid-cols-[minmax(0,1fr)_minmax(20rem,26rem)]">
        <div className="flex h-[72svh] min-h-[420px] items-center justify-center rounded-lg border border-slate-300 bg-white text-sm text-slate-700 lg:h-[calc(100svh-12rem)] lg:min-h-[520px]">
          Loading the lineage…
        </div>
        <div className="hidden rounded-lg border border-slate-200 bg-white lg:block" />
      </div>
    </div>
  );
}
