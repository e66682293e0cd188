import { describe, expect, it } from "vitest";
import { clientId, isLoopbackAddress, isLoopbackHost, reviewerFor, reviewForbiddenMessage, type RequestFacts } from "./auth";

const local: RequestFacts = { host: "localhost:3000", forwardedHost: "localhost:3000", forwardedFor: "::ffff:127.0.0.1", reviewCookie: null };

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

describe("reviewerFor", () => {
  it("lets a local request review when no token is configured", () => {
    expect(reviewerFor(local, undefined)).toEqual({ actor: "reviewer:local" });
    expect(reviewerFor({ ...local, forwardedFor: null, forwardedHost: null }, undefined)).toEqual({ actor: "reviewer:local" });
    expect(reviewerFor({ ...local, forwardedFor: "127.0.0.1, ::1" }, undefined)).not.toBeNull();
  });

  it("refuses remote clients, proxied requests and DNS rebinding", () => {
    expect(reviewerFor({ ...local, forwardedFor: "192.168.1.7" }, undefined)).toBeNull();
    expect(reviewerFor({ ...local, forwardedFor: "203.0.113.9, 127.0.0.1" }, undefined)).toBeNull();
    // A page on evil.example rebinding its name to 127.0.0.1: the socket is local, the Host is not.
    expect(reviewerFor({ ...local, host: "evil.example:3000", forwardedHost: "evil.example:3000" }, undefined)).toBeNull();
    expect(reviewerFor({ ...local, forwardedHost: "rootline.example.org" }, undefined)).toBeNull();
    expect(reviewerFor({ ...local, host: null }, undefined)).toBeNull();
  });

  it("with a token, only the matching cookie counts, local or not", () => {
    expect(reviewerFor(local, "s3cret")).toBeNull();
    expect(reviewerFor({ ...local, reviewCookie: "s3cre" }, "s3cret")).toBeNull();
    expect(reviewerFor({ ...local, reviewCookie: "s3cret!" }, "s3cret")).toBeNull();
    expect(reviewerFor({ ...local, reviewCookie: "s3cret" }, "s3cret")).toEqual({ actor: "reviewer:token" });
    expect(reviewerFor({ host: "rootline.example.org", forwardedHost: null, forwardedFor: "203.0.113.9", reviewCookie: "s3cret" }, "s3cret")).not.toBeNull();
  });

  it("explains how to enable reviews", () => {
    expect(reviewForbiddenMessage(undefined)).toMatch(/ROOTLINE_REVIEW_TOKEN/);
    expect(reviewForbiddenMessage("super-secret-value")).toMatch(/rootline_review cookie/);
    expect(reviewForbiddenMessage("super-secret-value")).not.toContain("super-secret-value");
  });
});

describe("clientId", () => {
  it("is the first forwarded address, else the host", () => {
    expect(clientId({ forwardedFor: " 203.0.113.9 , 10.0.0.1", host: "h" })).toBe("203.0.113.9");
    expect(clientId({ forwardedFor: null, host: "localhost:3000" })).toBe("host:localhost:3000");
  });
});
