import { describe, expect, it } from "vitest";
import { configIdentifiers, segments } from "./rules-segments";

describe("segments", () => {
  it("joins wrapped prose lines before cutting sentences, keeping verbatim slices", () => {
    const body = "We take the problems of\nthe Alpha set (Doe et al., 2024) and rewrite them. Then we filter.\n\n- a list item";
    const out = segments(body);
    expect(out.map((s) => [s.quote, s.kind])).toEqual([
      ["We take the problems of\nthe Alpha set (Doe et al., 2024) and rewrite them.", "text"],
      ["Then we filter.", "text"],
      ["- a list item", "text"],
    ]);
    for (const s of out) expect(body).toContain(s.quote);
  });

  it("does not end a sentence after 'et al.' or 'e.g.'", () => {
    expect(segments("As in Doe et al. (2023), e.g. Alpha is used.").map((s) => s.quote)).toHaveLength(1);
  });

  it("marks list items under a source lead and configuration lines", () => {
    const out = segments("The mix includes:\n- Alpha\n\nconfig_name: translated_alpha");
    expect(out.map((s) => s.kind)).toEqual(["text", "list", "config"]);
    expect(out[2]!.identifiers).toEqual(["translated_alpha"]);
  });

  it("keeps a lead ending in a colon for the list after a blank line, and only such a lead", () => {
    expect(segments("Our dataset consists of:\n\n- Alpha\n- Beta").map((s) => s.kind)).toEqual(["text", "list", "list"]);
    expect(segments("Our dataset consists of Alpha.\n\n- Beta").map((s) => s.kind)).toEqual(["text", "text"]);
  });
});

describe("segments and HTML comments", () => {
  it("keeps a comment, one line or several, as one piece apart from the prose", () => {
    const body = "Intro text.\n<!-- one -->\n<!-- two\nlines -->\nMore text.";
    expect(segments(body).map((s) => [s.quote, s.kind])).toEqual([
      ["Intro text.", "text"],
      ["<!-- one -->", "comment"],
      ["<!-- two\nlines -->", "comment"],
      ["More text.", "text"],
    ]);
  });

  it("does not take a comment marker inside a code block for a comment, and lets an unclosed one hide the rest", () => {
    expect(segments("```\n<!-- x\n```\nAfter.").map((s) => s.kind)).toEqual(["text"]);
    expect(segments("Before.\n<!-- never closed\nHidden.").map((s) => [s.quote, s.kind])).toEqual([
      ["Before.", "text"],
      ["<!-- never closed\nHidden.", "comment"],
    ]);
  });
});

describe("configIdentifiers", () => {
  it("reads config names, data directories and dataset_name fields", () => {
    expect(configIdentifiers("- config_name: alpha_set")).toEqual(["alpha_set"]);
    expect(configIdentifiers("data_files: - split: train path: Beta-Set/train-* || path: gamma/train-*")).toEqual(["Beta-Set", "gamma"]);
    expect(configIdentifiers(" 'dataset_name': 'Delta-inst'")).toEqual(["Delta-inst"]);
    expect(configIdentifiers("The path: forward is unclear")).toEqual([]);
  });
});
