import type { NodeKind } from "@/lib/lineage/types";
import type { Point } from "./layered";
import type { FanDirection } from "./ids";

/** More sibling leaves than this on one side of a node are drawn as one group. */
export const FAN_THRESHOLD = 12;

export type ArrangeNode = { id: string; kind: NodeKind };
export type ArrangeEdge = { up: string; down: string };
export type ArrangeStep = { op: "up" | "down"; id: string } | { op: "open"; id: string; dir: FanDirection };
export type Fan = { id: string; parent: string; dir: FanDirection; members: string[] };

export type ArrangeInput = {
  nodes: readonly ArrangeNode[];
  edges: readonly ArrangeEdge[];
  root: string;
  up: number;
  down: number;
  steps: readonly ArrangeStep[];
  /** Lay everything out again after this many steps ("tidy layout"); null: never. */
  tidyAt: number | null;
  grouping: boolean;
  /** Nodes never hidden in a group (the selection, a drawn-out path); the root never is. */
  keepApart?: ReadonlySet<string>;
};

export type Arrangement = {
  /** Every placed item: nodes not in a closed group, and the groups themselves (by fan id). */
  positions: Map<string, Point>;
  /** Groups still closed, by fan id. */
  fans: Map<string, Fan>;
  /** Member → its closed group's fan id. */
  fanOf: Map<string, string>;
};
