import { DOMAINS, DOMAIN_LABELS as DOMAIN_NAMES, type Domain, type NodeKind, type Relation } from "@/lib/lineage/types";
import type { Severity } from "@/lib/contamination/types";

/**
 * How kinds, domains and relations look, shared by the canvas and its legend so the two
 * cannot drift apart. Plain data: no Cytoscape import.
 */

export const NO_DOMAIN = "NONE" as const;
export type DomainOrNone = Domain | typeof NO_DOMAIN;
export const DOMAINS_AND_NONE: readonly DomainOrNone[] = [...DOMAINS, NO_DOMAIN];

/** Node fills; each keeps white label text at a contrast of at least 4.5:1. */
export const DOMAIN_COLORS: Record<DomainOrNone, string> = {
  MATH: "#1d4ed8",
  CODE: "#047857",
  SCIENCE: "#6d28d9",
  GENERAL: "#334155",
  MEDICAL: "#b91c1c",
  MULTILINGUAL: "#b45309",
  NONE: "#64748b",
};

export const DOMAIN_LABELS: Record<DomainOrNone, string> = { ...DOMAIN_NAMES, NONE: "Unknown domain" };

/** Cytoscape node shapes; the legend draws the same ones with CSS. */
export const KIND_SHAPES: Record<NodeKind, "round-rectangle" | "cut-rectangle" | "rectangle"> = {
  DATASET: "round-rectangle",
  BENCHMARK: "cut-rectangle",
  EXTERNAL: "rectangle",
};

/** The kind as the node's second label line says it. */
export const KIND_SHORT_LABELS: Record<NodeKind, string> = {
  DATASET: "dataset",
  BENCHMARK: "benchmark",
  EXTERNAL: "external source",
};

export const KIND_LABELS: Record<NodeKind, string> = {
  DATASET: "Dataset",
  BENCHMARK: "Benchmark",
  EXTERNAL: "External source (paper, repo, site, corpus)",
};

/**
 * Each relation has its own colour AND its own dash pattern (canvas dash lengths in model
 * pixels; empty = solid), so colour is never the only signal; `line` says it in words.
 */
export const RELATION_STYLES: Record<Relation, { color: string; dash: readonly number[]; line: string }> = {
  DIRECT_INCLUSION: { color: "#334155", dash: [], line: "solid line" },
  STRUCTURED_FUSION: { color: "#0e7490", dash: [8, 4], line: "short dashes" },
  SYNTHETIC_GENERATION: { color: "#c2410c", dash: [2, 4], line: "dots" },
  SEMANTIC_EVOLUTION: { color: "#7e22ce", dash: [12, 4, 2, 4], line: "dash-dot" },
  COT_DISTILLATION: { color: "#be185d", dash: [20, 6], line: "long dashes" },
};

/** Edges reviewers rejected (drawn only when asked for). */
export const REJECTED_EDGE_COLOR = "#dc2626";

/** Edge width and opacity grow with confidence, so weak claims recede. */
export const CONFIDENCE_WIDTH = { min: 1, max: 4 } as const;
export const CONFIDENCE_OPACITY = { min: 0.35, max: 1 } as const;

/**
 * Contamination flags the canvas draws on a node: the border takes the severity's colour and
 * width (its dash pattern still says the kind), the box grows by `CONTAMINATION_EXTRA_HEIGHT`
 * and a third label line says it in words, so colour is never the only signal.
 * TRAIN_LINEAGE is shown in panels but not drawn on nodes.
 */
export type DrawnContamination = Exclude<Severity, "TRAIN_LINEAGE">;
export const DRAWN_CONTAMINATION: readonly DrawnContamination[] = ["CONTAMINATED", "POSSIBLE", "MITIGATED"];
export const CONTAMINATION_STYLES: Record<DrawnContamination, { color: string; width: number; text: string }> = {
  CONTAMINATED: { color: "#b91c1c", width: 6, text: "⚠ benchmark test data" },
  POSSIBLE: { color: "#c2410c", width: 5, text: "⚠ possible test data" },
  MITIGATED: { color: "#15803d", width: 4, text: "decontaminated" },
};
export const CONTAMINATION_EXTRA_HEIGHT = 16;

/** Text colour readable on `fill` (a #rrggbb colour): near-black on light fills, white on dark ones (WCAG relative luminance). */
export function inkOn(fill: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(fill);
  if (!m) return "#0f172a";
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h!, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  // Contrast against white vs against the ink (#0f172a, relative luminance 0.0086): pick the larger.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / (0.0086 + 0.05) ? "#ffffff" : "#0f172a";
}
