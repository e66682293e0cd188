import { describe, expect, it } from "vitest";
import { DEFAULT_VIEW, parseViewState, serializeViewState, viewQuery, type ViewState } from "./state";

describe("parseViewState", () => {
  it("gives the defaults for an empty query", () => {
    expect(parseViewState({})).toEqual({ state: DEFAULT_VIEW, notices: [] });
  });

  it("reads every field", () => {
    const { state, notices } = parseViewState(
      new URLSearchParams(
        "up=3&down=0&xu=openai/gsm8k&xu=corpus:aime&xd=meta-math/MetaMathQA&c=EleutherAI/hendrycks_math&rel=cot_distillation,DIRECT_INCLUSION&conf=0.75&rejected=1&domain=math&sel=openai/gsm8k&focus=1&path=HuggingFaceH4/MATH-500&bench=aime-2024&twice=teknium/openhermes&color=licence",
      ),
    );
    expect(notices).toEqual([]);
    expect(state).toEqual<ViewState>({
      up: 3,
      down: 0,
      steps: [
        { op: "up", key: "openai/gsm8k" },
        { op: "up", key: "corpus:aime" },
        { op: "down", key: "meta-math/MetaMathQA" },
      ],
      collapsed: ["EleutherAI/hendrycks_math"],
      relations: ["DIRECT_INCLUSION", "COT_DISTILLATION"],
      minConfidence: 0.75,
      showRejected: true,
      domains: ["MATH"],
      selected: "openai/gsm8k",
      focus: true,
      contaminationPath: "HuggingFaceH4/MATH-500",
      benchmark: "aime-2024",
      twice: "teknium/openhermes",
      colorBy: "licence",
      tidy: null,
      grouped: true,
      at: null,
    });
  });

  it("keeps the steps in the order the query gives them, across xu, xd, fu and fd, without repeats", () => {
    const { state, notices } = parseViewState(new URLSearchParams("xd=a/b&fu=a/b&xu=c/d&xd=A/B&fd=corpus:web&xu=e/f&tidy=3&group=0&at=-120.5,40,0.5"));
    expect(notices).toEqual([]);
    expect(state.steps).toEqual([
      { op: "down", key: "a/b" },
      { op: "open", key: "a/b", dir: "up" },
      { op: "up", key: "c/d" },
      { op: "open", key: "corpus:web", dir: "down" },
      { op: "up", key: "e/f" },
    ]);
    expect(state).toMatchObject({ tidy: 3, grouped: false, at: { x: -120.5, y: 40, zoom: 0.5 } });
    // The canonical form keeps the order and rounds the viewport.
    expect(viewQuery(state)).toBe("?xd=a%2Fb&fu=a%2Fb&xu=c%2Fd&fd=corpus%3Aweb&xu=e%2Ff&tidy=3&group=0&at=-120%2C40%2C0.5");
  });

  it("clamps tidy to the steps there are, and refuses a bad viewport or grouping switch", () => {
    const { state, notices } = parseViewState(new URLSearchParams("xu=a/b&tidy=9&at=1,2&group=maybe"));
    expect(state.tidy).toBe(1);
    expect(state.at).toBeNull();
    expect(state.grouped).toBe(true);
    expect(notices.join("\n")).toMatch(/at="1,2"/);
    expect(notices.join("\n")).toMatch(/group="maybe"/);
    expect(parseViewState(new URLSearchParams("at=0,0,99")).state.at).toBeNull();
  });

  it("reads steps from a plain object too, one name after another", () => {
    const { state } = parseViewState({ xd: "a/b", xu: ["c/d", "e/f"] });
    expect(state.steps.map((s) => s.key)).toEqual(["c/d", "e/f", "a/b"]);
  });

  it("drops invalid values with a notice each and keeps the valid rest", () => {
    const { state, notices } = parseViewState({
      up: "99",
      down: "-1",
      xu: ["not a key", "openai/gsm8k", "OpenAI/GSM8K"],
      rel: "MADE_UP,STRUCTURED_FUSION",
      conf: "1.5",
      rejected: "maybe",
      sel: "<script>",
      path: "not a key",
      bench: "AIME 2024",
      bogus: "1",
    });
    expect(state).toMatchObject({ up: 2, down: 1, steps: [{ op: "up", key: "openai/gsm8k" }], relations: ["STRUCTURED_FUSION"], minConfidence: 0, showRejected: false, selected: null });
    expect(notices).toHaveLength(10);
    expect(notices.join("\n")).toMatch(/bench="AIME 2024": not an evaluation set id/);
    expect(notices.join("\n")).toMatch(/path="not a key"/);
    expect(notices.join("\n")).toMatch(/up="99"/);
    expect(notices.join("\n")).toMatch(/unknown parameter "bogus"/);
  });

  it("uses the first of a repeated single-valued parameter", () => {
    const { state, notices } = parseViewState(new URLSearchParams("up=1&up=4"));
    expect(state.up).toBe(1);
    expect(notices[0]).toMatch(/given 2 times/);
  });
});

describe("serializeViewState", () => {
  it("omits defaults and round-trips", () => {
    expect(viewQuery(DEFAULT_VIEW)).toBe("");
    const state: ViewState = {
      ...DEFAULT_VIEW,
      up: 4,
      steps: [
        { op: "up", key: "b/b" },
        { op: "up", key: "a/a" },
      ],
      collapsed: ["z/z", "c/c"],
      relations: ["SYNTHETIC_GENERATION"],
      minConfidence: 0.5,
      selected: "a/a",
      focus: true,
      contaminationPath: "aime-2024",
      benchmark: "gsm8k-test",
    };
    const query = serializeViewState(state);
    expect(query.toString()).toBe("up=4&xu=b%2Fb&xu=a%2Fa&c=c%2Fc&c=z%2Fz&rel=SYNTHETIC_GENERATION&conf=0.5&sel=a%2Fa&focus=1&path=aime-2024&bench=gsm8k-test");
    expect(parseViewState(query)).toEqual({ state: { ...state, collapsed: ["c/c", "z/z"] }, notices: [] });
  });

  it("treats a full relation or domain list as no filter", () => {
    const { state } = parseViewState({ rel: "DIRECT_INCLUSION,STRUCTURED_FUSION,SYNTHETIC_GENERATION,SEMANTIC_EVOLUTION,COT_DISTILLATION" });
    expect(viewQuery(state)).toBe("");
  });
});
