import { describe, expect, it } from "vitest";
import { CONTROL_CHARACTERS, storableFields, storableText } from "./storable-text";

describe("storableText", () => {
  it("drops NUL and keeps everything else", () => {
    expect(storableText("a\u0000b\tc\n")).toBe("ab\tc\n");
    expect(storableText(null)).toBeNull();
    expect(storableText("a\ud800b")).toBe("a\ufffdb");
    expect(storableText("x\udc00")).toBe("x\ufffd");
    expect(storableText("😀")).toBe("😀");
    expect(storableFields({ a: "x\u0000", b: ["y\u0000z", 3], c: 1 })).toEqual({ a: "x", b: ["yz", 3], c: 1 });
    expect(CONTROL_CHARACTERS.test("a\u0001")).toBe(true);
    expect(CONTROL_CHARACTERS.test("a\tb\n")).toBe(false);
  });
});
