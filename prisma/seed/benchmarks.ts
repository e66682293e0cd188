/**
 * Hand-written facts the seed loads next to the ODA graph: the benchmark registry and the
 * names people write for well-known datasets. Data only; lib/server/seed/seed.ts loads it.
 *
 * A benchmark is a family (AIME, MATH, GSM8K …) of evaluation sets. Each set names its host
 * node, the host's splits that are evaluation data (ALL: the whole repo is, even when the Hub
 * calls its only split "train": GPQA, IFEval, AIME sets, Arena-Hard) and the window of months
 * its items come from: the release month for a static benchmark, the exam or submission
 * months for dated problem sets. HOLDINGS are other nodes holding a family's items over a
 * window (the AIME competition corpus, all-years problem sets): they carry every set whose
 * window theirs meets. See lib/contamination/types.ts for the rules that read these.
 */
import type { Split } from "@/lib/lineage/types";

type Window = { from: string | null; to: string | null };
export type SeedEvalSet = { id: string; name: string; family: string; key: string; evalSplits: Split[]; window: Window; note?: string };
export type SeedHolding = { key: string; family: string; window: Window; evalSplits?: Split[]; note?: string; displayName?: string };
export type SeedBenchmark = { key: string; family: string; evalSplits: Split[]; note?: string; displayName?: string };
export type SeedAlias = { alias: string; key: string };
export type SeedDecontamination = { dataset: string; target: string; kind: "decontaminated" | "removed"; source: "PAPER" | "CARD"; url: string };

const month = (m: string): Window => ({ from: m, to: m });

