/**
 * The replay behind arrange(): one view's nodes placed step by step (the base view laid out
 * whole, each expansion a block in a band of its own, groups spread in place, tidy), with a
 * state that can be snapshotted and restored so a grown view resumes where the last one stood.
 */
import type { NodeKind } from "@/lib/lineage/types";
import { COLUMN_GAP, compareIds, idealLayout, OccupiedGrid, ROW_GAP, type LayoutEdge, type Point } from "./layered";
import { createFanId, type FanDirection } from "./ids";
import type { ArrangeCheckpoint } from "./arrange";
import { FAN_THRESHOLD, type ArrangeInput, type ArrangeStep, type Arrangement, type Fan } from "./arrange-types";

/** How far a block may be slid before moving a column further out costs less. */
const COLUMN_SHIFT_COST = 6 * ROW_GAP;
const MAX_COLUMN_SHIFTS = 3;

type Target = { x: number; y: number; align: "right" | "left" };

export type ReplayState = {
  known: Set<string>;
  positions: Map<string, Point>;
  fans: Map<string, Fan>;
  fanOf: Map<string, string>;
  opened: Set<string>;
  occupied: OccupiedGrid;
};

export class Replay {
  private readonly ups = new Map<string, string[]>();
  private readonly downs = new Map<string, string[]>();
  private readonly kinds = new Map<string, NodeKind>();
  private known = new Set<string>();
  private positions = new Map<string, Point>();
  private fans = new Map<string, Fan>();
  private fanOf = new Map<string, string>();
  private opened = new Set<string>();
  private occupied = new OccupiedGrid();
  private readonly keepApart: ReadonlySet<string>;
  /**
   * Whole-view layouts put each node as near the root as its edges allow: a view mostly of
   * sources aligns on its sinks (the root's direct sources sit right beside it, however deep
   * their own lineage runs), a view mostly of uses on its sources.
   */
  private readonly align: "sinks" | "sources";

  constructor(private readonly input: ArrangeInput) {
    this.align = input.up >= input.down ? "sinks" : "sources";
    for (const node of input.nodes) {
      this.kinds.set(node.id, node.kind);
      this.ups.set(node.id, []);
      this.downs.set(node.id, []);
    }
    const seen = new Set<string>();
    for (const { up, down } of input.edges) {
      const pair = `${up}\n${down}`;
      if (up === down || seen.has(pair) || !this.kinds.has(up) || !this.kinds.has(down)) continue;
      seen.add(pair);
      this.downs.get(up)!.push(down);
      this.ups.get(down)!.push(up);
    }
    for (const list of [...this.ups.values(), ...this.downs.values()]) list.sort(compareIds);
    this.keepApart = new Set([...(input.keepApart ?? []), input.root]);
  }

  has(id: string): boolean {
    return this.kinds.has(id);
  }

  /** A copy of where the replay stands (fans copied deep: their member lists change). */
  snapshot(): ReplayState {
    return this.copyOf({ known: this.known, positions: this.positions, fans: this.fans, fanOf: this.fanOf, opened: this.opened, occupied: this.occupied });
  }

  /** Resume from a checkpoint (copied: one checkpoint may be resumed more than once). */
  restore(state: ReplayState) {
    const copy = this.copyOf(state);
    this.known = copy.known;
    this.positions = copy.positions;
    this.fans = copy.fans;
    this.fanOf = copy.fanOf;
    this.opened = copy.opened;
    this.occupied = copy.occupied;
  }

  private copyOf(state: Pick<ReplayState, keyof ReplayState>): ReplayState {
    return {
      known: new Set(state.known),
      positions: new Map([...state.positions].map(([id, p]) => [id, { ...p }])),
      fans: new Map([...state.fans].map(([id, fan]) => [id, { ...fan, members: [...fan.members] }])),
      fanOf: new Map(state.fanOf),
      opened: new Set(state.opened),
      occupied: state.occupied.clone(),
    };
  }

  /** Edges among the known nodes (in this replay's graph). */
  knownEdgeCount(known: ReadonlySet<string> = this.known): number {
    let count = 0;
    for (const id of known) for (const d of this.downs.get(id) ?? []) if (known.has(d)) count++;
    return count;
  }

