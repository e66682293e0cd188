import type { Metadata } from "next";
import { keyToPath } from "@/lib/keys";

/**
 * Page metadata for link previews (Open Graph, Twitter cards). Pure: the server module
 * (lib/server/views/metadata.ts) fetches the facts, these functions only phrase them.
 *
 * Paths are relative; the root layout's `metadataBase` (ROOTLINE_PUBLIC_URL) makes them
 * absolute in the rendered tags. A child segment's `openGraph` / `twitter` replace the
 * parent's whole, so every builder here returns both complete, image included.
 */

export const SITE_NAME = "Rootline";
export const TAGLINE = "Lineage of post-training datasets";
export const DEFAULT_DESCRIPTION = "Trace post-training datasets back to their roots and see where benchmark test data enters the chain.";
export const DEFAULT_PUBLIC_URL = "http://localhost:3000";

/** The social preview image in public/ (scripts/render-og-image.ts draws it). */
export const OG_IMAGE = { url: "/og.png", width: 1200, height: 630, alt: `${SITE_NAME} — ${TAGLINE}` } as const;

/** Longest name kept whole in a title; longer ones are cut at a word boundary. */
export const MAX_TITLE_NAME = 60;
/** Longest description (search engines and unfurlers show about this much). */
export const MAX_DESCRIPTION = 200;

/**
 * The site's public origin: `ROOTLINE_PUBLIC_URL` when it is an http(s) URL (its path is
 * kept, so a Rootline served under /rootline works), else http://localhost:3000.
 */
export function publicUrl(value: string | undefined = process.env.ROOTLINE_PUBLIC_URL): URL {
  const raw = value?.trim();
  if (raw) {
    try {
      const url = new URL(raw);
      if (url.protocol === "http:" || url.protocol === "https:") {
        url.search = "";
        url.hash = "";
        if (!url.pathname.endsWith("/")) url.pathname += "/";
        return url;
      }
    } catch {
      // Fall through to the default: a bad value must not take every page down.
    }
  }
  return new URL(DEFAULT_PUBLIC_URL);
}

/**
 * `text` cut to at most `max` characters, at the last word boundary when there is one in
 * the last third, with an ellipsis; whitespace runs collapsed first.
 */
export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const room = clean.slice(0, max - 1);
  const space = room.lastIndexOf(" ");
  const cut = space >= Math.floor((max * 2) / 3) ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.\-–—·]+$/, "")}…`;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/**
 * Title, description and share tags for one page at `path` (with its query, if any). Without
 * a path there is no og:url, so unfurlers take the shared link itself (pages whose query is
 * the content, such as /compare?d=…, must not point every share at the bare page).
 */
export function socialMetadata({ title, description, path }: { title: string; description: string; path?: string }): Metadata {
  const text = truncate(description, MAX_DESCRIPTION);
  const shareTitle = `${title} · ${SITE_NAME}`;
  return {
    title,
    description: text,
    openGraph: { title: shareTitle, description: text, ...(path ? { url: path } : {}), siteName: SITE_NAME, images: [{ ...OG_IMAGE }], type: "website" },
    twitter: { card: "summary_large_image", title: shareTitle, description: text, images: [{ url: OG_IMAGE.url, alt: OG_IMAGE.alt }] },
  };
}

/**
 * The site-wide defaults (root layout): title template, base URL, and share tags without a
 * title, description or URL, so a page that sets only `title` still unfurls with its own
 * title and description (Next fills missing og/twitter titles from the page's) and the image.
 */
export function rootMetadata(base: URL = publicUrl()): Metadata {
  return {
    metadataBase: base,
    title: { default: `${SITE_NAME} — dataset lineage`, template: `%s · ${SITE_NAME}` },
    description: DEFAULT_DESCRIPTION,
    applicationName: SITE_NAME,
    openGraph: { siteName: SITE_NAME, images: [{ ...OG_IMAGE }], type: "website" },
    twitter: { card: "summary_large_image", images: [{ url: OG_IMAGE.url, alt: OG_IMAGE.alt }] },
  };
}

/** A fixed page (/contamination, /analysis …): its title, a one-line description, its path when its query is not its content. */
export function pageMetadata(title: string, description: string, path?: string): Metadata {
  return socialMetadata({ title, description, path });
}

export type DatasetFacts = {
  key: string;
  displayName: string;
  /** Edges into / out of the node in the store (the lineage drawn from it). */
  upstreamCount: number;
  downstreamCount: number;
  /** Set for registered evaluation benchmarks: their family (e.g. "GSM8K"). */
  benchmarkFamily?: string | null;
};

/** "built from 3 upstream sources; 12 datasets are built from it" and the like. */
export function lineageSummary({ upstreamCount: up, downstreamCount: down, benchmarkFamily }: DatasetFacts): string {
  const parts: string[] = [];
  if (benchmarkFamily) parts.push(`an evaluation benchmark (${benchmarkFamily})`);
  if (up === 0 && down === 0) parts.push("no lineage on record yet");
  else {
    parts.push(up ? `built from ${plural(up, "upstream source", "upstream sources")}` : "no upstream sources on record");
    parts.push(down ? `${plural(down, "dataset is", "datasets are")} built from it` : "nothing built from it on record");
  }
  return parts.join("; ");
}

/** The name shown in titles: the display name (the key when it has none), cut to MAX_TITLE_NAME. */
function shortName(facts: Pick<DatasetFacts, "key" | "displayName">): string {
  return truncate(facts.displayName.trim() || facts.key, MAX_TITLE_NAME);
}

/**
 * A dataset page (/datasets/{key}?{view}): "Lineage of MetaMathQA", a description from the
 * node's edge counts, and the permalink (path and view query) as the share URL.
 * `query` is "" or "?…" (lib/view/state.ts viewQuery gives the canonical one).
 */
export function datasetMetadata(facts: DatasetFacts, query = ""): Metadata {
  const name = shortName(facts);
  const description = `Lineage of ${name} (${facts.key}) on ${SITE_NAME}: ${lineageSummary(facts)}. Every link with its relation, confidence and evidence.`;
  return socialMetadata({ title: `Lineage of ${name}`, description, path: `/datasets/${keyToPath(facts.key)}${normaliseQuery(query)}` });
}

/** A frozen view (/s/{id}): what it shows, as of when it was frozen. */
export function snapshotMetadata(facts: DatasetFacts & { id: string; createdAt: string }): Metadata {
  const name = shortName(facts);
  const day = /^\d{4}-\d{2}-\d{2}/.test(facts.createdAt) ? facts.createdAt.slice(0, 10) : facts.createdAt;
  const description = `Frozen view of the lineage of ${name} (${facts.key}) as of ${day}: ${lineageSummary(facts)}.`;
  return socialMetadata({ title: `Frozen view of ${name}`, description, path: `/s/${encodeURIComponent(facts.id)}` });
}

function normaliseQuery(query: string): string {
  if (!query || query === "?") return "";
  return query.startsWith("?") ? query : `?${query}`;
}
