import { nodeId } from "@/lib/lineage/ids";
import type { Point } from "./layered";
import type { Arrangement } from "./arrange-types";

/**
 * A frozen view's stored places win over the layout: each stored node is drawn on its own at
 * its stored place (taken out of its group), groups left empty go. `stored` is keyed by node
 * key in any casing.
 */
export function withStoredPositions(arrangement: Arrangement, stored: Readonly<Record<string, Point>>): Arrangement {
  const positions = new Map(arrangement.positions);
  const fanOf = new Map(arrangement.fanOf);
  const fans = new Map([...arrangement.fans].map(([id, fan]) => [id, { ...fan, members: [...fan.members] }]));
  for (const [key, p] of Object.entries(stored)) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    const id = nodeId(key);
    const fanId = fanOf.get(id);
    if (fanId) {
      fanOf.delete(id);
      const fan = fans.get(fanId)!;
      fan.members = fan.members.filter((m) => m !== id);
      if (!fan.members.length) {
        fans.delete(fanId);
        positions.delete(fanId);
      }
    } else if (!positions.has(id)) continue;
    positions.set(id, { x: p.x, y: p.y });
  }
  return { positions, fans, fanOf };
}