  /**
   * The checkpoint still stands in this graph: its nodes are all here with the same edges
   * among them. A graph that only grew passes — by a later expansion (then resuming gives
   * exactly the full replay), or by a trace that found new sources for a drawn node (then the
   * new nodes are placed beside what they attach to, and nothing drawn moves; a fresh load of
   * the link lays the new data out from scratch).
   */
  canResume(previous: ArrangeCheckpoint): boolean {
    const known = previous.state.known;
    for (const id of known) if (!this.kinds.has(id)) return false;
    return this.knownEdgeCount(known) === previous.knownEdges;
  }

  result(): Arrangement {
    return { positions: this.positions, fans: this.fans, fanOf: this.fanOf };
  }

  /** The root's neighbourhood at the view's depths. */
  baseSet(): string[] {
    const out = new Set([this.input.root]);
    for (const [next, depth] of [
      [this.ups, this.input.up],
      [this.downs, this.input.down],
    ] as const) {
      let frontier = [this.input.root];
      for (let d = 0; d < depth && frontier.length; d++) {
        const following: string[] = [];
        for (const id of frontier) {
          for (const other of next.get(id)!) {
            if (!out.has(other)) {
              out.add(other);
              following.push(other);
            }
          }
        }
        frontier = following;
      }
    }
    return [...out].sort(compareIds);
  }

  /** Apply one step; false when it cannot apply yet (its node is not drawn). */
  apply(step: ArrangeStep): boolean {
    if (step.op === "open") {
      const id = createFanId(step.id, step.dir);
      const fan = this.fans.get(id);
      if (!fan) {
        // A group that forms later opens as it forms; one that never forms is nothing to do.
        this.opened.add(id);
        return this.known.has(step.id);
      }
      this.openFan(fan);
      return true;
    }
    if (!this.known.has(step.id)) return false;
    if (this.fanOf.has(step.id)) this.placeReleased([this.release(step.id)].flat());
    const next = step.op === "up" ? this.ups : this.downs;
    const fresh = next.get(step.id)!.filter((id) => !this.known.has(id));
    if (!fresh.length) return true;
    const anchor = this.positions.get(step.id)!;
    this.add(fresh, step.op === "up" ? { x: anchor.x - COLUMN_GAP, y: anchor.y, align: "right" } : { x: anchor.x + COLUMN_GAP, y: anchor.y, align: "left" });
    return true;
  }

  /** Whatever the steps never reached, beside what it attaches to. */
  addRest() {
    const rest = [...this.kinds.keys()].filter((id) => !this.known.has(id)).sort(compareIds);
    if (rest.length) this.add(rest, "around");
  }

  /** Lay out every placed item again, as if the view had been drawn whole. */
  tidy() {
    const items = [...this.positions.keys()].sort(compareIds);
    const ideal = idealLayout({ nodes: items, edges: this.itemEdges(new Set(items)) }, { align: this.align });
    this.positions.clear();
    this.occupied = new OccupiedGrid();
    for (const id of items) this.setPosition(id, ideal[id]!);
  }

  /**
   * New nodes come in: members of groups they touch leave their groups, wide fans among them
   * are grouped, and the resulting items are placed (whole when nothing is drawn yet).
   */
  add(ids: readonly string[], placement: Target | "around" | null) {
    for (const id of ids) this.known.add(id);
    const released: string[] = [];
    for (const id of ids) {
      for (const other of this.neighbours(id)) if (this.fanOf.has(other)) released.push(...this.release(other));
    }
    const grouped = this.input.grouping ? this.group(ids) : [];
    const items = [...ids.filter((id) => !this.fanOf.has(id)), ...grouped, ...released];
    if (!items.length) return;
    if (placement === null) {
      const ideal = idealLayout({ nodes: items, edges: this.itemEdges(new Set(items)) }, { align: this.align });
      for (const id of items) this.setPosition(id, ideal[id]!);
    } else if (placement === "around") this.placeAround(items);
    else this.placeBlock(items, placement);
  }

