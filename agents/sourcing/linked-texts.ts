/**
 * The texts a card points to that the sourcing agent reads too: arXiv abstracts (through the
 * arXiv API, which answers Atom XML) and GitHub READMEs (raw). Pure URL building and parsing.
 */
import type { CardLinks } from "@/lib/hub/card";
import type { ExtractionSource } from "@/agents/extraction/rules";
import type { LinkedEndpoints } from "@/agents/pipeline/types";

export type LinkedText = { source: ExtractionSource; url: string; kind: "arxiv" | "github"; maxAgeMs: number };

const DAY = 24 * 60 * 60 * 1000;
/** Per kind, so one card listing twenty repos cannot turn a trace into a crawl of GitHub. */
export const MAX_LINKED_PER_KIND = 3;

export function linkedTexts(links: CardLinks, endpoints: LinkedEndpoints): LinkedText[] {
  const arxivIds = [...new Set([...links.arxiv, ...links.hfPapers])].slice(0, MAX_LINKED_PER_KIND);
  const repos = [...new Set(links.github.map((r) => r.toLowerCase()))].slice(0, MAX_LINKED_PER_KIND);
  return [
    // An arXiv id names one paper; its abstract barely changes, so it is kept for a month.
    ...arxivIds.map((id) => ({ source: "paper" as const, kind: "arxiv" as const, maxAgeMs: 30 * DAY, url: `${endpoints.arxiv}/api/query?id_list=${encodeURIComponent(id)}` })),
    ...repos.map((repo) => ({ source: "github" as const, kind: "github" as const, maxAgeMs: 7 * DAY, url: `${endpoints.githubRaw}/${repo.split("/").map(encodeURIComponent).join("/")}/HEAD/README.md` })),
  ];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

/** Title and abstract of the first entry of an arXiv API answer; null when it has none. */
export function arxivAbstract(atom: string): string | null {
  const entry = atom.match(/<entry>([\s\S]*?)<\/entry>/)?.[1];
  if (!entry) return null;
  const summary = entry.match(/<summary[^>]*>([\s\S]*?)<\/summary>/)?.[1];
  if (!summary?.trim()) return null;
  const title = entry.match(/<title[^>]*>([\s\S]*?)<\/title>/)?.[1];
  const clean = (s: string) => decodeXml(s).replace(/\s+/g, " ").trim();
  return title ? `${clean(title)}\n\n${clean(summary)}` : clean(summary);
}
