"use client";

import { useCallback, useMemo, useState } from "react";
import { incomingEdges, upstreamOf } from "@/lib/graph/upstream";
import type { LineageGraph } from "@/lib/lineage/types";
import { normalizeKey } from "@/lib/keys";
import { LineageCanvas } from "./LineageCanvas";
import { Legend } from "./Legend";
import { NodePanel } from "./NodePanel";
import { UpstreamList } from "./UpstreamList";

/** The lineage of one dataset: canvas, selected-node panel, legend and the list of sources. */
export function LineageView({ graph }: { graph: LineageGraph }) {
  const [selectedKey, setSelectedKey] = useState<string>(graph.root);
  const byKey = useMemo(() => new Map(graph.nodes.map((n) => [normalizeKey(n.key), n])), [graph]);
  const nameOf = useCallback((key: string) => byKey.get(normalizeKey(key))?.displayName ?? key, [byKey]);
  const upstream = useMemo(() => upstreamOf(graph), [graph]);
  const selected = byKey.get(normalizeKey(selectedKey)) ?? byKey.get(normalizeKey(graph.root));

  return (
    <div className="space-y-4">
      {graph.truncated && (
        <p className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Only part of the lineage is drawn: nodes marked “+N ↑” have more sources, and “+N ↓” more uses, than shown.
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <LineageCanvas graph={graph} selectedKey={selected?.key ?? null} onSelect={setSelectedKey} />
        {selected && <NodePanel node={selected} sources={incomingEdges(graph, selected.key)} isRoot={selected.key === graph.root} nameOf={nameOf} />}
      </div>
      <UpstreamList entries={upstream} nameOf={nameOf} selectedKey={selected?.key ?? null} onSelect={setSelectedKey} />
      <Legend />
    </div>
  );
}
