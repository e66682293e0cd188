import type { CollectionReturnValue, Core } from "cytoscape";

/** Above this many nodes, panning and zooming draw a cached texture without edges. */
export const LARGE_GRAPH = 500;
/**
 * Which Cytoscape renderer draws: its 2D canvas (default), or its WebGL renderer for views
 * from WEBGL_FROM nodes when `localStorage["rootline:renderer"]` is "webgl" and the browser has
 * WebGL 2. Measured with `npm run bench -- explorer` (BENCH_RENDERER=webgl): without a GPU
 * (software WebGL) it pans slower than the canvas, which pans on a cached image of the graph.
 */
export const WEBGL_FROM = 1500;

export function drawsWithWebgl(nodes: number): boolean {
  try {
    return nodes >= WEBGL_FROM && window.localStorage.getItem("rootline:renderer") === "webgl" && !!document.createElement("canvas").getContext("webgl2");
  } catch {
    return false;
  }
}

/** Renderer internals: switches Cytoscape only reads at start-up, and its cached container position. */
type RendererFlags = { textureOnViewport: boolean; hideEdgesOnViewport: boolean; invalidateContainerClientCoordsCache?: () => void };


function rendererOf(cy: Core): RendererFlags {
  return (cy as unknown as { renderer(): RendererFlags }).renderer();
}

/** Big graphs pan and zoom on a cached texture, without edges, so a drag keeps its frame rate. */
export function panOnTextureWhenLarge(cy: Core) {
  const large = cy.nodes().length > LARGE_GRAPH;
  const flags = rendererOf(cy);
  flags.textureOnViewport = large;
  flags.hideEdgesOnViewport = large;
}

/**
 * Cytoscape caches where its container is on the page and refreshes that only on resize and
 * scroll; a notice or alert appearing above the canvas would make clicks hit the node below
 * the one under the pointer. Called before every pointer interaction.
 */
export function refreshContainerPosition(cy: Core | null) {
  if (cy) rendererOf(cy).invalidateContainerClientCoordsCache?.();
}

/**
 * Write only the fields that changed: every data() call restyles the element, which at
 * 2,000 nodes is most of an update's cost. Id and ends never change (Cytoscape refuses to).
 * Says whether anything changed, so the caller can refresh those elements' label bounds.
 */
export function updateData(element: CollectionReturnValue, data: object): boolean {
  const changed: Record<string, unknown> = {};
  let any = false;
  for (const [field, value] of Object.entries(data)) {
    if (field === "id" || field === "source" || field === "target") continue;
    const old: unknown = element.data(field);
    const same = Array.isArray(value) && Array.isArray(old) ? value.length === old.length && value.every((v, i) => v === old[i]) : old === value;
    if (!same) {
      changed[field] = value;
      any = true;
    }
  }
  if (any) element.data(changed);
  return any;
}

/**
 * Call after a batch that changed labels through data (their text, or data(lfs) font sizes).
 * Cytoscape 3.34 restyles such an element without marking its rendered label size stale, so
 * the next frame caches the new text in a texture the old label's width; once anything else
 * restyles the node (deselecting it), the label is drawn into its true, narrower box and
 * looks squeezed. Dropping the bounding-box cache makes the renderer measure the label again
 * before that frame. (The method is Cytoscape's own, not in its typings.)
 */
export function refreshLabelBounds(elements: Iterable<CollectionReturnValue>) {
  for (const element of elements) (element as unknown as { dirtyBoundingBoxCache(): void }).dirtyBoundingBoxCache();
}
