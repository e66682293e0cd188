import { describe, expect, it } from "vitest";
import { arxivAbstract, linkedTexts, MAX_LINKED_PER_KIND } from "./linked-texts";

const endpoints = { arxiv: "https://export.arxiv.org", githubRaw: "https://raw.githubusercontent.com" };

describe("linkedTexts", () => {
  it("turns arXiv ids, paper pages and GitHub repos into fetchable URLs, a few of each", () => {
    const links = linkedTexts({ arxiv: ["2401.01234"], hfPapers: ["2401.01234", "2402.00001"], github: ["Org/Repo", "org/repo", "a/b", "c/d", "e/f"], hubDatasets: [], other: [] }, endpoints);
    expect(links.filter((l) => l.kind === "arxiv").map((l) => l.url)).toEqual([
      "https://export.arxiv.org/api/query?id_list=2401.01234",
      "https://export.arxiv.org/api/query?id_list=2402.00001",
    ]);
    const repos = links.filter((l) => l.kind === "github");
    expect(repos).toHaveLength(MAX_LINKED_PER_KIND);
    expect(repos[0]!.url).toBe("https://raw.githubusercontent.com/org/repo/HEAD/README.md");
  });
});

describe("arxivAbstract", () => {
  it("reads the first entry's title and summary, decoding entities, not the feed's title", () => {
    const atom = `<feed><title>ArXiv Query</title><entry><title>A &amp; B</title><summary>
      Built from  &lt;X&gt; data.</summary></entry></feed>`;
    expect(arxivAbstract(atom)).toBe("A & B\n\nBuilt from <X> data.");
  });

  it("is null for an answer without entries (unknown id)", () => {
    expect(arxivAbstract("<feed><title>ArXiv Query</title></feed>")).toBeNull();
  });
});
