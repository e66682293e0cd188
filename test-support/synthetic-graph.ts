/**
 * Deterministic layered lineage graphs for benchmarks. Layer 0 is the root; every node of
 * layer k feeds one or two nodes of layer k − 1, so each is exactly k hops upstream of the
 * root. Beyond the last visible layer, `frontier` nodes get hidden sources of their own
 * (two each, each with one more source) for the explorer to expand.
 */
import { RELATIONS, type Relation } from "@/lib/lineage/types";
import { prng } from "@/lib/random";

export type SyntheticSpec = {
  /** Hub owner of every key, e.g. "bench-200". */
  owner: string;
  /** Nodes per visible layer. */
  perLayer: number;
  /** Visible layers upstream of the root (the view opens with up = layers). */
  layers: number;
  /** Nodes of the last visible layer that have hidden sources. */
  frontier: number;
  seed: number;
};

export type SyntheticEdge = { upstream: string; downstream: string; relation: Relation; confidence: number };

export type SyntheticGraph = {
  spec: SyntheticSpec;
  root: string;
  nodes: string[];
  edges: SyntheticEdge[];
  /** Keys and edges within `layers` hops of the root: what the view draws. */
  visibleNodes: string[];
  visibleEdges: SyntheticEdge[];
  /** Last-layer nodes with hidden sources, in the order the benchmark expands them. */
  frontier: string[];
};


export function syntheticGraph(spec: SyntheticSpec): SyntheticGraph {
  const random = prng(spec.seed);
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  const keyOf = (layer: number, i: number) => `${spec.owner}/l${pad(layer, 2)}-n${pad(i, 4)}`;
  const root = `${spec.owner}/root`;
  const layerKeys: string[][] = [[root]];
  for (let layer = 1; layer <= spec.layers; layer++) layerKeys.push(Array.from({ length: spec.perLayer }, (_, i) => keyOf(layer, i)));

  const edges: SyntheticEdge[] = [];
  const claim = (upstream: string, downstream: string): SyntheticEdge => ({
    upstream,
    downstream,
    relation: RELATIONS[Math.floor(random() * RELATIONS.length)]!,
    confidence: Math.round((0.5 + random() * 0.5) * 100) / 100,
  });
  for (let layer = 1; layer <= spec.layers; layer++) {
    const below = layerKeys[layer - 1]!;
    const here = layerKeys[layer]!;
    here.forEach((key, i) => {
      // Spread evenly so every node below gets a source, plus a random second use half the time.
      const first = Math.floor((i * below.length) / here.length);
      edges.push(claim(key, below[first]!));
      if (below.length > 1 && random() < 0.5) {
        let second = Math.floor(random() * below.length);
        if (second === first) second = (second + 1) % below.length;
        edges.push(claim(key, below[second]!));
      }
    });
  }
  const visibleNodes = layerKeys.flat();
  const visibleEdges = [...edges];

  const last = layerKeys[spec.layers]!;
  const count = Math.min(spec.frontier, last.length);
  const frontier = Array.from({ length: count }, (_, i) => last[Math.floor((i * last.length) / count)]!);
  const hidden: string[] = [];
  frontier.forEach((key, f) => {
    for (let j = 0; j < 2; j++) {
      const source = keyOf(spec.layers + 1, f * 2 + j);
      const deeper = keyOf(spec.layers + 2, f * 2 + j);
      hidden.push(source, deeper);
      edges.push(claim(source, key), claim(deeper, source));
    }
  });
  return { spec, root, nodes: [...visibleNodes, ...hidden], edges, visibleNodes, visibleEdges, frontier };
}
