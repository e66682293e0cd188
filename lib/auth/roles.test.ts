import { describe, expect, it } from "vitest";
import { can, parseRole, roleAtLeast } from "./roles";

describe("roles", () => {
  it("orders viewer < reviewer < admin, with visitors below all", () => {
    expect(roleAtLeast("ADMIN", "REVIEWER")).toBe(true);
    expect(roleAtLeast("REVIEWER", "REVIEWER")).toBe(true);
    expect(roleAtLeast("VIEWER", "REVIEWER")).toBe(false);
    expect(roleAtLeast("REVIEWER", "ADMIN")).toBe(false);
    expect(roleAtLeast(null, "VIEWER")).toBe(false);
    expect(can({ role: "ADMIN" }, "VIEWER")).toBe(true);
    expect(can(null, "VIEWER")).toBe(false);
  });

  it("parses role names in any case and nothing else", () => {
    expect(parseRole(" reviewer ")).toBe("REVIEWER");
    expect(parseRole("Admin")).toBe("ADMIN");
    expect(parseRole("root")).toBeNull();
    expect(parseRole("")).toBeNull();
  });
});
