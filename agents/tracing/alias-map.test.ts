import { describe, expect, it } from "vitest";
import { buildAliasMap } from "./alias-map";

describe("buildAliasMap", () => {
  it("keeps specific name parts with one owner, drops shared and generic ones, and lets aliases win", () => {
    const map = buildAliasMap(["meta-math/MetaMathQA", "a/ShareGPT", "b/sharegpt", "x/math", "y/qa"], [{ alias: "MATH", key: "EleutherAI/hendrycks_math" }, { alias: "MetaMath", key: "meta-math/MetaMathQA" }]);
    expect(Object.fromEntries(map)).toEqual({ metamathqa: "meta-math/MetaMathQA", math: "EleutherAI/hendrycks_math", metamath: "meta-math/MetaMathQA" });
  });

  it("never reads a competitive-programming site's name as a Hub scrape of it", () => {
    expect(buildAliasMap(["deepmind/code_contests"]).get("code_contests")).toBe("deepmind/code_contests");
  });

  it("lets a reviewed alias claim a spelling another dataset's name part also has", () => {
    const map = buildAliasMap(["someone/flan_v2", "acme/other_set"], [{ alias: "FLAN v2", key: "acme/flan" }]);
    expect(map.has("flan_v2")).toBe(false);
    expect(map.get("flan v2")).toBe("acme/flan");
    expect(map.get("other_set")).toBe("acme/other_set");
  });

  it("still never reads a competitive-programming site's name as a Hub scrape of it (several at once)", () => {
    const map = buildAliasMap(["open-r1/codeforces", "greengerong/leetcode", "deepmind/code_contests"]);
    expect([...map.keys()]).toEqual(["code_contests"]);
  });
});
