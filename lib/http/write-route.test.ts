import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { writeRoute } from "./write-route";

const schema = z.object({ key: z.string().min(1) });

function route(authorize: () => Promise<void> = async () => {}) {
  const handler = vi.fn(async (input: { key: string }) => ({ done: input.key }));
  const post = writeRoute({ schema, example: '{"key": "a/b"}', maxBytes: 64, authorize, handler });
  return { post: (init: RequestInit & { headers?: Record<string, string> }) => post(new Request("http://localhost:3000/api/x", { method: "POST", ...init }), undefined), handler };
}

const json = { "content-type": "application/json", host: "localhost:3000" };

describe("writeRoute", () => {
  it("runs the handler for a same-origin JSON body, and for a client that sends no Origin (curl, the CLI)", async () => {
    const { post, handler } = route();
    const browser = await post({ headers: { ...json, origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }, body: '{"key":"a/b"}' });
    expect([browser.status, await browser.json()]).toEqual([200, { done: "a/b" }]);
    const cli = await post({ headers: json, body: '{"key":"c/d"}' });
    expect(cli.status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it("refuses what another site's page can make a visitor's browser send (CSRF), before reading the body", async () => {
    const { post, handler } = route();
    // A no-cors fetch or a form post from another origin: text/plain, Origin set by the browser.
    const noCors = await post({ headers: { "content-type": "text/plain", host: "localhost:3000", origin: "https://evil.example" }, body: '{"key":"a/b"}' });
    expect(noCors.status).toBe(403);
    const crossSite = await post({ headers: { ...json, "sec-fetch-site": "cross-site" }, body: '{"key":"a/b"}' });
    expect(crossSite.status).toBe(403);
    const nullOrigin = await post({ headers: { ...json, origin: "null" }, body: '{"key":"a/b"}' });
    expect(nullOrigin.status).toBe(403);
    expect((await crossSite.json()).error.message).toMatch(/another site/);
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 415 to a body that is not JSON by its Content-Type, 413 past the size, 400 naming a bad field", async () => {
    const { post, handler } = route();
    const plain = await post({ headers: { "content-type": "text/plain", host: "localhost:3000" }, body: '{"key":"a/b"}' });
    expect(plain.status).toBe(415);
    const big = await post({ headers: json, body: JSON.stringify({ key: "x".repeat(100) }) });
    expect(big.status).toBe(413);
    const bad = await post({ headers: json, body: '{"key":""}' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/key:/);
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses with the policy's status, and a rate limit says when to come back", async () => {
    const { post, handler } = route(async () => {
      throw new AppError("rate_limited", "Too many.", { retryAfterSeconds: 12.2 });
    });
    const limited = await post({ headers: json, body: '{"key":"a/b"}' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("13");
    expect(handler).not.toHaveBeenCalled();
  });
});
