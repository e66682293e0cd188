import { NODE_KINDS, RELATIONS, RELATION_LABELS } from "@/lib/lineage/types";
import { DOMAIN_COLORS, DOMAIN_LABELS, DOMAINS_AND_NONE, KIND_LABELS, RELATION_STYLES } from "@/lib/graph/style";

const KIND_SWATCH: Record<(typeof NODE_KINDS)[number], string> = {
  DATASET: "rounded-md bg-slate-500",
  BENCHMARK: "bg-slate-500 border-[3px] border-double border-slate-900",
  EXTERNAL: "border-2 border-dashed border-slate-500 bg-white",
};

/** What the canvas's shapes, colours and lines mean. */
export function Legend() {
  return (
    <section aria-labelledby="legend-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="legend-title" className="mb-3 font-semibold">
        Legend
      </h2>
      <div className="grid gap-4 sm:grid-cols-3">
        <ul className="space-y-1" aria-label="Node kinds">
          {NODE_KINDS.map((kind) => (
            <li key={kind} className="flex items-center gap-2">
              <span aria-hidden className={`inline-block h-4 w-7 ${KIND_SWATCH[kind]}`} />
              {KIND_LABELS[kind]}
            </li>
          ))}
          <li className="flex items-center gap-2 text-slate-600">
            <span aria-hidden className="font-mono text-xs">+3 ↑</span> sources not drawn yet
          </li>
        </ul>
        <ul className="space-y-1" aria-label="Domains">
          {DOMAINS_AND_NONE.map((domain) => (
            <li key={domain} className="flex items-center gap-2">
              <span aria-hidden className="inline-block h-3 w-3 rounded-full" style={{ backgroundColor: DOMAIN_COLORS[domain] }} />
              {DOMAIN_LABELS[domain]}
            </li>
          ))}
        </ul>
        <ul className="space-y-1" aria-label="Relations">
          {RELATIONS.map((relation) => (
            <li key={relation} className="flex items-center gap-2">
              <span aria-hidden className="inline-block w-8 border-t-[3px]" style={{ borderTopColor: RELATION_STYLES[relation].color, borderTopStyle: RELATION_STYLES[relation].line }} />
              {RELATION_LABELS[relation]}
            </li>
          ))}
          <li className="text-slate-600">Thicker, darker lines: higher confidence. Arrows point from source to result.</li>
        </ul>
      </div>
    </section>
  );
}
