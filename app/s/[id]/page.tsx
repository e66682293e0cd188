import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LineageExplorer } from "@/components/graph/LineageExplorer";
import { isAppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { keyToPath } from "@/lib/keys";
import { snapshotPageMetadata } from "@/lib/server/views/metadata";
import { getSnapshot, type Snapshot } from "@/lib/server/views/snapshots";
import { viewQuery } from "@/lib/view/state";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

/** A malformed or unknown id is the same to a reader: there is no such frozen view. */
async function load(id: string): Promise<Snapshot | null> {
  try {
    return await getSnapshot({ id });
  } catch (error) {
    if (isAppError(error) && (error.code === "not_found:snapshot" || error.code === "bad_request:params")) return null;
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return snapshotPageMetadata((await params).id);
}

/** /s/{id}: a frozen view, read-only, exactly as it was stored. */
export default async function SnapshotPage({ params }: Props) {
  const snapshot = await load((await params).id);
  if (!snapshot) notFound();
  const liveHref = `/datasets/${keyToPath(snapshot.rootKey)}${viewQuery(snapshot.state)}`;
  return (
    <article className="space-y-3" data-testid="snapshot-page">
      <header className="space-y-1">
        <h1 className="break-words text-xl font-semibold">
          Frozen view of <span className="font-mono">{snapshot.rootKey}</span> · <time dateTime={snapshot.createdAt}>{formatDate(snapshot.createdAt)}</time>
        </h1>
        <p className="text-sm text-slate-700">
          This is the graph as it was when the view was frozen; later reviews and new edges do not change it.{" "}
          <Link href={liveHref} className="text-blue-700 underline" data-testid="snapshot-live-link">
            Open the live view
          </Link>
        </p>
      </header>
      <LineageExplorer
        mode="snapshot"
        rootKey={snapshot.rootKey}
        view={{ graph: snapshot.graph, notices: [], contamination: {}, licences: {} }}
        state={snapshot.state}
        positions={snapshot.positions ?? undefined}
        notices={[]}
        canReview={false}
        snapshot={{ id: snapshot.id, createdAt: snapshot.createdAt }}
      />
    </article>
  );
}
