import type { ContaminationMarks } from "@/lib/graph/elements";
import type { LicenceClass } from "@/lib/licences";
import type { LineageGraph } from "@/lib/lineage/types";

/**
 * What the server gives for an explorer view, the same from the page and from
 * GET /api/view/{key}: the graph (unfiltered: filters apply on the client), notices about the
 * query, each node's worst contamination flag, and each node's licence class when nodes are
 * coloured by licence (empty otherwise). Maps are keyed by node id.
 */
export type ViewResponse = {
  graph: LineageGraph;
  notices: string[];
  contamination: ContaminationMarks;
  licences: Record<string, LicenceClass>;
};
