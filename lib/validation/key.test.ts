import { describe, expect, it } from "vitest";
import type { AppError } from "@/lib/errors";
import { keyFromRoute } from "./key";

describe("keyFromRoute", () => {
  it("joins Hub and prefixed keys", () => {
    expect(keyFromRoute(["meta-math", "MetaMathQA"])).toBe("meta-math/MetaMathQA");
    expect(keyFromRoute(["corpus:stack-exchange"])).toBe("corpus:stack-exchange");
    expect(keyFromRoute(["github:owner", "repo"])).toBe("github:owner/repo");
  });

  it("takes segments as Next hands them over (decoded), and decodes ones still encoded", () => {
    expect(keyFromRoute(["web:example.com", "a%20b"])).toBe("web:example.com/a%20b");
    expect(keyFromRoute(["openai", "gsm%38k"])).toBe("openai/gsm8k");
    expect(keyFromRoute(["github%3Aowner", "repo"])).toBe("github:owner/repo");
  });

  it("accepts any casing of a prefix, keeping it as given", () => {
    expect(keyFromRoute(["Corpus:stack-exchange"])).toBe("Corpus:stack-exchange");
  });

  it.each([[[]], [["gsm8k"]], [["a", "b", "c"]], [["%E0%A4%A"]], [["..", "x"]], [["corpus:a b"]], [["\u0000", "x"]], [undefined]])("rejects %j with a helpful message", (segments) => {
    try {
      keyFromRoute(segments);
      throw new Error("expected an error");
    } catch (error) {
      expect((error as AppError).code).toBe("bad_request:key");
      expect((error as AppError).message).toMatch(/is not a dataset key\. Use owner\/name for Hub datasets, or github:, arxiv:, web:, corpus: keys\.$/);
    }
  });
});
