import { CLASS_COLORS, CLASS_LABELS, LICENCE_CLASSES } from "@/lib/licences";
import { NODE_KINDS, RELATIONS, RELATION_LABELS, type NodeKind } from "@/lib/lineage/types";
import { CONFIDENCE_OPACITY, CONFIDENCE_WIDTH, DOMAIN_COLORS, DOMAIN_LABELS, DOMAINS_AND_NONE, KIND_LABELS, REJECTED_EDGE_COLOR, RELATION_STYLES } from "@/lib/graph/style";

/** Small drawings of the canvas's node shapes (same shapes as components/graph/canvas-style.ts). */
function KindSwatch({ kind }: { kind: NodeKind }) {
  const common = { stroke: "#0f172a" };
  return (
    <svg aria-hidden width="36" height="20" viewBox="0 0 36 20" className="shrink-0">
      {kind === "DATASET" && <rect x="1" y="1" width="34" height="18" rx="5" fill="#475569" {...common} strokeOpacity={0.3} />}
      {kind === "BENCHMARK" && (
        <>
          <polygon points="6,1 30,1 35,6 35,14 30,19 6,19 1,14 1,6" fill="#475569" {...common} strokeWidth={3} />
          <polygon points="6,1 30,1 35,6 35,14 30,19 6,19 1,14 1,6" fill="none" stroke="#ffffff" strokeWidth={1} />
        </>
      )}
      {kind === "EXTERNAL" && <rect x="1" y="1" width="34" height="18" fill="#ffffff" stroke="#475569" strokeWidth={2} strokeDasharray="4 3" />}
    </svg>
  );
}

function LineSwatch({ color, dash, width = 3, opacity = 1, tee = false }: { color: string; dash: readonly number[]; width?: number; opacity?: number; tee?: boolean }) {
  return (
    <svg aria-hidden width="48" height="12" viewBox="0 0 48 12" className="shrink-0">
      <line x1="1" y1="6" x2="47" y2="6" stroke={color} strokeWidth={width} strokeOpacity={opacity} strokeDasharray={dash.length ? dash.map((d) => d / 2).join(" ") : undefined} />
      {tee && <line x1="24" y1="1" x2="24" y2="11" stroke={color} strokeWidth={2} />}
    </svg>
  );
}

/** What the canvas's shapes, colours, lines and badges mean, in words next to each picture. */
export function Legend({ colorBy = "domain" }: { colorBy?: "domain" | "licence" }) {
  return (
    <section data-testid="legend" aria-labelledby="legend-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="legend-title" className="mb-3 font-semibold">
        Legend
      </h2>
      <div className="grid gap-6 sm:grid-cols-2 xl:grid-cols-4">
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-700">Node shapes</h3>
          <ul className="space-y-1.5">
            {NODE_KINDS.map((kind) => (
              <li key={kind} className="flex items-center gap-2">
                <KindSwatch kind={kind} />
                <span>
                  {KIND_LABELS[kind]}
                  {kind === "BENCHMARK" && " — double border"}
                  {kind === "EXTERNAL" && " — white, dashed border"}
                </span>
              </li>
            ))}
            <li>Thick dark border: the dataset this page is about. Orange halo: the selected node.</li>
            <li>
              <span className="font-mono text-xs">+3↑ +2↓</span> on a node: 3 sources and 2 uses exist that are not drawn.
            </li>
          </ul>
        </div>
        {colorBy === "licence" ? (
          <div data-testid="legend-licences">
            <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-700">Licence (node colour)</h3>
            <p className="mb-1 text-xs text-slate-700">The most restrictive licence a dataset declares or inherits from its sources.</p>
            <ul className="space-y-1">
              {LICENCE_CLASSES.map((c) => (
                <li key={c} className="flex items-center gap-2">
                  <span aria-hidden className="inline-block h-3.5 w-3.5 shrink-0 rounded-sm" style={{ backgroundColor: CLASS_COLORS[c] }} />
                  {CLASS_LABELS[c]}
                </li>
              ))}
            </ul>
          </div>
        ) : (
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-700">Domain (node colour)</h3>
          <ul className="space-y-1">
            {DOMAINS_AND_NONE.map((domain) => (
              <li key={domain} className="flex items-center gap-2">
                <span aria-hidden className="inline-block h-3.5 w-3.5 shrink-0 rounded-sm" style={{ backgroundColor: DOMAIN_COLORS[domain] }} />
                {DOMAIN_LABELS[domain]}
              </li>
            ))}
          </ul>
        </div>
        )}
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-700">Relation (line colour and pattern)</h3>
          <ul className="space-y-1">
            {RELATIONS.map((relation) => (
              <li key={relation} className="flex items-center gap-2">
                <LineSwatch color={RELATION_STYLES[relation].color} dash={RELATION_STYLES[relation].dash} />
                <span>
                  {RELATION_LABELS[relation]} <span className="text-slate-600">({RELATION_STYLES[relation].line})</span>
                </span>
              </li>
            ))}
            <li className="flex items-center gap-2">
              <LineSwatch color={REJECTED_EDGE_COLOR} dash={[]} tee />
              <span>
                Rejected by a reviewer <span className="text-slate-600">(red, bar across; shown only on request)</span>
              </span>
            </li>
          </ul>
        </div>
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-700">Confidence (line width and strength)</h3>
          <ul className="space-y-1">
            {[
              [0.2, "low (20%)"],
              [0.6, "medium (60%)"],
              [1, "high (100%)"],
            ].map(([c, text]) => (
              <li key={text} className="flex items-center gap-2">
                <LineSwatch
                  color="#334155"
                  dash={[]}
                  width={CONFIDENCE_WIDTH.min + (CONFIDENCE_WIDTH.max - CONFIDENCE_WIDTH.min) * Number(c)}
                  opacity={CONFIDENCE_OPACITY.min + (CONFIDENCE_OPACITY.max - CONFIDENCE_OPACITY.min) * Number(c)}
                />
                {text}
              </li>
            ))}
            <li className="text-slate-600">Arrows point from a source to the dataset built from it.</li>
          </ul>
          <h3 className="mb-1 mt-3 text-xs font-semibold uppercase tracking-wide text-slate-700">Benchmark contamination (border colour)</h3>
          <ul className="space-y-1" data-testid="legend-contamination">
            {[
              ["#b91c1c", "⚠ benchmark test data: evaluation items reach it"],
              ["#c2410c", "⚠ possible test data: the split used is not stated"],
              ["#15803d", "decontaminated on the way"],
            ].map(([color, text]) => (
              <li key={text} className="flex items-center gap-2">
                <span aria-hidden className="inline-block h-3 w-5 rounded-sm border-[3px] bg-white" style={{ borderColor: color }} />
                {text}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
