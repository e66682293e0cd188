import { MIN_SEPARATION, type Point } from "./layout";

/**
 * Which nodes keep a position when the drawn set changes: every node still drawn keeps
 * its own; a node coming back (shown again after a filter, or stored in a snapshot) gets
 * its remembered place when that is still free. Everything else is left to the layout.
 */
export function fixedPositions(nextKeys: readonly string[], drawn: ReadonlyMap<string, Point>, remembered: ReadonlyMap<string, Point>): Record<string, Point> {
  const fixed: Record<string, Point> = {};
  const taken: Point[] = [];
  for (const key of nextKeys) {
    const p = drawn.get(key);
    if (p) {
      fixed[key] = { x: p.x, y: p.y };
      taken.push(p);
    }
  }
  const returning = nextKeys.filter((k) => !drawn.has(k) && remembered.has(k)).sort();
  for (const key of returning) {
    const p = remembered.get(key)!;
    if (taken.some((o) => Math.abs(o.x - p.x) < MIN_SEPARATION.x && Math.abs(o.y - p.y) < MIN_SEPARATION.y)) continue;
    fixed[key] = { x: p.x, y: p.y };
    taken.push(p);
  }
  return fixed;
}
