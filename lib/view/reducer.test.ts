import { describe, expect, it } from "vitest";
import { viewReducer } from "./reducer";
import { DEFAULT_VIEW, viewQuery, type ViewState } from "./state";

const base: ViewState = { ...DEFAULT_VIEW, steps: [], collapsed: [] };

describe("viewReducer", () => {
  it("records expansions and opened groups once each, in the order they were made", () => {
    let s = viewReducer(base, { type: "expand", key: "a/b", direction: "up" });
    s = viewReducer(s, { type: "openGroup", parent: "a/b", direction: "up" });
    s = viewReducer(s, { type: "expand", key: "c/d", direction: "down" });
    s = viewReducer(s, { type: "expand", key: "A/B", direction: "up" });
    expect(s.steps).toEqual([
      { op: "up", key: "a/b" },
      { op: "open", key: "a/b", dir: "up" },
      { op: "down", key: "c/d" },
    ]);
    expect(viewQuery(s)).toBe("?xu=a%2Fb&fu=a%2Fb&xd=c%2Fd");
  });

  it("un-collapses a node expanded upstream", () => {
    const s = viewReducer({ ...base, collapsed: ["a/b", "x/y"] }, { type: "expand", key: "A/b", direction: "up" });
    expect(s.collapsed).toEqual(["x/y"]);
  });

  it("regroups by removing the opening step; a tidy point after it moves back with it", () => {
    const s: ViewState = {
      ...base,
      steps: [
        { op: "up", key: "a/b" },
        { op: "open", key: "a/b", dir: "up" },
        { op: "up", key: "c/d" },
      ],
      tidy: 3,
    };
    const regrouped = viewReducer(s, { type: "closeGroup", parent: "a/b", direction: "up" });
    expect(regrouped.steps).toEqual([
      { op: "up", key: "a/b" },
      { op: "up", key: "c/d" },
    ]);
    expect(regrouped.tidy).toBe(2);
    expect(viewReducer({ ...s, tidy: 1 }, { type: "closeGroup", parent: "a/b", direction: "up" }).tidy).toBe(1);
  });

  it("tidies after every step so far and forgets the viewport; undo restores the earlier tidy point", () => {
    const s: ViewState = { ...base, steps: [{ op: "up", key: "a/b" }], at: { x: 1, y: 2, zoom: 1 } };
    const tidied = viewReducer(s, { type: "tidy" });
    expect(tidied).toMatchObject({ tidy: 1, at: null });
    expect(viewReducer(tidied, { type: "setTidy", tidy: null }).tidy).toBeNull();
  });

  it("selecting the root selects nothing else, and a new selection drops the paths drawn for the old one", () => {
    const s: ViewState = { ...base, selected: "a/b", twice: "x/y" };
    expect(viewReducer(s, { type: "select", key: "r/r", rootKey: "R/R" })).toMatchObject({ selected: null, twice: null });
    expect(viewReducer(s, { type: "select", key: "A/B", rootKey: "r/r" })).toMatchObject({ selected: "A/B", twice: "x/y" });
    expect(viewReducer(s, { type: "select", key: "c/d", rootKey: "r/r" }).twice).toBeNull();
  });

  it("draws what a finished trace found, except for the root (its sources are drawn already)", () => {
    expect(viewReducer(base, { type: "traced", key: "a/b", rootKey: "r/r" }).steps).toEqual([{ op: "up", key: "a/b" }]);
    expect(viewReducer(base, { type: "traced", key: "R/R", rootKey: "r/r" })).toBe(base);
  });

  it("puts depth and steps back after a failed load, keeping the tidy point within them", () => {
    const s: ViewState = { ...base, up: 5, steps: [{ op: "up", key: "a/b" }, { op: "up", key: "c/d" }], tidy: 2 };
    const restored = viewReducer(s, { type: "restoreGraph", drawn: { up: 2, down: 1, steps: [{ op: "up", key: "a/b" }] } });
    expect(restored).toMatchObject({ up: 2, down: 1, steps: [{ op: "up", key: "a/b" }], tidy: 1 });
  });

  it("resets every filter at once", () => {
    const s: ViewState = { ...base, relations: ["DIRECT_INCLUSION"], minConfidence: 0.9, domains: ["CODE"], benchmark: "aime-2024", focus: true, collapsed: ["a/b"] };
    expect(viewQuery(viewReducer(s, { type: "resetFilters" }))).toBe("");
  });
});
