import type { CollectionReturnValue, Core } from "cytoscape";
import { LABEL_ZOOM, pickLabels, pinnedFontSize } from "@/lib/graph/labels";
import { refreshLabelBounds } from "./canvas-renderer";

export type LabelInputs = {
  /** Ids in the order their labels are kept (lib/graph/labels.ts labelPriority). */
  ordered: readonly string[];
  /** Ids always labelled: the root, the selection, hovered and searched nodes. */
  always: readonly string[];
};

/**
 * Keeps the "label-pinned" class on the nodes whose names stay readable when zoomed out, and
 * their label size in data(lfs). Called once per frame at most, after any viewport change.
 * Returns the ids labelled at this zoom (all nodes when zoomed in enough).
 */
export function applyPinnedLabels(cy: Core, inputs: LabelInputs, current: Set<string>): Set<string> {
  const zoom = cy.zoom();
  if (zoom >= LABEL_ZOOM) {
    if (current.size) cy.batch(() => cy.nodes(".label-pinned").removeClass("label-pinned"));
    return new Set();
  }
  const size = { width: cy.width(), height: cy.height() };
  const kept = pickLabels({
    ordered: inputs.ordered,
    always: inputs.always,
    at: (id) => {
      const node = cy.getElementById(id);
      if (node.empty()) return undefined;
      const p = node.position();
      return { id, x: p.x, y: p.y, text: String(node.data("name") ?? "") };
    },
    zoom,
    pan: cy.pan(),
    size,
  });
  const next = new Set(kept);
  const lfs = pinnedFontSize(zoom);
  const resized: CollectionReturnValue[] = [];
  cy.batch(() => {
    for (const id of current) if (!next.has(id)) cy.getElementById(id).removeClass("label-pinned");
    for (const id of next) {
      const node = cy.getElementById(id);
      if (node.data("lfs") !== lfs) {
        node.data("lfs", lfs);
        resized.push(node);
      }
      if (!current.has(id)) node.addClass("label-pinned");
    }
  });
  refreshLabelBounds(resized);
  return next;
}
