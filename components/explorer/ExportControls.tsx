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

/** An "Export" menu with one button per format; each downloads the current view. */
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
    <details className="relative" data-testid="export-menu">
      <summary className="btn cursor-pointer list-none" data-testid="export-toggle">
        Export ▾
      </summary>
      <div role="group" aria-label="Export the current view" className="absolute right-0 top-full z-40 mt-1 flex w-56 flex-col gap-1 rounded-lg border border-slate-300 bg-white p-2 shadow-lg">
      {EXPORT_FORMATS.map((format) => (
        <button
          key={format}
          type="button"
          data-testid={`export-${format}`}
          onClick={() => run(format)}
          disabled={working !== null}
          aria-label={`Export as ${LABELS[format].long}`}
          className="btn btn-small justify-start text-left"
        >
          {LABELS[format].long}
        </button>
      ))}
      </div>
      {error && (
        <p role="alert" className="absolute right-0 top-full z-40 mt-1 w-64 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800">
          {error}
        </p>
      )}
    </details>
  );
}
