/**
 * Dataset-card reading that needs no network: YAML front matter, the links a card cites,
 * and the upstreams its metadata declares. Pure, so client code and tests can use it.
 */
import { parse as parseYaml } from "yaml";

export type ParsedCard = { frontMatter: Record<string, unknown> | null; body: string; frontMatterError?: string };

export type CardLinks = { arxiv: string[]; hfPapers: string[]; github: string[]; hubDatasets: string[]; other: string[] };

// The closing fence must start its own line, so "key: a---" inside the YAML does not end it.
const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

export function parseCard(markdown: string): ParsedCard {
  const match = markdown.match(FRONT_MATTER);
  if (!match) return { frontMatter: null, body: markdown };
  const body = markdown.slice(match[0].length);
  try {
    const value: unknown = parseYaml(match[1] ?? "");
    if (value === null || value === undefined) return { frontMatter: {}, body };
    if (typeof value !== "object" || Array.isArray(value)) {
      return { frontMatter: null, body, frontMatterError: "Front matter is not a mapping of keys to values" };
    }
    return { frontMatter: value as Record<string, unknown>, body };
  } catch (error) {
    return { frontMatter: null, body, frontMatterError: error instanceof Error ? error.message : String(error) };
  }
}

// New-style ids (2309.12284, optional version) and old-style ids (hep-th/9901001).
const ARXIV_ID = String.raw`(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?`;
const ARXIV_LINK = new RegExp(String.raw`arxiv\.org\/(?:abs|pdf)\/${ARXIV_ID}`, "gi");
const ARXIV_MENTION = new RegExp(String.raw`\barxiv:\s*${ARXIV_ID}`, "gi");
const URL_PATTERN = /https?:\/\/[^\s<>"'`)\]]+/gi;
// GitHub paths that are not repositories.
const GITHUB_NON_REPO = new Set(["orgs", "topics", "features", "sponsors", "settings", "marketplace", "about", "login"]);

function pushUnique(list: string[], value: string) {
  if (!list.includes(value)) list.push(value);
}

function trimUrl(raw: string): string {
  return raw.replace(/[.,;:!?*_]+$/, "");
}

export function cardLinks(body: string): CardLinks {
  const links: CardLinks = { arxiv: [], hfPapers: [], github: [], hubDatasets: [], other: [] };

  for (const m of body.matchAll(ARXIV_MENTION)) pushUnique(links.arxiv, m[1] ?? "");

  for (const raw of body.match(URL_PATTERN) ?? []) {
    const text = trimUrl(raw);
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      continue;
    }
    const host = url.hostname.toLowerCase().replace(/^www\./, "");
    const parts = url.pathname.split("/").filter(Boolean);

    if (host === "arxiv.org") {
      const arxiv = [...text.matchAll(ARXIV_LINK)][0];
      if (arxiv?.[1]) {
        pushUnique(links.arxiv, arxiv[1]);
        continue;
      }
    }
    if (host === "huggingface.co" || host === "hf.co") {
      if (parts[0] === "papers" && parts[1]) {
        pushUnique(links.hfPapers, parts[1].replace(/v\d+$/, ""));
        continue;
      }
      if (parts[0] === "datasets" && parts[1] && parts[2]) {
        pushUnique(links.hubDatasets, `${parts[1]}/${parts[2]}`);
        continue;
      }
    }
    const [owner, repo] = parts;
    if (host === "github.com" && owner && repo && !GITHUB_NON_REPO.has(owner.toLowerCase())) {
      pushUnique(links.github, `${owner}/${repo.replace(/\.git$/, "")}`);
      continue;
    }
    pushUnique(links.other, text);
  }
  return links;
}

function asStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/**
 * Upstream names the card's metadata declares. "original" means no upstream; the Hub's
 * "extended|name" convention names the dataset that was extended.
 */
export function sourceDatasetsFromMeta(frontMatter: Record<string, unknown> | null): string[] {
  if (!frontMatter) return [];
  const names: string[] = [];
  for (const raw of [...asStrings(frontMatter.source_datasets), ...asStrings(frontMatter.datasets)]) {
    let name = raw.trim();
    if (name.toLowerCase().startsWith("extended|")) name = name.slice("extended|".length).trim();
    if (!name || name.toLowerCase() === "original" || name.toLowerCase() === "extended") continue;
    pushUnique(names, name);
  }
  return names;
}
