import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "./proxy";

describe("proxy", () => {
  it("answers 400, not Next's 500, to broken % escapes on every route that takes a key or an id", async () => {
    for (const path of ["/datasets/%", "/s/%", "/s/%ff", "/runs/%", "/runs/%ff", "/api/lineage/%ff"]) {
      const response = proxy(new NextRequest(`http://localhost${path}`));
      expect(response.status, path).toBe(400);
      // …and the route is one the proxy runs on (Next only calls it for matched paths).
      const first = path.split("/")[1]!;
      expect(config.matcher.some((m) => m.startsWith(`/${first}/`)), path).toBe(true);
    }
    expect(await proxy(new NextRequest("http://localhost/s/%ff")).text()).toMatch(/That address is broken/);
  });
});
