import type { LineageEdge, LineageNode, Relation, ReviewStatus, Split } from "@/lib/lineage/types";
import type { LineageElements } from "./elements";
import { toSvg, type SvgOptions } from "./export-svg";
import type { Point } from "./layered";

/**
 * The SVG export of exactly what the canvas draws, groups included: each drawn element becomes
 * a node or edge of the image at its drawn place (a group is a node named "+111 sources …").
 */
export function svgOfDrawn(elements: LineageElements, options: SvgOptions): string {
  const keyOf = new Map<string, string>();
  const positions: Record<string, Point> = {};
  const nodes: LineageNode[] = elements.nodes.map((el) => {
    const key = el.data.key || el.data.id;
    keyOf.set(el.data.id, key);
    positions[key] = el.position;
    return {
      id: el.data.id,
      key,
      displayName: el.data.displayName,
      scheme: "CORPUS",
      kind: el.data.kind === "GROUP" ? "DATASET" : el.data.kind,
      domains: el.data.domain === "NONE" ? [] : [el.data.domain],
      url: null,
      hubPresence: "UNKNOWN",
      hubDownloads: null,
      hubLikes: null,
      hubCreatedAt: null,
      releaseMonth: null,
      license: null,
      sizeCategory: null,
      tags: [],
      paperUrl: null,
      crawlState: "TRACED",
      terminalReason: null,
      terminalDetail: null,
      benchmark: null,
      upstreamCount: 0,
      downstreamCount: 0,
      hiddenUpstream: el.data.hiddenUpstream,
      hiddenDownstream: el.data.hiddenDownstream,
    };
  });
  const edges: LineageEdge[] = elements.edges.map((el) => ({
    id: el.data.id,
    upstreamId: el.data.source,
    downstreamId: el.data.target,
    upstream: keyOf.get(el.data.source) ?? el.data.source,
    downstream: keyOf.get(el.data.target) ?? el.data.target,
    relation: el.data.relation as Relation,
    confidence: el.data.confidence,
    split: el.data.split as Split,
    status: el.data.status as ReviewStatus,
    origin: "SEED",
    evidence: [],
  }));
  return toSvg({ nodes, edges }, positions, options);
}
