"use client";

import { useEffect, useState } from "react";
import type { DatasetContamination } from "@/lib/contamination/types";
import { keyToPath } from "@/lib/keys";

/** GET /api/lineage/{key}/contamination as the client reads it. */
export type DatasetFlags = DatasetContamination;

/**
 * The contamination flags of one dataset, fetched when it (or `version`, which changes with
 * the graph) changes, so flags follow traces, imports and reviews.
 */
export function useContamination(key: string | null, version: unknown): { data: DatasetFlags | null; error: string | null; loading: boolean } {
  const [state, setState] = useState<{ key: string | null; version: unknown; data: DatasetFlags | null; error: string | null }>({ key: null, version: null, data: null, error: null });
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    fetch(`/api/lineage/${keyToPath(key)}/contamination`, { signal: controller.signal, headers: { accept: "application/json" } })
      .then(async (response) => {
        const body = (await response.json().catch(() => null)) as (DatasetFlags & { error?: { message?: string } }) | null;
        if (!response.ok || !body?.flags) throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
        setState({ key, version, data: body, error: null });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ key, version, data: null, error: error instanceof Error ? error.message : "Unknown error." });
      });
    return () => controller.abort();
  }, [key, version]);
  const current = state.key === key && state.version === version;
  // While the same dataset's flags are refetched after a graph change, keep showing the last
  // answer (a drawn path must not blink out and back).
  const sameKey = state.key === key;
  return { data: sameKey ? state.data : null, error: current ? state.error : null, loading: !!key && !current };
}
