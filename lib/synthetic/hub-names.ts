/**
 * Keys that read like the Hub's and the other schemes' (owner/name, corpus:, github:, arxiv:,
 * web:). Every key ends in its node's index in base 36, which makes keys unique by
 * construction and keeps them from ever meeting a real key of the bundled seed (a store may
 * be seeded on top of a synthetic one).
 */
import type { Domain, KeyScheme } from "@/lib/lineage/types";

const ORG_WORDS = [
  "open", "nous", "tiger", "meta", "allen", "deep", "bright", "lumen", "north", "quant", "sage", "atlas", "nova", "orca",
  "polar", "cedar", "ember", "falcon", "gala", "helix", "iris", "juniper", "kite", "lark", "magma", "nimbus", "onyx",
  "pine", "quasar", "raven", "sierra", "tundra", "umbra", "vega", "willow", "zephyr", "argo", "boreal", "cobalt", "delta",
];
const ORG_SUFFIXES = ["-ai", "-lab", "-research", "-nlp", "ml", "-data", "-labs", "", "-org", "-group", "-team", "hq"];

const STEMS: Record<Domain, string[]> = {
  MATH: ["MathInstruct", "MetaMathQA", "NuminaMath", "OpenMathReasoning", "GSM-Plus", "MathScale", "Orca-Math", "DeepMath", "MathFusion", "DART-Math", "AceReason-Math", "Big-Math"],
  CODE: ["CodeAlpaca", "Magicoder-OSS", "OpenCoder", "CodeFeedback", "Evol-CodeInstruct", "StarCoder-SFT", "KodCode", "CodeContests-Plus", "OpenCodeReasoning"],
  SCIENCE: ["SciInstruct", "ScienceQA-SFT", "CamelAI-Physics", "ChemData", "SciRIFF", "WebInstruct-Sci"],
  GENERAL: ["UltraChat", "OpenHermes", "SlimOrca", "Tulu-Mix", "Infinity-Instruct", "SmolTalk", "WizardLM-Evol", "ShareGPT-Clean", "Magpie-Pro", "Dolly-Plus"],
  MEDICAL: ["MedQA-Instruct", "PubMedQA-SFT", "MedReason", "ChatDoctor", "MedMCQA-CoT"],
  MULTILINGUAL: ["Aya-Collection", "xP3-Mix", "MultiAlpaca", "Okapi-Instruct", "Bactrian-X"],
};
const VARIANTS = ["", "", "-CoT", "-v2", "-filtered", "-dedup", "-sft", "-dpo", "-200k", "-en", "-R1", "-Distill", "-Hard", "-clean", "-v1.1", "-50k"];
const MIXTURE_STEMS = ["SFT-Mixture", "Instruct-Mix", "Post-Training-Mix", "Reasoning-Blend", "Chat-Collection", "Data-Soup", "Mega-Mix"];
const BENCHMARK_STEMS = ["GSM-Hard", "MATH-Test", "AIME-Set", "HumanEval-Plus", "MBPP-Lite", "GPQA-Sub", "MMLU-Sub", "ARC-Set", "TruthQA", "LiveBench", "OlympiadBench", "MedBench"];
const BENCHMARK_OWNERS = ["eval-harness", "bench-org", "openeval", "leaderboard-lab", "testsets"];
const CORPUS_WORDS = ["web-crawl", "stack-exchange", "wiki-dump", "arxiv-papers", "code-repos", "textbooks", "forum-posts", "exam-papers", "news-archive", "patents"];
const WEB_HOSTS = ["zenodo.org/records", "kaggle.com/datasets", "data.mendeley.com/datasets", "physionet.org/content", "figshare.com/articles"];

export type NamedNode = { key: string; displayName: string; scheme: KeyScheme };

type Pick = (n: number) => number;

const tag = (index: number) => index.toString(36);

/** The owners keys are spread over: a few hundred, so owners repeat as they do on the Hub. */
export function ownerPool(count: number, pick: Pick): string[] {
  const owners = new Set<string>();
  while (owners.size < count) {
    const n = owners.size;
    // Past the word × suffix combinations, a number tells owners apart (org "atlas-lab3").
    const extra = n >= ORG_WORDS.length * ORG_SUFFIXES.length ? String(Math.floor(n / (ORG_WORDS.length * ORG_SUFFIXES.length))) : "";
    owners.add(`${ORG_WORDS[pick(ORG_WORDS.length)]}${ORG_SUFFIXES[pick(ORG_SUFFIXES.length)]}${extra}`);
  }
  return [...owners];
}

function hub(owner: string, name: string): NamedNode {
  return { key: `${owner}/${name}`, displayName: name, scheme: "HUB" };
}

export function datasetName(index: number, domain: Domain, owner: string, pick: Pick): NamedNode {
  const stems = STEMS[domain];
  return hub(owner, `${stems[pick(stems.length)]}${VARIANTS[pick(VARIANTS.length)]}-${tag(index)}`);
}

export function mixtureName(index: number, owner: string, pick: Pick): NamedNode {
  return hub(owner, `${MIXTURE_STEMS[pick(MIXTURE_STEMS.length)]}${VARIANTS[pick(VARIANTS.length)]}-${tag(index)}`);
}

export function benchmarkName(index: number, pick: Pick): NamedNode & { family: string } {
  const stem = BENCHMARK_STEMS[pick(BENCHMARK_STEMS.length)]!;
  return { ...hub(BENCHMARK_OWNERS[pick(BENCHMARK_OWNERS.length)]!, `${stem}-${tag(index)}`), family: `${stem}-${tag(index)}` };
}

/** An external source (corpus, repository, paper, site) created in `month` (0-based, since 2000). */
export function externalName(index: number, month: number, owner: string, pick: Pick): NamedNode {
  const r = pick(10);
  if (r < 5) {
    const slug = `${CORPUS_WORDS[pick(CORPUS_WORDS.length)]}-${tag(index)}`;
    return { key: `corpus:${slug}`, displayName: slug, scheme: "CORPUS" };
  }
  if (r < 7) {
    const repo = `${CORPUS_WORDS[pick(CORPUS_WORDS.length)]}-${tag(index)}`;
    return { key: `github:${owner.replace(/[^A-Za-z0-9-]/g, "-")}/${repo}`, displayName: repo, scheme: "GITHUB" };
  }
  if (r < 9) {
    // yymm.NNNNN: the index, not chance, keeps two papers of a month apart.
    const yymm = `${String(Math.floor(month / 12) % 100).padStart(2, "0")}${String((month % 12) + 1).padStart(2, "0")}`;
    const id = `${yymm}.${String(index % 100_000).padStart(5, "0")}`;
    return { key: `arxiv:${id}`, displayName: `arXiv ${id}`, scheme: "ARXIV" };
  }
  const host = WEB_HOSTS[pick(WEB_HOSTS.length)]!;
  return { key: `web:${host}/${tag(index)}`, displayName: `${host.split("/")[0]} ${tag(index)}`, scheme: "WEB" };
}
