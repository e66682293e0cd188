/**
 * The tracing agent: each candidate name becomes a canonical key. Hub ids are checked on the
 * Hub (canonical casing, created date); free names go through the alias table, then a Hub
 * search with the strict name rules; what cannot be resolved stays an external-source node.
 * An upstream the Hub says is newer than the dataset is refused.
 */
import type { MergedCandidate } from "@/agents/extraction/merge";
import type { HubPort, ResolvedEdge, TraceDrop, UpstreamFacts } from "@/agents/pipeline/types";
import { stopsTheCrawl } from "@/lib/hub/interrupts";
import { normalizeKey, parseKey } from "@/lib/keys";
import { aliasFor } from "./alias-map";
import { isNewer, namePart, pickHubMatch } from "./names";

export type TraceInput = {
  target: { key: string; createdAt: string | null };
  candidates: readonly MergedCandidate[];
  aliases: ReadonlyMap<string, string>;
  hub: HubPort;
  /** Shared by every dataset of a run, so a popular upstream is looked up once. */
  memo?: Map<string, Promise<unknown>>;
};

export type TraceResult = { edges: ResolvedEdge[]; upstreams: UpstreamFacts[]; dropped: TraceDrop[] };

function memoised<T>(memo: Map<string, Promise<unknown>>, id: string, make: () => Promise<T>): Promise<T> {
  let hit = memo.get(id) as Promise<T> | undefined;
  if (!hit) {
    hit = make();
    memo.set(id, hit);
    hit.catch(() => memo.delete(id));
  }
  return hit;
}

/** A failed lookup costs what it would have told, unless the Hub asked us to wait or the run is out of time. */
function orElse<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    if (stopsTheCrawl(error)) throw error;
    return fallback;
  };
}

/** Hub lookups one dataset's candidates may have in flight at once (each waits on the network). */
export const CANDIDATE_LOOKUPS_AT_ONCE = 8;

type Resolution =
  | { kind: "not-a-key" }
  | { kind: "resolved"; key: string; via: ResolvedEdge["via"]; name: string | null; onHub: boolean | null; createdAt: string | null; ambiguous: string[] | null };

/** Runs `work` over `items`, at most `limit` at once; results in the items' order. A rejection rejects the whole. */
async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/**
 * The Hub's facts for `id`, asked once per run: the tracing agent asks about an upstream, and the
 * sourcing agent asks again when the crawl reaches it. One answer serves both (a run is one reading of the Hub).
 */
export function datasetInfoOnce(memo: Map<string, Promise<unknown>>, hub: HubPort, id: string) {
  return memoised(memo, `info:${normalizeKey(id)}`, () => hub.datasetInfo(id));
}

export async function traceCandidates(input: TraceInput): Promise<TraceResult> {
  const memo = input.memo ?? new Map();
  const info = (id: string) => datasetInfoOnce(memo, input.hub, id);
  const search = (q: string) => memoised(memo, `search:${q.toLowerCase()}`, () => input.hub.search(q));
  const self = normalizeKey(input.target.key);

  /** What the Hub says a candidate name is. Independent of the other candidates, so they are asked together. */
  const resolve = async (candidate: MergedCandidate): Promise<Resolution> => {
    const parsed = parseKey(candidate.upstream);
    if (!parsed) return { kind: "not-a-key" };
    let key = candidate.upstream;
    let via: ResolvedEdge["via"] = parsed.scheme === "HUB" ? "hub_id" : "external";
    let name: string | null = null;
    let ambiguous: string[] | null = null;

    if (parsed.scheme === "CORPUS") {
      // A free name: the alias table first (reviewed names), then the Hub's own search.
      const displayed = parsed.slug.replace(/-/g, " ");
      const alias = aliasFor(key, input.aliases);
      if (alias) {
        key = alias;
        via = "alias";
      } else {
        const hits = await search(displayed).catch(orElse([]));
        const match = pickHubMatch(displayed, hits);
        if (match.id !== null) {
          key = match.id;
          via = "hub_search";
        } else if (match.reason === "ambiguous") ambiguous = match.candidates;
      }
    }

    let onHub: boolean | null = null;
    let createdAt: string | null = null;
    if (parseKey(key)?.scheme === "HUB") {
      const facts = await info(key).catch(orElse(undefined));
      if (facts === undefined) onHub = null; // the Hub did not answer: keep the edge, know less
      else if (facts === null) onHub = false;
      else {
        onHub = true;
        key = facts.facts.id;
        createdAt = facts.facts.createdAt;
        name = namePart(facts.facts.id);
      }
    }
    return { kind: "resolved", key, via, name, onHub, createdAt, ambiguous };
  };

  // Each lookup waits on the Hub: a card naming ten sources asked one by one waited ten round trips.
  // The answers are then taken in card order, so the result is the same as asking in turn.
  const resolutions = await mapBounded(input.candidates, CANDIDATE_LOOKUPS_AT_ONCE, resolve);

  const result: TraceResult = { edges: [], upstreams: [], dropped: [] };
  const seen = new Set<string>();
  input.candidates.forEach((candidate, i) => {
    const resolution = resolutions[i]!;
    if (resolution.kind === "not-a-key") {
      result.dropped.push({ candidate: candidate.upstream, reason: "not a key" });
      return;
    }
    const { key, via, name, onHub, createdAt, ambiguous } = resolution;
    if (ambiguous) result.dropped.push({ candidate: candidate.upstream, reason: `ambiguous on the Hub (${ambiguous.slice(0, 4).join(", ")}); kept as an external source` });

    if (onHub === false) {
      // The Hub has no such dataset: a typo, a renamed or deleted repo, or an invented id. It
      // never becomes a node or an edge; the run's steps keep the mention for a person to fix.
      const ev = candidate.evidence[0];
      const quote = ev?.quote;
      result.dropped.push({
        candidate: key,
        reason: `not on the Hub (no such dataset)${quote ? `; mentioned in "${quote.length > 120 ? `${quote.slice(0, 117)}…` : quote}"` : ""}`,
        mention: ev ? { mention: key, reason: "not_on_hub", relation: candidate.relation, source: ev.source, url: ev.url, quote: ev.quote } : undefined,
      });
      return;
    }
    const norm = normalizeKey(key);
    if (norm === self) {
      result.dropped.push({ candidate: candidate.upstream, reason: "the dataset itself" });
      return;
    }
    if (isNewer(createdAt, input.target.createdAt)) {
      result.dropped.push({ candidate: key, reason: `created ${createdAt!.slice(0, 10)}, after the dataset (${input.target.createdAt!.slice(0, 10)}): it cannot be a source` });
      return;
    }
    if (seen.has(norm)) {
      const first = result.edges.find((e) => normalizeKey(e.upstream) === norm)!;
      if (candidate.confidence > first.confidence) Object.assign(first, { confidence: candidate.confidence, relation: candidate.relation });
      for (const ev of candidate.evidence) if (!first.evidence.some((e) => e.quote === ev.quote)) first.evidence.push(ev);
      return;
    }
    seen.add(norm);
    result.edges.push({ upstream: key, upstreamName: name, relation: candidate.relation, confidence: candidate.confidence, split: candidate.split, evidence: candidate.evidence, via });
    result.upstreams.push({ key, onHub, createdAt, name });
  });
  return result;
}
