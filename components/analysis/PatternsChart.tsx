import Link from "next/link";
import { DOMAIN_COLORS } from "@/lib/graph/style";
import { DOMAIN_LABELS, type Domain } from "@/lib/lineage/types";

type Point = { domain: Domain; depth: number; fanIn: number; datasets: number };

/**
 * Domains placed by how their derived datasets grow: median depth (vertical refinement) up,
 * median fan-in (horizontal aggregation) right, bubble area by dataset count. Above the
 * diagonal a domain grows more by chains than by mixtures. Plain SVG: prints as it looks.
 */
export function PatternsChart({ points }: { points: Point[] }) {
  if (!points.length) return <p>No derived datasets yet.</p>;
  const width = 640;
  const height = 380;
  const pad = { left: 56, right: 24, top: 20, bottom: 48 };
  const maxX = Math.max(2, ...points.map((p) => p.fanIn)) * 1.15;
  const maxY = Math.max(2, ...points.map((p) => p.depth)) * 1.15;
  const maxAxis = Math.max(maxX, maxY);
  const x = (v: number) => pad.left + (v / maxAxis) * (width - pad.left - pad.right);
  const y = (v: number) => height - pad.bottom - (v / maxAxis) * (height - pad.top - pad.bottom);
  const r = (n: number) => 6 + Math.sqrt(n) * 2.2;
  const ticks = Array.from({ length: Math.floor(maxAxis) + 1 }, (_, i) => i).filter((i) => maxAxis <= 10 || i % 2 === 0);
  return (
    <figure className="space-y-2">
      <svg role="img" aria-labelledby="patterns-chart-title" viewBox={`0 0 ${width} ${height}`} className="w-full max-w-2xl" data-testid="patterns-chart">
        <title id="patterns-chart-title">Median depth against median fan-in of each domain&apos;s derived datasets</title>
        <line x1={x(0)} y1={y(0)} x2={x(maxAxis)} y2={y(maxAxis)} stroke="#94a3b8" strokeDasharray="6 4" />
        <text x={x(maxAxis * 0.62)} y={y(maxAxis * 0.62) - 8} fontSize="11" fill="#475569" transform={`rotate(-${Math.atan((height - pad.top - pad.bottom) / (width - pad.left - pad.right)) * (180 / Math.PI)} ${x(maxAxis * 0.62)} ${y(maxAxis * 0.62) - 8})`}>
          depth = fan-in
        </text>
        <text x={x(maxAxis * 0.08)} y={y(maxAxis * 0.9)} fontSize="12" fill="#334155">
          ↑ vertical refinement (deep chains)
        </text>
        <text x={x(maxAxis * 0.55)} y={y(maxAxis * 0.08)} fontSize="12" fill="#334155">
          horizontal aggregation (wide mixtures) →
        </text>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} y1={y(0)} x2={x(t)} y2={y(0) + 4} stroke="#334155" />
            <text x={x(t)} y={y(0) + 16} fontSize="11" textAnchor="middle" fill="#334155">
              {t}
            </text>
            <line x1={x(0) - 4} y1={y(t)} x2={x(0)} y2={y(t)} stroke="#334155" />
            <text x={x(0) - 8} y={y(t) + 4} fontSize="11" textAnchor="end" fill="#334155">
              {t}
            </text>
          </g>
        ))}
        <line x1={x(0)} y1={y(0)} x2={x(maxAxis)} y2={y(0)} stroke="#334155" />
        <line x1={x(0)} y1={y(0)} x2={x(0)} y2={y(maxAxis)} stroke="#334155" />
        <text x={(x(0) + x(maxAxis)) / 2} y={height - 8} fontSize="12" textAnchor="middle" fill="#0f172a">
          median fan-in (direct sources)
        </text>
        <text x={14} y={(y(0) + y(maxAxis)) / 2} fontSize="12" textAnchor="middle" fill="#0f172a" transform={`rotate(-90 14 ${(y(0) + y(maxAxis)) / 2})`}>
          median depth (edges to a root)
        </text>
        {points.map((p) => (
          <g key={p.domain} data-testid="patterns-point" data-domain={p.domain}>
              <circle cx={x(p.fanIn)} cy={y(p.depth)} r={r(p.datasets)} fill={DOMAIN_COLORS[p.domain]} fillOpacity={0.75} stroke="#0f172a" strokeWidth={1}>
                <title>{`${DOMAIN_LABELS[p.domain]}: ${p.datasets} derived datasets, median depth ${p.depth}, median fan-in ${p.fanIn}`}</title>
              </circle>
              <text x={x(p.fanIn) + r(p.datasets) + 4} y={y(p.depth) + 4} fontSize="12" fill="#0f172a">
                {DOMAIN_LABELS[p.domain]}
              </text>
          </g>
        ))}
      </svg>
      <figcaption className="text-sm text-slate-700">
        Bubble area follows the number of derived datasets. Rows:{" "}
        {points.map((p, i) => (
          <span key={p.domain}>
            {i > 0 && ", "}
            <Link href={`#domain-${p.domain}`} className="text-blue-700 underline">
              {DOMAIN_LABELS[p.domain]}
            </Link>
          </span>
        ))}
        .
      </figcaption>
    </figure>
  );
}
