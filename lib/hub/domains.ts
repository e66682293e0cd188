/**
 * Domains (the explorer's colours) from what a Hub card declares: its tags and task
 * categories, and how many languages it lists. Only explicit declarations count; a card that
 * says nothing gets no domain rather than a guess.
 */
import type { Domain } from "@/lib/lineage/types";

const TAG_DOMAINS: [RegExp, Domain][] = [
  [/^(math|mathematics|math-word-problems|gsm8k|arithmetic|theorem-proving)$/, "MATH"],
  [/^(code|coding|programming|code-generation|python|sql|text2sql|software-engineering)$/, "CODE"],
  [/^(science|physics|chemistry|biology|stem)$/, "SCIENCE"],
  [/^(medical|medicine|clinical|biomedical|health(care)?)$/, "MEDICAL"],
  [/^(multilingual|translation)$/, "MULTILINGUAL"],
  [/^(chat|conversational|dialogue|instruction-following|general)$/, "GENERAL"],
];

export function domainsFromCard(tags: readonly string[], cardData: Record<string, unknown> | null): Domain[] {
  const found = new Set<Domain>();
  const values = [...tags, ...[cardData?.tags, cardData?.task_categories].flat()].filter((v): v is string => typeof v === "string");
  for (const raw of values) {
    const value = raw.toLowerCase().replace(/^(task_categories|task_ids|tags?):/, "").trim();
    for (const [pattern, domain] of TAG_DOMAINS) if (pattern.test(value)) found.add(domain);
  }
  const languages = [cardData?.language].flat().filter((v) => typeof v === "string");
  if (languages.length > 2 || cardData?.multilinguality === "multilingual") found.add("MULTILINGUAL");
  return [...found].sort();
}
