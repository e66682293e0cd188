import { describe, expect, it } from "vitest";
import { CLIENT_HEADER, LOCAL_HEADER } from "@/lib/http/forwarding";
import { clientAddressOf, isLocalRequest, isLoopbackAddress, isLoopbackHost } from "./local";

describe("loopback detection", () => {
  it("knows loopback addresses", () => {
    for (const ip of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"]) expect(isLoopbackAddress(ip), ip).toBe(true);
    for (const ip of ["10.0.0.1", "128.0.0.1", "127.0.0.256", "::2", "::ffff:10.0.0.1", "", "localhost", "127.0.0.1.evil"]) expect(isLoopbackAddress(ip), ip).toBe(false);
  });

  it("knows loopback host names, with or without a port", () => {
    for (const host of ["localhost", "LOCALHOST:3000", "127.0.0.1:8080", "[::1]:3000", "[::1]"]) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ["example.org", "localhost.evil.com", "evil.com:127", "192.168.1.5:3000", "", ":3000", "127.0.0.1.nip.io"]) expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe("isLocalRequest", () => {
  const headers = (h: Record<string, string>) => new Headers(h);

  it("needs the server's local stamp and a loopback Host", () => {
    expect(isLocalRequest(headers({ host: "localhost:3000", [LOCAL_HEADER]: "1" }))).toBe(true);
    expect(isLocalRequest(headers({ host: "127.0.0.1:3000", [LOCAL_HEADER]: "1" }))).toBe(true);
  });

  it("never believes forwarding headers: without the stamp nothing is local", () => {
    expect(isLocalRequest(headers({ host: "localhost:3000", "x-forwarded-for": "127.0.0.1", "x-real-ip": "127.0.0.1", forwarded: "for=127.0.0.1" }))).toBe(false);
    expect(isLocalRequest(headers({ host: "localhost:3000", [LOCAL_HEADER]: "0" }))).toBe(false);
  });

  it("refuses DNS rebinding: a local socket with another site's Host", () => {
    expect(isLocalRequest(headers({ host: "evil.example:3000", [LOCAL_HEADER]: "1" }))).toBe(false);
    expect(isLocalRequest(headers({ [LOCAL_HEADER]: "1" }))).toBe(false);
  });

  it("reads the client's address from the server's stamp only", () => {
    expect(clientAddressOf(headers({ [CLIENT_HEADER]: "203.0.113.9", "x-forwarded-for": "1.2.3.4" }))).toBe("203.0.113.9");
    expect(clientAddressOf(headers({ "x-forwarded-for": "1.2.3.4" }))).toBe("unknown");
  });
});
