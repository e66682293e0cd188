import Link from "next/link";
import { formatCount } from "@/lib/format";
import { keyToPath } from "@/lib/keys";
import { DOMAIN_LABELS, KIND_LABELS } from "@/lib/graph/style";
import type { DatasetSummary } from "@/lib/lineage/types";

export type DatasetListItem = DatasetSummary;

/** Datasets as links to their lineage pages, with the counts that say how connected they are. */
export function DatasetList({ items, testId }: { items: DatasetListItem[]; testId?: string }) {
  return (
    <ul data-testid={testId} className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {items.map((item) => (
        <li key={item.key} data-key={item.key} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-2 text-sm">
          <Link href={`/datasets/${keyToPath(item.key)}`} className="font-medium text-blue-700 underline hover:text-blue-900">
            {item.displayName}
          </Link>
          <span className="break-all font-mono text-xs text-slate-500">{item.key}</span>
          {item.matchedAlias && <span className="text-xs text-slate-600">also known as “{item.matchedAlias}”</span>}
          <span className="ml-auto text-xs text-slate-600">
            {[
              item.kind === "DATASET" ? null : KIND_LABELS[item.kind].split(" (")[0],
              item.domains.map((d) => DOMAIN_LABELS[d]).join(", ") || null,
              `${item.upstreamCount} ${item.upstreamCount === 1 ? "source" : "sources"}`,
              `${item.downstreamCount} built from it`,
              item.hubDownloads != null ? `${formatCount(item.hubDownloads)} downloads` : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </span>
        </li>
      ))}
    </ul>
  );
}
