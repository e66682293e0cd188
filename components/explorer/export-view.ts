import type { ContaminationMarks, LineageElements } from "@/lib/graph/elements";
import { exportFileName, EXPORT_MIME, type ExportFormat } from "@/lib/graph/canvas-files";
import { toCsv, toGraphML, toJson } from "@/lib/graph/export";
import { svgOfDrawn } from "@/lib/graph/export-drawn";
import type { Point } from "@/lib/graph/layered";
import type { VisibleGraph } from "@/lib/graph/view";
import type { ViewState } from "@/lib/view/state";
import { downloadBlob } from "./download";

export type ExportInput = {
  format: ExportFormat;
  rootKey: string;
  state: ViewState;
  /** What is drawn: the nodes and edges (data exports) and the drawn elements with their places (SVG, JSON). */
  visible: VisibleGraph;
  elements: LineageElements;
  /** Member id → its group's id, for members drawn inside a group. */
  groupOf: Readonly<Record<string, string>>;
  marks: ContaminationMarks;
  setLabels: Readonly<Record<string, string>>;
  /** The canvas, for PNG and the viewport (null before it is drawn). */
  canvas: { png(): Promise<Blob>; viewport(): { zoom: number; pan: Point } } | null;
};

/** Download the current view in one of the five formats. */
export async function exportView({ format, rootKey, state, visible, elements, groupOf, marks, setLabels, canvas }: ExportInput): Promise<void> {
  const meta = { root: rootKey, url: window.location.href, exportedAt: new Date().toISOString(), state };
  let blob: Blob;
  if (format === "png") {
    if (!canvas) throw new Error("the graph is not drawn yet");
    blob = await canvas.png();
  } else if (format === "svg") {
    blob = new Blob([svgOfDrawn(elements, { rootKey, title: `Lineage of ${rootKey}`, marks, setLabels })], { type: EXPORT_MIME.svg });
  } else if (format === "json") {
    const positions = Object.fromEntries(elements.nodes.map((n) => [n.data.id, n.position]));
    const viewport = canvas?.viewport() ?? { zoom: 1, pan: { x: 0, y: 0 } };
    blob = new Blob([toJson(visible, meta, marks, setLabels, { positions, groupOf, viewport })], { type: `${EXPORT_MIME.json};charset=utf-8` });
  } else {
    const text = format === "graphml" ? toGraphML(visible, meta, marks) : toCsv(visible, marks);
    blob = new Blob([text], { type: `${EXPORT_MIME[format]};charset=utf-8` });
  }
  downloadBlob(blob, exportFileName(rootKey, format));
}
