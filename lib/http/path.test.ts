import { describe, expect, it } from "vitest";
import { hasBrokenEscape } from "./path";

describe("hasBrokenEscape", () => {
  it.each(["/datasets/foo/%E0%A4%A", "/api/lineage/foo/%", "/api/lineage/%ZZ/x", "/datasets/a/%C0%80"])("flags %s", (path) => {
    expect(hasBrokenEscape(path)).toBe(true);
  });

  it.each(["/datasets/openai/gsm8k", "/api/lineage/web:example.com/a%2520b", "/datasets/%E6%95%B0/x", "/api/lineage/foo/%25", "/"])("accepts %s", (path) => {
    expect(hasBrokenEscape(path)).toBe(false);
  });
});
