"use client";

import { useEffect } from "react";

/**
 * Starts loading the explorer and its canvas (Cytoscape) as soon as the page shell arrives,
 * while the server is still computing the view's graph: by the time the graph streams in, the
 * code to draw it is there.
 */
export function CanvasPreload() {
  useEffect(() => {
    void import("./LineageExplorer");
    void import("./LineageCanvas");
  }, []);
  return null;
}
