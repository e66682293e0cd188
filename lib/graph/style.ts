import { DOMAINS, DOMAIN_LABELS as DOMAIN_NAMES, type Domain, type NodeKind, type Relation } from "@/lib/lineage/types";

/**
 * How kinds, domains and relations look, shared by the canvas and its legend so the two
 * cannot drift apart. Plain data: no Cytoscape import.
 */

export const NO_DOMAIN = "NONE" as const;
export type DomainOrNone = Domain | typeof NO_DOMAIN;
export const DOMAINS_AND_NONE: readonly DomainOrNone[] = [...DOMAINS, NO_DOMAIN];

export const DOMAIN_COLORS: Record<DomainOrNone, string> = {
  MATH: "#2563eb",
  CODE: "#059669",
  SCIENCE: "#7c3aed",
  GENERAL: "#475569",
  MEDICAL: "#dc2626",
  MULTILINGUAL: "#d97706",
  NONE: "#94a3b8",
};

export const DOMAIN_LABELS: Record<DomainOrNone, string> = { ...DOMAIN_NAMES, NONE: "Unknown domain" };

/** Cytoscape node shapes; the legend draws the same ones with CSS. */
export const KIND_SHAPES: Record<NodeKind, "round-rectangle" | "cut-rectangle" | "rectangle"> = {
  DATASET: "round-rectangle",
  BENCHMARK: "cut-rectangle",
  EXTERNAL: "rectangle",
};

export const KIND_LABELS: Record<NodeKind, string> = {
  DATASET: "Dataset",
  BENCHMARK: "Benchmark",
  EXTERNAL: "External source (paper, repo, site, corpus)",
};

export type LineStyle = "solid" | "dashed" | "dotted";

export const RELATION_STYLES: Record<Relation, { color: string; line: LineStyle }> = {
  DIRECT_INCLUSION: { color: "#334155", line: "solid" },
  STRUCTURED_FUSION: { color: "#0e7490", line: "dashed" },
  SYNTHETIC_GENERATION: { color: "#c2410c", line: "dotted" },
  SEMANTIC_EVOLUTION: { color: "#7e22ce", line: "dashed" },
  COT_DISTILLATION: { color: "#be185d", line: "solid" },
};

/** Edge width and opacity grow with confidence, so weak claims recede. */
export const CONFIDENCE_WIDTH = { min: 1, max: 4 } as const;
export const CONFIDENCE_OPACITY = { min: 0.35, max: 1 } as const;
