import { AppError } from "@/lib/errors";
import { keyFromPathSegments } from "@/lib/keys";

/** The node key named by a catch-all route's segments (`/datasets/openai/gsm8k`, `/api/lineage/corpus:x`). */
export function keyFromRoute(segments: readonly string[] | undefined): string {
  const key = segments ? keyFromPathSegments(segments) : null;
  if (key) return key;
  const shown = (segments ?? []).join("/");
  throw new AppError(
    "bad_request:key",
    `"${shown.length > 120 ? `${shown.slice(0, 120)}…` : shown}" is not a dataset key. Use owner/name for Hub datasets, or github:, arxiv:, web:, corpus: keys.`,
  );
}
