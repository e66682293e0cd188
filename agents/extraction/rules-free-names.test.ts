import { describe, expect, it } from "vitest";
import { freeNameOfEntry, freeNamesAfterCues } from "./rules-free-names";

// Made-up names throughout: the rule reads how a name is written and where it stands, never a list of names.
const after = (s: string) => freeNamesAfterCues(s).map((n) => n.name);

describe("free names after a sourcing cue", () => {
  it("reads coined names, acronyms and lists joined by commas and 'and'", () => {
    expect(after("All data are augmented from the training sets of FooBarQA and ZetaMath-2.")).toEqual(["FooBarQA", "ZetaMath-2"]);
    expect(after("We collect data from four public sources which are QuuxR1, Open-Plinth, Light-Z1, and Synthetic-9.")).toEqual(["QuuxR1", "Open-Plinth", "Light-Z1", "Synthetic-9"]);
    expect(after("Problems were sampled from the TACOZ and APPSY benchmarks.")).toEqual(["TACOZ", "APPSY"]);
    expect(after("A Spanish translation of WombatChat 2.5.")).toEqual(["WombatChat 2.5"]);
    expect(after("Data sources: LIMO-Plus, q1K and QuokkaR1-Math.")).toEqual(["LIMO-Plus", "q1K", "QuokkaR1-Math"]);
  });

  it("reads plain capitalised words only when the text calls them a dataset", () => {
    expect(after("This is a cleaned version of the original Quokka dataset.")).toEqual(["Quokka"]);
    expect(after("Prompts were drawn from the Stanford Wombat Preferences dataset.")).toEqual(["Stanford Wombat Preferences"]);
    expect(after("It was built on Quokka, with new answers.")).toEqual([]);
  });

  it("never reads models, organisations, hosting sites or the field's acronyms as datasets", () => {
    expect(after("Responses were distilled from GPT-4o and Llama-3-70B-Instruct.")).toEqual([]);
    expect(after("The questions were collected from GitHub and arXiv.")).toEqual([]);
    expect(after("This dataset is built on top of OpenAI and Stanford work.")).toEqual([]);
    expect(after("It consists of SFT and RLHF data in JSON.")).toEqual([]);
  });

  it("stops at the end of the clause and needs a cue", () => {
    expect(after("FooBarQA is a dataset. It was made by hand.")).toEqual([]);
    expect(after("Sampled from FooBarQA. BazQA was used for evaluation.")).toEqual(["FooBarQA"]);
  });

  it("reads nothing in a row of a results table", () => {
    expect(after("| built from FooBarQA (ours) | 24.7 |")).toEqual([]);
  });
});

describe("the name a sources-list entry is about", () => {
  it("is its bold label or its opening name", () => {
    expect(freeNameOfEntry("- **WombatChat-1M**: real user prompts")?.name).toBe("WombatChat-1M");
    expect(freeNameOfEntry("| QuuxInstruct | 50,000 |")?.name).toBe("QuuxInstruct");
    expect(freeNameOfEntry("| QuuxInstruct | general chat |")?.name).toBe("QuuxInstruct");
    expect(freeNameOfEntry("1. ZetaMath-2 (olympiad subset)")?.name).toBe("ZetaMath-2");
  });

  it("reads past a count and never takes a licence note for a name", () => {
    expect(freeNameOfEntry("- ~1 million of QuokkaV2 augmented with answers")?.name).toBe("QuokkaV2");
    expect(freeNameOfEntry("- (ODC-BY-1.0), 10,983 prompts")).toBeNull();
    expect(freeNameOfEntry("- CC-BY-NC-4.0 prompts")).toBeNull();
  });

  it("is nothing when the entry opens with prose or the row compares results", () => {
    expect(freeNameOfEntry("- real user prompts from the web")).toBeNull();
    expect(freeNameOfEntry("| QuuxInstruct (ours) | 24.7 |")).toBeNull();
  });
});
