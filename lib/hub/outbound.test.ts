import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createHubFetch, fetchCard } from "@/lib/hub/client";
import { maxFetchBytes } from "@/lib/limits";

/*
 * Outbound reads are bounded: every redirect hop is checked against the allowlist before it is
 * requested, and no body is read past the size cap (counted while streaming). A local server
 * stands in for the Hub: 127.0.0.1 is the allowed host, and "localhost" — the same machine
 * under another name — is the host a redirect must not reach.
 */

let server: http.Server;
let base: string;
const hits: string[] = [];
const MiB = 1024 * 1024;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const port = (server.address() as AddressInfo).port;
    hits.push(`${req.headers.host} ${req.url}`);
    if (req.url === "/to-other-host") return void res.writeHead(302, { location: `http://localhost:${port}/secret` }).end();
    if (req.url === "/to-same-host") return void res.writeHead(301, { location: "/ok" }).end();
    if (req.url === "/loop") return void res.writeHead(302, { location: "/loop" }).end();
    if (req.url === "/ok") return void res.writeHead(200, { "content-type": "text/plain" }).end("fine");
    if (req.url === "/declared-big" || req.url?.includes("/resolve/")) return void res.writeHead(200, { "content-length": String(3 * MiB) }).end(Buffer.alloc(3 * MiB, 97));
    if (req.url?.startsWith("/streamed-big")) {
      // No Content-Length: 3 MiB in 64 KiB chunks, as a hostile card would come.
      res.writeHead(200, { "content-type": "text/plain" });
      let sent = 0;
      const push = () => {
        while (sent < 3 * MiB) {
          sent += 64 * 1024;
          if (!res.write(Buffer.alloc(64 * 1024, 98))) return void res.once("drain", push);
        }
        res.end();
      };
      return push();
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("outbound reads", () => {
  it("never follows a redirect to a host outside the allowlist, and follows one within it", async () => {
    const hubFetch = createHubFetch({ hubUrl: base, retries: 0 });
    const error = await errorOf(hubFetch(`${base}/to-other-host`));
    expect(error.code).toBe("forbidden");
    expect(error.message).toMatch(/localhost:\d+ refused \(a redirect from 127\.0\.0\.1/);
    expect(hits.some((h) => h.startsWith("localhost"))).toBe(false);
    expect(await (await hubFetch(`${base}/to-same-host`)).text()).toBe("fine");
    expect((await errorOf(hubFetch(`${base}/loop`))).message).toMatch(/redirected more than 5 times/);
  });

  it("refuses a body larger than the cap, whether it says so or streams it, without reading it whole", async () => {
    const hubFetch = createHubFetch({ hubUrl: base, retries: 0, maxBytes: 2 * MiB });
    expect((await errorOf(hubFetch(`${base}/declared-big`))).code).toBe("too_large");
    const streamed = await hubFetch(`${base}/streamed-big`);
    const error = await errorOf(streamed.text());
    expect([error.code, error.message]).toEqual(["too_large", expect.stringMatching(/larger than 2 MiB/)]);
    // Under the cap, a body reads as it is.
    expect((await (await createHubFetch({ hubUrl: base, maxBytes: 4 * MiB })(`${base}/streamed-big`)).arrayBuffer()).byteLength).toBe(3 * MiB);
  });

  it("caps a dataset card through the Hub library the agents use", async () => {
    const error = await errorOf(fetchCard({ id: "huge/card", revision: "main", hubUrl: base, retries: 0, maxBytes: MiB }));
    expect(error.code).toBe("too_large");
  });

  it("reads the cap from ROOTLINE_MAX_FETCH_BYTES, 2 MiB by default", () => {
    expect(maxFetchBytes({})).toBe(2 * MiB);
    expect(maxFetchBytes({ ROOTLINE_MAX_FETCH_BYTES: "1000" })).toBe(1000);
    expect(maxFetchBytes({ ROOTLINE_MAX_FETCH_BYTES: "-5" })).toBe(2 * MiB);
  });
});
