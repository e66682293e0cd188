import type { LineageNode } from "@/lib/lineage/types";
import { formatCount, formatDate } from "@/lib/format";
import { DOMAIN_LABELS, KIND_LABELS } from "@/lib/graph/style";
import { FactList } from "./FactList";

/** The stored facts about one node, as a definition list. */
export function NodeFacts({ node, compact = false }: { node: LineageNode; compact?: boolean }) {
  const facts: [string, React.ReactNode][] = [
    ["Kind", node.benchmark ? `${KIND_LABELS.BENCHMARK} (${node.benchmark.family})` : KIND_LABELS[node.kind]],
    ["Domains", node.domains.length ? node.domains.map((d) => DOMAIN_LABELS[d]).join(", ") : "—"],
    ["Licence", node.license ?? "—"],
    ["Created", formatDate(node.hubCreatedAt, node.releaseMonth)],
    ["Downloads", formatCount(node.hubDownloads)],
    ["Sources", `${formatCount(node.upstreamCount)}${node.hiddenUpstream ? ` (${node.hiddenUpstream} not shown)` : ""}`],
    ["Built from it", `${formatCount(node.downstreamCount)}${node.hiddenDownstream ? ` (${node.hiddenDownstream} not shown)` : ""}`],
  ];
  if (!compact) {
    if (node.sizeCategory) facts.push(["Size", node.sizeCategory]);
    if (node.hubLikes != null) facts.push(["Likes", formatCount(node.hubLikes)]);
    if (node.benchmark) facts.push(["Eval splits", node.benchmark.evalSplits.join(", ").toLowerCase() || "—"]);
    if (node.terminalDetail) facts.push(["Tracing stopped", node.terminalDetail]);
  }
  return <FactList facts={facts} wide={!compact} />;
}
