"use client";

import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import { useEffect, useRef } from "react";
import { toCytoscapeElements } from "@/lib/graph/elements";
import { createNodeId, parseNodeId } from "@/lib/graph/ids";
import { layoutLineage, type Point } from "@/lib/graph/layout";
import type { LineageGraph } from "@/lib/lineage/types";
import { lineageStylesheet } from "./canvas-style";

type Props = {
  graph: LineageGraph;
  selectedKey: string | null;
  onSelect: (key: string) => void;
  className?: string;
};

/**
 * The lineage graph drawn with Cytoscape. Cytoscape is created once per mount; later graphs
 * are diffed in by element id so nodes already on screen keep their place (new ones are
 * laid out around them). The wrapper's data attributes mirror exactly what is drawn, for
 * tests and tools that cannot read a canvas.
 */
export function LineageCanvas({ graph, selectedKey, onSelect, className }: Props) {
  const wrapperRef = useRef<HTMLDivElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const fittedRef = useRef(false);
  const onSelectRef = useRef(onSelect);

  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    const cy = cytoscape({
      container: containerRef.current,
      style: lineageStylesheet(),
      layout: { name: "preset" },
      minZoom: 0.15,
      maxZoom: 2.5,
      boxSelectionEnabled: false,
      selectionType: "single",
    });
    cy.on("tap", "node", (event) => onSelectRef.current(parseNodeId(event.target.id())));
    cyRef.current = cy;
    fittedRef.current = false;
    return () => {
      cyRef.current = null;
      cy.destroy();
    };
  }, []);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const { nodes, edges } = toCytoscapeElements(graph);
    const nextIds = new Set([...nodes, ...edges].map((el) => el.data.id));
    const fixed: Record<string, Point> = {};
    cy.nodes().forEach((n) => {
      if (nextIds.has(n.id())) fixed[n.id()] = { ...n.position() };
    });
    const positions = layoutLineage(
      { nodes: nodes.map((n) => n.data.id), edges: edges.map((e) => ({ upstream: e.data.source, downstream: e.data.target })) },
      { fixed },
    );

    cy.batch(() => {
      cy.elements().filter((el) => !nextIds.has(el.id())).remove();
      const added: ElementDefinition[] = [];
      for (const el of [...nodes, ...edges]) {
        const existing = cy.getElementById(el.data.id);
        if (existing.nonempty()) existing.data(el.data);
        else added.push(el.group === "nodes" ? { ...el, position: positions[el.data.id] } : el);
      }
      // Nodes before edges: an edge can only be added once both of its ends exist.
      cy.add(added.sort((a, b) => (a.group === b.group ? 0 : a.group === "nodes" ? -1 : 1)));
    });

    if (!fittedRef.current && cy.nodes().nonempty()) {
      cy.fit(undefined, 40);
      if (cy.zoom() > 1.2) cy.zoom({ level: 1.2, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      fittedRef.current = true;
    }

    const wrapper = wrapperRef.current;
    if (wrapper) {
      wrapper.dataset.nodeCount = String(cy.nodes().length);
      wrapper.dataset.edgeCount = String(cy.edges().length);
      wrapper.dataset.nodeKeys = JSON.stringify(cy.nodes().map((n) => parseNodeId(n.id())).sort());
    }
  }, [graph]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements(":selected").unselect();
      if (selectedKey) cy.getElementById(createNodeId(selectedKey)).select();
    });
    if (wrapperRef.current) wrapperRef.current.dataset.selected = selectedKey ?? "";
  }, [selectedKey, graph]);

  return (
    <div ref={wrapperRef} data-testid="lineage-canvas" className={className ?? "relative h-[560px] w-full overflow-hidden rounded-lg border border-slate-200 bg-white"}>
      <div
        ref={containerRef}
        // Cytoscape makes its container position: relative, so size it directly rather than with insets.
        className="h-full w-full"
        role="img"
        aria-label={`Lineage graph of ${graph.root}: ${graph.nodes.length} nodes, ${graph.edges.length} edges. The list below the graph has the same sources as text.`}
      />
    </div>
  );
}
