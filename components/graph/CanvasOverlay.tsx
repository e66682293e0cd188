"use client";

import type { ReactNode } from "react";

type Props = {
  /** Drawn nodes (groups count once) and how many of them are in sight. */
  drawn: number;
  inView: number | null;
  /** Dataset nodes this view holds, grouped ones included. */
  represented: number;
  groups: number;
  /** The store holds more than is drawn (nodes carry +N↑ / +N↓). */
  truncated: boolean;
  readOnly: boolean;
  busy: boolean;
  canUndoTidy: boolean;
  legendOpen: boolean;
  onFitAll: () => void;
  onZoomToSelection: () => void;
  onTidy: () => void;
  onUndoTidy: () => void;
  onToggleLegend: () => void;
  /** Find box, top left. */
  find: ReactNode;
  /** Minimap, bottom right. */
  minimap: ReactNode;
  /** Legend panel, shown over the canvas when open. */
  legend: ReactNode;
  /** A message over the empty canvas (filters that leave nothing), with its way out. */
  empty?: ReactNode;
};

const BUTTON = "btn btn-small bg-white/95 shadow-sm";

/** Controls drawn over the canvas: find, fit, zoom to selection, tidy, legend, minimap, and how much is in sight. */
export function CanvasOverlay(props: Props) {
  const hiddenInGroups = props.represented - (props.drawn - props.groups);
  return (
    <>
      <div className="pointer-events-none absolute inset-x-2 top-2 z-10 flex flex-wrap items-start gap-2">
        <div className="pointer-events-auto">{props.find}</div>
        <div role="toolbar" aria-label="Graph view" className="pointer-events-auto ml-auto flex flex-wrap items-center gap-1.5">
          {props.busy && (
            <span role="status" data-testid="explorer-busy" className="flex items-center gap-2 rounded-full border border-slate-300 bg-white px-3 py-1 text-xs text-slate-800 shadow-sm">
              <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-slate-400 border-t-blue-700" />
              Loading…
            </span>
          )}
          <button type="button" className={BUTTON} data-testid="fit-all" onClick={props.onFitAll} title="Show the whole graph (key 0)">
            Fit all
          </button>
          <button type="button" className={BUTTON} data-testid="zoom-to-selection" onClick={props.onZoomToSelection} title="The selected node and its neighbours, readable">
            Zoom to selection
          </button>
          {!props.readOnly && (
            <button type="button" className={BUTTON} data-testid="tidy-layout" onClick={props.onTidy} title="Lay the whole view out afresh (kept in the link)">
              Tidy layout
            </button>
          )}
          {!props.readOnly && props.canUndoTidy && (
            <button type="button" className={BUTTON} data-testid="undo-tidy" onClick={props.onUndoTidy}>
              Undo tidy
            </button>
          )}
          <button type="button" className={BUTTON} data-testid="legend-toggle" aria-expanded={props.legendOpen} aria-controls="canvas-legend" onClick={props.onToggleLegend}>
            {props.legendOpen ? "Hide legend" : "Legend"}
          </button>
        </div>
      </div>
      {props.legendOpen && (
        <div id="canvas-legend" className="absolute bottom-2 left-2 top-14 z-20 w-[min(40rem,calc(100%-1rem))] overflow-auto rounded-lg shadow-lg">
          {props.legend}
        </div>
      )}
      {props.empty && (
        <div className="absolute inset-0 z-10 flex items-center justify-center p-6">
          <div role="status" data-testid="empty-view" className="max-w-md rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 shadow">
            {props.empty}
          </div>
        </div>
      )}
      <p data-testid="in-view-count" role="status" aria-live="polite" className="pointer-events-auto absolute bottom-2 left-2 z-10 rounded-full border border-slate-300 bg-white/95 px-3 py-1 text-xs text-slate-800 shadow-sm">
        {props.inView === null || props.inView >= props.drawn ? `All ${props.drawn} drawn nodes in view` : `${props.inView} of ${props.drawn} drawn nodes in view`}
        {props.groups > 0 && ` · ${hiddenInGroups} more in ${props.groups} ${props.groups === 1 ? "group" : "groups"}`}
        {props.truncated && (
          <span title="Nodes marked +N↑ have more sources, and +N↓ more uses, than drawn: expand them or raise the depth.">{" · "}+N↑ / +N↓ on a node: more not drawn</span>
        )}
        {props.inView !== null && props.inView < props.drawn && (
          <>
            {" · "}
            <button type="button" className="underline" onClick={props.onFitAll}>
              show all
            </button>
          </>
        )}
      </p>
      <div className="absolute bottom-2 right-2 z-10">{props.minimap}</div>
    </>
  );
}
