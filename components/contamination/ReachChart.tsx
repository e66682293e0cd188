import { CONTAMINATION_STYLES } from "@/lib/graph/style";
import { SEVERITY_LABELS, type BenchmarkReach, type Severity } from "@/lib/contamination/types";

const SHOWN: Severity[] = ["CONTAMINATED", "POSSIBLE", "MITIGATED", "TRAIN_LINEAGE"];
export const SEVERITY_COLORS: Record<Severity, string> = { ...Object.fromEntries(Object.entries(CONTAMINATION_STYLES).map(([s, v]) => [s, v.color])), TRAIN_LINEAGE: "#94a3b8" } as Record<Severity, string>;

/**
 * Reach by evaluation set and severity as stacked horizontal bars (plain SVG: no chart library,
 * prints and exports as it looks). The table below it holds the same numbers as text.
 */
export function ReachChart({ reach }: { reach: BenchmarkReach[] }) {
  const rows = reach.filter((r) => SHOWN.some((s) => r.counts[s] > 0));
  if (!rows.length) return <p>No registered evaluation set reaches any dataset yet.</p>;
  const max = Math.max(...rows.map((r) => SHOWN.reduce((n, s) => n + r.counts[s], 0)));
  const label = 190;
  const width = 760;
  const bar = 18;
  const gap = 8;
  const scale = (width - label - 60) / Math.max(1, max);
  const height = rows.length * (bar + gap) + 40;
  const labelOf = (r: BenchmarkReach) => (r.name.length > 28 ? `${r.name.slice(0, 27)}…` : r.name);
  return (
    <figure className="space-y-2">
      <svg role="img" aria-labelledby="reach-chart-title" viewBox={`0 0 ${width} ${height}`} className="w-full max-w-4xl" data-testid="reach-chart">
        <title id="reach-chart-title">Datasets each evaluation set reaches, by severity</title>
        {rows.map((r, i) => {
          let x = label;
          const y = i * (bar + gap);
          const total = SHOWN.reduce((n, s) => n + r.counts[s], 0);
          return (
            <g key={r.benchmark}>
              <text x={label - 8} y={y + bar - 4} textAnchor="end" fontSize="12" fill="#0f172a">
                {labelOf(r)}
              </text>
              {SHOWN.map((s) => {
                const w = r.counts[s] * scale;
                const rect = w > 0 ? <rect key={s} x={x} y={y} width={w} height={bar} fill={SEVERITY_COLORS[s]}><title>{`${r.name} (${r.family}): ${r.counts[s]} ${SEVERITY_LABELS[s].toLowerCase()}`}</title></rect> : null;
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + bar - 4} fontSize="12" fill="#334155">
                {total}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${label}, ${rows.length * (bar + gap) + 12})`}>
          {SHOWN.map((s, i) => (
            <g key={s} transform={`translate(${i * 140}, 0)`}>
              <rect width="12" height="12" fill={SEVERITY_COLORS[s]} />
              <text x="16" y="10" fontSize="11" fill="#334155">
                {SEVERITY_LABELS[s].replace(" (decontaminated)", "")}
              </text>
            </g>
          ))}
        </g>
      </svg>
      <figcaption className="text-sm text-slate-700">Bars count datasets; a dataset reached by several evaluation sets counts once per set.</figcaption>
    </figure>
  );
}
