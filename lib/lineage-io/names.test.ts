import { describe, expect, it } from "vitest";
import { aliasNorm } from "./names";

describe("aliasNorm", () => {
  it("folds case, punctuation and spacing", () => {
    expect(aliasNorm("MATH-500")).toBe("math500");
    expect(aliasNorm("math 500")).toBe(aliasNorm("Math_500"));
    expect(aliasNorm("  Super-NaturalInstructions ")).toBe(aliasNorm("super natural instructions"));
    expect(aliasNorm("Alpaca & Dolly")).toBe("alpacaanddolly");
    expect(aliasNorm("Évol-Instruct")).toBe("evolinstruct");
  });

  it("keeps Hub ids and scheme prefixes apart from plain words", () => {
    expect(aliasNorm("openai/gsm8k")).toBe("openai/gsm8k");
    expect(aliasNorm("openai/gsm8k")).not.toBe(aliasNorm("openai gsm8k"));
    expect(aliasNorm("corpus:aime")).toBe("corpus:aime");
  });

  it("keeps letters of any script", () => {
    expect(aliasNorm("日本語 コーパス")).toBe("日本語コーパス");
    expect(aliasNorm("—!?")).toBe("");
  });
});
