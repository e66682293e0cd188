import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...all]/route";
import { POST as reviewPost } from "@/app/api/reviews/route";
import { DELETE as snapshotDelete } from "@/app/api/snapshots/[id]/route";
import { CLIENT_HEADER, LOCAL_HEADER } from "@/lib/http/forwarding";
import { getDb } from "@/lib/server/db/client";
import { buildFixtureGraph, ROOT } from "@/test-support/server/fixture-graph";
import { createAccount, ensureAdminFromEnv, listAccounts, setPassword, setRole } from "./accounts";
import { resetAllowances } from "./allowance";

const ORIGIN = "http://rootline.test";
const remote = { host: "rootline.test", [LOCAL_HEADER]: "0", [CLIENT_HEADER]: "203.0.113.9" };

beforeAll(async () => {
  process.env.ROOTLINE_AUTH_SECRET = "x".repeat(40);
  await buildFixtureGraph(getDb());
  await createAccount({ email: "viewer@example.org", password: "viewer-password", role: "VIEWER" });
  await createAccount({ email: "reviewer@example.org", name: "Rev", password: "reviewer-password", role: "REVIEWER" });
  await createAccount({ email: "admin@example.org", password: "admin-password", role: "ADMIN" });
});

afterAll(() => {
  delete process.env.ROOTLINE_AUTH_SECRET;
});

beforeEach(() => resetAllowances());

let clients = 0;

/**
 * Signs in through better-auth's own endpoint; the session cookie it sets. Each sign-in comes
 * from an address of its own: sign-ins are rate-limited per address (tested below).
 */
async function signIn(email: string, password: string, client = `198.51.100.${++clients}`): Promise<{ status: number; cookie: string }> {
  const response = await authPost(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { ...remote, [CLIENT_HEADER]: client, "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ email, password }),
    }),
  );
  const cookie = (response.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  return { status: response.status, cookie };
}

