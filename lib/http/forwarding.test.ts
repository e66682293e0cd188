import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { applyForwarding, CLIENT_HEADER, clientAddress, LOCAL_HEADER, parseTrustProxy } from "./forwarding";

describe("clientAddress", () => {
  it("is the socket's address when no proxy is trusted, whatever the headers claim", () => {
    const none = parseTrustProxy(undefined);
    expect(clientAddress("::ffff:203.0.113.9", "127.0.0.1, 10.0.0.1", none)).toBe("203.0.113.9");
    expect(clientAddress("127.0.0.1", "198.51.100.7", parseTrustProxy("0"))).toBe("127.0.0.1");
  });

  it("walks back N hops when N proxies are trusted, never past the first address", () => {
    // client 198.51.100.7 → proxy 10.0.0.5 → server; the spoofed left entry is never reached.
    expect(clientAddress("10.0.0.5", "6.6.6.6, 198.51.100.7", parseTrustProxy("1"))).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.5", "198.51.100.7", parseTrustProxy("5"))).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.5", undefined, parseTrustProxy("1"))).toBe("10.0.0.5");
  });

  it("skips trusted addresses and ranges from the socket back", () => {
    const trust = parseTrustProxy("10.0.0.0/8, 127.0.0.1");
    expect(clientAddress("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.1.2.3", trust)).toBe("198.51.100.7");
    // A socket that is no trusted proxy is the client, and its headers are ignored.
    expect(clientAddress("203.0.113.9", "127.0.0.1", trust)).toBe("203.0.113.9");
  });

  it("refuses a setting it cannot read", () => {
    expect(() => parseTrustProxy("10.0.0.0/99")).toThrow(/prefix/);
    expect(() => parseTrustProxy("proxy.example")).toThrow(/neither an address nor a CIDR/);
  });
});

describe("applyForwarding on a real socket", () => {
  it("replaces spoofed X-Forwarded-For, X-Real-IP and Forwarded with the socket's address", async () => {
    let seen: http.IncomingHttpHeaders = {};
    const server = http.createServer((req, res) => {
      applyForwarding(req.headers, req.socket.remoteAddress ?? "", parseTrustProxy(undefined));
      seen = req.headers;
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "203.0.113.50", "x-real-ip": "203.0.113.51", forwarded: "for=203.0.113.52", "x-forwarded-host": "evil.example" } });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(seen["x-forwarded-for"]).toBe("127.0.0.1");
    expect([seen["x-real-ip"], seen.forwarded, seen["x-forwarded-host"]]).toEqual([undefined, undefined, undefined]);
    // A loopback socket carrying someone's forwarding headers is a proxy nobody declared: not local.
    expect(seen[LOCAL_HEADER]).toBe("0");
    expect(seen[CLIENT_HEADER]).toBe("127.0.0.1");
  });
});

describe("the server's own stamps", () => {
  const stamp = (headers: Record<string, string>, socket: string, trust?: string) => {
    const h: Record<string, string | string[] | undefined> = { ...headers };
    applyForwarding(h, socket, parseTrustProxy(trust));
    return h;
  };

  it("calls a request local only from a loopback socket with no forwarding headers", () => {
    expect(stamp({}, "127.0.0.1")[LOCAL_HEADER]).toBe("1");
    expect(stamp({}, "::ffff:127.0.0.1")[LOCAL_HEADER]).toBe("1");
    expect(stamp({}, "::1")[LOCAL_HEADER]).toBe("1");
    expect(stamp({}, "192.168.1.9")[LOCAL_HEADER]).toBe("0");
    expect(stamp({ "x-real-ip": "127.0.0.1" }, "192.168.1.9")[LOCAL_HEADER]).toBe("0");
    expect(stamp({ forwarded: "for=203.0.113.5" }, "127.0.0.1")[LOCAL_HEADER]).toBe("0");
  });

  it("replaces forged stamps", () => {
    const h = stamp({ [LOCAL_HEADER]: "1", [CLIENT_HEADER]: "127.0.0.1" }, "203.0.113.7");
    expect(h[LOCAL_HEADER]).toBe("0");
    expect(h[CLIENT_HEADER]).toBe("203.0.113.7");
  });

  it("behind a declared proxy, the client it names decides", () => {
    expect(stamp({ "x-forwarded-for": "203.0.113.7" }, "127.0.0.1", "1")[LOCAL_HEADER]).toBe("0");
    expect(stamp({ "x-forwarded-for": "203.0.113.7" }, "127.0.0.1", "1")[CLIENT_HEADER]).toBe("203.0.113.7");
    expect(stamp({ "x-forwarded-for": "127.0.0.1" }, "127.0.0.1", "1")[LOCAL_HEADER]).toBe("1");
  });
});
