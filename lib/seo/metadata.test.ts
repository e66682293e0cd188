import { describe, expect, it } from "vitest";
import {
  datasetMetadata,
  lineageSummary,
  MAX_DESCRIPTION,
  MAX_TITLE_NAME,
  pageMetadata,
  publicUrl,
  rootMetadata,
  snapshotMetadata,
  truncate,
  type DatasetFacts,
} from "./metadata";

const METAMATH: DatasetFacts = { key: "meta-math/MetaMathQA", displayName: "MetaMathQA", upstreamCount: 3, downstreamCount: 12 };

/** The og/twitter parts as plain records (Next's types are unions of many shapes). */
function og(meta: ReturnType<typeof datasetMetadata>) {
  return meta.openGraph as { title: string; description: string; url?: string; images: { url: string; width: number; height: number }[]; type: string };
}
function tw(meta: ReturnType<typeof datasetMetadata>) {
  return meta.twitter as { card: string; title: string; description: string; images: { url: string }[] };
}

describe("datasetMetadata", () => {
  it("titles, describes and links a dataset's permalink", () => {
    const meta = datasetMetadata(METAMATH, "?up=3&sel=openai%2Fgsm8k");
    expect(meta.title).toBe("Lineage of MetaMathQA");
    expect(meta.description).toBe(
      "Lineage of MetaMathQA (meta-math/MetaMathQA) on Rootline: built from 3 upstream sources; 12 datasets are built from it. Every link with its relation, confidence and evidence.",
    );
    expect(og(meta)).toMatchObject({
      title: "Lineage of MetaMathQA · Rootline",
      description: meta.description,
      url: "/datasets/meta-math/MetaMathQA?up=3&sel=openai%2Fgsm8k",
      type: "website",
    });
    expect(og(meta).images).toEqual([expect.objectContaining({ url: "/og.png", width: 1200, height: 630 })]);
    expect(tw(meta)).toMatchObject({ card: "summary_large_image", title: "Lineage of MetaMathQA · Rootline", description: meta.description });
    expect(tw(meta).images.map((i) => i.url)).toEqual(["/og.png"]);
  });

  it("takes the query with or without its question mark, and no query at all", () => {
    expect(og(datasetMetadata(METAMATH, "up=3")).url).toBe("/datasets/meta-math/MetaMathQA?up=3");
    expect(og(datasetMetadata(METAMATH)).url).toBe("/datasets/meta-math/MetaMathQA");
    expect(og(datasetMetadata(METAMATH, "?")).url).toBe("/datasets/meta-math/MetaMathQA");
  });

  it("encodes keys with special characters into a path the route decodes again", () => {
    const web = datasetMetadata({ key: "web:example.com/a&b=c%20d;e", displayName: "example.com/a&b=c%20d;e", upstreamCount: 0, downstreamCount: 1 });
    expect(og(web).url).toBe("/datasets/web:example.com/a%26b%3Dc%2520d%3Be");
    expect(web.title).toBe("Lineage of example.com/a&b=c%20d;e");
    expect(web.description).toContain("(web:example.com/a&b=c%20d;e)");

    const corpus = datasetMetadata({ key: "corpus:stack-exchange", displayName: "Stack Exchange <dump> \"2023\"", upstreamCount: 0, downstreamCount: 0 });
    expect(og(corpus).url).toBe("/datasets/corpus:stack-exchange");
    // Markup characters stay as text: Next escapes them in the rendered attributes.
    expect(corpus.title).toBe('Lineage of Stack Exchange <dump> "2023"');
    expect(corpus.description).toContain("no lineage on record yet");

    const dotted = datasetMetadata({ key: "allenai/tulu-3-sft_mixture.v2", displayName: "tulu-3-sft_mixture.v2", upstreamCount: 1, downstreamCount: 1 });
    expect(og(dotted).url).toBe("/datasets/allenai/tulu-3-sft_mixture.v2");
    expect(dotted.description).toContain("built from 1 upstream source; 1 dataset is built from it");
  });

  it("cuts a long name at a word boundary with an ellipsis, and keeps the description short", () => {
    const long = "A very long free-text corpus name that somebody pasted from a paper abstract without ever shortening it at all";
    const meta = datasetMetadata({ key: "corpus:a-very-long-free-text-corpus-name", displayName: long, upstreamCount: 1234, downstreamCount: 5 });
    const title = meta.title as string;
    const name = title.replace(/^Lineage of /, "");
    expect(name.length).toBeLessThanOrEqual(MAX_TITLE_NAME);
    expect(name.endsWith("…")).toBe(true);
    expect(long.startsWith(name.slice(0, -1))).toBe(true);
    expect(name.slice(0, -1)).not.toMatch(/\s$/);
    // Cut between words, not inside one.
    expect(long[name.length - 1]).toBe(" ");
    expect((meta.description as string).length).toBeLessThanOrEqual(MAX_DESCRIPTION);
    expect(meta.description).toMatch(/…$/);
    expect(og(meta).title).toBe(`${title} · Rootline`);
  });

  it("falls back to the key when the display name is blank", () => {
    expect(datasetMetadata({ ...METAMATH, displayName: "  " }).title).toBe("Lineage of meta-math/MetaMathQA");
  });
});

