import type { Core } from "cytoscape";
import type { KeyboardEvent } from "react";
import { ARROW_KEYS, arrowTarget } from "@/lib/graph/canvas-nav";
import { fitAll, reveal } from "./canvas-motion";

export type CanvasCommand = "expand-up" | "expand-down" | "collapse" | "focus" | "open-group";

type KeyTargets = { selectedId: string; onSelect: (id: string) => void; onCommand: (command: CanvasCommand, id: string) => void };

/** The canvas's keys: arrows move the selection along drawn edges, letters act on it, + - 0 zoom. */
export function handleCanvasKey(cy: Core, event: KeyboardEvent<HTMLDivElement>, { selectedId, onSelect, onCommand }: KeyTargets) {
  if (event.altKey || event.ctrlKey || event.metaKey || event.target !== event.currentTarget) return;
  const direction = ARROW_KEYS[event.key];
  if (direction) {
    event.preventDefault();
    const placed = cy.nodes().map((n) => ({ key: n.id(), ...n.position() }));
    const drawnEdges = cy.edges().map((e) => ({ upstream: e.source().id(), downstream: e.target().id() }));
    const target = arrowTarget(direction, selectedId, placed, drawnEdges);
    if (target) {
      if (cy.getElementById(target).data("kind") !== "GROUP") onSelect(target);
      else onCommand("open-group", target);
      reveal(cy, target);
    }
    return;
  }
  const command: CanvasCommand | undefined = ({ Enter: "expand-up", u: "expand-up", d: "expand-down", c: "collapse", f: "focus" } as const)[
    event.key.length === 1 ? event.key.toLowerCase() : event.key
  ];
  if (command) {
    event.preventDefault();
    onCommand(command, selectedId);
    return;
  }
  const zoom = { "+": 1.25, "=": 1.25, "-": 0.8 }[event.key];
  if (zoom) {
    event.preventDefault();
    cy.zoom({ level: cy.zoom() * zoom, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  } else if (event.key === "0") {
    event.preventDefault();
    cy.viewport(fitAll(cy));
  }
}
