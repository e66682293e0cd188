import "server-only";
import type { Metadata } from "next";
import { isAppError } from "@/lib/errors";
import { keyToPath, normalizeKey, parseKey } from "@/lib/keys";
import { datasetMetadata, pageMetadata, snapshotMetadata } from "@/lib/seo/metadata";
import { getDataset } from "@/lib/server/lineage/queries";
import { getSnapshot } from "@/lib/server/views/snapshots";
import { keyFromRoute } from "@/lib/validation/key";
import { parseViewState, viewQuery, type SearchParamsInput } from "@/lib/view/state";

/**
 * generateMetadata for the dataset and snapshot pages: the facts one cheap lookup gives
 * (name, edge counts), phrased by lib/seo/metadata.ts. A bad or unknown key or id gets a
 * plain title (the page itself answers it); so does any other failure, which is logged and
 * left to the page to show: metadata is never the reason a page fails.
 */

/** /datasets/{key}?{view}: `segments` is the catch-all param, `searchParams` the page's. */
export async function datasetPageMetadata(segments: string[] | undefined, searchParams: SearchParamsInput = {}): Promise<Metadata> {
  let key: string;
  try {
    key = keyFromRoute(segments);
  } catch (error) {
    if (isAppError(error) && error.status === 400) return { title: "Not a dataset key" };
    return failed(error, "Dataset lineage");
  }
  // The canonical form of the permalink's view; its filters decide which edges count.
  const { state } = parseViewState(searchParams);
  try {
    const node = await getDataset({ key, minConfidence: state.minConfidence, includeRejected: state.showRejected });
    return datasetMetadata(
      { key: node.key, displayName: node.displayName, upstreamCount: node.upstreamCount, downstreamCount: node.downstreamCount, benchmarkFamily: node.benchmark?.family },
      viewQuery(state),
    );
  } catch (error) {
    if (isAppError(error) && error.code === "not_found:dataset") {
      // As the page: a Hub id never seen can be traced from there; any other unknown key is not found.
      if (parseKey(key)?.scheme !== "HUB") return { title: "Dataset not found" };
      return pageMetadata(key, `Rootline has not traced ${key} yet: open it to trace its lineage from its Hub card.`, `/datasets/${keyToPath(key)}`);
    }
    if (isAppError(error) && error.status === 400) return { title: "Not a dataset key" };
    return failed(error, key);
  }
}

/** /s/{id}: the frozen graph's root as it was stored. */
export async function snapshotPageMetadata(id: string): Promise<Metadata> {
  try {
    const snapshot = await getSnapshot({ id });
    const root = snapshot.graph.nodes.find((n) => normalizeKey(n.key) === normalizeKey(snapshot.graph.root));
    return snapshotMetadata({
      id: snapshot.id,
      createdAt: snapshot.createdAt,
      key: root?.key ?? snapshot.rootKey,
      displayName: root?.displayName ?? snapshot.rootKey,
      upstreamCount: root?.upstreamCount ?? 0,
      downstreamCount: root?.downstreamCount ?? 0,
      benchmarkFamily: root?.benchmark?.family,
    });
  } catch (error) {
    if (isAppError(error) && (error.code === "not_found:snapshot" || error.code === "bad_request:params")) return { title: "Frozen view not found" };
    return failed(error, "Frozen view");
  }
}

function failed(error: unknown, title: string): Metadata {
  console.error("[rootline] page metadata:", error);
  return { title };
}
