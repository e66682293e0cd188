import type { Core } from "cytoscape";
import type { Point } from "@/lib/graph/layered";
import { LABEL_ZOOM } from "@/lib/graph/labels";
import { fitAll, glide, readableAround, reveal, SHAPES_ONLY } from "./canvas-motion";

/** What the explorer may ask of the drawn graph. */
export type CanvasHandle = {
  /** Model positions of every drawn dataset node, by key (what a snapshot stores). */
  positions(): Record<string, Point>;
  viewport(): { zoom: number; pan: Point };
  png(): Promise<Blob>;
  fitAll(): void;
  /** The selection and its neighbours at a readable zoom. */
  zoomToSelection(): void;
  /** Centre a node at a readable zoom. */
  centreOn(id: string): void;
};

export function createCanvasHandle(getCy: () => Core | null, getSelected: () => string): CanvasHandle {
  return {
    positions() {
      const out: Record<string, Point> = {};
      getCy()?.nodes().forEach((n) => {
        if (n.data("key")) out[n.data("key") as string] = { ...n.position() };
      });
      return out;
    },
    viewport() {
      const cy = getCy();
      return cy ? { zoom: cy.zoom(), pan: { ...cy.pan() } } : { zoom: 1, pan: { x: 0, y: 0 } };
    },
    async png() {
      const cy = getCy();
      if (!cy) throw new Error("The graph is not drawn yet.");
      const box = cy.nodes().boundingBox(SHAPES_ONLY);
      // Twice the size for sharp text, unless that would exceed what a browser canvas can hold.
      const scale = Math.min(2, 12000 / Math.max(1, box.w, box.h));
      return cy.png({ full: true, scale, bg: "#ffffff", output: "blob-promise" });
    },
    fitAll() {
      const cy = getCy();
      if (cy) glide(cy, fitAll(cy));
    },
    zoomToSelection() {
      const cy = getCy();
      const node = cy?.getElementById(getSelected());
      if (!cy || !node || node.empty()) return;
      glide(cy, readableAround(cy, node.closedNeighborhood().nodes(), node.id()));
    },
    centreOn(id: string) {
      const cy = getCy();
      if (cy) reveal(cy, id, Math.max(cy.zoom(), LABEL_ZOOM));
    },
  };
}
