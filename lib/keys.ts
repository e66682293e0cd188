/**
 * Node keys: the one identity every dataset, benchmark and external source has.
 *
 *   owner/name            a Hugging Face Hub dataset (`openai/gsm8k`)
 *   github:owner/repo     a GitHub repository (`github:tatsu-lab/stanford_alpaca`)
 *   arxiv:ID              an arXiv paper (`arxiv:2309.12284`)
 *   web:host/path         a web page or site (`web:data.mendeley.com/datasets/834vsxnb99/3`)
 *   corpus:slug           a named corpus or source with no canonical home (`corpus:stack-exchange`)
 *
 * Keys are compared case-insensitively (the Hub treats ids that way); `normalizeKey` gives
 * the comparison form. Build and read keys only through this module.
 */
import { MAX_KEY_LENGTH } from "./limits";

export type KeyScheme = "HUB" | "GITHUB" | "ARXIV" | "WEB" | "CORPUS";

export type ParsedKey =
  | { scheme: "HUB"; owner: string; name: string }
  | { scheme: "GITHUB"; owner: string; repo: string }
  | { scheme: "ARXIV"; id: string }
  | { scheme: "WEB"; host: string; path: string }
  | { scheme: "CORPUS"; slug: string };

const HUB_PART = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,95})$/;
const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const GITHUB_REPO = /^[A-Za-z0-9._-]{1,100}$/;
const ARXIV_ID = /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})$/;
const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function validHubPart(part: string): boolean {
  return HUB_PART.test(part) && !part.includes("..") && !part.endsWith(".") && !/^\.+$/.test(part);
}

