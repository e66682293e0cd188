import { normalizeKey } from "@/lib/keys";

export const EXPORT_FORMATS = ["png", "svg", "json", "graphml", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_MIME: Record<ExportFormat, string> = {
  png: "image/png",
  svg: "image/svg+xml",
  json: "application/json",
  graphml: "application/graphml+xml",
  csv: "text/csv",
};

/** `rootline-meta-math-metamathqa.png`: safe on every file system, recognisable in a downloads folder. */
export function exportFileName(rootKey: string, format: ExportFormat): string {
  const slug = normalizeKey(rootKey)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
  return `rootline-${slug || "graph"}.${format}`;
}
