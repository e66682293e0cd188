"use client";

import { useEffect, useState } from "react";
import type { Redundancy } from "@/lib/analysis/redundancy";
import type { SimilarDataset } from "@/lib/analysis/similarity";
import { keyToPath } from "@/lib/keys";

export type DatasetAnalysis = {
  measures: { dataset: string; depth: number; fanIn: number; roots: string[]; ancestors: number };
  redundancy: Redundancy;
  similar: SimilarDataset[];
};

async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: "application/json" } });
  const body = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok || !body) throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
  return body;
}

/**
 * A dataset's lineage measures, the ancestors it reaches twice and its most similar datasets,
 * fetched together when the dataset (or `version`, which changes with the graph) changes.
 */
export function useDatasetAnalysis(key: string | null, version: unknown): { data: DatasetAnalysis | null; error: string | null; loading: boolean } {
  const [state, setState] = useState<{ key: string | null; version: unknown; data: DatasetAnalysis | null; error: string | null }>({ key: null, version: null, data: null, error: null });
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    const base = `/api/lineage/${keyToPath(key)}`;
    Promise.all([
      getJson<DatasetAnalysis["measures"]>(`${base}/analysis`, controller.signal),
      getJson<Redundancy>(`${base}/redundancy`, controller.signal),
      getJson<{ similar: SimilarDataset[] }>(`${base}/similar?limit=5`, controller.signal),
    ]).then(
      ([measures, redundancy, similar]) => setState({ key, version, data: { measures, redundancy, similar: similar.similar }, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, version, data: null, error: error instanceof Error ? error.message : "Unknown error." });
      },
    );
    return () => controller.abort();
  }, [key, version]);
  const current = state.key === key && state.version === version;
  return { data: state.key === key ? state.data : null, error: current ? state.error : null, loading: !!key && !current };
}
