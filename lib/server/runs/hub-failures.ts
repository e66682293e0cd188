import "server-only";

/**
 * Which failures of a run were the Hub not answering. The crawl only sees an error; whether it
 * came from asking the Hub (facts, a card, a search) or from elsewhere (a model, the store)
 * decides whether the run says "the Hub could not be reached — try again later". So the run's
 * HubPort is watched: errors it throws that mean "no usable answer" are remembered.
 */
import type { HubPort } from "@/agents/pipeline/types";
import { isAppError } from "@/lib/errors";
import { TimeBudgetError } from "@/lib/hub/interrupts";
import type { RunFailureKind } from "@/lib/runs/outcome";

/** No answer, or only errors after the retries (network, DNS, timeout, 5xx, still busy). */
const UNREACHABLE_CODES = new Set(["unavailable", "rate_limited"]);

export function watchHubFailures<T extends HubPort>({ hub }: { hub: T }): { hub: T; failureKindOf: (error: unknown) => RunFailureKind | null } {
  const unreachable = new WeakSet<object>();
  const watch =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (error) {
        // The run's own time budget running out is not the Hub's doing.
        if (isAppError(error) && UNREACHABLE_CODES.has(error.code) && !(error instanceof TimeBudgetError)) unreachable.add(error);
        throw error;
      }
    };
  const watched: T = {
    ...hub,
    datasetInfo: watch(hub.datasetInfo.bind(hub)),
    card: watch(hub.card.bind(hub)),
    search: watch(hub.search.bind(hub)),
  };
  return {
    hub: watched,
    failureKindOf: (error) => (typeof error === "object" && error !== null && unreachable.has(error) ? "HUB_UNREACHABLE" : null),
  };
}
