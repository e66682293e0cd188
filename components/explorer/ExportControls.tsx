"use client";

import { useState } from "react";
import { EXPORT_FORMATS, type ExportFormat } from "@/lib/graph/canvas-files";

const LABELS: Record<ExportFormat, { text: string; long: string }> = {
  png: { text: "PNG", long: "PNG image" },
  svg: { text: "SVG", long: "SVG image" },
  json: { text: "JSON", long: "JSON (nodes, edges and view)" },
  graphml: { text: "GraphML", long: "GraphML graph" },
  csv: { text: "CSV", long: "CSV edge list" },
};

/** One button per export format; each downloads the current view. */
export function ExportControls({ onExport }: { onExport: (format: ExportFormat) => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState<ExportFormat | null>(null);

  async function run(format: ExportFormat) {
    setWorking(format);
    setError(null);
    try {
      await onExport(format);
    } catch (e) {
      setError(`The ${LABELS[format].long} export failed${e instanceof Error && e.message ? `: ${e.message}` : "."}`);
    } finally {
      setWorking(null);
    }
  }

  return (
    <div role="group" aria-label="Export the current view" className="flex flex-wrap items-center gap-1">
      <span aria-hidden className="mr-1 text-xs font-medium text-slate-700">
        Export
      </span>
      {EXPORT_FORMATS.map((format) => (
        <button
          key={format}
          type="button"
          data-testid={`export-${format}`}
          onClick={() => run(format)}
          disabled={working !== null}
          aria-label={`Export as ${LABELS[format].long}`}
          className="btn btn-small"
        >
          {LABELS[format].text}
        </button>
      ))}
      {error && (
        <p role="alert" className="basis-full text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
