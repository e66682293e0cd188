import fc from "fast-check";
import { expect } from "vitest";
import { CLIENT_HEADER, LOCAL_HEADER } from "@/lib/http/forwarding";
import { headerValue, type Body } from "./arbitraries";

/**
 * Requests as scripts/serve.ts hands them to the app, and the checks every answer must pass.
 */

/** Who sends a request, as the server stamped it. `admin`: this machine on a single-user install. */
export type Caller = { label: string; admin: boolean; host: string; headers: Record<string, string> };

const LOOPBACK_HOSTS = ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "LOCALHOST:3000", "localhost", "127.0.0.1"];
const OTHER_HOSTS = ["rootline.example.org", "evil.example:3000", "localhost.evil.example", "localhost.:3000", "127.0.0.1.nip.io", "192.168.1.5:3000", "0.0.0.0:3000"];
const ADDRESSES = ["127.0.0.1", "::1", "203.0.113.9", "198.51.100.7", "10.0.0.5", "::ffff:127.0.0.1", "unknown", "2001:db8::1"];

export const localCaller: Caller = { label: "local", admin: true, host: "localhost:3000", headers: { host: "localhost:3000", [LOCAL_HEADER]: "1", [CLIENT_HEADER]: "127.0.0.1" } };

export const callerArb: fc.Arbitrary<Caller> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.tuple(fc.constantFrom(...LOOPBACK_HOSTS), fc.constantFrom("127.0.0.1", "::1")).map(
      ([host, client]): Caller => ({ label: "local", admin: true, host, headers: { host, [LOCAL_HEADER]: "1", [CLIENT_HEADER]: client } }),
    ),
  },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constantFrom(...LOOPBACK_HOSTS, ...OTHER_HOSTS), fc.constantFrom(...ADDRESSES)).map(
      ([host, client]): Caller => ({ label: "visitor", admin: false, host, headers: { host, [LOCAL_HEADER]: "0", [CLIENT_HEADER]: client } }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...LOOPBACK_HOSTS).map(
      (host): Caller => ({ label: "forged", admin: false, host, headers: { host, "x-forwarded-for": "127.0.0.1", "x-real-ip": "127.0.0.1", forwarded: "for=127.0.0.1" } }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...OTHER_HOSTS).map(
      (host): Caller => ({ label: "rebound", admin: false, host, headers: { host, [LOCAL_HEADER]: "1", [CLIENT_HEADER]: "127.0.0.1" } }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom("true", "01", "yes", "1,1", "", "0"), headerValue).map(
      ([stamp, client]): Caller => ({ label: "odd-stamp", admin: false, host: "localhost:3000", headers: { host: "localhost:3000", [LOCAL_HEADER]: stamp, [CLIENT_HEADER]: client } }),
    ),
  },
);

export type RequestSpec = {
  method: string;
  /** Path and query, e.g. `/api/lineage/a/b?up=1`. */
  path: string;
  caller: Caller;
  contentType?: string | null;
  origin?: string | null;
  secFetchSite?: string | null;
  contentLength?: string | null;
  body?: Body;
};

/** A Request as the app receives it; null when the platform refuses to build it (never the app's fault). */
export function buildRequest(spec: RequestSpec): Request | null {
  const headers = new Headers();
  for (const [name, value] of Object.entries(spec.caller.headers)) headers.set(name, value);
  if (spec.contentType != null) headers.set("content-type", spec.contentType);
  if (spec.origin != null) headers.set("origin", spec.origin);
  if (spec.secFetchSite != null) headers.set("sec-fetch-site", spec.secFetchSite);
  if (spec.contentLength != null) headers.set("content-length", spec.contentLength);
  const body = spec.body && spec.method !== "GET" && spec.method !== "HEAD" ? spec.body : undefined;
  try {
    return new Request(`http://localhost:3000${spec.path}`, {
      method: spec.method,
      headers,
      body: body?.kind === "text" ? body.text : body?.kind === "bytes" ? body.bytes : undefined,
    });
  } catch {
    return null;
  }
}

/** `/api/x/` + segments, each percent-encoded as a browser would send it. */
export function pathOf(base: string, segments: readonly string[]): string {
  return `${base}/${segments.map((s) => encodeURIComponent(s.toWellFormed())).join("/")}`;
}

export type Answer = { status: number; body: unknown; text: string; contentType: string; /** The Allow header's methods. */ allow: string[] };

/** What was sent, short enough for a failure message. */
export function describeSpec(spec: RequestSpec, extra = ""): string {
  const body = spec.body?.kind === "text" ? JSON.stringify(spec.body.text.slice(0, 300)) + (spec.body.text.length > 300 ? `… (${spec.body.text.length} chars)` : "") : spec.body?.kind === "bytes" ? `bytes ${Buffer.from(spec.body.bytes).toString("hex").slice(0, 80)}` : "no body";
  return `${spec.method} ${spec.path.slice(0, 300)} as ${spec.caller.label} ${JSON.stringify(spec.caller.headers)} type=${JSON.stringify(spec.contentType)} origin=${JSON.stringify(spec.origin)} site=${JSON.stringify(spec.secFetchSite)} body=${body} ${extra}`;
}

/** Counts what the fuzzing sent and got, for the figures printed at the end. */
export class FuzzStats {
  requests = 0;
  serverErrors = 0;
  /** Generated requests the platform's Request refused to build (never sent). */
  unsendable = 0;
  readonly statuses = new Map<number, number>();
  /** Per route (or other label): status → count, and error code → count. */
  readonly byLabel = new Map<string, Map<string, number>>();

  /** A few error messages per label and code (FUZZ_VERBOSE=1). */
  readonly messages = new Map<string, Set<string>>();

  note(label: string, code: string, message: string): void {
    const key = `${label} ${code}`;
    const seen = this.messages.get(key) ?? new Set<string>();
    if (seen.size < 4) seen.add(message.slice(0, 160));
    this.messages.set(key, seen);
  }

  record(status: number, label = "", code?: string): void {
    this.requests += 1;
    if (status >= 500) this.serverErrors += 1;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (label) {
      const counts = this.byLabel.get(label) ?? new Map<string, number>();
      const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
      bump(String(status));
      if (code) bump(code);
      this.byLabel.set(label, counts);
    }
  }

  summary(): string {
    const statuses = [...this.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ");
    return `${this.requests} requests fuzzed, ${this.serverErrors} 5xx (statuses: ${statuses})${this.unsendable ? `, ${this.unsendable} generated requests not buildable` : ""}`;
  }

  /** One line per label, for FUZZ_VERBOSE=1 runs. */
  details(): string {
    return [...this.byLabel]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([label, counts]) => `  ${label}: ${[...counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k}×${n}`).join(" ")}`)
      .join("\n")
      .concat(process.env.FUZZ_VERBOSE === "2" ? `\n${[...this.messages].map(([k, m]) => `  ${k}: ${[...m].join(" | ")}`).join("\n")}` : "");
  }
}

/**
 * The contract of every answer: never a 5xx; a 2xx is JSON (or a CSV download); anything else
 * is a 4xx with JSON `{error: {code, message}}`, both non-empty; a 429 says when to retry.
 */
export async function checkAnswer(response: Response, what: string, stats: FuzzStats, label = ""): Promise<Answer> {
  const contentType = response.headers.get("content-type") ?? "";
  const allow = (response.headers.get("allow") ?? "").split(",").map((m) => m.trim()).filter(Boolean);
  const text = await response.text();
  const status = response.status;
  let code: string | undefined;
  try {
    const error = status >= 400 ? (JSON.parse(text) as { error?: { code?: string; message?: string } }).error : undefined;
    code = error?.code;
    if (code && label) stats.note(label, code, String(error?.message));
  } catch {
    code = "(not JSON)";
  }
  stats.record(status, label, code);
  expect(status, `${what}\n→ ${status} ${text.slice(0, 500)}`).toBeLessThan(500);
  let body: unknown = null;
  if (/application\/json/.test(contentType)) {
    try {
      body = JSON.parse(text);
    } catch {
      expect.fail(`${what}\n→ ${status} says JSON but is not: ${text.slice(0, 200)}`);
    }
  }
  if (status >= 200 && status < 300) {
    expect(contentType, `${what}\n→ ${status} of type ${contentType}`).toMatch(/application\/json|text\/csv/);
    return { status, body, text, contentType, allow };
  }
  expect(status >= 400 && status < 500, `${what}\n→ ${status} is neither 2xx nor 4xx`).toBe(true);
  expect(contentType, `${what}\n→ ${status} error of type ${contentType}: ${text.slice(0, 200)}`).toMatch(/application\/json/);
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  expect(typeof error?.code === "string" && error.code.length > 0, `${what}\n→ ${status} error without a code: ${text.slice(0, 200)}`).toBe(true);
  expect(typeof error?.message === "string" && error.message.trim().length > 0, `${what}\n→ ${status} error without a message: ${text.slice(0, 200)}`).toBe(true);
  if (status === 429) {
    const retryAfter = response.headers.get("retry-after");
    expect(retryAfter, `${what}\n→ 429 without Retry-After`).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  }
  return { status, body, text, contentType, allow };
}
