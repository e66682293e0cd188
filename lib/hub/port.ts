import "server-only";

/**
 * The agents' HubPort on the real Hub client: every request through the allowlisted,
 * retrying fetch; HF_ENDPOINT and HF_TOKEN from the environment unless given. Only the
 * configured endpoints' own hosts may be on this machine or a private network.
 */
import type { HubFacts, HubPort } from "@/agents/pipeline/types";
import { isAppError } from "@/lib/errors";
import { createHubFetch, fetchDatasetInfo, fetchCard, searchHubDatasets, type HubCallOptions } from "./client";
import { resolveFetchConfig, resolveHubConfig } from "./config";
import { domainsFromCard } from "./domains";

function firstUrl(value: unknown): string | null {
  const s = Array.isArray(value) ? value.find((v) => typeof v === "string") : value;
  return typeof s === "string" && /^https?:\/\//.test(s) ? s : null;
}

export function createHubPort(options: HubCallOptions = {}): HubPort & { hubUrl: string } {
  const hubUrl = (options.hubUrl ?? resolveHubConfig().hubUrl).replace(/\/+$/, "");
  const fetchConfig = resolveFetchConfig();
  const trustedHosts = options.trustedHosts ?? [hubUrl, fetchConfig.arxivEndpoint, fetchConfig.githubRawEndpoint].map((u) => new URL(u).hostname);
  const linkedFetch = createHubFetch({ ...options, hubUrl, trustedHosts, allowedHosts: [...fetchConfig.allowedHosts, ...(options.allowedHosts ?? [])] });
  const call = { ...options, hubUrl };

  return {
    hubUrl,
    async datasetInfo(id) {
      try {
        const info = await fetchDatasetInfo({ id, ...call });
        const card = info.cardData ?? {};
        const facts: HubFacts = {
          id: info.id,
          sha: info.sha,
          license: info.license,
          tags: info.tags,
          createdAt: info.createdAt,
          downloads: info.downloads,
          likes: info.likes,
          paperUrl: firstUrl(card.paper) ?? firstUrl(card.arxiv),
          homepageUrl: firstUrl(card.homepage),
          domains: domainsFromCard(info.tags, info.cardData),
        };
        return { facts, cardData: info.cardData };
      } catch (error) {
        if (isAppError(error) && error.code === "not_found:dataset") return null;
        throw error;
      }
    },
    card: (id, revision) => fetchCard({ id, revision, ...call }),
    async search(query) {
      const hits = await searchHubDatasets({ query, limit: 20, ...call });
      return hits.map((h) => ({ id: h.id, downloads: h.downloads }));
    },
    async fetchText(url) {
      const response = await linkedFetch(url, { headers: { accept: "text/plain, application/atom+xml, */*" } });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        return { status: response.status, text: null };
      }
      const text = await response.text();
      // A huge README is not a card: the first 200 kB hold any sources section worth reading.
      return { status: 200, text: text.slice(0, 200_000) };
    },
  };
}