export const EVAL_SETS: readonly SeedEvalSet[] = [
  { id: "gsm8k-test", name: "GSM8K test", family: "GSM8K", key: "openai/gsm8k", evalSplits: ["TEST"], window: month("2021-10") },
  {
    id: "math-test",
    name: "MATH test",
    family: "MATH",
    key: "EleutherAI/hendrycks_math",
    evalSplits: ["TEST"],
    window: month("2021-03"),
    note: "Mirror of the original hendrycks/competition_math (taken down from the Hub).",
  },
  // Its items are 500 MATH test problems (the PRM800K selection, May 2023): MATH's window.
  { id: "math-500", name: "MATH-500", family: "MATH", key: "HuggingFaceH4/MATH-500", evalSplits: ["TEST"], window: month("2021-03"), note: "500 problems from the MATH test split (the PRM800K selection)." },
  { id: "humaneval", name: "HumanEval", family: "HumanEval", key: "openai/openai_humaneval", evalSplits: ["TEST"], window: month("2021-07") },
  {
    id: "mbpp-test",
    name: "MBPP test",
    family: "MBPP",
    key: "google-research-datasets/mbpp",
    evalSplits: ["TEST"],
    window: month("2021-08"),
    note: "train, validation and prompt splits are for fine-tuning and few-shot prompts; evaluation uses test.",
  },
  { id: "mmlu-test", name: "MMLU test", family: "MMLU", key: "cais/mmlu", evalSplits: ["TEST", "VALIDATION"], window: month("2020-09"), note: "dev holds the few-shot examples; auxiliary_train is not evaluation data." },
  { id: "arc-test", name: "ARC test", family: "ARC", key: "allenai/ai2_arc", evalSplits: ["TEST", "VALIDATION"], window: month("2018-03") },
  { id: "hellaswag-validation", name: "HellaSwag validation", family: "HellaSwag", key: "Rowan/hellaswag", evalSplits: ["TEST", "VALIDATION"], window: month("2019-05"), note: "Test labels are hidden, so most harnesses report on validation." },
  // ALL rather than VALIDATION: the only split is validation, so a card claiming its "training
  // set" (UltraFeedback's does) still used evaluation data.
  { id: "truthfulqa", name: "TruthfulQA", family: "TruthfulQA", key: "truthfulqa/truthful_qa", evalSplits: ["ALL"], window: month("2021-09"), note: "validation is the only split; all of it is evaluation data." },
  { id: "gpqa", name: "GPQA", family: "GPQA", key: "Idavidrein/gpqa", evalSplits: ["ALL"], window: month("2023-11"), note: "Gated; its only split is named train but is the evaluation set (Diamond is a subset)." },
  { id: "ifeval", name: "IFEval", family: "IFEval", key: "google/IFEval", evalSplits: ["ALL"], window: month("2023-11"), note: "Its only split is named train but is the evaluation set." },
  { id: "bbh", name: "BIG-Bench Hard", family: "BBH", key: "lukaemon/bbh", evalSplits: ["TEST"], window: month("2022-10"), note: "27 tasks, each a test split." },
  // AIME: one evaluation set per year (both exams of the year, held late January to mid February).
  { id: "aime-2024", name: "AIME 2024", family: "AIME", key: "Maxwell-Jia/AIME_2024", evalSplits: ["ALL"], window: { from: "2024-01", to: "2024-02" }, note: "AIME 2024 I and II; its only split is named train." },
  { id: "aime-2025", name: "AIME 2025", family: "AIME", key: "opencompass/AIME2025", evalSplits: ["ALL"], window: month("2025-02"), note: "AIME 2025 I and II (configs AIME2025-I, AIME2025-II)." },
  { id: "aimo-validation-aime", name: "AIME 2022–2024", family: "AIME", key: "AI-MO/aimo-validation-aime", evalSplits: ["ALL"], window: { from: "2022-02", to: "2024-02" }, note: "The 90 AIME 2022–2024 problems the AIMO prize validates on; its only split is named train." },
  { id: "alpacaeval", name: "AlpacaEval", family: "AlpacaEval", key: "tatsu-lab/alpaca_eval", evalSplits: ["ALL"], window: month("2023-05"), note: "Its only split is named eval." },
  {
    id: "mt-bench",
    name: "MT-Bench",
    family: "MT-Bench",
    key: "lmsys/mt_bench_human_judgments",
    evalSplits: ["ALL"],
    window: month("2023-06"),
    note: "Human and GPT-4 judgments of answers to the 80 MT-Bench questions; the questions live in github:lm-sys/FastChat.",
  },
  // LiveCodeBench problems are dated by contest; an evaluation is a window of months of one release.
  { id: "livecodebench-v5", name: "LiveCodeBench v5 (Aug 2024 – Jan 2025)", family: "LiveCodeBench", key: "livecodebench/code_generation_lite", evalSplits: ["TEST"], window: { from: "2024-08", to: "2025-01" }, note: "The window most reports on release_v5 use." },
  { id: "livecodebench-v6", name: "LiveCodeBench v6 (Feb – Apr 2025)", family: "LiveCodeBench", key: "livecodebench/code_generation_lite", evalSplits: ["TEST"], window: { from: "2025-02", to: "2025-04" }, note: "The problems release_v6 added." },
  { id: "arena-hard-v0.1", name: "Arena-Hard-Auto v0.1", family: "Arena-Hard", key: "lmarena-ai/arena-hard-auto-v0.1", evalSplits: ["ALL"], window: month("2024-04"), note: "500 prompts; its only split is named train." },
  { id: "omni-math", name: "Omni-MATH", family: "Omni-MATH", key: "KbsdJames/Omni-MATH", evalSplits: ["TEST"], window: month("2024-09"), note: "Olympiad-level evaluation set; in the ODA graph as a source of training mixes." },
];

export const HOLDINGS: readonly SeedHolding[] = [
  // What cards and papers mean by "AIME": the competition, every year since 1983 and still running.
  { key: "corpus:aime", family: "AIME", window: { from: "1983-03", to: null }, displayName: "AIME (competition)", note: "The American Invitational Mathematics Examination, every year since 1983." },
  { key: "corpus:aime-1983-2023", family: "AIME", window: { from: "1983-03", to: "2023-02" }, displayName: "AIME problems 1983–2023" },
  { key: "gneubig/aime-1983-2024", family: "AIME", window: { from: "1983-03", to: "2024-02" }, note: "Every AIME problem 1983–2024." },
  { key: "Prompt48/AIME_Problem_Set_1983-2024", family: "AIME", window: { from: "1983-03", to: "2024-02" }, note: "Every AIME problem 1983–2024." },
  // The repo holds every release; an edge out of it may have taken any window.
  { key: "livecodebench/code_generation_lite", family: "LiveCodeBench", window: { from: "2023-05", to: "2025-04" }, note: "release_v1 … release_v6: problems from May 2023 to April 2025." },
  { key: "PrimeIntellect/LiveCodeBench-v5", family: "LiveCodeBench", window: { from: "2023-05", to: "2025-01" }, note: "A repackaging of release_v5 (May 2023 – January 2025)." },
  { key: "corpus:livecodebench-2023-05-2024-07", family: "LiveCodeBench", window: { from: "2023-05", to: "2024-07" }, displayName: "LiveCodeBench problems May 2023 – Jul 2024" },
];

