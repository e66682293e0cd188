/**
 * The one interface the pipeline extracts through, whatever does the reading: the rules
 * baseline or a chat model (llm.ts). `id` is recorded with every run ("rules", "openai:gpt-4o-mini").
 */
import { extractRules, type ExtractInput, type ExtractResult } from "./rules";

export interface Extractor {
  readonly id: string;
  extract(input: ExtractInput): Promise<ExtractResult>;
}

export function rulesExtractor(): Extractor {
  return {
    id: "rules",
    async extract(input) {
      return extractRules(input);
    },
  };
}
