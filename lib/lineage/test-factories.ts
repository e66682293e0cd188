import { edgeIds, nodeId } from "./ids";
import type { LineageEdge, LineageNode } from "./types";

/** A lineage node with neutral defaults, for tests. */
export function lineageNode(key: string, over: Partial<LineageNode> = {}): LineageNode {
  return {
    id: nodeId(key),
    key,
    displayName: key.split("/").pop()!,
    scheme: "HUB",
    kind: "DATASET",
    domains: [],
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
    crawlState: "UNTRACED",
    terminalReason: null,
    terminalDetail: null,
    benchmark: null,
    upstreamCount: 0,
    downstreamCount: 0,
    hiddenUpstream: 0,
    hiddenDownstream: 0,
    ...over,
  };
}

/** A lineage edge with neutral defaults, for tests. */
export function lineageEdge(upstream: string, downstream: string, over: Partial<LineageEdge> = {}): LineageEdge {
  return { ...edgeIds(upstream, downstream), upstream, downstream, relation: "DIRECT_INCLUSION", confidence: 0.9, split: "UNKNOWN", status: "PROPOSED", origin: "SEED", evidence: [], ...over };
}
