import { edgeId, edgeIdParts } from "@/lib/lineage/ids";

/**
 * Element ids for drawn graphs (Cytoscape, exports). Node ids are the node keys; edge ids
 * pair two keys. Always build and read them here: keys contain `/` and `:`, so ad-hoc
 * concatenation cannot be split back reliably.
 */

/** Edge ids pair two node ids (lib/lineage/ids.ts builds them; the data layer fills them in). */
export function createEdgeId(upstream: string, downstream: string): string {
  return edgeId(upstream, downstream);
}

export function parseEdgeId(id: string): { upstream: string; downstream: string } | null {
  return edgeIdParts(id);
}

/** Which side of its parent a group of sibling nodes hangs on: its sources (up) or its uses (down). */
export type FanDirection = "up" | "down";

// "fan:" is no key scheme (lib/keys.ts), so a group id can never equal a node id.
const FAN_PREFIX = "fan:";

/** The drawn id of the group of `parent`'s sources (up) or uses (down); `parent` is a node id. */
export function createFanId(parent: string, dir: FanDirection): string {
  return `${FAN_PREFIX}${dir}:${parent}`;
}

export function parseFanId(id: string): { parent: string; dir: FanDirection } | null {
  if (!id.startsWith(FAN_PREFIX)) return null;
  const rest = id.slice(FAN_PREFIX.length);
  const colon = rest.indexOf(":");
  const dir = rest.slice(0, colon);
  const parent = rest.slice(colon + 1);
  return (dir === "up" || dir === "down") && parent ? { parent, dir } : null;
}
