import { describe, expect, it } from "vitest";
import { lineageEdge, lineageNode } from "@/lib/lineage/test-factories";
import type { LineageEdge, LineageGraph, LineageNode } from "@/lib/lineage/types";
import { mergeExpansion, type GraphExpansion } from "./merge-expansion";

/**
 * A hand-made store (arrows point downstream):
 *
 *   s/d → s/c → s/a → R → s/m → s/p
 *         s/c → s/b → R    s/x → s/m
 *   s/e → s/a   s/e → s/b  (s/e links two drawn nodes)
 *   s/f → s/e              (one level beyond s/e)
 */
const R = "Org/Root";
const STORE: [string, string][] = [
  ["s/d", "s/c"],
  ["s/c", "s/a"],
  ["s/c", "s/b"],
  ["s/a", R],
  ["s/b", R],
  ["s/e", "s/a"],
  ["s/e", "s/b"],
  ["s/f", "s/e"],
  [R, "s/m"],
  ["s/x", "s/m"],
  ["s/m", "s/p"],
];

const norm = (key: string) => key.toLowerCase();

/** A node as the server sends it: the store's counts, hidden counted against `drawn`. */
function served(key: string, drawn: Set<string>, extra: Partial<LineageNode> = {}): LineageNode {
  const ups = STORE.filter(([, d]) => norm(d) === norm(key)).map(([u]) => u);
  const downs = STORE.filter(([u]) => norm(u) === norm(key)).map(([, d]) => d);
  return lineageNode(key, {
    upstreamCount: ups.length,
    downstreamCount: downs.length,
    hiddenUpstream: ups.filter((u) => !drawn.has(norm(u))).length,
    hiddenDownstream: downs.filter((d) => !drawn.has(norm(d))).length,
    ...extra,
  });
}

/** What GET /api/view returns for a node set: every store edge between two of them. */
function view(keys: string[], truncated = false): LineageGraph {
  const drawn = new Set(keys.map(norm));
  return {
    root: R,
    nodes: keys.map((k) => served(k, drawn)),
    edges: STORE.filter(([u, d]) => drawn.has(norm(u)) && drawn.has(norm(d))).map(([u, d]) => lineageEdge(u, d)),
    truncated,
  };
}

/** What POST /api/expand returns, computed from the store the way lineage/expand.ts does. */
function expansion(graph: LineageGraph, key: string, direction: "up" | "down"): GraphExpansion {
  const have = new Set(graph.nodes.map((n) => norm(n.key)));
  const neighbours = STORE.filter((pair) => norm(pair[direction === "up" ? 1 : 0]) === norm(key)).map((pair) => pair[direction === "up" ? 0 : 1]);
  const added = neighbours.filter((k) => !have.has(norm(k))).sort();
  const context = new Set([...have, ...added.map(norm), norm(key)]);
  const fresh = new Set(added.map(norm));
  return {
    node: served(key, context),
    nodes: added.map((k) => served(k, context)),
    edges: STORE.filter(([u, d]) => (fresh.has(norm(u)) && context.has(norm(d))) || (fresh.has(norm(d)) && context.has(norm(u)))).map(([u, d]) => lineageEdge(u, d)),
    direction,
  };
}

const sortedNodes = (g: LineageGraph) => [...g.nodes].sort((a, b) => (norm(a.key) < norm(b.key) ? -1 : 1));
const pairs = (edges: LineageEdge[]) => edges.map((e) => `${e.upstream}>${e.downstream}`).sort();