describe("lineageSummary", () => {
  it("says what is on record, in the right number", () => {
    expect(lineageSummary({ ...METAMATH, upstreamCount: 0, downstreamCount: 0 })).toBe("no lineage on record yet");
    expect(lineageSummary({ ...METAMATH, upstreamCount: 0, downstreamCount: 2 })).toBe("no upstream sources on record; 2 datasets are built from it");
    expect(lineageSummary({ ...METAMATH, upstreamCount: 1, downstreamCount: 0 })).toBe("built from 1 upstream source; nothing built from it on record");
    expect(lineageSummary({ ...METAMATH, upstreamCount: 0, downstreamCount: 1500, benchmarkFamily: "GSM8K" })).toBe(
      "an evaluation benchmark (GSM8K); no upstream sources on record; 1,500 datasets are built from it",
    );
  });
});

describe("snapshotMetadata", () => {
  it("links the frozen view and dates it", () => {
    const meta = snapshotMetadata({ ...METAMATH, id: "Ab3dE5gH9k", createdAt: "2026-05-01T10:20:30.000Z" });
    expect(meta.title).toBe("Frozen view of MetaMathQA");
    expect(meta.description).toBe("Frozen view of the lineage of MetaMathQA (meta-math/MetaMathQA) as of 2026-05-01: built from 3 upstream sources; 12 datasets are built from it.");
    expect(og(meta)).toMatchObject({ url: "/s/Ab3dE5gH9k", title: "Frozen view of MetaMathQA · Rootline" });
    expect(tw(meta).card).toBe("summary_large_image");
  });
});

describe("pageMetadata and rootMetadata", () => {
  it("gives a fixed page its title, description and image; a query-driven page no og:url", () => {
    const meta = pageMetadata("Benchmark contamination", "Where items reach.", "/contamination");
    expect(og(meta)).toMatchObject({ title: "Benchmark contamination · Rootline", description: "Where items reach.", url: "/contamination" });
    expect(og(meta).images[0]!.url).toBe("/og.png");
    expect(og(pageMetadata("Compare lineages", "How alike."))).not.toHaveProperty("url");
  });

  it("sets the base URL and defaults that let pages fill in their own titles", () => {
    const meta = rootMetadata(new URL("https://rootline.example.org/"));
    expect(String(meta.metadataBase)).toBe("https://rootline.example.org/");
    expect(meta.title).toEqual({ default: "Rootline — dataset lineage", template: "%s · Rootline" });
    expect(meta.openGraph).not.toHaveProperty("title");
    expect(meta.openGraph).not.toHaveProperty("url");
    expect((meta.openGraph as { images: { url: string }[] }).images[0]!.url).toBe("/og.png");
    expect(meta.twitter).toMatchObject({ card: "summary_large_image" });
  });
});

describe("publicUrl", () => {
  it("takes ROOTLINE_PUBLIC_URL when it is an http(s) URL, else localhost:3000", () => {
    expect(publicUrl("https://rootline.example.org").href).toBe("https://rootline.example.org/");
    expect(publicUrl(" https://example.org/rootline?x=1#y ").href).toBe("https://example.org/rootline/");
    expect(publicUrl(undefined).href).toBe("http://localhost:3000/");
    expect(publicUrl("").href).toBe("http://localhost:3000/");
    expect(publicUrl("rootline.example.org").href).toBe("http://localhost:3000/");
    expect(publicUrl("ftp://example.org").href).toBe("http://localhost:3000/");
  });
});

describe("truncate", () => {
  it("leaves short text alone and collapses whitespace", () => {
    expect(truncate("  a   b\n c ", 10)).toBe("a b c");
  });
  it("cuts inside a word only when no boundary is near the end", () => {
    expect(truncate("abcdefghijklmnopqrstuvwxyz", 10)).toBe("abcdefghi…");
    expect(truncate("one two three four five", 16)).toBe("one two three…");
    expect(truncate("one two three four five", 12)).toBe("one two thr…");
    expect(truncate("one two, three four", 10)).toBe("one two…");
  });
});
