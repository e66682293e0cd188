import type { APIRequestContext, Page } from "@playwright/test";

/**
 * The link-preview tags of a page (Open Graph, Twitter), read two ways: from the HTML a link
 * unfurler fetches (no JavaScript; Next sends such bots the metadata in the first HTML), and
 * from the document a browser ends up with.
 */

/** A user agent Next treats as an HTML-only bot (blocking metadata), as Slack, X and Facebook are. */
export const UNFURLER_UA = "Twitterbot/1.0";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'", "#x27": "'" };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|apos|#39|#x27);/g, (_, name: string) => ENTITIES[name]!);

export type ShareTags = Record<string, string>;

/** Every `<meta property|name=… content=…>` of a page's HTML as an unfurler receives it. */
export async function unfurlTags(request: APIRequestContext, url: string): Promise<{ status: number; tags: ShareTags; html: string }> {
  const response = await request.get(url, { headers: { "User-Agent": UNFURLER_UA } });
  const html = await response.text();
  const tags: ShareTags = {};
  for (const [tag] of html.matchAll(/<meta\s[^>]*>/g)) {
    const name = /\s(?:property|name)="([^"]+)"/.exec(tag)?.[1];
    const content = /\scontent="([^"]*)"/.exec(tag)?.[1];
    if (name && content !== undefined && !(name in tags)) tags[name] = decode(content);
  }
  return { status: response.status(), tags, html };
}

/** The same tags from the live document (after streaming and hydration). */
export async function documentTags(page: Page): Promise<ShareTags> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const meta of document.querySelectorAll("meta[content]")) {
      const name = meta.getAttribute("property") ?? meta.getAttribute("name");
      if (name && !(name in out)) out[name] = meta.getAttribute("content") ?? "";
    }
    return out;
  });
}
