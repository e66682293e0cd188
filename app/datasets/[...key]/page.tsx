import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { notFound } from "next/navigation";
import { ExternalLink } from "@/components/dataset/ExternalLink";
import { NodeFacts } from "@/components/dataset/NodeFacts";
import { UnresolvedMentionList } from "@/components/dataset/UnresolvedMentionList";
import { CanvasPreload } from "@/components/graph/CanvasPreload";
import { ExplorerSkeleton } from "@/components/graph/ExplorerSkeleton";
import { LineageExplorer } from "@/components/graph/LineageExplorer";
import { UntracedDataset } from "@/components/runs/UntracedDataset";
import { isAppError } from "@/lib/errors";
import { KIND_LABELS } from "@/lib/graph/style";
import { headers } from "next/headers";
import { parseKey } from "@/lib/keys";
import { can } from "@/lib/auth/roles";
import { currentActor } from "@/lib/server/auth/actor";
import { listEvalSets } from "@/lib/server/contamination/contamination";
import { datasetPageMetadata } from "@/lib/server/views/metadata";
import { currentRunsFor, runToShowFor } from "@/lib/server/runs/runs";
import { getDataset, type DatasetDetail } from "@/lib/server/lineage/queries";
import { getViewResponse } from "@/lib/server/views/view-response";
import { RAW_QUERY_HEADER } from "@/lib/http/raw-query";
import { keyFromRoute } from "@/lib/validation/key";
import { parseViewState, type SearchParamsInput, type ViewState } from "@/lib/view/state";

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
 *
 * The page answers as soon as the dataset is known to exist (an unknown one is a real 404)
 * and streams the explorer in when its graph is ready; meanwhile the browser loads the
 * explorer's code (CanvasPreload), so a big view is drawn sooner.
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
  let root: DatasetDetail;
  try {
    root = await getDataset({ key });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found:dataset") {
      // A Hub id the store has never seen can be traced from here (after a failed run, again,
      // saying why it failed); anything else is unknown.
      if (parseKey(key)?.scheme === "HUB") {
        const [run, actor] = await Promise.all([runToShowFor({ key }), currentActor()]);
        return <UntracedDataset datasetKey={key} initialRun={run} canTrace={can(actor, "REVIEWER")} />;
      }
      notFound();
    }
    if (isAppError(error) && error.status === 400) return <InvalidKey message={error.message} />;
    throw error;
  }
  return (
    <article className="space-y-3">
      <CanvasPreload />
      <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 className="break-words text-xl font-semibold">{root.displayName}</h1>
        <span className="rounded border border-slate-300 px-1.5 py-0.5 text-xs font-medium uppercase tracking-wide text-slate-700">{KIND_LABELS[root.kind].split(" (")[0]}</span>
        <span className="break-all font-mono text-sm text-slate-700" data-testid="dataset-key">
          {root.key}
        </span>
        <ExternalLink node={root} />
      </header>
      <Suspense fallback={<ExplorerSkeleton />}>
        <Explorer rootKey={root.key} state={state} notices={notices} />
      </Suspense>
      <section aria-labelledby="about-title" className="max-w-3xl rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="about-title" className="mb-2 font-semibold">
          About {root.displayName}
        </h2>
        <NodeFacts node={root} />
        {root.unresolvedMentions.length > 0 && (
          <div className="mt-4">
            <UnresolvedMentionList mentions={root.unresolvedMentions} headingId="about-unresolved" />
          </div>
        )}
      </section>
    </article>
  );
}

/** The explorer with the graph of its view, the evaluation sets and the runs under way. */
async function Explorer({ rootKey, state, notices }: { rootKey: string; state: ViewState; notices: string[] }) {
  // The embedded database works on this thread: yield once so the page shell is sent before it does.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const [view, evalSets, actor] = await Promise.all([getViewResponse({ key: rootKey, state }), listEvalSets(), currentActor()]);
  // Runs under way, and ones that just ended (the page reloads when a trace finishes).
  const activeRuns = await currentRunsFor({ keys: view.graph.nodes.map((n) => n.key), recentMs: RECENT_RUN_MS });
  return <LineageExplorer key={rootKey} mode="live" rootKey={view.graph.root} view={view} state={state} notices={notices} canReview={can(actor, "REVIEWER")} activeRuns={activeRuns} evalSets={evalSets} />;
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
