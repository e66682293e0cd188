import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./csp";

describe("contentSecurityPolicy", () => {
  it("runs only scripts carrying this request's nonce, and nothing framed, eval'd or from elsewhere", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123==" });
    const script = csp.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(script).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
  });

  it("allows eval and the dev server's websocket only in development", () => {
    expect(contentSecurityPolicy({ nonce: "n", dev: true })).toMatch(/script-src [^;]*'unsafe-eval'/);
    expect(contentSecurityPolicy({ nonce: "n", dev: true })).toMatch(/connect-src 'self' ws:/);
  });

  it("makes a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