/**
 * Decontamination statements from papers, as facts (which dataset, against which benchmark,
 * where it is said); the wording stays in the paper. The Tülu 3 report (§ prompt
 * decontamination) checked its SFT prompts against its evaluation suite with 8-gram matching.
 */
export const DECONTAMINATIONS: readonly SeedDecontamination[] = ["openai/gsm8k", "EleutherAI/hendrycks_math", "openai/openai_humaneval", "google/IFEval", "tatsu-lab/alpaca_eval", "truthfulqa/truthful_qa", "cais/mmlu", "lukaemon/bbh"].map((target) => ({
  dataset: "allenai/tulu-3-sft-mixture",
  target,
  kind: "decontaminated" as const,
  source: "PAPER" as const,
  url: "https://arxiv.org/abs/2411.15124",
}));

/** Benchmark nodes: every evaluation set's host (the store derives the same rows; tests read this). */
export const BENCHMARKS: readonly SeedBenchmark[] = [...new Map(EVAL_SETS.map((s) => [s.key.toLowerCase(), s])).values()].map((s) => ({
  key: s.key,
  family: s.family,
  evalSplits: [...new Set(EVAL_SETS.filter((t) => t.key.toLowerCase() === s.key.toLowerCase()).flatMap((t) => t.evalSplits))],
  ...(s.note ? { note: s.note } : {}),
}));

/**
 * Free-text names → canonical nodes. Only names that clearly mean that dataset; ambiguous
 * ones ("OpenThoughts": three releases; "Super-NaturalInstructions": no canonical Hub copy)
 * stay named corpora. The lower block comes from the ODA graph's free-text sources, read
 * one by one against the Hub ids already in the graph.
 */