  private neighbours(id: string): string[] {
    return [...this.ups.get(id)!, ...this.downs.get(id)!].filter((other) => this.known.has(other));
  }

  /** Groups among newly known nodes; returns the fan ids that now need a place. */
  private group(ids: readonly string[]): string[] {
    const byFan = new Map<string, { parent: string; dir: FanDirection; members: string[] }>();
    for (const id of ids) {
      if (this.keepApart.has(id) || this.kinds.get(id) === "BENCHMARK") continue;
      const near = this.neighbours(id);
      if (near.length !== 1) continue;
      const parent = near[0]!;
      const dir: FanDirection = this.downs.get(id)!.includes(parent) ? "up" : "down";
      const fanId = createFanId(parent, dir);
      const entry = byFan.get(fanId) ?? { parent, dir, members: [] };
      entry.members.push(id);
      byFan.set(fanId, entry);
    }
    const placeNeeded: string[] = [];
    for (const [fanId, { parent, dir, members }] of [...byFan].sort((a, b) => compareIds(a[0], b[0]))) {
      if (this.opened.has(fanId)) continue;
      const existing = this.fans.get(fanId);
      if (!existing && members.length <= FAN_THRESHOLD) continue;
      const fan = existing ?? { id: fanId, parent, dir, members: [] };
      fan.members = [...fan.members, ...members].sort(compareIds);
      for (const m of members) this.fanOf.set(m, fanId);
      if (!existing) {
        this.fans.set(fanId, fan);
        placeNeeded.push(fanId);
      }
    }
    return placeNeeded;
  }

  /** Take a member out of its group; a group left with one member lets it go too. Returns who left. */
  private release(member: string): string[] {
    const fanId = this.fanOf.get(member)!;
    const fan = this.fans.get(fanId)!;
    fan.members = fan.members.filter((m) => m !== member);
    this.fanOf.delete(member);
    if (fan.members.length > 1) return [member];
    const last = fan.members;
    for (const m of last) this.fanOf.delete(m);
    this.fans.delete(fanId);
    const slot = this.positions.get(fanId);
    if (slot) {
      this.positions.delete(fanId);
      this.occupied.remove(slot);
    }
    return [member, ...last];
  }

  private placeReleased(ids: string[]) {
    if (ids.length) this.placeAround(ids);
  }

  private openFan(fan: Fan) {
    this.fans.delete(fan.id);
    this.opened.add(fan.id);
    for (const m of fan.members) this.fanOf.delete(m);
    const slot = this.positions.get(fan.id)!;
    this.positions.delete(fan.id);
    this.occupied.remove(slot);
    if (fan.members.length) this.placeBlock(fan.members, { x: slot.x, y: slot.y, align: fan.dir === "up" ? "right" : "left" });
  }

  /** Drawn edges between items (group members stand in for their group). */
  private itemEdges(items: ReadonlySet<string>): LayoutEdge[] {
    const out: LayoutEdge[] = [];
    const seen = new Set<string>();
    for (const id of this.known) {
      const upstream = this.fanOf.get(id) ?? id;
      if (!items.has(upstream)) continue;
      for (const d of this.downs.get(id)!) {
        if (!this.known.has(d)) continue;
        const downstream = this.fanOf.get(d) ?? d;
        const pair = `${upstream}\n${downstream}`;
        if (upstream === downstream || !items.has(downstream) || seen.has(pair)) continue;
        seen.add(pair);
        out.push({ upstream, downstream });
      }
    }
    return out;
  }

  private setPosition(id: string, p: Point) {
    this.positions.set(id, p);
    this.occupied.add(p);
  }

