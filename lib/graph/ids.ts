/**
 * Element ids for drawn graphs (Cytoscape, exports). Node ids are the node keys; edge ids
 * pair two keys. Always build and read them here: keys contain `/` and `:`, so ad-hoc
 * concatenation cannot be split back reliably.
 */

const EDGE_PREFIX = "edge:";
const SEPARATOR = "->";

export function createNodeId(key: string): string {
  return key;
}

export function parseNodeId(id: string): string {
  return id;
}

export function createEdgeId(upstream: string, downstream: string): string {
  return `${EDGE_PREFIX}${encodeURIComponent(upstream)}${SEPARATOR}${encodeURIComponent(downstream)}`;
}

export function parseEdgeId(id: string): { upstream: string; downstream: string } | null {
  if (!id.startsWith(EDGE_PREFIX)) return null;
  const body = id.slice(EDGE_PREFIX.length);
  const at = body.indexOf(SEPARATOR);
  // encodeURIComponent never emits ">", so the first separator is the only one.
  if (at <= 0 || body.indexOf(SEPARATOR, at + 1) !== -1) return null;
  try {
    const upstream = decodeURIComponent(body.slice(0, at));
    const downstream = decodeURIComponent(body.slice(at + SEPARATOR.length));
    return upstream && downstream ? { upstream, downstream } : null;
  } catch {
    return null;
  }
}