export const ALIASES: readonly SeedAlias[] = [
  // Benchmarks
  { alias: "GSM8K", key: "openai/gsm8k" },
  { alias: "Grade School Math 8K", key: "openai/gsm8k" },
  { alias: "MATH", key: "EleutherAI/hendrycks_math" },
  { alias: "Hendrycks MATH", key: "EleutherAI/hendrycks_math" },
  { alias: "competition_math", key: "EleutherAI/hendrycks_math" },
  // The original Hub id, removed after a takedown; cards and papers still cite it.
  { alias: "hendrycks/competition_math", key: "EleutherAI/hendrycks_math" },
  { alias: "MATH-500", key: "HuggingFaceH4/MATH-500" },
  { alias: "HumanEval", key: "openai/openai_humaneval" },
  { alias: "openai_humaneval", key: "openai/openai_humaneval" },
  { alias: "MBPP", key: "google-research-datasets/mbpp" },
  { alias: "MMLU", key: "cais/mmlu" },
  // MMLU's first Hub id.
  { alias: "hendrycks_test", key: "cais/mmlu" },
  { alias: "ARC", key: "allenai/ai2_arc" },
  { alias: "AI2 ARC", key: "allenai/ai2_arc" },
  { alias: "ARC-Challenge", key: "allenai/ai2_arc" },
  { alias: "ARC-Easy", key: "allenai/ai2_arc" },
  { alias: "HellaSwag", key: "Rowan/hellaswag" },
  { alias: "TruthfulQA", key: "truthfulqa/truthful_qa" },
  { alias: "GPQA", key: "Idavidrein/gpqa" },
  { alias: "GPQA Diamond", key: "Idavidrein/gpqa" },
  { alias: "IFEval", key: "google/IFEval" },
  { alias: "BBH", key: "lukaemon/bbh" },
  { alias: "BIG-Bench Hard", key: "lukaemon/bbh" },
  { alias: "AIME", key: "corpus:aime" },
  { alias: "AIME (American Invitational Mathematics Examination)", key: "corpus:aime" },
  { alias: "AIME 1983-2023", key: "corpus:aime-1983-2023" },
  { alias: "AIME problems 1983-2023", key: "corpus:aime-1983-2023" },
  { alias: "AIME 2024", key: "Maxwell-Jia/AIME_2024" },
  { alias: "AIME24", key: "Maxwell-Jia/AIME_2024" },
  { alias: "AIME 2025", key: "opencompass/AIME2025" },
  { alias: "AIME25", key: "opencompass/AIME2025" },
  { alias: "AIME 2022-2024", key: "AI-MO/aimo-validation-aime" },
  { alias: "AlpacaEval", key: "tatsu-lab/alpaca_eval" },
  { alias: "MT-Bench", key: "lmsys/mt_bench_human_judgments" },
  { alias: "LiveCodeBench", key: "livecodebench/code_generation_lite" },
  // ODA's name for DeepCoder's LiveCodeBench source: problems before the v5 evaluation window.
  { alias: "600 LiveCodeBench (v5) problems submitted between May 1, 2023 and July 31, 2024.", key: "corpus:livecodebench-2023-05-2024-07" },
  { alias: "Arena-Hard", key: "lmarena-ai/arena-hard-auto-v0.1" },
  { alias: "Arena-Hard-Auto", key: "lmarena-ai/arena-hard-auto-v0.1" },
  { alias: "Omni-MATH", key: "KbsdJames/Omni-MATH" },

  // Training sets people name without an owner
  // The cleaned English ShareGPT dump Vicuna was trained on; the one cards mean by "ShareGPT".
  { alias: "ShareGPT", key: "anon8231489123/ShareGPT_Vicuna_unfiltered" },
  // Open-Orca/FLAN is the full FLAN 2022 collection; SirNeural/flan_v2 and
  // ai2-adapt-dev/flan_v2_converted are processed copies of it (edges in the ODA graph).
  { alias: "FLAN", key: "Open-Orca/FLAN" },
  { alias: "FLAN v2", key: "Open-Orca/FLAN" },
  { alias: "Flan Collection", key: "Open-Orca/FLAN" },
  { alias: "Flan 2022", key: "Open-Orca/FLAN" },
  { alias: "Alpaca", key: "tatsu-lab/alpaca" },
  { alias: "Stanford Alpaca", key: "tatsu-lab/alpaca" },
  // "Instruction Tuning with GPT-4": Alpaca prompts answered by GPT-4.
  { alias: "GPT4-Alpaca", key: "vicgalle/alpaca-gpt4" },
  { alias: "Alpaca-GPT4", key: "vicgalle/alpaca-gpt4" },
  { alias: "Dolly", key: "databricks/databricks-dolly-15k" },
  { alias: "Dolly 15k", key: "databricks/databricks-dolly-15k" },
  { alias: "databricks-dolly-15k", key: "databricks/databricks-dolly-15k" },
  { alias: "OpenAssistant", key: "OpenAssistant/oasst1" },
  { alias: "OASST1", key: "OpenAssistant/oasst1" },
  { alias: "OpenAssistant Conversations", key: "OpenAssistant/oasst1" },
  { alias: "UltraChat", key: "stingning/ultrachat" },
  { alias: "UltraChat 200k", key: "HuggingFaceH4/ultrachat_200k" },
  // The WizardLM paper's 70k set; the org was renamed WizardLM → WizardLMTeam.
  { alias: "Evol-Instruct", key: "WizardLMTeam/WizardLM_evol_instruct_70k" },
  { alias: "WizardLM Evol-Instruct", key: "WizardLMTeam/WizardLM_evol_instruct_70k" },
  { alias: "MetaMathQA", key: "meta-math/MetaMathQA" },
  { alias: "MetaMath", key: "meta-math/MetaMathQA" },
  { alias: "NuminaMath", key: "AI-MO/NuminaMath-CoT" },
  { alias: "NuminaMath-CoT", key: "AI-MO/NuminaMath-CoT" },
  { alias: "NuminaMath-TIR", key: "AI-MO/NuminaMath-TIR" },
  { alias: "NuminaMath-1.5", key: "AI-MO/NuminaMath-1.5" },
  { alias: "OpenHermes", key: "teknium/openhermes" },
  { alias: "OpenHermes-2.5", key: "teknium/OpenHermes-2.5" },
  { alias: "SlimOrca", key: "Open-Orca/SlimOrca" },
  { alias: "OpenOrca", key: "Open-Orca/OpenOrca" },
  { alias: "Orca", key: "Open-Orca/OpenOrca" },
  { alias: "CodeAlpaca", key: "sahil2801/CodeAlpaca-20k" },
  { alias: "CodeAlpaca-20k", key: "sahil2801/CodeAlpaca-20k" },
  // "Magicoder" alone means the paper's main contribution, OSS-Instruct.
  { alias: "Magicoder", key: "ise-uiuc/Magicoder-OSS-Instruct-75K" },
  { alias: "OSS-Instruct", key: "ise-uiuc/Magicoder-OSS-Instruct-75K" },
  { alias: "Magicoder-Evol-Instruct", key: "ise-uiuc/Magicoder-Evol-Instruct-110K" },
  { alias: "OpenCodeReasoning", key: "nvidia/OpenCodeReasoning" },
  { alias: "SQuAD", key: "rajpurkar/squad" },
  { alias: "SQuAD v1.1", key: "rajpurkar/squad" },

  // ODA free-text sources that name a Hub dataset of the graph (most are the subset
  // names of OpenDataArena/ODA-scored-data-2603)
  { alias: "AM-Thinking-v1-Distilled-code", key: "a-m-team/AM-Thinking-v1-Distilled" },
  { alias: "AM-Thinking-v1-Distilled-math", key: "a-m-team/AM-Thinking-v1-Distilled" },
  { alias: "Code-Feedback", key: "m-a-p/Code-Feedback" },
  { alias: "CodeFeedback-Filtered-Instruction", key: "m-a-p/CodeFeedback-Filtered-Instruction" },
  { alias: "DeepMath-103K", key: "zwhe99/DeepMath-103K" },
  { alias: "EpiCoder-func-380k", key: "microsoft/EpiCoder-func-380k" },
  { alias: "Fast-Math-R1-SFT", key: "RabotniKuma/Fast-Math-R1-SFT" },
  { alias: "KodCode-V1", key: "KodCode/KodCode-V1" },
  { alias: "LIMO", key: "GAIR/LIMO" },
  { alias: "Light-R1-SFTData", key: "qihoo360/Light-R1-SFTData" },
  { alias: "MathFusionQA", key: "QizhiPei/MathFusionQA" },
  { alias: "MegaScience", key: "MegaScience/MegaScience" },
  { alias: "MiroMind-M1-SFT-719K", key: "miromind-ai/MiroMind-M1-SFT-719K" },
  { alias: "OpenMathReasoning", key: "nvidia/OpenMathReasoning" },
  { alias: "OpenO1-SFT", key: "O1-OPEN/OpenO1-SFT" },
  { alias: "ScaleQuest-Math", key: "dyyyyyyyy/ScaleQuest-Math" },
  { alias: "opc-sft-stage1", key: "OpenCoder-LLM/opc-sft-stage1" },
  { alias: "openmathinstruct-2", key: "nvidia/OpenMathInstruct-2" },
  { alias: "orca-math-word-problems-200k", key: "microsoft/orca-math-word-problems-200k" },
  { alias: "tulu-3-sft-personas-code", key: "allenai/tulu-3-sft-personas-code" },
  { alias: "webinstructcft", key: "TIGER-Lab/WebInstruct-CFT" },
  { alias: "gsm8k-aug", key: "whynlp/gsm8k-aug" },
  // Spelling variants of one named source.
  { alias: "aops_forums", key: "corpus:aops-forum" },
  { alias: "AMC (American Mathematics Competition)", key: "corpus:amc" },
  { alias: "Unnatural Instructions GPT4", key: "corpus:unnatural-instruction-gpt4-data" },
];
