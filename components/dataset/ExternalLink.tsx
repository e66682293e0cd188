import type { LineageNode } from "@/lib/lineage/types";

const SITE: Record<LineageNode["scheme"], string> = {
  HUB: "Hugging Face",
  GITHUB: "GitHub",
  ARXIV: "arXiv",
  WEB: "the web",
  CORPUS: "",
};

/** Link to the node's home outside Rootline; nothing for named corpora, which have none. */
export function ExternalLink({ node, className }: { node: Pick<LineageNode, "url" | "scheme">; className?: string }) {
  if (!node.url || !/^https?:\/\//.test(node.url)) return null;
  return (
    <a href={node.url} target="_blank" rel="noopener noreferrer" className={className ?? "text-sm text-blue-700 underline hover:text-blue-900"}>
      View on {SITE[node.scheme]}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}
