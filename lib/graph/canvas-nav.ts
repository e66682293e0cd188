import { COLUMN_GAP } from "./layered";

/**
 * Keyboard movement between drawn nodes: ←/→ follow edges to a source/use of the selected
 * node, ↑/↓ move within its column. Pure, over drawn positions, so it is tested without a browser.
 */

export type PlacedNode = { key: string; x: number; y: number };
export type ArrowDirection = "left" | "right" | "up" | "down";

export const ARROW_KEYS: Record<string, ArrowDirection> = {
  ArrowLeft: "left",
  ArrowRight: "right",
  ArrowUp: "up",
  ArrowDown: "down",
};

/** The node an arrow key moves the selection to, or null when there is none that way. */
export function arrowTarget(
  direction: ArrowDirection,
  selected: string,
  nodes: readonly PlacedNode[],
  edges: readonly { upstream: string; downstream: string }[],
): string | null {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const from = byKey.get(selected);
  if (!from) return nodes.length ? nodes[0]!.key : null;

  let candidates: PlacedNode[];
  if (direction === "left" || direction === "right") {
    const keys = new Set(
      edges.filter((e) => (direction === "left" ? e.downstream === selected : e.upstream === selected)).map((e) => (direction === "left" ? e.upstream : e.downstream)),
    );
    candidates = [...keys].map((k) => byKey.get(k)).filter((n): n is PlacedNode => n !== undefined && n.key !== selected);
    // The neighbour level with the selection reads as "straight across"; then the nearest column.
    candidates.sort((a, b) => Math.abs(a.y - from.y) - Math.abs(b.y - from.y) || Math.abs(a.x - from.x) - Math.abs(b.x - from.x) || compare(a.key, b.key));
    return candidates[0]?.key ?? null;
  }

  const sameColumn = nodes.filter((n) => n.key !== selected && Math.abs(n.x - from.x) < COLUMN_GAP / 2);
  candidates = sameColumn.filter((n) => (direction === "up" ? n.y < from.y : n.y > from.y) || (n.y === from.y && (direction === "up" ? n.key < selected : n.key > selected)));
  candidates.sort((a, b) => Math.abs(a.y - from.y) - Math.abs(b.y - from.y) || Math.abs(a.x - from.x) - Math.abs(b.x - from.x) || compare(a.key, b.key));
  return candidates[0]?.key ?? null;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
