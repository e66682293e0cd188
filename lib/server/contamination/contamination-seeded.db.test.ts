import { beforeAll, describe, expect, it } from "vitest";
import { createdBefore } from "@/lib/contamination/dates";
import { normalizeKey } from "@/lib/keys";
import { getDb } from "@/lib/server/db/client";
import { seedDatabase } from "@/lib/server/seed/seed";
import { loadInput, loadNodeFacts } from "./contamination-inputs";
import { getContaminationOverview, getDatasetContamination, listEvalSets } from "./contamination";

// The contamination flags of the graph as it ships: what a new user sees first.

beforeAll(async () => {
  await seedDatabase();
});

describe("contamination on the seeded graph", () => {
  it("does not paint MetaMathQA or MATH red: MATH (2021) predates every AIME set, MetaMathQA took training splits", async () => {
    for (const key of ["meta-math/MetaMathQA", "EleutherAI/hendrycks_math"]) {
      const { flags } = await getDatasetContamination({ key });
      expect(flags.filter((f) => f.severity === "CONTAMINATED"), key).toEqual([]);
      expect(flags.some((f) => f.family === "AIME"), key).toBe(false);
    }
    const meta = await getDatasetContamination({ key: "meta-math/MetaMathQA" });
    expect(meta.flags.map((f) => [f.benchmark, f.severity])).toEqual([
      ["gsm8k-test", "TRAIN_LINEAGE"],
      ["math-test", "TRAIN_LINEAGE"],
    ]);
  });

  it("flags no dataset by an evaluation set whose items did not exist when it was created (a date its sources contradict counts as unknown)", async () => {
    const [overview, { nodes }, sets] = await Promise.all([getContaminationOverview(), loadInput(getDb(), null), listEvalSets()]);
    const created = new Map(nodes.map((f) => [normalizeKey(f.key), f.created ?? null]));
    const windows = new Map(sets.map((s) => [s.id, s.window]));
    const impossible = overview.rows.filter((r) => createdBefore(created.get(normalizeKey(r.dataset)) ?? null, windows.get(r.benchmark)!));
    expect(impossible).toEqual([]);
    // ODA-scored-data-2603's seed month (2023-08) predates 42 of its sources: a date its lineage
    // contradicts, so it blocks nothing, and the AIME 2024 and Omni-MATH items they carry reach it.
    const raw = new Map((await loadNodeFacts(getDb())).map((f) => [normalizeKey(f.key), f.created ?? null]));
    const oda = "OpenDataArena/ODA-scored-data-2603";
    expect(raw.get(normalizeKey(oda))).toBe("2023-08");
    expect(created.get(normalizeKey(oda))).toBeNull();
    const flags = (await getDatasetContamination({ key: oda })).flags;
    expect(flags.find((f) => f.benchmark === "aime-2024")?.severity).toBe("POSSIBLE");
    expect(flags.find((f) => f.benchmark === "omni-math")?.severity).toBe("POSSIBLE");
  });

  it("keeps the true cases: UltraFeedback's TruthfulQA prompts; a 1983–2024 AIME set holds AIME 2024", async () => {
    const uf = await getDatasetContamination({ key: "openbmb/UltraFeedback" });
    expect(uf.flags.find((f) => f.benchmark === "truthfulqa")).toMatchObject({ severity: "CONTAMINATED", reason: "eval_split", distance: 1, paths: [["truthfulqa/truthful_qa", "openbmb/UltraFeedback"]] });
    const gneubig = await getDatasetContamination({ key: "gneubig/aime-1983-2024" });
    expect(gneubig.flags.find((f) => f.benchmark === "aime-2024")).toMatchObject({ severity: "CONTAMINATED", reason: "holds_items", distance: 0 });
    const skywork = await getDatasetContamination({ key: "Skywork/Skywork-OR1-RL-Data" });
    const viaSet = skywork.flags.find((f) => f.benchmark === "aime-2024")!;
    expect(viaSet).toMatchObject({ severity: "POSSIBLE", reason: "wider_holder" });
    expect(viaSet.paths).toContainEqual(["gneubig/aime-1983-2024", "Skywork/Skywork-OR1-RL-Data"]);
    // STILL-3 says AIME 1983–2023: that corpus holds no AIME 2024 problem.
    const still = await getDatasetContamination({ key: "RUC-AIBOX/STILL-3-Preview-RL-Data" });
    expect(still.flags.find((f) => f.benchmark === "aime-2024")?.paths.some((p) => p[0] === "corpus:aime-1983-2023") ?? false).toBe(false);
  });

  it("mitigates what a dataset states it was decontaminated against, and only that family", async () => {
    const tulu = await getDatasetContamination({ key: "allenai/tulu-3-sft-mixture" });
    const severity = (id: string) => tulu.flags.find((f) => f.benchmark === id)?.severity;
    expect([severity("gsm8k-test"), severity("math-test"), severity("humaneval")]).toEqual(["MITIGATED", "MITIGATED", "MITIGATED"]);
    expect(tulu.flags.find((f) => f.benchmark === "gsm8k-test")!.details[0]!.mitigation).toMatchObject({ dataset: "allenai/tulu-3-sft-mixture", evidence: [{ source: "PAPER", url: "https://arxiv.org/abs/2411.15124" }] });
    // No statement about AIME: its flag stays.
    expect(severity("aime-2024")).toBe("POSSIBLE");
  });

  it("lists every evaluation set with the nodes its items enter through", async () => {
    const sets = await listEvalSets();
    expect(sets.find((s) => s.id === "aime-2024")).toMatchObject({ name: "AIME 2024", family: "AIME", host: "Maxwell-Jia/AIME_2024" });
    expect(sets.find((s) => s.id === "aime-2024")!.entries).toEqual(
      expect.arrayContaining(["Maxwell-Jia/AIME_2024", "corpus:aime", "gneubig/aime-1983-2024", "Prompt48/AIME_Problem_Set_1983-2024", "AI-MO/aimo-validation-aime"]),
    );
    expect(sets.find((s) => s.id === "aime-2024")!.entries).not.toContain("corpus:aime-1983-2023");
  });
});
