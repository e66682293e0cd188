/**
 * How a failed run is worded for people: the panel, /runs, a run's page and the CLI all say
 * the same. "Not on the Hub" and "the Hub could not be reached" are different answers with
 * different remedies (fix the id / try again later), so each has its own words.
 */

export const RUN_FAILURE_KINDS = ["NOT_ON_HUB", "HUB_UNREACHABLE"] as const;
export type RunFailureKind = (typeof RUN_FAILURE_KINDS)[number];

/** Short, for a table cell or a status line. */
export const FAILURE_KIND_LABEL: Record<RunFailureKind, string> = {
  NOT_ON_HUB: "not on the Hub",
  HUB_UNREACHABLE: "Hub unreachable",
};

/**
 * The whole sentence. `endpoint` is the Hub's address, named only where the reader runs the
 * server (the CLI); pages name the setting, never the address.
 */
export function failureMessage({ kind, key, endpoint }: { kind: RunFailureKind; key: string; endpoint?: string }): string {
  switch (kind) {
    case "NOT_ON_HUB":
      return `No dataset “${key}” on the Hugging Face Hub. Check the spelling; ids are owner/name.`;
    case "HUB_UNREACHABLE":
      return (
        `Could not reach the Hugging Face Hub${endpoint ? ` at ${endpoint} (HF_ENDPOINT)` : ""} to read “${key}”. ` +
        "The network or the Hub may be down, or HF_ENDPOINT may point to the wrong place. Nothing was stored; try again later."
      );
  }
}

export function isRunFailureKind(value: unknown): value is RunFailureKind {
  return typeof value === "string" && (RUN_FAILURE_KINDS as readonly string[]).includes(value);
}
