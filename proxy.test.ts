import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "./proxy";

/** Whether Next would run the proxy for `path` (the matcher is a path pattern that is also a regular expression). */
const matched = (path: string) => config.matcher.some((m) => new RegExp(`^${m}$`).test(path));

describe("proxy", () => {
  it("answers 400, not Next's 500, to broken % escapes on every route that takes a key or an id", async () => {
    for (const path of ["/datasets/%", "/s/%", "/s/%ff", "/runs/%", "/runs/%ff", "/api/lineage/%ff", "/review/%ff"]) {
      const response = proxy(new NextRequest(`http://localhost${path}`));
      expect(response.status, path).toBe(400);
      // …and the route is one the proxy runs on (Next only calls it for matched paths).
      expect(matched(path), path).toBe(true);
    }
    expect(await proxy(new NextRequest("http://localhost/s/%ff")).text()).toMatch(/That address is broken/);
  });

  it("gives every page a CSP with a nonce of its own, on the response and on the request Next renders", () => {
    const first = proxy(new NextRequest("http://localhost/datasets/openai/gsm8k"));
    const second = proxy(new NextRequest("http://localhost/review"));
    const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];
    const csp = first.headers.get("content-security-policy");
    expect(nonceOf(csp)).toBeTruthy();
    expect(nonceOf(second.headers.get("content-security-policy"))).not.toBe(nonceOf(csp));
    // NextResponse.next({ request: { headers } }) forwards overridden request headers this way.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(proxy(new NextRequest("http://localhost/api/datasets")).headers.get("content-security-policy")).toBeNull();
  });

  it("marks a dataset page whose key is malformed 400 and lets it render its explanation; well-formed keys, found or not, go on as they are", () => {
    for (const path of ["/datasets/not-a-key", "/datasets/a/b/c/d", "/datasets/openai/gsm8k/contamination"]) {
      const response = proxy(new NextRequest(`http://localhost${path}`));
      expect(response.status, path).toBe(400);
      expect(response.headers.get("x-middleware-next"), path).toBe("1");
      expect(response.headers.get("content-security-policy"), path).toBeTruthy();
    }
    for (const path of ["/datasets/openai/gsm8k", "/datasets/nobody/no-such-dataset", "/datasets/corpus:stack-exchange", "/datasets/corpus%3Astack-exchange", "/datasets/Corpus:X", "/datasets/github:a/b"]) {
      expect(proxy(new NextRequest(`http://localhost${path}`)).status, path).toBe(200);
    }
  });

  it("runs on every page and API route, not on Next's static files", () => {
    for (const path of ["/", "/review", "/sign-in", "/datasets/a/b", "/api/runs", "/s/AbCdEfGh12"]) expect(matched(path), path).toBe(true);
    for (const path of ["/_next/static/chunks/x.js", "/_next/image", "/favicon.ico", "/og.png"]) expect(matched(path), path).toBe(false);
  });
});
