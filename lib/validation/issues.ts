import type { z } from "zod";

const MAX_LISTED_ISSUES = 5;

/** The schema's complaints as one sentence that names each bad field. */
export function describeIssues(error: z.ZodError): string {
  const issues = error.issues.slice(0, MAX_LISTED_ISSUES).map((issue) => {
    const field = issue.path.map(String).join(".") || "input";
    return `${field}: ${issue.message}`;
  });
  const more = error.issues.length > MAX_LISTED_ISSUES ? ` (and ${error.issues.length - MAX_LISTED_ISSUES} more)` : "";
  return `The request was not accepted — ${issues.join("; ")}${more}.`;
}