describe("mergeExpansion", () => {
  const base = view([R, "s/a", "s/b", "s/m"]);

  it("adds upstream neighbours linked to drawn nodes and to each other, recomputing every hidden count", () => {
    // Expanding s/a upstream brings s/c and s/e; both also feed the drawn s/b.
    const merged = mergeExpansion(base, expansion(base, "s/a", "up"));
    const expected = view([R, "s/a", "s/b", "s/m", "s/c", "s/e"]);
    expect(sortedNodes(merged)).toEqual(sortedNodes(expected));
    expect(pairs(merged.edges)).toEqual(pairs(expected.edges));
    expect(merged.nodes.find((n) => n.key === "s/b")).toMatchObject({ upstreamCount: 2, hiddenUpstream: 0 });
    expect(merged.nodes.find((n) => n.key === "s/c")).toMatchObject({ hiddenUpstream: 1, hiddenDownstream: 0 });
    // s/c and s/e have sources beyond them: the view is now truncated, as getView would say.
    expect(merged.truncated).toBe(true);
    expect(merged.root).toBe(R);
    expect(merged.nodes.slice(0, 4).map((n) => n.key)).toEqual([R, "s/a", "s/b", "s/m"]);
  });

  it("adds downstream neighbours, and chains with further expansions", () => {
    const once = mergeExpansion(base, expansion(base, "s/m", "down"));
    expect(sortedNodes(once)).toEqual(sortedNodes(view([R, "s/a", "s/b", "s/m", "s/p"])));
    expect(once.truncated).toBe(false);
    const twice = mergeExpansion(once, expansion(once, "s/m", "up"));
    const expected = view([R, "s/a", "s/b", "s/m", "s/p", "s/x"]);
    expect(sortedNodes(twice)).toEqual(sortedNodes(expected));
    expect(pairs(twice.edges)).toEqual(pairs(expected.edges));
  });

  it("with nothing new, replaces the expanded node by the fresh one and changes nothing else", () => {
    const withAll = view([R, "s/a", "s/b", "s/m", "s/x"]);
    const empty = expansion(withAll, "s/m", "up");
    expect(empty.nodes).toEqual([]);
    expect(empty.edges).toEqual([]);
    const merged = mergeExpansion(withAll, { ...empty, node: { ...empty.node, displayName: "renamed" } });
    expect(merged.nodes.map((n) => n.key)).toEqual(withAll.nodes.map((n) => n.key));
    expect(merged.edges).toEqual(withAll.edges);
    expect(merged.nodes.find((n) => n.key === "s/m")!.displayName).toBe("renamed");
    expect(merged.nodes.filter((n) => n.key !== "s/m")).toEqual(withAll.nodes.filter((n) => n.key !== "s/m"));
  });

  it("takes the fresh node's counts (the store grew) and recomputes its hidden count from them", () => {
    const fresh = expansion(base, "s/a", "up");
    const grown: GraphExpansion = { ...fresh, node: { ...fresh.node, upstreamCount: 3, hiddenUpstream: 1 } };
    const merged = mergeExpansion(base, grown);
    // Two of its three sources are drawn now: one stays hidden.
    expect(merged.nodes.find((n) => n.key === "s/a")).toMatchObject({ upstreamCount: 3, hiddenUpstream: 1 });
  });

  it("matches keys in any casing: no duplicate nodes or edges", () => {
    const fresh = expansion(base, "s/a", "up");
    const shouting: GraphExpansion = {
      ...fresh,
      node: { ...fresh.node, key: "S/A" },
      edges: fresh.edges.map((e) => ({ ...e, upstream: e.upstream.toUpperCase(), downstream: e.downstream.toUpperCase() })),
    };
    const merged = mergeExpansion(base, shouting);
    expect(merged.nodes).toHaveLength(6);
    expect(merged.edges).toHaveLength(view([R, "s/a", "s/b", "s/m", "s/c", "s/e"]).edges.length);
  });

  it("keeps truncation once set, and leaves it alone without a direction", () => {
    expect(mergeExpansion(view([R, "s/a", "s/b", "s/m"], true), expansion(base, "s/m", "down")).truncated).toBe(true);
    const undirected: GraphExpansion = { ...expansion(base, "s/a", "up"), direction: undefined };
    expect(mergeExpansion(base, undirected).truncated).toBe(false);
  });

  it("does not change the graph it is given", () => {
    const copy = structuredClone(base);
    mergeExpansion(base, expansion(base, "s/a", "up"));
    expect(base).toEqual(copy);
  });
});
