import { describe, expect, it } from "vitest";
import { flagsToCsv } from "./csv";

describe("flagsToCsv", () => {
  it("writes one row per flag, quotes what needs quoting and defuses formulas", () => {
    const csv = flagsToCsv([
      { dataset: "org/a", datasetName: "A, the set", benchmark: "aime-2024", name: "AIME 2024", family: "AIME", severity: "POSSIBLE", distance: 2, measuredOnly: false, overlap: null },
      { dataset: "org/b", datasetName: "=HYPERLINK(1)", benchmark: "gsm8k-test", name: "GSM8K test", family: "GSM8K", severity: "CONTAMINATED", distance: 0, measuredOnly: true, overlap: 0.042 },
    ]);
    expect(csv.split("\n")).toEqual([
      "dataset,dataset_name,benchmark,benchmark_name,family,severity,steps,measured_only,overlap",
      'org/a,"A, the set",aime-2024,AIME 2024,AIME,POSSIBLE,2,false,',
      "org/b,'=HYPERLINK(1),gsm8k-test,GSM8K test,GSM8K,CONTAMINATED,0,true,0.042",
      "",
    ]);
  });
});
