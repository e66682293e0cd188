import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExternalLink } from "@/components/dataset/ExternalLink";
import { NodeFacts } from "@/components/dataset/NodeFacts";
import { LineageExplorer } from "@/components/graph/LineageExplorer";
import { UntracedDataset } from "@/components/runs/UntracedDataset";
import { isAppError } from "@/lib/errors";
import { KIND_LABELS } from "@/lib/graph/style";
import { normalizeKey, parseKey } from "@/lib/keys";
import { canReview } from "@/lib/server/auth";
import { getView } from "@/lib/server/lineage/view";
import { datasetPageMetadata } from "@/lib/server/metadata";
import { listEvalSets, worstSeverities } from "@/lib/server/contamination";
import { licenceClasses } from "@/lib/server/licences";
import { activeRunFor, currentRunsFor } from "@/lib/server/runs/runs";
import { keyFromRoute } from "@/lib/validation/key";
import { parseViewState } from "@/lib/view/state";

export const dynamic = "force-dynamic";

const RECENT_RUN_MS = 2 * 60_000;

type Props = {
  params: Promise<{ key: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  return datasetPageMetadata((await params).key, await searchParams);
}

/**
 * A dataset's lineage. The query string is the view (lib/view/state.ts): parsed once here,
 * bad parts dropped with a notice; the explorer keeps the URL equal to its state from then on.
 */
export default async function DatasetPage({ params, searchParams }: Props) {
  let key: string;
  try {
    key = keyFromRoute((await params).key);
  } catch (error) {
    if (isAppError(error) && error.status === 400) return <InvalidKey message={error.message} />;
    throw error;
  }
  const { state, notices } = parseViewState(await searchParams);
  let view: Awaited<ReturnType<typeof getView>>;
  try {
    view = await getView({ key, state });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found:dataset") {
      // A Hub id the store has never seen can be traced from here; anything else is unknown.
      if (parseKey(key)?.scheme === "HUB") return <UntracedDataset datasetKey={key} initialRun={await activeRunFor({ key })} />;
      notFound();
    }
    if (isAppError(error) && error.status === 400) return <InvalidKey message={error.message} />;
    throw error;
  }
  const reviewer = await canReview();
  // Runs under way, and ones that just ended (the page reloads when a trace finishes).
  const activeRuns = await currentRunsFor({ keys: view.graph.nodes.map((n) => n.key), recentMs: RECENT_RUN_MS });
  const keys = view.graph.nodes.map((n) => n.key);
  const [contamination, evalSets, licences] = await Promise.all([worstSeverities({ keys }), listEvalSets(), state.colorBy === "licence" ? licenceClasses({ keys }) : undefined]);

  const { graph } = view;
  const root = graph.nodes.find((n) => normalizeKey(n.key) === normalizeKey(graph.root))!;
  return (
    <article className="space-y-5">
      <header className="space-y-2">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{KIND_LABELS[root.kind].split(" (")[0]}</p>
        <h1 className="break-words text-2xl font-semibold">{root.displayName}</h1>
        <p className="flex flex-wrap items-baseline gap-3">
          <span className="break-all font-mono text-sm text-slate-700" data-testid="dataset-key">
            {root.key}
          </span>
          <ExternalLink node={root} />
        </p>
        <div className="max-w-3xl">
          <NodeFacts node={root} />
        </div>
      </header>
      <LineageExplorer key={root.key} mode="live" rootKey={graph.root} graph={graph} state={state} notices={[...notices, ...view.notices]} canReview={reviewer} activeRuns={activeRuns} contamination={contamination} evalSets={evalSets} licences={licences} />
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
