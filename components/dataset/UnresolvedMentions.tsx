"use client";

import { useEffect, useId, useState } from "react";
import { keyToPath } from "@/lib/keys";
import type { UnresolvedMentionView } from "@/lib/lineage/unresolved";
import { UnresolvedMentionList } from "./UnresolvedMentionList";

/** GET /api/datasets/{key} for its unresolved mentions, refetched when `version` (the graph) changes. */
function useMentions(datasetKey: string, version: unknown): UnresolvedMentionView[] {
  const [state, setState] = useState<{ key: string; mentions: UnresolvedMentionView[] } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/datasets/${keyToPath(datasetKey)}`, { signal: controller.signal, headers: { accept: "application/json" } })
      .then(async (response) => {
        const body = (await response.json().catch(() => null)) as { dataset?: { unresolvedMentions?: UnresolvedMentionView[] } } | null;
        // A node the store lost, or an older server: no section rather than an error about an extra.
        setState({ key: datasetKey, mentions: response.ok ? (body?.dataset?.unresolvedMentions ?? []) : [] });
      })
      .catch(() => {
        if (!controller.signal.aborted) setState({ key: datasetKey, mentions: [] });
      });
    return () => controller.abort();
  }, [datasetKey, version]);
  return state?.key === datasetKey ? state.mentions : [];
}

/** The selected dataset's unresolved mentions in the explorer's panel (nothing when it has none). */
export function UnresolvedMentions({ datasetKey, version }: { datasetKey: string; version: unknown }) {
  const headingId = useId();
  return <UnresolvedMentionList mentions={useMentions(datasetKey, version)} headingId={headingId} />;
}
