import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExternalLink } from "@/components/dataset/ExternalLink";
import { NodeFacts } from "@/components/dataset/NodeFacts";
import { LineageView } from "@/components/graph/LineageView";
import { isAppError } from "@/lib/errors";
import { KIND_LABELS } from "@/lib/graph/style";
import { normalizeKey } from "@/lib/keys";
import type { LineageGraph } from "@/lib/lineage/types";
import { getLineage } from "@/lib/server/lineage/queries";
import { keyFromRoute } from "@/lib/validation/key";

export const dynamic = "force-dynamic";

/** How far the first view reaches: three levels of sources, one level of what was built from it. */
const UP = 3;
const DOWN = 1;

type Props = { params: Promise<{ key: string[] }> };

type Loaded = { ok: true; graph: LineageGraph } | { ok: false; message: string } | { ok: false; missing: true };

async function load(segments: string[]): Promise<Loaded> {
  try {
    const key = keyFromRoute(segments);
    return { ok: true, graph: await getLineage({ key, up: UP, down: DOWN, includeRejected: false }) };
  } catch (error) {
    if (isAppError(error) && error.code === "not_found:dataset") return { ok: false, missing: true };
    if (isAppError(error) && error.status === 400) return { ok: false, message: error.message };
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const segments = (await params).key;
  try {
    return { title: keyFromRoute(segments) };
  } catch {
    return { title: "Not a dataset key" };
  }
}

export default async function DatasetPage({ params }: Props) {
  const loaded = await load((await params).key);
  if (!loaded.ok && "missing" in loaded) notFound();
  if (!loaded.ok) return <InvalidKey message={loaded.message} />;

  const { graph } = loaded;
  const root = graph.nodes.find((n) => normalizeKey(n.key) === normalizeKey(graph.root))!;
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="text-xs uppercase tracking-wide text-slate-500">{KIND_LABELS[root.kind].split(" (")[0]}</p>
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
      <LineageView key={root.key} graph={graph} />
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
