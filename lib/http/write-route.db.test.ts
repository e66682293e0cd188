import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { CLIENT_HEADER, LOCAL_HEADER } from "@/lib/http/forwarding";
import { resetAllowances } from "@/lib/server/auth/allowance";
import { getDb } from "@/lib/server/db/client";
import { writeRoute } from "./write-route";

const schema = z.object({ key: z.string().min(1) });

function route(options: { role?: "anyone" | "REVIEWER" | "ADMIN"; fail?: () => never } = {}) {
  const handler = vi.fn(async (input: { key: string }) => {
    options.fail?.();
    return { done: input.key };
  });
  const post = writeRoute({ action: "test.write", role: options.role ?? "REVIEWER", what: "test writes", limit: "freeze", schema, example: '{"key": "a/b"}', maxBytes: 64, target: (i) => i.key, handler });
  return {
    post: (init: RequestInit & { headers?: Record<string, string> }) =>
      post(new Request("http://localhost:3000/api/x", { method: "POST", ...init }), { params: Promise.resolve(undefined) }),
    handler,
  };
}

/** What scripts/serve.ts stamps on a request from this machine, and from elsewhere. */
const local = { host: "localhost:3000", [LOCAL_HEADER]: "1", [CLIENT_HEADER]: "127.0.0.1" };
const remote = { host: "rootline.example.org", [LOCAL_HEADER]: "0", [CLIENT_HEADER]: "203.0.113.9" };
const json = { "content-type": "application/json" };

const audits = () => getDb().auditEvent.findMany({ where: { action: "test.write" }, orderBy: { id: "asc" } });

beforeEach(async () => {
  await resetAllowances();
  await getDb().auditEvent.deleteMany({ where: { action: "test.write" } });
  delete process.env.ROOTLINE_AUTH_SECRET;
});

describe("writeRoute on a single-user install", () => {
  it("lets this machine write, from a page of its own or a client that sends no Origin, and audits each write", async () => {
    const { post, handler } = route();
    const browser = await post({ headers: { ...local, ...json, origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }, body: '{"key":"a/b"}' });
    expect([browser.status, await browser.json()]).toEqual([200, { done: "a/b" }]);
    const cli = await post({ headers: { ...local, ...json }, body: '{"key":"c/d"}' });
    expect(cli.status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(2);
    expect((await audits()).map((a) => [a.actor, a.target, a.outcome, a.status, a.client])).toEqual([
      ["local", "a/b", "ok", 200, "127.0.0.1"],
      ["local", "c/d", "ok", 200, "127.0.0.1"],
    ]);
  });

  it("refuses anyone else with 403, whatever forwarding headers claim, and records the refusal", async () => {
    const { post, handler } = route();
    const forged = await post({ headers: { host: "localhost:3000", "x-forwarded-for": "127.0.0.1", "x-real-ip": "127.0.0.1", forwarded: "for=127.0.0.1", ...json }, body: '{"key":"a/b"}' });
    expect(forged.status).toBe(403);
    const fromLan = await post({ headers: { ...remote, ...json }, body: '{"key":"a/b"}' });
    expect(fromLan.status).toBe(403);
    expect((await fromLan.json()).error.message).toMatch(/single-user install/);
    // DNS rebinding: the socket is this machine's, the Host another site's.
    const rebound = await post({ headers: { ...local, host: "evil.example:3000", ...json }, body: '{"key":"a/b"}' });
    expect(rebound.status).toBe(403);
    expect(handler).not.toHaveBeenCalled();
    expect((await audits()).map((a) => [a.outcome, a.status])).toEqual([["refused", 403], ["refused", 403], ["refused", 403]]);
  });

  it("refuses what another site's page can make a visitor's browser send (CSRF), before anything else", async () => {
    const { post, handler } = route();
    const noCors = await post({ headers: { ...local, "content-type": "text/plain", origin: "https://evil.example" }, body: '{"key":"a/b"}' });
    expect(noCors.status).toBe(403);
    const crossSite = await post({ headers: { ...local, ...json, "sec-fetch-site": "cross-site" }, body: '{"key":"a/b"}' });
    expect(crossSite.status).toBe(403);
    const nullOrigin = await post({ headers: { ...local, ...json, origin: "null" }, body: '{"key":"a/b"}' });
    expect(nullOrigin.status).toBe(403);
    expect((await crossSite.json()).error.message).toMatch(/another site/);
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 415 to a body that is not JSON by its Content-Type, 413 past the size, 400 naming a bad field", async () => {
    const { post, handler } = route();
    const plain = await post({ headers: { ...local, "content-type": "text/plain" }, body: '{"key":"a/b"}' });
    expect(plain.status).toBe(415);
    const big = await post({ headers: { ...local, ...json }, body: JSON.stringify({ key: "x".repeat(100) }) });
    expect(big.status).toBe(413);
    const bad = await post({ headers: { ...local, ...json }, body: '{"key":""}' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/key:/);
    expect(handler).not.toHaveBeenCalled();
  });

  it("limits each client, keyed on the address the server decided, and says when to come back", async () => {
    const { post } = route({ role: "anyone" });
    const statuses: number[] = [];
    // 30 freezes a minute: the 31st from one address is refused, even with made-up forwarding headers.
    for (let i = 0; i < 31; i++) statuses.push((await post({ headers: { ...remote, ...json, "x-forwarded-for": `198.51.100.${i}` }, body: '{"key":"a/b"}' })).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    const limited = await post({ headers: { ...remote, ...json }, body: '{"key":"a/b"}' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const other = await post({ headers: { ...remote, [CLIENT_HEADER]: "203.0.113.10", ...json }, body: '{"key":"a/b"}' });
    expect(other.status).toBe(200);
  });

  it("keeps a handler's refusal status and hides an unexpected failure behind a 500", async () => {
    const refused = route({ fail: () => { throw new AppError("not_found:edge", "No such edge."); } });
    expect((await refused.post({ headers: { ...local, ...json }, body: '{"key":"a/b"}' })).status).toBe(404);
    const crashed = route({ fail: () => { throw new Error("db exploded at 10.0.0.5"); } });
    vi.spyOn(console, "error").mockImplementation(() => {});
    const answer = await crashed.post({ headers: { ...local, ...json }, body: '{"key":"a/b"}' });
    expect(answer.status).toBe(500);
    expect(JSON.stringify(await answer.json())).not.toContain("10.0.0.5");
    expect((await audits()).map((a) => [a.outcome, a.status])).toEqual([["refused", 404], ["failed", 500]]);
  });
});
