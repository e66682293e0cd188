"use client";

import { AnalysisPanel } from "@/components/analysis/AnalysisPanel";
import { ContaminationPanel } from "@/components/contamination/ContaminationPanel";
import { LicencePanel } from "@/components/licences/LicencePanel";
import { TraceControl } from "@/components/runs/TraceControl";
import type { LineageEdge, LineageNode, ReviewStatus } from "@/lib/lineage/types";
import type { RunView } from "@/lib/runs/types";
import { ReviewHistory } from "@/components/review/ReviewHistory";
import { UnresolvedMentions } from "@/components/dataset/UnresolvedMentions";
import { NodePanel, type PanelEdge } from "./NodePanel";

/** Hub datasets whose sources have never been read: expanding them upstream starts a trace. */
export function needsTrace(node: LineageNode | undefined): boolean {
  return !!node && node.scheme === "HUB" && (node.crawlState === "UNTRACED" || node.crawlState === "FAILED");
}

type Loaded<T> = { data: T | null; error: string | null; loading: boolean };

type Props = {
  node: LineageNode;
  isRoot: boolean;
  edges: { incoming: PanelEdge[]; outgoing: PanelEdge[] };
  nameOf: (key: string) => string;
  isDrawn: (key: string) => boolean;
  onSelect: (key: string) => void;
  /** Absent in a read-only snapshot: then only the node's facts and edges show. */
  live?: {
    expand: (direction: "up" | "down") => void;
    toggleCollapse: () => void;
    collapsed: boolean;
    review?: { onReview: (edge: LineageEdge, status: ReviewStatus) => void; pending: string | null; error: string | null };
    contamination: Loaded<Parameters<typeof ContaminationPanel>[0]["data"] & object>;
    shownPath: string | null;
    onShowPath: (benchmark: string, path: readonly string[]) => void;
    onHidePath: () => void;
    licences: Loaded<Parameters<typeof LicencePanel>[0]["data"] & object>;
    analysis: Loaded<Parameters<typeof AnalysisPanel>[0]["data"] & object>;
    shownTwice: string | null;
    onShowTwice: (ancestor: string) => void;
    onHideTwice: () => void;
    run: RunView | undefined;
    onTraceDone: (run: RunView) => void;
    /** The graph's version (review history refetches when it changes) and whether this person may add edges. */
    storeVersion: number;
    canAddEdges: boolean;
    onGraphChanged: () => void;
  };
};

/** The selected node's panel: its facts and edges, and (live) its actions, contamination, licences, measures and trace. */
export function SelectionPanel({ node, isRoot, edges, nameOf, isDrawn, onSelect, live }: Props) {
  return (
    <NodePanel
      node={node}
      isRoot={isRoot}
      incoming={edges.incoming}
      outgoing={edges.outgoing}
      nameOf={nameOf}
      isDrawn={isDrawn}
      onSelect={onSelect}
      actions={live && { expandUp: () => live.expand("up"), expandDown: () => live.expand("down"), toggleCollapse: live.toggleCollapse, collapsed: live.collapsed }}
      review={live?.review}
      contamination={live && <ContaminationPanel {...live.contamination} nameOf={nameOf} shownBenchmark={live.shownPath} onShowPath={live.onShowPath} onHidePath={live.onHidePath} />}
      licences={live && <LicencePanel {...live.licences} nameOf={nameOf} />}
      analysis={live && <AnalysisPanel {...live.analysis} nameOf={nameOf} shownTwice={live.shownTwice} onShowTwice={live.onShowTwice} onHideTwice={live.onHideTwice} />}
      // Only a traced Hub dataset can have any: the agents read Hub cards.
      mentions={live && node.scheme === "HUB" && node.crawlState !== "UNTRACED" && <UnresolvedMentions datasetKey={node.key} version={live.storeVersion} />}
      history={live && <ReviewHistory datasetKey={node.key} nameOf={nameOf} version={live.storeVersion} canAdd={live.canAddEdges} onChanged={live.onGraphChanged} />}
      trace={
        live && (needsTrace(node) || live.run) ? (
          <TraceControl key={`${node.id}:${live.run?.id ?? ""}`} datasetKey={node.key} initialRun={live.run ?? null} canTrace={live.canAddEdges} onDone={live.onTraceDone} />
        ) : undefined
      }
    />
  );
}
