import { describe, expect, it } from "vitest";
import { entryRoles, type RoleInput } from "./dpi-roles";

const entry = (id: string, name: string, collection: string | null, hubKey: string | null, collectionHub: string | null = null): RoleInput => ({
  id,
  name,
  collection,
  hubKey,
  collectionHub,
});

describe("entryRoles", () => {
  it("reads a collection of tasks made from many datasets as built from each (Dynosaur)", () => {
    const roles = entryRoles([
      entry("dyn-p3-news", "bigscience-p3-multi-news", "Dyn", "bigscience/P3", "Dyn/dyn-full"),
      entry("dyn-p3-qa", "bigscience-p3-adversarial-qa", "Dyn", "bigscience/P3", "Dyn/dyn-full"),
      entry("dyn-glue", "glue-sst2", "Dyn", "nyu-mll/glue", "Dyn/dyn-full"),
    ]);
    expect(roles.get("dyn-p3-news")).toEqual({ kind: "built-from", source: "bigscience/P3", home: "Dyn/dyn-full" });
    expect(roles.get("dyn-p3-qa")).toEqual({ kind: "built-from", source: "bigscience/P3", home: "Dyn/dyn-full" });
    expect(roles.get("dyn-glue")).toEqual({ kind: "built-from", source: "nyu-mll/glue", home: "Dyn/dyn-full" });
  });

  it("reads entries that all name one repo as its parts (CommitPackFT languages), also without a collection URL", () => {
    const roles = entryRoles([entry("c-py", "python", "Pack", "bigcode/pack"), entry("c-go", "go", "Pack", "BIGCODE/pack"), entry("c-x", "misc", "Pack", null)]);
    expect(roles.get("c-py")).toEqual({ kind: "part", home: "bigcode/pack" });
    expect(roles.get("c-go")).toEqual({ kind: "part", home: "bigcode/pack" });
    // An entry with no Hub id of such a collection is still in its repo.
    expect(roles.get("c-x")).toEqual({ kind: "named", home: "bigcode/pack" });
  });

  it("reads the collection's own repo as home when its URL is on the Hub (OIG)", () => {
    const roles = entryRoles([
      entry("oig-a", "oig-a", "OIG", "laion/OIG", "laion/OIG"),
      entry("oig-soda", "oig-soda_dialog", "OIG", "allenai/soda", "laion/OIG"),
      entry("oig-b", "oig-b", "OIG", null, "laion/OIG"),
    ]);
    expect(roles.get("oig-a")).toEqual({ kind: "part", home: "laion/OIG" });
    // "soda_dialog" is made from allenai/soda, and part of OIG — never allenai/soda itself.
    expect(roles.get("oig-soda")).toEqual({ kind: "built-from", source: "allenai/soda", home: "laion/OIG" });
    expect(roles.get("oig-b")).toEqual({ kind: "named", home: "laion/OIG" });
  });

  it("reads an entry as the Hub dataset when it is its collection's only one or has the repo's name", () => {
    const roles = entryRoles([
      entry("alpaca", "Alpaca", "Alpaca", "tatsu-lab/alpaca"),
      // Another collection's task made from alpaca does not take its place.
      entry("dyn-alpaca", "alpaca-rewrite", "Dyn", "tatsu-lab/alpaca"),
      entry("dyn-other", "other-task", "Dyn", "x/other", "Dyn/full"),
      entry("mm-flash", "Medical Flashcards", "Meadow", "med/medical_flashcards"),
      entry("mm-wiki", "wikidoc", "Meadow", "med/medical_meadow_wikidoc"),
      entry("mm-cord", "cord19", "Meadow", "med/medical_meadow_cord19"),
      entry("mm-cord-2", "cord19 qa", "Meadow", "med/medical_meadow_cord19"),
      entry("solo", "Solo", null, "s/solo"),
    ]);
    expect(roles.get("alpaca")).toEqual({ kind: "own" });
    expect(roles.get("dyn-alpaca")).toEqual({ kind: "built-from", source: "tatsu-lab/alpaca", home: null });
    // Named by this entry only, but its collection is a repo of its own: one of its tasks, made from x/other.
    expect(roles.get("dyn-other")).toEqual({ kind: "built-from", source: "x/other", home: "Dyn/full" });
    expect(roles.get("mm-flash")).toEqual({ kind: "own" });
    // A Hub id only this entry names, in a collection that is no repo: the collection lists that dataset.
    expect(roles.get("mm-wiki")).toEqual({ kind: "own" });
    // Two entries naming one repo under other names: made from it, which never makes the repo inherit from them.
    expect(roles.get("mm-cord")).toEqual({ kind: "built-from", source: "med/medical_meadow_cord19", home: null });
    expect(roles.get("mm-cord-2")).toEqual({ kind: "built-from", source: "med/medical_meadow_cord19", home: null });
    expect(roles.get("solo")).toEqual({ kind: "own" });
  });

  it("makes several entries that each have the repo's name its parts, not one of them the repo", () => {
    const roles = entryRoles([
      entry("lang-c", "Code Langs", "Acme", "acme/code-langs"),
      entry("lang-go", "Code Langs", "Acme", "acme/code-langs"),
      entry("drills", "Drills", "Acme", "acme/drills"),
    ]);
    expect(roles.get("lang-c")).toEqual({ kind: "part", home: "acme/code-langs" });
    expect(roles.get("lang-go")).toEqual({ kind: "part", home: "acme/code-langs" });
    expect(roles.get("drills")).toEqual({ kind: "own" });
  });

  it("does not depend on the order of the file", () => {
    const entries = [
      entry("a", "Alpaca", "Alpaca", "t/alpaca"),
      entry("b", "alpaca", "Other", "t/alpaca"),
      entry("c", "x", "Other", "t/x"),
    ];
    expect([...entryRoles(entries)].sort()).toEqual([...entryRoles([...entries].reverse())].sort());
  });
});
