import { describe, expect, it } from "vitest";
import { arxivMonth, createdBefore, createdMonth, formatWindow, monthNumber, windowsOverlap, windowWithin, withoutContradictedDates } from "./dates";

describe("months and windows", () => {
  it("reads months, ISO timestamps and bare years at month precision", () => {
    expect([monthNumber("2024-02"), monthNumber("2024-02-29T10:00:00.000Z"), monthNumber("2024"), monthNumber("Feb 2024"), monthNumber(null)]).toEqual([24289, 24289, 24288, null, null]);
  });

  it("dates a dataset by the earliest of its Hub creation, release month and paper", () => {
    expect(createdMonth({ hubCreatedAt: "2023-11-02T00:00:00Z", releaseMonth: "2021-03", paperUrl: "https://arxiv.org/abs/2103.03874" })).toBe("2021-03");
    expect(createdMonth({ hubCreatedAt: null, releaseMonth: null, paperUrl: "https://arxiv.org/abs/2309.12284v3" })).toBe("2023-09");
    expect(createdMonth({ hubCreatedAt: "2024-06-01T00:00:00Z" })).toBe("2024-06");
    expect(createdMonth({})).toBeNull();
  });

  it("takes a paper's month from new-style arXiv ids only", () => {
    expect([arxivMonth("https://arxiv.org/pdf/2402.14658.pdf"), arxivMonth("arxiv:2501.00001"), arxivMonth("https://huggingface.co/papers/2406.01234"), arxivMonth("https://arxiv.org/abs/hep-th/9901001"), arxivMonth("https://example.org/2402.14658")]).toEqual(["2024-02", "2025-01", "2024-06", null, null]);
  });

  it("overlap and containment treat a missing end as open", () => {
    const aime24 = { from: "2024-02", to: "2024-02" };
    expect(windowsOverlap({ from: "1983-03", to: null }, aime24)).toBe(true);
    expect(windowsOverlap({ from: "1983-03", to: "2023-02" }, aime24)).toBe(false);
    expect(windowWithin(aime24, { from: "1983-03", to: "2024-02" })).toBe(true);
    expect(windowWithin({ from: "1983-03", to: "2024-02" }, aime24)).toBe(false);
    expect(windowWithin({ from: null, to: null }, { from: null, to: null })).toBe(true);
  });

  it("'created before' needs both dates and a strictly earlier month", () => {
    const w = { from: "2024-02", to: "2024-02" };
    expect([createdBefore("2024-01", w), createdBefore("2024-02", w), createdBefore(null, w), createdBefore("2020-01", { from: null, to: null })]).toEqual([true, false, false, false]);
  });

  it("formats windows for people", () => {
    expect([formatWindow({ from: "2024-02", to: "2024-02" }), formatWindow({ from: "1983-03", to: null }), formatWindow({ from: "2024-08", to: "2025-01" }), formatWindow({ from: null, to: null })]).toEqual([
      "Feb 2024",
      "since Mar 1983",
      "Aug 2024 – Jan 2025",
      "any time",
    ]);
  });
});

describe("withoutContradictedDates", () => {
  const edge = (upstream: string, downstream: string) => ({ upstream, downstream });

  it("undates a dataset dated before a direct source, carries nothing further, and leaves consistent dates alone", () => {
    // a (2024-06) → b (2023-08, says its card) → c (2023-10); d (undated) → b; e (2020-01) → b.
    const created = new Map([
      ["a", "2024-06"],
      ["b", "2023-08"],
      ["c", "2023-10"],
      ["d", null],
      ["e", "2020-01"],
    ]);
    const out = boundEdges(created, [edge("a", "b"), edge("b", "c"), edge("d", "b"), edge("e", "b")]);
    // b is contradicted by a; c is judged by b's own month (2023-08 ≤ 2023-10), not by a's.
    expect(Object.fromEntries(out)).toEqual({ a: "2024-06", b: null, c: "2023-10", d: null, e: "2020-01" });
  });

  it("ignores self-loops and equal months", () => {
    const created = new Map([
      ["x", "2022-01"],
      ["y", "2022-01"],
    ]);
    expect(Object.fromEntries(boundEdges(created, [edge("x", "y"), edge("y", "y")]))).toEqual({ x: "2022-01", y: "2022-01" });
  });
});

const boundEdges = withoutContradictedDates;
