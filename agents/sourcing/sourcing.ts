/**
 * The sourcing agent: Hub facts at the current revision, the card at that revision (from the
 * store's cache when this revision was read before), and the texts the card links to.
 */
import { cardLinks, parseCard } from "@/lib/hub/card";
import { domainsFromCard } from "@/lib/hub/domains";
import { stopsTheCrawl } from "@/lib/hub/interrupts";
import type { HubPort, LineageStore, LinkedEndpoints, SourceDoc, SourcingResult } from "@/agents/pipeline/types";
import { arxivAbstract, linkedTexts, type LinkedText } from "./linked-texts";

export type SourcingDeps = {
  hub: HubPort;
  store: LineageStore;
  endpoints: LinkedEndpoints;
  log?: (message: string) => void;
  /** Called with the card as soon as it is read, before the texts it links to (which take another round trip). */
  onCard?: (card: SourceDoc, datasetId: string) => void;
};

export function cardUrl(hubUrl: string, id: string, revision: string): string {
  return `${hubUrl}/datasets/${id}/blob/${revision}/README.md`;
}

export async function sourceDataset(key: string, deps: SourcingDeps & { hubUrl: string }): Promise<SourcingResult> {
  const info = await deps.hub.datasetInfo(key);
  if (!info) return { found: false, reason: `${key} is not on the Hub` };
  // A copy: the answer may be shared with other agents of the run, and the card fills in what it lacks below.
  const facts = { ...info.facts };
  const docs: SourceDoc[] = [];
  const skipped: { url: string; reason: string }[] = [];

  const url = cardUrl(deps.hubUrl, facts.id, facts.sha);
  let card: string | null;
  const cached = await deps.store.cachedText(url, facts.sha, null);
  if (cached) {
    card = cached.text;
    deps.log?.(`card at revision ${facts.sha.slice(0, 7)} read from the cache`);
  } else {
    card = await deps.hub.card(facts.id, facts.sha);
    await deps.store.cacheText({ url, revision: facts.sha, kind: "card", status: card === null ? 404 : 200, text: card });
  }
  const parsed = card === null ? null : parseCard(card);
  // The Hub derives cardData from this same front matter; a mirror that does not still has the card.
  const license = parsed?.frontMatter?.license;
  if (!facts.license && (typeof license === "string" || Array.isArray(license))) facts.license = [license].flat().map(String).join(", ") || null;
  if (!facts.domains.length && parsed?.frontMatter) facts.domains = domainsFromCard([], parsed.frontMatter);
  if (card === null) skipped.push({ url, reason: "the repo has no README card" });
  else {
    docs.push({ source: "card", url, text: card });
    deps.onCard?.(docs[0]!, facts.id);
  }

  if (parsed) {
    // At most a few links (MAX_LINKED_PER_KIND per kind), on different hosts: read together, kept in card order.
    const read = await Promise.all(linkedTexts(cardLinks(parsed.body), deps.endpoints).map((link) => readLinked(link, deps)));
    for (const r of read) {
      if ("doc" in r) docs.push(r.doc);
      else skipped.push(r.skip);
    }
  }
  return { found: true, facts, docs, skipped };
}

type LinkedRead = { doc: SourceDoc } | { skip: { url: string; reason: string } };

async function readLinked(link: LinkedText, deps: SourcingDeps): Promise<LinkedRead> {
  try {
    const hit = await deps.store.cachedText(link.url, "", link.maxAgeMs);
    const fetched = hit ?? (await deps.hub.fetchText(link.url));
    if (!hit) await deps.store.cacheText({ url: link.url, revision: "", kind: link.kind, status: fetched.status, text: fetched.text });
    const text = fetched.status === 200 && fetched.text ? (link.kind === "arxiv" ? arxivAbstract(fetched.text) : fetched.text) : null;
    if (text) return { doc: { source: link.source, url: link.url, text } };
    return { skip: { url: link.url, reason: fetched.status === 200 ? "no text in the answer" : `HTTP ${fetched.status}` } };
  } catch (error) {
    // A linked text is extra evidence: an unreachable or refused host skips it, the card still counts.
    // A host asking us to come back later, or the run's time running out, stops the dataset instead:
    // traced without the text now, it would never be read again.
    if (stopsTheCrawl(error)) throw error;
    return { skip: { url: link.url, reason: error instanceof Error ? error.message : String(error) } };
  }
}