function review(cookie: string | null, action = "accept") {
  return reviewPost(
    new Request(`${ORIGIN}/api/reviews`, {
      method: "POST",
      headers: { ...remote, "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ upstream: "up/a", downstream: ROOT, action, note: "checked the card" }),
    }),
    { params: Promise.resolve(undefined) },
  );
}

describe("accounts and roles", () => {
  it("signs in with the right password only, and stores a hash, never the password", async () => {
    expect((await signIn("reviewer@example.org", "wrong-password")).status).toBe(401);
    const ok = await signIn("reviewer@example.org", "reviewer-password");
    expect(ok.status).toBe(200);
    expect(ok.cookie).toMatch(/session_token=/);
    const stored = await getDb().account.findFirstOrThrow({ where: { user: { email: "reviewer@example.org" } } });
    expect(stored.password).not.toContain("reviewer-password");
    expect(stored.password).toMatch(/:/);
    const session = await authGet(new Request(`${ORIGIN}/api/auth/get-session`, { headers: { ...remote, cookie: ok.cookie } }));
    expect((await session.json()).user).toMatchObject({ email: "reviewer@example.org", role: "REVIEWER" });
  });

  it("asks a visitor to sign in (401), refuses a viewer (403), lets a reviewer review with a recorded history", async () => {
    const visitor = await review(null);
    expect(visitor.status).toBe(401);
    expect((await visitor.json()).error.message).toMatch(/Sign in to review edges/);
    const viewer = await signIn("viewer@example.org", "viewer-password");
    const refused = await review(viewer.cookie);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/viewer.*reviewer role/);
    const reviewer = await signIn("reviewer@example.org", "reviewer-password");
    const accepted = await review(reviewer.cookie);
    expect(accepted.status).toBe(200);
    const body = await accepted.json();
    expect(body.edge.status).toBe("ACCEPTED");
    expect(body.review).toMatchObject({ action: "accept", actor: "Rev", note: "checked the card", after: { status: "ACCEPTED" } });
    const history = await getDb().edgeReview.findMany({ where: { upstreamKey: "up/a" } });
    expect(history).toHaveLength(1);
    expect(history[0]!.userId).not.toBeNull();
    const audit = await getDb().auditEvent.findMany({ where: { action: "edge.review" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.actor, a.outcome, a.status])).toEqual([
      ["visitor", "refused", 401],
      ["viewer", "refused", 403],
      ["Rev", "ok", 200],
    ]);
  });

  it("ignores the single-user rule once accounts are on: this machine is a visitor too", async () => {
    const local = await reviewPost(
      new Request("http://localhost:3000/api/reviews", {
        method: "POST",
        headers: { host: "localhost:3000", [LOCAL_HEADER]: "1", [CLIENT_HEADER]: "127.0.0.1", "content-type": "application/json" },
        body: JSON.stringify({ upstream: "up/a", downstream: ROOT, action: "reject" }),
      }),
      { params: Promise.resolve(undefined) },
    );
    expect(local.status).toBe(401);
  });

  it("keeps deleting snapshots for admins, and a role change takes effect on the next request", async () => {
    const snapshot = await getDb().snapshot.create({ data: { id: "AbCdEfGh12", rootKey: ROOT, view: {}, graph: {} } });
    const del = (cookie: string) =>
      snapshotDelete(new Request(`${ORIGIN}/api/snapshots/${snapshot.id}`, { method: "DELETE", headers: { ...remote, cookie } }), { params: Promise.resolve({ id: snapshot.id }) });
    const reviewer = await signIn("reviewer@example.org", "reviewer-password");
    expect((await del(reviewer.cookie)).status).toBe(403);
    await setRole({ email: "reviewer@example.org", role: "ADMIN" });
    expect((await del(reviewer.cookie)).status).toBe(200);
    expect(await getDb().snapshot.findUnique({ where: { id: snapshot.id } })).toBeNull();
    expect((await del(reviewer.cookie)).status).toBe(404);
    await setRole({ email: "reviewer@example.org", role: "REVIEWER" });
  });

  it("ends every session when the password is reset", async () => {
    const before = await signIn("viewer@example.org", "viewer-password");
    await setPassword({ email: "viewer@example.org", password: "a-new-viewer-password" });
    const session = await authGet(new Request(`${ORIGIN}/api/auth/get-session`, { headers: { ...remote, cookie: before.cookie } }));
    expect(await session.json()).toBeNull();
    expect((await signIn("viewer@example.org", "viewer-password")).status).toBe(401);
    expect((await signIn("viewer@example.org", "a-new-viewer-password")).status).toBe(200);
  });

  it("refuses bad account input with a message, and never demotes the last admin", async () => {
    await expect(createAccount({ email: "not-an-email", password: "long-enough-1", role: "VIEWER" })).rejects.toThrow(/not an email/);
    await expect(createAccount({ email: "short@example.org", password: "short", role: "VIEWER" })).rejects.toThrow(/at least 10/);
    await expect(createAccount({ email: "VIEWER@example.org", password: "long-enough-1", role: "VIEWER" })).rejects.toThrow(/already/);
    await expect(setRole({ email: "admin@example.org", role: "VIEWER" })).rejects.toThrow(/only admin/);
    await expect(setRole({ email: "nobody@example.org", role: "VIEWER" })).rejects.toThrow(/no account/);
  });

  it("makes the first admin from the environment once, and leaves existing admins alone", async () => {
    expect(await ensureAdminFromEnv({ ROOTLINE_ADMIN_EMAIL: "boot@example.org", ROOTLINE_ADMIN_PASSWORD: "boot-password-1" })).toBeNull();
    expect((await listAccounts()).map((a) => a.email)).not.toContain("boot@example.org");
  });

  it("limits sign-in attempts per address the server decided, not per forwarding header", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await signIn("admin@example.org", "guess-number-" + i, "192.0.2.77")).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
  });

  it("refuses signing up when sign-up is closed", async () => {
    const response = await authPost(
      new Request(`${ORIGIN}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { ...remote, "content-type": "application/json", origin: ORIGIN },
        body: JSON.stringify({ email: "new@example.org", password: "new-password-1", name: "New", role: "ADMIN" }),
      }),
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await getDb().user.findUnique({ where: { email: "new@example.org" } })).toBeNull();
  });
});
