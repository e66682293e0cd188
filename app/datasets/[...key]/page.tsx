import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExternalLink } from "@/components/dataset/ExternalLink";
import { NodeFacts } from "@/components/dataset/NodeFacts";
import { LineageExplorer } from "@/components/graph/LineageExplorer";
import { UntracedDataset } from "@/components/runs/UntracedDataset";
import { isAppError } from "@/lib/errors";
import { KIND_LABELS } from "@/lib/graph/style";
import { headers } from "next/headers";
import { parseKey } from "@/lib/keys";
import { nodeId } from "@/lib/lineage/ids";
import { canReview } from "@/lib/server/auth";
import { listEvalSets } from "@/lib/server/contamination";
import { datasetPageMetadata } from "@/lib/server/metadata";
import { activeRunFor, currentRunsFor } from "@/lib/server/runs/runs";
import { getViewResponse } from "@/lib/server/view-response";
import type { ViewResponse } from "@/lib/view/response";
import { RAW_QUERY_HEADER } from "@/lib/http/raw-query";
import { keyFromRoute } from "@/lib/validation/key";
import { parseViewState, type SearchParamsInput } from "@/lib/view/state";

export const dynamic = "force-dynamic";

const RECENT_RUN_MS = 2 * 60_000;

type Props = {
  params: Promise<{ key: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The view's query as sent (the proxy passes it on, so the order of steps survives), else Next's object. */
async function viewParams(searchParams: Props["searchParams"]): Promise<SearchParamsInput> {
  const raw = (await headers()).get(RAW_QUERY_HEADER);
  return raw === null ? await searchParams : new URLSearchParams(raw);
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  return datasetPageMetadata((await params).key, await viewParams(searchParams));
}

/**
 * A dataset's lineage. The query string is the view (lib/view/state.ts): parsed once here, bad
 * parts dropped with a notice; the explorer keeps the URL equal to its state from then on.
 */
export default async function DatasetPage({ params, searchParams }: Props) {
  let key: string;
  try {
    key = keyFromRoute((await params).key);
  } catch (error) {
    if (isAppError(error) && error.status === 400) return <InvalidKey message={error.message} />;
    throw error;
  }
  const { state, notices } = parseViewState(await viewParams(searchParams));
  let view: ViewResponse;
  let evalSets: Awaited<ReturnType<typeof listEvalSets>>;
  let reviewer: boolean;
  try {
    [view, evalSets, reviewer] = await Promise.all([getViewResponse({ key, state }), listEvalSets(), canReview()]);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found:dataset") {
      // A Hub id the store has never seen can be traced from here; anything else is unknown.
      if (parseKey(key)?.scheme === "HUB") return <UntracedDataset datasetKey={key} initialRun={await activeRunFor({ key })} />;
      notFound();
    }
    if (isAppError(error) && error.status === 400) return <InvalidKey message={error.message} />;
    throw error;
  }
  // Runs under way, and ones that just ended (the page reloads when a trace finishes).
  const activeRuns = await currentRunsFor({ keys: view.graph.nodes.map((n) => n.key), recentMs: RECENT_RUN_MS });
  const root = view.graph.nodes.find((n) => n.id === nodeId(view.graph.root))!;
  return (
    <article className="space-y-3">
      <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 className="break-words text-xl font-semibold">{root.displayName}</h1>
        <span className="rounded border border-slate-300 px-1.5 py-0.5 text-xs font-medium uppercase tracking-wide text-slate-700">{KIND_LABELS[root.kind].split(" (")[0]}</span>
        <span className="break-all font-mono text-sm text-slate-700" data-testid="dataset-key">
          {root.key}
        </span>
        <ExternalLink node={root} />
      </header>
      <LineageExplorer key={root.key} mode="live" rootKey={view.graph.root} view={view} state={state} notices={notices} canReview={reviewer} activeRuns={activeRuns} evalSets={evalSets} />
      <section aria-labelledby="about-title" className="max-w-3xl rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="about-title" className="mb-2 font-semibold">
          About {root.displayName}
        </h2>
        <NodeFacts node={root} />
      </section>
    </article>
  );
}

function InvalidKey({ message }: { message: string }) {
  return (
    <article className="max-w-2xl space-y-3" data-testid="invalid-key">
      <h1 className="text-2xl font-semibold">That is not a dataset key</h1>
      <p className="break-words text-slate-700">{message}</p>
      <p className="text-slate-700">
        Examples: <code className="font-mono">/datasets/openai/gsm8k</code>, <code className="font-mono">/datasets/corpus:stack-exchange</code>.
      </p>
      <p>
        <Link href="/" className="text-blue-700 underline">
          Search for a dataset
        </Link>
      </p>
    </article>
  );
}
