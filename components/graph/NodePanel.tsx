import Link from "next/link";
import { ExternalLink } from "@/components/dataset/ExternalLink";
import { NodeFacts } from "@/components/dataset/NodeFacts";
import { formatConfidence } from "@/lib/format";
import { keyToPath } from "@/lib/keys";
import { RELATION_LABELS, type LineageEdge, type LineageNode } from "@/lib/lineage/types";

type Props = { node: LineageNode; sources: LineageEdge[]; isRoot: boolean; nameOf: (key: string) => string };

/** The selected node: its facts and, for each drawn source, the claim and its evidence. */
export function NodePanel({ node, sources, isRoot, nameOf }: Props) {
  return (
    <aside data-testid="node-panel" data-key={node.key} aria-labelledby="node-panel-title" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div>
        <h2 id="node-panel-title" className="break-words text-base font-semibold">
          {node.displayName}
        </h2>
        <p className="break-all font-mono text-xs text-slate-600">{node.key}</p>
        <div className="mt-1 flex flex-wrap gap-3">
          <ExternalLink node={node} />
          {!isRoot && (
            <Link href={`/datasets/${keyToPath(node.key)}`} className="text-sm text-blue-700 underline hover:text-blue-900">
              Open its lineage
            </Link>
          )}
        </div>
      </div>
      <NodeFacts node={node} compact />
      <section aria-label={`Sources of ${node.displayName}`}>
        <h3 className="mb-2 text-sm font-semibold">Built from ({sources.length} shown)</h3>
        {sources.length === 0 ? (
          <p className="text-sm text-slate-600">{node.upstreamCount ? "Its sources are not drawn at this depth." : "No sources recorded."}</p>
        ) : (
          <ul className="space-y-3">
            {sources.map((edge) => (
              <li key={edge.upstream} className="rounded border border-slate-100 bg-slate-50 p-2 text-sm" data-testid="source-edge">
                <p className="font-medium break-words">{nameOf(edge.upstream)}</p>
                <p className="text-slate-700">
                  {RELATION_LABELS[edge.relation]} · confidence {formatConfidence(edge.confidence)} · split {edge.split.toLowerCase()} · {edge.status.toLowerCase()}
                </p>
                {edge.evidence.length > 0 && (
                  <ul className="mt-1 space-y-1">
                    {edge.evidence.map((ev, i) => (
                      <li key={i} className="text-xs text-slate-600">
                        <span className="font-semibold">{ev.source.toLowerCase()}</span>
                        {ev.url && /^https?:\/\//.test(ev.url) && (
                          <>
                            {" · "}
                            <a href={ev.url} target="_blank" rel="noopener noreferrer nofollow" className="break-all text-blue-700 underline">
                              {ev.url}
                            </a>
                          </>
                        )}
                        {ev.quote && <blockquote className="mt-1 border-l-2 border-slate-300 pl-2 italic break-words">{ev.quote}</blockquote>}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </aside>
  );
}
