import { describe, expect, it } from "vitest";
import { domainsFromCard } from "./domains";

describe("domainsFromCard", () => {
  it("reads declared tags and task categories, and many languages as multilingual", () => {
    expect(domainsFromCard(["math", "task_categories:question-answering", "license:mit"], null)).toEqual(["MATH"]);
    expect(domainsFromCard([], { tags: ["Code", "reasoning"], language: ["en", "fr", "de"] })).toEqual(["CODE", "MULTILINGUAL"]);
    expect(domainsFromCard([], { multilinguality: "multilingual" })).toEqual(["MULTILINGUAL"]);
  });

  it("guesses nothing from a card that declares nothing", () => {
    expect(domainsFromCard(["license:mit", "region:us"], { language: ["en"] })).toEqual([]);
    expect(domainsFromCard([], null)).toEqual([]);
  });
});