/** Parse a key strictly; null when it is not a well-formed key of any scheme. */
export function parseKey(input: string): ParsedKey | null {
  if (typeof input !== "string" || input.length === 0 || input.length > MAX_KEY_LENGTH) return null;
  const colon = input.indexOf(":");
  const prefix = colon > 0 ? input.slice(0, colon) : "";
  const rest = colon > 0 ? input.slice(colon + 1) : "";
  switch (prefix) {
    case "github": {
      const [owner, repo, ...extra] = rest.split("/");
      if (extra.length || !owner || !repo || !GITHUB_OWNER.test(owner) || !GITHUB_REPO.test(repo) || /^\.+$/.test(repo)) return null;
      return { scheme: "GITHUB", owner, repo };
    }
    case "arxiv":
      return ARXIV_ID.test(rest) ? { scheme: "ARXIV", id: rest } : null;
    case "web": {
      const slash = rest.indexOf("/");
      const host = slash === -1 ? rest : rest.slice(0, slash);
      const path = slash === -1 ? "" : rest.slice(slash + 1);
      if (!HOST.test(host)) return null;
      if (path && (!/^[A-Za-z0-9._~!$&'()*+,;=:@%/-]+$/.test(path) || path.endsWith("/") || path.includes("//"))) return null;
      return { scheme: "WEB", host, path };
    }
    case "corpus":
      return SLUG.test(rest) && rest.length <= 120 ? { scheme: "CORPUS", slug: rest } : null;
    case "":
      break;
    default:
      return null;
  }
  const parts = input.split("/");
  if (parts.length !== 2) return null;
  const [owner, name] = parts as [string, string];
  return validHubPart(owner) && validHubPart(name) ? { scheme: "HUB", owner, name } : null;
}

export function formatKey(key: ParsedKey): string {
  switch (key.scheme) {
    case "HUB":
      return `${key.owner}/${key.name}`;
    case "GITHUB":
      return `github:${key.owner}/${key.repo}`;
    case "ARXIV":
      return `arxiv:${key.id}`;
    case "WEB":
      return key.path ? `web:${key.host}/${key.path}` : `web:${key.host}`;
    case "CORPUS":
      return `corpus:${key.slug}`;
  }
}

export function isValidKey(input: string): boolean {
  return parseKey(input) !== null;
}

/** The form keys are compared and indexed by. */
export function normalizeKey(key: string): string {
  return key.toLowerCase();
}

export function hubKey(owner: string, name: string): string | null {
  const key = `${owner}/${name}`;
  return parseKey(key)?.scheme === "HUB" ? key : null;
}

export function corpusSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120)
    .replace(/-+$/g, "");
}

export type KeyedName = { key: string; scheme: KeyScheme; displayName: string };

/**
 * Turn a name as written in a source (an import file, a card's source list) into a key:
 * Hub ids and URLs keep their identity; anything else becomes a named corpus.
 * Returns null only when nothing key-like can be made of it (empty or punctuation only).
 */
export function keyFromName(raw: string): KeyedName | null {
  const name = raw.trim().replace(/\s+/g, " ");
  if (!name) return null;
  const url = keyFromUrl(name);
  if (url) return url;
  const direct = parseKey(name);
  if (direct) return { key: formatKey(direct), scheme: direct.scheme, displayName: displayNameFor(direct) };
  const slug = corpusSlug(name);
  if (!slug) return null;
  return { key: `corpus:${slug}`, scheme: "CORPUS", displayName: name.slice(0, 200) };
}

/** A URL path's segments decoded; null when an escape is broken (`100%`, `%zz`): such a URL names nothing we can key. */
function decodedSegments(pathname: string): string[] | null {
  try {
    return pathname.split("/").filter(Boolean).map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
}

/** Keys for URLs: Hub dataset pages, GitHub repos, arXiv papers, any other web page. */
export function keyFromUrl(raw: string): KeyedName | null {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : /^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+\//i.test(raw) ? `https://${raw}` : "");
  } catch {
    return null;
  }
  if (!/^https?:$/.test(url.protocol)) return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  const segments = decodedSegments(url.pathname);
  if (!segments) return null;
  if (host === "huggingface.co" && segments[0] === "datasets" && segments.length >= 3) {
    const key = hubKey(segments[1]!, segments[2]!);
    if (key) return { key, scheme: "HUB", displayName: segments[2]! };
  }
  if (host === "github.com" && segments.length >= 2) {
    const repo = segments[1]!.replace(/\.git$/, "");
    const parsed = parseKey(`github:${segments[0]}/${repo}`);
    if (parsed) return { key: formatKey(parsed), scheme: "GITHUB", displayName: `${segments[0]}/${repo}` };
  }
  if ((host === "arxiv.org" || host === "export.arxiv.org") && /^(abs|pdf|html)$/.test(segments[0] ?? "")) {
    const id = segments.slice(1).join("/").replace(/\.pdf$/, "").replace(/v\d+$/, "");
    const parsed = parseKey(`arxiv:${id}`);
    if (parsed) return { key: formatKey(parsed), scheme: "ARXIV", displayName: `arXiv:${id}` };
  }
  const path = segments.map((s) => encodeURIComponent(s).replace(/%40/g, "@")).join("/");
  const parsed = parseKey(path ? `web:${host}/${path}` : `web:${host}`);
  return parsed ? { key: formatKey(parsed), scheme: "WEB", displayName: path ? `${host}/${segments.join("/")}` : host } : null;
}

export function displayNameFor(key: ParsedKey): string {
  switch (key.scheme) {
    case "HUB":
      return key.name;
    case "GITHUB":
      return `${key.owner}/${key.repo}`;
    case "ARXIV":
      return `arXiv:${key.id}`;
    case "WEB":
      return key.path ? `${key.host}/${key.path}` : key.host;
    case "CORPUS":
      return key.slug;
  }
}

/** Where a key's canonical page lives outside Rootline, when it has one. */
export function externalUrl(key: string): string | null {
  const parsed = parseKey(key);
  if (!parsed) return null;
  switch (parsed.scheme) {
    case "HUB":
      return `https://huggingface.co/datasets/${parsed.owner}/${parsed.name}`;
    case "GITHUB":
      return `https://github.com/${parsed.owner}/${parsed.repo}`;
    case "ARXIV":
      return `https://arxiv.org/abs/${parsed.id}`;
    case "WEB":
      return `https://${parsed.host}/${parsed.path}`;
    case "CORPUS":
      return null;
  }
}

/** Path segments for routes such as `/datasets/[...key]`: each encoded, joined with `/`. */
export function keyToPath(key: string): string {
  return key.split("/").map((segment) => encodeURIComponent(segment).replace(/%3A/gi, ":")).join("/");
}

/** Inverse of keyToPath, given the catch-all route's segments. Null when not a valid key. */
export function keyFromPathSegments(segments: readonly string[]): string | null {
  if (!segments.length) return null;
  let decoded: string[];
  try {
    decoded = segments.map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
  const key = decoded.join("/");
  return parseKey(key) ? key : null;
}
