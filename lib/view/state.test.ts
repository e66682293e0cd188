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
      expandUp: ["corpus:aime", "openai/gsm8k"],
      expandDown: ["meta-math/MetaMathQA"],
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
    });
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
    expect(state).toMatchObject({ up: 2, down: 1, expandUp: ["openai/gsm8k"], relations: ["STRUCTURED_FUSION"], minConfidence: 0, showRejected: false, selected: null });
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
    const state: ViewState = { ...DEFAULT_VIEW, up: 4, expandUp: ["b/b", "a/a"], relations: ["SYNTHETIC_GENERATION"], minConfidence: 0.5, selected: "a/a", focus: true, contaminationPath: "aime-2024", benchmark: "gsm8k-test" };
    const query = serializeViewState(state);
    expect(query.toString()).toBe("up=4&xu=a%2Fa&xu=b%2Fb&rel=SYNTHETIC_GENERATION&conf=0.5&sel=a%2Fa&focus=1&path=aime-2024&bench=gsm8k-test");
    expect(parseViewState(query)).toEqual({ state: { ...state, expandUp: ["a/a", "b/b"] }, notices: [] });
  });

  it("treats a full relation or domain list as no filter", () => {
    const { state } = parseViewState({ rel: "DIRECT_INCLUSION,STRUCTURED_FUSION,SYNTHETIC_GENERATION,SEMANTIC_EVOLUTION,COT_DISTILLATION" });
    expect(viewQuery(state)).toBe("");
  });
});
