import { expect, test } from "@playwright/test";

// Defects found by probing the server as an attacker would (issue 15), each checked on the real server.

test("every page and API answer carries the security headers: no framing, no sniffing, origin-only referrers", async ({ request }) => {
  for (const path of ["/", "/datasets/meta-math/MetaMathQA", "/api/datasets?q=gsm8k"]) {
    const headers = (await request.get(path)).headers();
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
  }
});

test("bad input on snapshot, run and run-list addresses is a 4xx with a message, never a 500", async ({ request }) => {
  for (const path of ["/s/%", "/s/%ff", "/runs/%", "/runs/%ff"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(400);
    expect(await response.text(), path).toMatch(/broken % escape/);
  }
  const nul = await request.get("/api/runs?key=%00");
  expect(nul.status()).toBe(400);
  expect((await nul.json()).error.message).toMatch(/control characters/);
});

test("another site's page cannot start a trace through a visitor's browser", async ({ request }) => {
  const before = (await (await request.get("/api/runs?limit=200")).json()).runs.length;
  // What a no-cors fetch from another origin sends: text/plain, the other site's Origin.
  const noCors = await request.post("/api/runs", { data: '{"key":"csrf/probe"}', headers: { "content-type": "text/plain", origin: "https://evil.example" } });
  expect(noCors.status()).toBe(403);
  const crossSite = await request.post("/api/runs", { data: { key: "csrf/probe" }, headers: { "sec-fetch-site": "cross-site" } });
  expect(crossSite.status()).toBe(403);
  const plain = await request.post("/api/runs", { data: '{"key":"csrf/probe"}', headers: { "content-type": "text/plain" } });
  expect(plain.status()).toBe(415);
  expect((await (await request.get("/api/runs?limit=200")).json()).runs.length).toBe(before);
});

test("a garbage server-action post is a 4xx, and a freeze over 1 MB is taken (both were 500s)", async ({ request }) => {
  for (const contentType of ["text/plain", "multipart/form-data; boundary=x", "application/json"]) {
    const response = await request.post("/datasets/meta-math/MetaMathQA", { data: "garbage{{", headers: { "next-action": "7f".padEnd(40, "0"), "content-type": contentType } });
    expect(response.status(), contentType).toBeGreaterThanOrEqual(400);
    expect(response.status(), contentType).toBeLessThan(500);
  }
  // 5,000 node positions with long keys: ~1.2 MB of JSON, more than a server action would take.
  const positions = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`owner-${"x".repeat(200)}/node-${i}`, { x: i, y: -i }]));
  const body = { key: "meta-math/MetaMathQA", query: "?up=2", positions };
  expect(JSON.stringify(body).length).toBeGreaterThan(1024 * 1024);
  const freeze = await request.post("/api/snapshots", { data: body });
  expect(freeze.status()).toBe(201);
  const { id } = await freeze.json();
  expect((await request.get(`/api/snapshots/${id}`)).status()).toBe(200);
  const tooBig = await request.post("/api/snapshots", { data: { ...body, query: "x".repeat(4 * 1024 * 1024) } });
  expect(tooBig.status()).toBe(413);
});
