import { describe, expect, it } from "vitest";
import { arrange, arrangeResuming, FAN_THRESHOLD, type ArrangeCheckpoint, type ArrangeEdge, type ArrangeInput, type ArrangeNode, type ArrangeStep } from "./arrange";
import { createFanId } from "./ids";
import { COLUMN_GAP, MIN_SEPARATION, ROW_GAP, type Point } from "./layered";

const n = (id: string, kind: ArrangeNode["kind"] = "DATASET"): ArrangeNode => ({ id, kind });
const e = (up: string, down: string): ArrangeEdge => ({ up, down });

function input(nodes: string[], edges: ArrangeEdge[], patch: Partial<ArrangeInput> = {}): ArrangeInput {
  return { nodes: nodes.map((id) => n(id)), edges, root: "r", up: 1, down: 0, steps: [], tidyAt: null, grouping: true, ...patch };
}

function expectNoOverlaps(positions: Map<string, Point>) {
  const entries = [...positions];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const [a, b] = [entries[i]![1], entries[j]![1]];
      const overlap = Math.abs(a.x - b.x) < MIN_SEPARATION.x && Math.abs(a.y - b.y) < MIN_SEPARATION.y;
      expect(overlap, `${entries[i]![0]} overlaps ${entries[j]![0]}`).toBe(false);
    }
  }
}

