"use client";

import { useEffect, useState } from "react";
import type { DatasetLicences, LicenceClass } from "@/lib/licences";
import { keyToPath } from "@/lib/keys";

/** GET /api/lineage/{key}/licences as the client reads it. */
export type LicenceAnswer = DatasetLicences & {
  declaredDetail: { id: string; name: string; class: LicenceClass; spdx: boolean; sources: { source: string; raw: string; url: string | null; locator: string | null }[] }[];
  effectiveClass: LicenceClass;
};

/** A dataset's declared and inherited licences, refetched when it or the graph (`version`) changes. */
export function useLicences(key: string | null, version: unknown): { data: LicenceAnswer | null; error: string | null; loading: boolean } {
  const [state, setState] = useState<{ key: string | null; version: unknown; data: LicenceAnswer | null; error: string | null }>({ key: null, version: null, data: null, error: null });
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    fetch(`/api/lineage/${keyToPath(key)}/licences`, { signal: controller.signal, headers: { accept: "application/json" } })
      .then(async (response) => {
        const body = (await response.json().catch(() => null)) as (LicenceAnswer & { error?: { message?: string } }) | null;
        if (!response.ok || !body?.inherited) throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
        setState({ key, version, data: body, error: null });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ key, version, data: null, error: error instanceof Error ? error.message : "Unknown error." });
      });
    return () => controller.abort();
  }, [key, version]);
  const current = state.key === key && state.version === version;
  return { data: state.key === key ? state.data : null, error: current ? state.error : null, loading: !!key && !current };
}
