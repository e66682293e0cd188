import { describe, expect, it } from "vitest";
import { runListSchema } from "./runs";

describe("runListSchema", () => {
  it("refuses a key holding a control character (a NUL reached PostgreSQL as a 500) and keeps ordinary keys", () => {
    for (const key of ["a\u0000b", "\u0000", "a\nb", "a\u007fb"]) {
      const parsed = runListSchema.safeParse({ key });
      expect(parsed.success, JSON.stringify(key)).toBe(false);
      expect(parsed.error!.issues[0]!.message).toMatch(/control characters/);
    }
    expect(runListSchema.parse({ key: " openai/gsm8k ", limit: "5" })).toEqual({ key: "openai/gsm8k", limit: 5 });
  });
});
