import { describe, expect, it } from "vitest";
import { splitFromEvidence } from "./split";

describe("splitFromEvidence", () => {
  it.each([
    ["All of the data is augmented from the training sets of GSM8K and MATH.", "TRAIN"],
    ["We start from the original GSM8K training data.", "TRAIN"],
    ["It extends the original training set to 385k samples.", "TRAIN"],
    ["verified solutions from the dataset's training split", "TRAIN"],
    ["The paragraphs are a subset of the development set of SQuAD v1.1.", "VALIDATION"],
    ["questions were drawn from the validation split", "VALIDATION"],
    ["We translate the test set of the benchmark.", "TEST"],
  ] as const)("reads %j as %s", (quote, split) => {
    expect(splitFromEvidence(quote)).toBe(split);
  });

  it.each([
    ["", "nothing said"],
    ["Our training dataset consists of 40,000 problems compiled from AIME.", "the downstream describing itself"],
    ["Our training data mixes several sources.", "'our' training data"],
    ["high quality post-training data for 900k problems", "post-training data"],
    ["The Train set made from the treebank uses its own tags.", "the downstream's split built from the upstream"],
    ["The test set from the PUD treebanks.", "the downstream's test set built from the upstream"],
    ["This splits the original dataset into train and test splits.", "several splits at once"],
    ["We removed problems overlapping with the MATH test set.", "decontamination"],
    ["We use the training set and evaluate on the validation set.", "two different splits"],
    ["Training-Datas/README.md link", "a URL fragment"],
  ])("keeps %j UNKNOWN (%s)", (quote) => {
    expect(splitFromEvidence(quote)).toBe("UNKNOWN");
  });

  it("still reads the training split when a test set is only named as excluded", () => {
    expect(splitFromEvidence("We use the MATH training set after removing any overlap with its test set.")).toBe("TRAIN");
  });
});