  /**
   * Lay the items out among themselves, then put that block at `target` (its right or left
   * column there, its middle at target.y), slid to the nearest rows where it overlaps
   * nothing, or a column further out when that is nearer.
   */
  private placeBlock(items: readonly string[], target: Target) {
    const block = idealLayout({ nodes: items, edges: this.itemEdges(new Set(items)) }, { align: target.align === "right" ? "sinks" : "sources" });
    const points = items.map((id) => block[id]!);
    const minX = Math.min(...points.map((p) => p.x));
    const maxX = Math.max(...points.map((p) => p.x));
    const minY = Math.min(...points.map((p) => p.y));
    const maxY = Math.max(...points.map((p) => p.y));
    const dx = target.align === "right" ? target.x - maxX : target.x - minX;
    const dy = target.y - (minY + maxY) / 2;
    const outward = target.align === "right" ? -1 : 1;
    const fits = (sx: number, sy: number) => points.every((p) => this.occupied.isFree({ x: p.x + sx, y: p.y + sy }));
    // Beyond this many rows the block clears everything drawn, so the search always ends.
    const span = this.occupied.size ? Math.ceil((this.occupied.bounds.maxY - this.occupied.bounds.minY + maxY - minY) / ROW_GAP) + 2 : 0;
    let best: { sx: number; sy: number; cost: number } | null = null;
    for (let shift = 0; shift <= MAX_COLUMN_SHIFTS; shift++) {
      const sx = dx + outward * shift * COLUMN_GAP;
      const base = shift * COLUMN_SHIFT_COST;
      if (best && base >= best.cost) break;
      for (let k = 0; k <= span; k++) {
        if (best && base + k * ROW_GAP >= best.cost) break;
        const found = [1, -1].map((sign) => dy + sign * k * ROW_GAP).find((sy) => fits(sx, sy));
        if (found !== undefined) {
          best = { sx, sy: found, cost: base + k * ROW_GAP };
          break;
        }
      }
    }
    const { sx, sy } = best ?? { sx: dx, sy: this.occupied.bounds.maxY + ROW_GAP * 2 - minY };
    items.forEach((id, i) => this.setPosition(id, { x: points[i]!.x + sx, y: points[i]!.y + sy }));
  }

  /**
   * Items with no single anchor: each connected part goes beside the first drawn node it
   * attaches to (left of it when it feeds it), or below everything when it attaches to none.
   */
  private placeAround(items: readonly string[]) {
    const itemSet = new Set(items);
    const edges = this.itemEdges(new Set([...itemSet, ...this.positions.keys()]));
    const link = new Map<string, string[]>();
    const push = (a: string, b: string) => link.set(a, [...(link.get(a) ?? []), b]);
    for (const { upstream, downstream } of edges) {
      push(upstream, downstream);
      push(downstream, upstream);
    }
    const done = new Set<string>();
    for (const start of [...items].sort(compareIds)) {
      if (done.has(start)) continue;
      const part = [start];
      done.add(start);
      for (let i = 0; i < part.length; i++) {
        for (const other of link.get(part[i]!) ?? []) {
          if (itemSet.has(other) && !done.has(other)) {
            done.add(other);
            part.push(other);
          }
        }
      }
      const inPart = new Set(part);
      const anchors: { anchor: string; feeds: boolean }[] = [];
      for (const { upstream, downstream } of edges) {
        if (inPart.has(upstream) && this.positions.has(downstream) && !itemSet.has(downstream)) anchors.push({ anchor: downstream, feeds: true });
        if (inPart.has(downstream) && this.positions.has(upstream) && !itemSet.has(upstream)) anchors.push({ anchor: upstream, feeds: false });
      }
      anchors.sort((a, b) => compareIds(a.anchor, b.anchor) || Number(b.feeds) - Number(a.feeds));
      const first = anchors[0];
      if (!first) {
        const bounds = this.occupied.bounds;
        const top = Number.isFinite(bounds.maxY) ? bounds.maxY + ROW_GAP * 2 : 0;
        const left = Number.isFinite(bounds.minX) ? bounds.minX : 0;
        this.placeBlock(part, { x: left, y: top + ROW_GAP * (part.length / 2), align: "left" });
        continue;
      }
      const at = this.positions.get(first.anchor)!;
      this.placeBlock(part, first.feeds ? { x: at.x - COLUMN_GAP, y: at.y, align: "right" } : { x: at.x + COLUMN_GAP, y: at.y, align: "left" });
    }
  }
}
