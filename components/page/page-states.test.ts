import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { errorDigest, PageError } from "./PageError";
import { PageLoading } from "./PageLoading";

describe("PageLoading", () => {
  it("announces what is loading once, as a status, and hides the skeleton from assistive technology", () => {
    const html = renderToStaticMarkup(createElement(PageLoading, { label: "Loading the lineage…", layout: "graph" }));
    expect(html).toContain('data-testid="page-loading"');
    expect(html).toContain('aria-busy="true"');
    expect(html.match(/role="status"/g)).toHaveLength(1);
    expect(html).toMatch(/<p role="status" aria-live="polite"[^>]*>Loading the lineage…<\/p>/);
    // Every grey block is decoration.
    const blocks = html.match(/<span[^>]*>/g) ?? [];
    expect(blocks.length).toBeGreaterThan(3);
    for (const block of blocks) expect(block).toContain('aria-hidden="true"');
    // The graph placeholder has the explorer canvas's size, so nothing jumps when it arrives.
    expect(html).toContain("h-[70vh] min-h-[420px]");
  });
});

describe("PageError", () => {
  const serverError = Object.assign(new Error("relation \"dataset\" does not exist\n    at secret (/srv/app/lib/server/db.ts:1:1)"), { digest: "3141592653" });

  it("shows a friendly message, the digest, a retry button and a link home, never the message or stack", () => {
    const html = renderToStaticMarkup(createElement(PageError, { error: serverError, reset: vi.fn(), what: "this dataset's lineage" }));
    expect(html).toContain('data-testid="page-error"');
    expect(html).toContain("Something went wrong");
    expect(html).toContain("Rootline could not show this dataset&#x27;s lineage.");
    expect(html).toContain("3141592653");
    expect(html).toMatch(/<button type="button"[^>]*>Try again<\/button>/);
    expect(html).toMatch(/<a [^>]*href="\/"[^>]*>Back to the start page<\/a>/);
    expect(html).not.toContain("does not exist");
    expect(html).not.toContain("/srv/app");
  });

  it("leaves the digest out when there is none", () => {
    const html = renderToStaticMarkup(createElement(PageError, { error: new Error("boom"), reset: vi.fn() }));
    expect(html).not.toContain("error-digest");
    expect(html).not.toContain("boom");
    expect(html).toContain("Rootline could not show this page.");
  });
});

describe("errorDigest", () => {
  it("reads a non-empty string digest from anything thrown", () => {
    expect(errorDigest(Object.assign(new Error("x"), { digest: "abc" }))).toBe("abc");
    expect(errorDigest({ digest: "" })).toBeNull();
    expect(errorDigest({ digest: 42 })).toBeNull();
    expect(errorDigest("a string")).toBeNull();
    expect(errorDigest(null)).toBeNull();
    expect(errorDigest(undefined)).toBeNull();
  });
});
