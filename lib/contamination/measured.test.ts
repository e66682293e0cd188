/**
 * Measured overlap beside lineage flags, on a hand-made graph:
 *
 *   gsm8k test set "gsm" (host g/gsm8k, eval split TEST, items Oct 2021)
 *   g/gsm8k ─TRAIN─► d/train-user     (training-split lineage)
 *   g/gsm8k ─?─────► d/unknown        (possible: split not stated)
 *   g/gsm8k ─TEST──► d/clean ─► d/after-clean (mitigated: d/clean says it was decontaminated)
 *   d/stranger, d/old (2020-01): no path at all
 */
import { describe, expect, it } from "vitest";
import type { Split } from "@/lib/lineage/types";
import { computeContamination } from "./compute";
import { applyMeasurements, onEvalSplit } from "./measured";
import type { ContaminationEdge, EvalSet, Measurement } from "./types";

const edge = (upstream: string, downstream: string, split: Split = "UNKNOWN"): ContaminationEdge => ({ upstream, downstream, relation: "DIRECT_INCLUSION", confidence: 1, split, status: "ACCEPTED", evidence: [] });
const gsm: EvalSet = { id: "gsm", name: "GSM8K test", family: "GSM8K", key: "g/gsm8k", evalSplits: ["TEST"], window: { from: "2021-10", to: "2021-10" } };
const platinum: EvalSet = { id: "gsm-platinum", name: "GSM8K Platinum", family: "GSM8K", key: "g/platinum", evalSplits: ["TEST"], window: { from: "2021-10", to: "2021-10" } };
const edges = [edge("g/gsm8k", "d/train-user", "TRAIN"), edge("g/gsm8k", "d/unknown"), edge("g/gsm8k", "d/clean", "TEST"), edge("d/clean", "d/after-clean")];
const lineage = computeContamination({ edges, evalSets: [gsm], decontaminations: [{ dataset: "d/clean", benchmark: "g/gsm8k", evidence: [] }] }, { maxPaths: 0 });
const m = (dataset: string, overlap: number, split: Split = "TEST", evalSet = "gsm"): Measurement => ({ dataset, evalSet, split, overlap, method: "13-gram", url: `https://example.org/${dataset}` });
const row = (f: ReturnType<typeof applyMeasurements>[number]) => `${f.dataset} ${f.benchmark} ${f.severity} lineage=${f.lineageSeverity} ${f.reason}${f.measuredOnly ? " measuredOnly" : ""}${f.measuredAgainst ? " against" : ""} [${f.measured.map((x) => x.overlap).join(",")}]`;

describe("applyMeasurements", () => {
  it("without measurements, changes nothing", () => {
    expect(applyMeasurements(lineage, [], [gsm])).toBe(lineage);
  });

  it("confirms, contradicts, raises, and leaves mitigated and training-split flags to their evidence", () => {
    const out = applyMeasurements(
      lineage,
      [
        m("d/unknown", 0.042),
        m("d/train-user", 0.3, "TRAIN"), // its overlap with GSM8K's training split: lineage, not contamination
        m("d/after-clean", 0.05), // the statement stands; the number is shown beside it
        m("d/stranger", 0.02), // no lineage path: measured only
        m("d/faint", 0.005), // below the threshold and no path: nothing
      ],
      [gsm],
    );
    expect(out.map(row)).toEqual([
      "d/after-clean gsm MITIGATED lineage=MITIGATED decontaminated [0.05]",
      "d/clean gsm MITIGATED lineage=MITIGATED decontaminated []",
      "d/stranger gsm CONTAMINATED lineage=null measured measuredOnly [0.02]",
      "d/train-user gsm TRAIN_LINEAGE lineage=TRAIN_LINEAGE train_split [0.3]",
      "d/unknown gsm CONTAMINATED lineage=POSSIBLE measured [0.042]",
    ]);
    expect(out.find((f) => f.dataset === "d/stranger")).toMatchObject({ host: "g/gsm8k", name: "GSM8K test", family: "GSM8K", paths: [], distance: 0 });
  });

  it("a measurement of about nothing on an evaluation split is evidence against a possible flag", () => {
    expect(applyMeasurements(lineage, [m("d/unknown", 0.0004)], [gsm]).find((f) => f.dataset === "d/unknown")!).toMatchObject({ severity: "POSSIBLE", measuredAgainst: true });
  });

  it("a measurement on the evaluation split confirms training-split lineage as contamination", () => {
    expect(applyMeasurements(lineage, [m("d/train-user", 0.2, "TEST")], [gsm]).find((f) => f.dataset === "d/train-user")!).toMatchObject({ severity: "CONTAMINATED", lineageSeverity: "TRAIN_LINEAGE", reason: "measured" });
  });

  it("honours the threshold, keeps the highest of several measurements, and lists the family's other sets without letting them decide", () => {
    const list = [m("d/unknown", 0.05), m("d/unknown", 0.2, "TEST"), m("d/unknown", 0.9, "TEST", "gsm-platinum")];
    const strict = applyMeasurements(lineage, list, [gsm, platinum], { threshold: 0.1 });
    const unknown = strict.find((f) => f.dataset === "d/unknown" && f.benchmark === "gsm")!;
    expect(unknown).toMatchObject({ severity: "CONTAMINATED", reason: "measured" });
    expect(unknown.measured.map((x) => [x.evalSet, x.overlap])).toEqual([
      ["gsm-platinum", 0.9],
      ["gsm", 0.2],
      ["gsm", 0.05],
    ]);
    // Platinum has no lineage path to d/unknown: its own measurement raises its own flag.
    expect(strict.find((f) => f.dataset === "d/unknown" && f.benchmark === "gsm-platinum")).toMatchObject({ severity: "CONTAMINATED", measuredOnly: true });
    expect(applyMeasurements(lineage, [m("d/unknown", 0.05)], [gsm], { threshold: 0.1 }).find((f) => f.dataset === "d/unknown")).toMatchObject({ severity: "POSSIBLE", measuredAgainst: true });
  });

  it("never flags a dataset created before the set's items existed, and respects the dataset and set filters", () => {
    const created = new Map([["d/old", "2020-01"]]);
    expect(applyMeasurements(lineage, [m("d/old", 0.5)], [gsm], { created }).some((f) => f.dataset === "d/old")).toBe(false);
    expect(applyMeasurements(lineage, [m("d/stranger", 0.5)], [gsm], { datasets: ["d/other"] }).some((f) => f.dataset === "d/stranger")).toBe(false);
    expect(applyMeasurements(lineage, [m("d/stranger", 0.5)], [gsm], { benchmarks: ["other"] }).some((f) => f.dataset === "d/stranger")).toBe(false);
    expect(applyMeasurements(lineage, [m("D/Stranger", 0.5, "TEST", "GSM")], [gsm]).find((f) => f.dataset === "D/Stranger")).toMatchObject({ benchmark: "gsm", measuredOnly: true });
  });

  it("reads ALL on either side as an evaluation split", () => {
    expect([onEvalSplit({ split: "ALL" }, gsm), onEvalSplit({ split: "TRAIN" }, { evalSplits: ["ALL"] }), onEvalSplit({ split: "TRAIN" }, gsm)]).toEqual([true, true, false]);
  });
});
