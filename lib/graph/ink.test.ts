import { describe, expect, it } from "vitest";
import { inkOn } from "./style";

describe("inkOn", () => {
  it("puts white on dark fills and ink on light ones, whichever contrasts more", () => {
    // #0072B2: luminance 0.155 → white 5.1:1, ink 3.5:1. #E69F00: 0.44 → white 2.1:1, ink 8.4:1.
    expect([inkOn("#0072B2"), inkOn("#E69F00"), inkOn("#ffffff"), inkOn("#000000"), inkOn("not a colour")]).toEqual(["#ffffff", "#0f172a", "#0f172a", "#ffffff", "#0f172a"]);
  });
});
