import { describe, expect, it } from "vitest";
import { FAILURE_KIND_LABEL, failureMessage, isRunFailureKind, RUN_FAILURE_KINDS } from "./outcome";

describe("failureMessage", () => {
  it("says a dataset is not on the Hub, names the id as given, and says how ids are written", () => {
    expect(failureMessage({ kind: "NOT_ON_HUB", key: "evil/Typo-Id" })).toBe("No dataset “evil/Typo-Id” on the Hugging Face Hub. Check the spelling; ids are owner/name.");
  });

  it("says the Hub could not be reached, that nothing was stored, and to try again later", () => {
    const text = failureMessage({ kind: "HUB_UNREACHABLE", key: "acme/set" });
    expect(text).toBe(
      "Could not reach the Hugging Face Hub to read “acme/set”. The network or the Hub may be down, or HF_ENDPOINT may point to the wrong place. Nothing was stored; try again later.",
    );
    expect(text).not.toMatch(/no dataset|spelling/i);
  });

  it("names the endpoint's address only when given it (the CLI's operator, never a page)", () => {
    expect(failureMessage({ kind: "HUB_UNREACHABLE", key: "acme/set", endpoint: "http://127.0.0.1:9" })).toMatch(/^Could not reach the Hugging Face Hub at http:\/\/127\.0\.0\.1:9 \(HF_ENDPOINT\) to read “acme\/set”\./);
    expect(failureMessage({ kind: "NOT_ON_HUB", key: "acme/set", endpoint: "http://127.0.0.1:9" })).not.toContain("127.0.0.1");
  });
});

describe("failure kinds", () => {
  it("each has its own short label, and only they are kinds", () => {
    expect(FAILURE_KIND_LABEL).toEqual({ NOT_ON_HUB: "not on the Hub", HUB_UNREACHABLE: "Hub unreachable" });
    expect(RUN_FAILURE_KINDS.every(isRunFailureKind)).toBe(true);
    for (const other of ["not_on_hub", "FAILED", "", null, 3]) expect(isRunFailureKind(other)).toBe(false);
  });
});
