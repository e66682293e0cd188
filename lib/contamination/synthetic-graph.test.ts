import { describe, expect, it } from "vitest";
import { normalizeKey } from "@/lib/keys";
import { computeContamination } from "./compute";
import { syntheticLineageGraph } from "./synthetic-graph";

describe("syntheticLineageGraph", () => {
  const spec = { nodes: 5_000, benchmarks: 25, seed: 7 };
  const graph = syntheticLineageGraph(spec);

  it("is deterministic for a seed and differs between seeds", () => {
    expect(syntheticLineageGraph(spec)).toEqual(graph);
    expect(syntheticLineageGraph({ ...spec, seed: 8 }).edges).not.toEqual(graph.edges);
  });

  it("has the requested benchmarks and nodes, about 2–3 edges per node, and no cycle", () => {
    expect(graph.evalSets).toHaveLength(25);
    const nodes = new Set([...graph.evalSets.map((b) => b.key), ...graph.edges.flatMap((e) => [e.upstream, e.downstream])]);
    expect(nodes.size).toBeLessThanOrEqual(spec.nodes);
    expect(nodes.size).toBeGreaterThan(spec.nodes * 0.9);
    expect(graph.edges.length / spec.nodes).toBeGreaterThan(2);
    expect(graph.edges.length / spec.nodes).toBeLessThan(3);
    // Every edge points from an earlier node to a later one in generation order.
    const order = new Map<string, number>();
    for (const key of [...graph.evalSets.map((b) => b.key), ...graph.edges.map((e) => e.downstream)]) if (!order.has(key)) order.set(key, order.size);
    for (const e of graph.edges) {
      const u = order.get(e.upstream) ?? -1;
      expect(u).toBeLessThan(order.get(e.downstream)!);
    }
  });

  it("mixes splits out of benchmarks, review states and decontamination statements", () => {
    const benchmarkKeys = new Set(graph.evalSets.map((b) => normalizeKey(b.key)));
    const splits = new Set(graph.edges.filter((e) => benchmarkKeys.has(normalizeKey(e.upstream))).map((e) => e.split));
    expect([...splits].sort()).toEqual(["ALL", "TEST", "TRAIN", "UNKNOWN"]);
    expect(new Set(graph.edges.map((e) => e.status))).toEqual(new Set(["ACCEPTED", "PROPOSED", "REJECTED"]));
    expect(graph.decontaminations.length).toBeGreaterThan(0);
    expect(graph.edges.some((e) => benchmarkKeys.has(normalizeKey(e.upstream)) && benchmarkKeys.has(normalizeKey(e.downstream)))).toBe(true);
  });

  it("dates every node in generation order and declares some holders", () => {
    expect(graph.nodes!.filter((n) => n.created).length).toBeGreaterThan(spec.nodes * 0.5);
    expect(graph.holdings!.length).toBeGreaterThan(0);
  });

  it("gives the rules every severity to find", () => {
    const severities = new Set(computeContamination(graph, { maxPaths: 0 }).map((f) => f.severity));
    expect(severities).toEqual(new Set(["CONTAMINATED", "POSSIBLE", "MITIGATED", "TRAIN_LINEAGE"]));
  });
});
