import "server-only";

/**
 * Hub facts shared by every process working on one crawl spread over workers. Within a process
 * the run's memo already asks the Hub once per dataset (the tracing agent's lookup of an upstream
 * serves the sourcing agent when the crawl reaches it). Across processes each had its own memo, so
 * a dataset looked up as an upstream in one worker and traced in another was asked twice: 26–27%
 * more Hub requests with 4 workers than with one, and as much less crawl per minute against the
 * public Hub's shared request budget. The answers go into the source-text cache, and an answer
 * counts only if it was fetched since the run started: the same reading of the Hub the run's own
 * memo gives.
 */
import type { HubDatasetInfo, HubPort, LineageStore } from "@/agents/pipeline/types";
import { normalizeKey } from "@/lib/keys";

export const HUB_FACTS_KIND = "hub-facts";

/** Where a dataset's facts sit in the source-text cache: one row per dataset and Hub, refreshed by each run that asks. */
export function hubFactsUrl(hubUrl: string, id: string): string {
  return `${hubUrl.replace(/\/+$/, "")}/api/datasets/${normalizeKey(id)}`;
}

export function shareHubFacts<T extends HubPort>(params: { hub: T; hubUrl: string; store: Pick<LineageStore, "cachedText" | "cacheText">; since: Date }): T {
  const { hub, hubUrl, store, since } = params;
  return {
    ...hub,
    async datasetInfo(id: string): Promise<HubDatasetInfo | null> {
      const url = hubFactsUrl(hubUrl, id);
      // Older than the run: another run's reading of the Hub, not this one's.
      const hit = await store.cachedText(url, "", Math.max(0, Date.now() - since.getTime()));
      if (hit?.status === 404) return null;
      if (hit?.status === 200 && hit.text) {
        try {
          return JSON.parse(hit.text) as HubDatasetInfo;
        } catch {
          // A row that does not parse is asked again, and replaced below.
        }
      }
      const info = await hub.datasetInfo(id);
      // Failing to share is not failing the lookup: the other processes ask the Hub themselves.
      await store.cacheText({ url, revision: "", kind: HUB_FACTS_KIND, status: info ? 200 : 404, text: info ? JSON.stringify(info) : null }).catch(() => undefined);
      return info;
    },
  };
}
