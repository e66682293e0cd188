import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createHubFetch, fetchCard } from "@/lib/hub/client";
import { createHubPort } from "@/lib/hub/port";
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
    if (req.url === "/to-localhost-allowed") return void res.writeHead(302, { location: `http://localhost:${port}/secret` }).end();
    if (req.url === "/to-hex-loopback") return void res.writeHead(302, { location: `http://0x7f.0.0.2:${port}/secret` }).end();
    if (req.url === "/to-metadata") return void res.writeHead(307, { location: "http://metadata.example/latest/meta-data/" }).end();
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

  it("never follows a redirect to a private or loopback address, even to an allowlisted host", async () => {
    const port = new URL(base).port;
    const lookup = async (host: string) => [{ address: host === "metadata.example" ? "169.254.169.254" : host === "localhost" ? "127.0.0.1" : "93.184.216.34", family: 4 }];
    // The allowlist lets these through; their addresses do not.
    const hubFetch = createHubFetch({ hubUrl: base, retries: 0, allowedHosts: [`localhost:${port}`, `127.0.0.2:${port}`, "metadata.example"], lookup });
    const before = hits.length;
    const toLocalhost = await errorOf(hubFetch(`${base}/to-localhost-allowed`));
    expect([toLocalhost.code, toLocalhost.message]).toEqual(["forbidden", expect.stringMatching(/^Outbound request to localhost refused: it resolves to a loopback address/)]);
    const toHex = await errorOf(hubFetch(`${base}/to-hex-loopback`));
    expect([toHex.code, toHex.message]).toEqual(["forbidden", expect.stringMatching(/127\.0\.0\.2 refused: it is a loopback address/)]);
    const toMetadata = await errorOf(hubFetch(`${base}/to-metadata`));
    expect([toMetadata.code, toMetadata.message]).toEqual(["forbidden", expect.stringMatching(/metadata\.example refused: it resolves to a link-local address/)]);
    // Only the three redirecting answers were requested: no hop reached a target.
    expect(hits.slice(before)).toEqual([`127.0.0.1:${port} /to-localhost-allowed`, `127.0.0.1:${port} /to-hex-loopback`, `127.0.0.1:${port} /to-metadata`]);
  });

  it("refuses a linked text on an allowlisted host that resolves to a private address, and still reaches the Hub's own", async () => {
    const names = ["ROOTLINE_ALLOWED_HOSTS", "ARXIV_ENDPOINT", "GITHUB_RAW_ENDPOINT"] as const;
    const saved = names.map((name) => process.env[name]);
    process.env.ROOTLINE_ALLOWED_HOSTS = "papers.example";
    process.env.ARXIV_ENDPOINT = "https://export.arxiv.org";
    process.env.GITHUB_RAW_ENDPOINT = "https://raw.githubusercontent.com";
    try {
      const port = createHubPort({ hubUrl: base, retries: 0, lookup: async () => [{ address: "192.168.7.7", family: 4 }] });
      const error = await errorOf(port.fetchText("http://papers.example/abs/1"));
      expect([error.code, error.message]).toEqual(["forbidden", expect.stringContaining("papers.example refused: it resolves to a private address")]);
      expect(await port.fetchText(`${base}/ok`)).toEqual({ status: 200, text: "fine" });
    } finally {
      names.forEach((name, i) => (saved[i] === undefined ? delete process.env[name] : (process.env[name] = saved[i])));
    }
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
