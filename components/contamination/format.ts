/**
 * How flags read to people, shared by the panel, the /contamination page and the CLI: the
 * one way an evaluation set is named, overlaps as percentages, and a flag's reason in words.
 */
import { formatMonth, formatWindow, spanText } from "@/lib/contamination/dates";

export { spanText };
import type { DatasetFlag, ItemWindow } from "@/lib/contamination/types";

export { evalSetLabel } from "@/lib/contamination/types";

export function percent(overlap: number): string {
  const p = overlap * 100;
  return `${p === 0 ? "0" : p < 0.01 ? "<0.01" : p < 1 ? p.toFixed(2) : p.toFixed(1)} %`;
}

export function windowText(window: ItemWindow): string {
  return formatWindow(window);
}


export function monthText(month: string | null): string {
  return formatMonth(month);
}

/** Why the flag has its severity, in one sentence (names come from the caller). */
export function reasonText(flag: DatasetFlag, nameOf: (key: string) => string): string {
  const first = flag.details[0];
  const entry = first?.entry;
  const step = first?.steps[0];
  switch (flag.reason) {
    case "eval_split":
      return step ? `${nameOf(step.downstream)} took ${step.split === "ALL" || step.split === "UNKNOWN" ? "its data" : `its ${step.split.toLowerCase()} split`} from ${nameOf(step.upstream)}, which is evaluation data.` : "Its evaluation data reaches it.";
    case "unknown_split":
      return step ? `${nameOf(step.downstream)} draws on ${nameOf(step.upstream)} without saying which split.` : "A source took its data without saying which split.";
    case "wider_holder":
      return entry ? `Its items enter through ${nameOf(entry.key)}, which holds ${flag.family} items ${spanText(entry.window)}: more than ${flag.name}, so the dataset may or may not have taken them.` : "A source holds more of the family than this set.";
    case "holds_items":
      return entry ? `It holds ${flag.family} items ${spanText(entry.window)} itself, which include ${flag.name}'s.` : "It holds the set's items itself.";
    case "measured":
      return flag.measuredOnly ? "No recorded lineage leads here, but a measurement found the set's items in it." : `A measurement found the set's items in it (the lineage alone says ${flag.lineageSeverity === "TRAIN_LINEAGE" ? "training-split lineage" : "possible"}).`;
    case "decontaminated":
      return first?.mitigation ? `${nameOf(first.mitigation.dataset)} states it was cleaned of ${flag.family} data.` : "A dataset on the way states it was decontaminated.";
    case "train_split":
      return "It reaches it through the training split: lineage, not contamination.";
  }
}