const leaves = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(2, "0")}`);

describe("arrange", () => {
  it("lays the base view out in layers, sources left of what they feed", () => {
    const a = arrange(input(["r", "a", "b"], [e("a", "r"), e("b", "r")]));
    expect(a.positions.get("a")).toEqual({ x: 0, y: -ROW_GAP / 2 });
    expect(a.positions.get("b")).toEqual({ x: 0, y: ROW_GAP / 2 });
    expect(a.positions.get("r")).toEqual({ x: COLUMN_GAP, y: 0 });
  });

  it("places nodes outside the depth only when a step reaches them", () => {
    const graph = input(["r", "a", "a1", "a2"], [e("a", "r"), e("a1", "a"), e("a2", "a")]);
    const before = arrange(graph);
    expect([...before.positions.keys()].sort()).toEqual(["a", "a1", "a2", "r"]);
    // Without the step, a1 and a2 are placed last, beside a; with it, in a's band: the same place.
    const after = arrange({ ...graph, steps: [{ op: "up", id: "a" }] });
    expect(after.positions.get("a1")).toEqual({ x: -COLUMN_GAP, y: -ROW_GAP / 2 });
    expect(after.positions.get("a2")).toEqual({ x: -COLUMN_GAP, y: ROW_GAP / 2 });
  });

  it("never moves a drawn node when a step is added, and puts the new block in free rows", () => {
    // r's sources a, b, c in one column; expanding b brings 3 sources that must not land on a's or c's row band.
    const nodes = ["r", "a", "b", "c", "a1", "b1", "b2", "b3", "c1"];
    const edges = [e("a", "r"), e("b", "r"), e("c", "r"), e("a1", "a"), e("b1", "b"), e("b2", "b"), e("b3", "b"), e("c1", "c")];
    const s1: ArrangeStep[] = [{ op: "up", id: "a" }, { op: "up", id: "c" }];
    const first = arrange(input(nodes.filter((x) => !x.startsWith("b") || x === "b"), edges, { steps: s1 }));
    const second = arrange(input(nodes, edges, { steps: [...s1, { op: "up", id: "b" }] }));
    for (const [id, p] of first.positions) expect(second.positions.get(id), id).toEqual(p);
    expectNoOverlaps(second.positions);
    // a1 sits at (-240, -80), c1 at (-240, 80): b's three sources centre on b (y 0) but must slide clear of both.
    const ys = ["b1", "b2", "b3"].map((id) => second.positions.get(id)!.y);
    expect(ys).toEqual([ys[0]!, ys[0]! + ROW_GAP, ys[0]! + 2 * ROW_GAP]);
    expect(["b1", "b2", "b3"].every((id) => second.positions.get(id)!.x <= -COLUMN_GAP)).toBe(true);
  });

  it(`groups more than ${FAN_THRESHOLD} sibling leaves into one node, and leaves ${FAN_THRESHOLD} alone`, () => {
    const few = leaves("s", FAN_THRESHOLD);
    const small = arrange(input(["r", ...few], few.map((s) => e(s, "r"))));
    expect(small.fans.size).toBe(0);
    const many = leaves("s", FAN_THRESHOLD + 1);
    const big = arrange(input(["r", ...many, "x", "y"], [...many.map((s) => e(s, "r")), e("x", "r"), e("y", "x")], { up: 2 }));
    const fanId = createFanId("r", "up");
    expect(big.fans.get(fanId)?.members).toEqual(many);
    expect(many.every((s) => big.fanOf.get(s) === fanId && !big.positions.has(s))).toBe(true);
    // x has a source of its own, so it is no leaf: drawn on its own.
    expect(big.positions.has("x")).toBe(true);
    expect(big.positions.has(fanId)).toBe(true);
  });

  it("keeps the selection, benchmarks and the root out of groups", () => {
    const many = leaves("s", 14);
    const graph = input(["r", ...many, "bench"], [...many.map((s) => e(s, "r")), e("bench", "r")], {
      nodes: [n("r"), ...many.map((id) => n(id)), n("bench", "BENCHMARK")],
      keepApart: new Set(["s03"]),
    });
    const a = arrange(graph);
    const fan = a.fans.get(createFanId("r", "up"))!;
    expect(fan.members).toHaveLength(13);
    expect(fan.members).not.toContain("s03");
    expect(a.positions.has("s03")).toBe(true);
    expect(a.positions.has("bench")).toBe(true);
  });

  it("opens a group in place, moving nothing else", () => {
    const many = leaves("s", 20);
    const graph = input(["r", "x", "y", ...many], [...many.map((s) => e(s, "r")), e("x", "r"), e("y", "x")], { up: 2 });
    const closed = arrange(graph);
    const opened = arrange({ ...graph, steps: [{ op: "open", id: "r", dir: "up" }] });
    const fanId = createFanId("r", "up");
    expect(opened.fans.size).toBe(0);
    for (const [id, p] of closed.positions) if (id !== fanId) expect(opened.positions.get(id), id).toEqual(p);
    for (const s of many) expect(opened.positions.has(s)).toBe(true);
    expectNoOverlaps(opened.positions);
    // The members spread leftwards from the group's column, never past r.
    const slot = closed.positions.get(fanId)!;
    for (const s of many) expect(opened.positions.get(s)!.x).toBeLessThanOrEqual(slot.x);
  });

  it("lets a member go when a later step gives it a second drawn edge", () => {
    // r ← s00..s19 (leaves at first), r ← y ← z (z beyond depth) and s03 → z.
    const many = leaves("s", 20);
    const graph = input(["r", "y", "z", ...many], [...many.map((s) => e(s, "r")), e("y", "r"), e("z", "y"), e("s03", "z")]);
    const before = arrange({ ...graph, nodes: graph.nodes.filter((x) => x.id !== "z"), edges: graph.edges.filter((x) => x.up !== "z" && x.down !== "z") });
    expect(before.fanOf.get("s03")).toBe(createFanId("r", "up"));
    const after = arrange({ ...graph, steps: [{ op: "up", id: "y" }] });
    expect(after.fanOf.has("s03")).toBe(false);
    expect(after.positions.has("s03")).toBe(true);
    expect(after.fans.get(createFanId("r", "up"))!.members).toHaveLength(19);
    for (const [id, p] of before.positions) expect(after.positions.get(id), id).toEqual(p);
    expectNoOverlaps(after.positions);
  });

  it("draws every member separately when grouping is off", () => {
    const many = leaves("s", 20);
    const a = arrange(input(["r", ...many], many.map((s) => e(s, "r")), { grouping: false }));
    expect(a.fans.size).toBe(0);
    expect(a.positions.size).toBe(21);
    // 20 sources stay in one column: no wrapping below 24 rows.
    expect(new Set(many.map((s) => a.positions.get(s)!.x))).toEqual(new Set([0]));
  });

  it("wraps a very tall layer into sub-columns, keeping the order top to bottom", () => {
    const many = leaves("s", 60);
    const a = arrange(input(["r", ...many], many.map((s) => e(s, "r")), { grouping: false }));
    const xs = new Set(many.map((s) => a.positions.get(s)!.x));
    expect(xs.size).toBe(3);
    const ys = many.map((s) => a.positions.get(s)!.y);
    for (let i = 1; i < ys.length; i++) expect(ys[i]).toBeGreaterThanOrEqual(ys[i - 1]!);
    expectNoOverlaps(a.positions);
    expect(a.positions.get("r")!.x).toBeGreaterThan(Math.max(...xs));
  });

  it("replays expansions in the URL's order, and a step naming a node not drawn yet waits for it", () => {
    const graph = input(["r", "a", "b", "c"], [e("a", "r"), e("b", "a"), e("c", "b")], { up: 1 });
    const ordered = arrange({ ...graph, steps: [{ op: "up", id: "a" }, { op: "up", id: "b" }] });
    const waiting = arrange({ ...graph, steps: [{ op: "up", id: "b" }, { op: "up", id: "a" }] });
    expect(waiting.positions).toEqual(ordered.positions);
    expect(ordered.positions.get("c")!.x).toBe(-2 * COLUMN_GAP);
  });

  it("tidies: the layout after a tidy step is the whole-view layout of what was known", () => {
    const graph = input(["r", "a", "b", "a1", "b1"], [e("a", "r"), e("b", "r"), e("a1", "a"), e("b1", "b")], {
      steps: [{ op: "up", id: "b" }, { op: "up", id: "a" }],
    });
    const tidy = arrange({ ...graph, tidyAt: 2 });
    const whole = arrange({ ...graph, steps: [], up: 2 });
    expect(tidy.positions).toEqual(whole.positions);
    // Undoing the tidy gives back the replayed positions.
    expect(arrange(graph).positions).not.toEqual(whole.positions);
  });

  it("is the same whatever order the graph's nodes and edges come in", () => {
    const many = leaves("s", 15);
    const nodes = ["r", "x", "y", ...many];
    const edges = [...many.map((s) => e(s, "x")), e("x", "r"), e("y", "r")];
    const a = arrange(input(nodes, edges, { up: 2 }));
    const b = arrange(input([...nodes].reverse(), [...edges].reverse(), { up: 2 }));
    expect(b.positions).toEqual(a.positions);
    expect(b.fans).toEqual(a.fans);
  });

  it("never overlaps on a bigger random view grown step by step, and each step keeps what was drawn", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const all = ["r", ...Array.from({ length: 160 }, (_, i) => `n${i}`)];
    const edges: ArrangeEdge[] = [];
    for (let i = 0; i < 160; i++) {
      edges.push(e(`n${i}`, i < 8 ? "r" : `n${Math.floor(random() * Math.min(i, 40))}`));
      if (random() < 0.25 && i > 10) edges.push(e(`n${i}`, `n${Math.floor(random() * 10)}`));
    }
    const steps: ArrangeStep[] = Array.from({ length: 14 }, (_, i) => ({ op: "up", id: `n${(i * 7) % 20}` }));
    // What the server sends for a view: the root's sources (up=1) plus one level above each expanded node.
    const served = (k: number) => {
      const known = new Set(["r", ...edges.filter((x) => x.down === "r").map((x) => x.up)]);
      for (let changed = true; changed; ) {
        changed = false;
        for (const step of steps.slice(0, k)) {
          if (!known.has(step.id)) continue;
          for (const x of edges) {
            if (x.down !== step.id || known.has(x.up)) continue;
            known.add(x.up);
            changed = true;
          }
        }
      }
      return input(
        all.filter((id) => known.has(id)),
        edges.filter((x) => known.has(x.up) && known.has(x.down)),
        { steps: steps.slice(0, k) },
      );
    };
    let previous: Map<string, Point> | null = null;
    for (let k = 0; k <= steps.length; k++) {
      const a = arrange(served(k));
      expectNoOverlaps(a.positions);
      if (previous) for (const [id, p] of previous) if (a.positions.has(id)) expect(a.positions.get(id), `step ${k}: ${id}`).toEqual(p);
      previous = a.positions;
    }
  });
});

describe("arrangeResuming", () => {
  const many = leaves("s", 20);
  const nodes = ["r", "a", "b", "a1", "a2", "b1", "x", ...many];
  const edges = [e("a", "r"), e("b", "r"), e("a1", "a"), e("a2", "a"), e("b1", "b"), e("x", "a1"), ...many.map((s) => e(s, "r"))];
  const steps: ArrangeStep[] = [{ op: "up", id: "a" }, { op: "open", id: "r", dir: "up" }, { op: "up", id: "a1" }, { op: "up", id: "b" }];
  const view = (k: number, patch: Partial<ArrangeInput> = {}) => input(nodes, edges, { steps: steps.slice(0, k), ...patch });

  it("gives exactly what a full replay gives, step after step", () => {
    let checkpoint: ArrangeCheckpoint | null = null;
    for (let k = 0; k <= steps.length; k++) {
      const resumed = arrangeResuming(view(k), checkpoint);
      expect(resumed.arrangement).toEqual(arrange(view(k)));
      checkpoint = resumed.checkpoint;
    }
  });

  it("starts over when the view changed under it: other depth, a step taken back, a new edge among drawn nodes", () => {
    const { checkpoint } = arrangeResuming(view(3), null);
    expect(arrangeResuming(view(3, { up: 2 }), checkpoint).arrangement).toEqual(arrange(view(3, { up: 2 })));
    expect(arrangeResuming(view(2), checkpoint).arrangement).toEqual(arrange(view(2)));
    const rewired = input(nodes, [...edges, e("a2", "b")], { steps: steps.slice(0, 4) });
    expect(arrangeResuming(rewired, checkpoint).arrangement).toEqual(arrange(rewired));
  });

  it("keeps every drawn node in place when the store grows under the view (a trace found new sources)", () => {
    const { arrangement: before, checkpoint } = arrangeResuming(view(3), null);
    // x (drawn, expanded) gains two sources the replay never knew.
    const grown = input([...nodes, "t1", "t2"], [...edges, e("t1", "x"), e("t2", "x")], { steps: steps.slice(0, 3) });
    const after = arrangeResuming(grown, checkpoint).arrangement;
    for (const [id, p] of before.positions) expect(after.positions.get(id), id).toEqual(p);
    expect(after.positions.get("t1")!.x).toBeLessThan(after.positions.get("x")!.x);
    expectNoOverlaps(after.positions);
  });

  it("is not changed by being resumed twice", () => {
    const { checkpoint } = arrangeResuming(view(2), null);
    const first = arrangeResuming(view(4), checkpoint).arrangement;
    expect(arrangeResuming(view(4), checkpoint).arrangement).toEqual(first);
  });
});
