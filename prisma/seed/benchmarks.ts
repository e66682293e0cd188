/**
 * Hand-written facts the seed loads next to the ODA graph: which datasets are evaluation
 * benchmarks (and which of their splits are evaluation data), and the names people write
 * for well-known datasets. Data only; lib/server/seed.ts loads it through the graph writer.
 *
 * evalSplits: the splits whose rows are evaluation data. ALL means the whole repo is
 * evaluation data even though the Hub names its only split "train" (GPQA, IFEval, AIME
 * sets, Arena-Hard): a training set built from any split of it is contaminated.
 */
import type { Split } from "@/lib/lineage/types";

export type SeedBenchmark = { key: string; family: string; evalSplits: Split[]; note?: string; displayName?: string };
export type SeedAlias = { alias: string; key: string };

export const BENCHMARKS: readonly SeedBenchmark[] = [
  { key: "openai/gsm8k", family: "GSM8K", evalSplits: ["TEST"] },
  {
    key: "EleutherAI/hendrycks_math",
    family: "MATH",
    evalSplits: ["TEST"],
    note: "Mirror of the original hendrycks/competition_math (taken down from the Hub); MATH-500 is a subset of its test split.",
  },
  { key: "HuggingFaceH4/MATH-500", family: "MATH-500", evalSplits: ["TEST"], note: "500 problems from the MATH test split (the PRM800K selection)." },
  { key: "openai/openai_humaneval", family: "HumanEval", evalSplits: ["TEST"] },
  {
    key: "google-research-datasets/mbpp",
    family: "MBPP",
    evalSplits: ["TEST"],
    note: "train, validation and prompt splits are for fine-tuning and few-shot prompts; evaluation uses test.",
  },
  { key: "cais/mmlu", family: "MMLU", evalSplits: ["TEST", "VALIDATION"], note: "dev holds the few-shot examples; auxiliary_train is not evaluation data." },
  { key: "allenai/ai2_arc", family: "ARC", evalSplits: ["TEST", "VALIDATION"] },
  { key: "Rowan/hellaswag", family: "HellaSwag", evalSplits: ["TEST", "VALIDATION"], note: "Test labels are hidden, so most harnesses report on validation." },
  // ALL rather than VALIDATION: the only split is validation, so a card claiming its "training
  // set" (UltraFeedback's does) still used evaluation data.
  { key: "truthfulqa/truthful_qa", family: "TruthfulQA", evalSplits: ["ALL"], note: "validation is the only split; all of it is evaluation data." },
  { key: "Idavidrein/gpqa", family: "GPQA", evalSplits: ["ALL"], note: "Gated; its only split is named train but is the evaluation set (Diamond is a subset)." },
  { key: "google/IFEval", family: "IFEval", evalSplits: ["ALL"], note: "Its only split is named train but is the evaluation set." },
  { key: "lukaemon/bbh", family: "BBH", evalSplits: ["TEST"], note: "BIG-Bench Hard: 27 tasks, each a test split." },
  // AIME has no canonical Hub home. The competition itself is the node free-text sources
  // ("AIME", "AIME problems 1984-2023") resolve to; the Hub copies are benchmarks too,
  // because any of them contains the problems evaluated as AIME 2024.
  { key: "corpus:aime", family: "AIME", evalSplits: ["ALL"], displayName: "AIME", note: "The American Invitational Mathematics Examination's problems, as cited by papers." },
  { key: "AI-MO/aimo-validation-aime", family: "AIME", evalSplits: ["ALL"], note: "AIME 2022–2024; its only split is named train." },
  { key: "Maxwell-Jia/AIME_2024", family: "AIME", evalSplits: ["ALL"], note: "AIME 2024 I and II; its only split is named train." },
  { key: "gneubig/aime-1983-2024", family: "AIME", evalSplits: ["ALL"], note: "Every AIME problem 1983–2024, so it holds the AIME 2024 evaluation problems." },
  { key: "Prompt48/AIME_Problem_Set_1983-2024", family: "AIME", evalSplits: ["ALL"], note: "Every AIME problem 1983–2024, so it holds the AIME 2024 evaluation problems." },
  { key: "tatsu-lab/alpaca_eval", family: "AlpacaEval", evalSplits: ["ALL"], note: "Its only split is named eval." },
  {
    key: "lmsys/mt_bench_human_judgments",
    family: "MT-Bench",
    evalSplits: ["ALL"],
    note: "Human and GPT-4 judgments of answers to the 80 MT-Bench questions (splits human, gpt4_pair); the questions live in github:lm-sys/FastChat.",
  },
  { key: "livecodebench/code_generation_lite", family: "LiveCodeBench", evalSplits: ["TEST"], note: "Versioned releases (release_v1…); problems are dated, so leaks depend on the time window." },
  { key: "PrimeIntellect/LiveCodeBench-v5", family: "LiveCodeBench", evalSplits: ["ALL"], note: "A repackaging of the LiveCodeBench v5 problems (in the ODA graph)." },
  { key: "lmarena-ai/arena-hard-auto-v0.1", family: "Arena-Hard", evalSplits: ["ALL"], note: "500 prompts; its only split is named train." },
  { key: "KbsdJames/Omni-MATH", family: "Omni-MATH", evalSplits: ["TEST"], note: "Olympiad-level evaluation set; in the ODA graph as a source of training mixes." },
];

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
  { alias: "AIME 1983-2023", key: "corpus:aime" },
  { alias: "AIME 2024", key: "Maxwell-Jia/AIME_2024" },
  { alias: "AIME24", key: "Maxwell-Jia/AIME_2024" },
  { alias: "AlpacaEval", key: "tatsu-lab/alpaca_eval" },
  { alias: "MT-Bench", key: "lmsys/mt_bench_human_judgments" },
  { alias: "LiveCodeBench", key: "livecodebench/code_generation_lite" },
  // ODA's name for DeepCoder's LiveCodeBench source (the v5 problem window).
  { alias: "600 LiveCodeBench (v5) problems submitted between May 1, 2023 and July 31, 2024.", key: "livecodebench/code_generation_lite" },
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
