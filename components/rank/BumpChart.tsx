/**
 * How items move between rankings: one column per ranking (mean first, as the usual
 * baseline), each item a line through its positions. Plain SVG; the tables beside it carry
 * the same numbers as text.
 */
const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8c564b"];

export function BumpChart({ columns, limit = 15 }: { columns: { title: string; ranking: string[] }[]; limit?: number }) {
  const items = columns[0]?.ranking.slice(0, limit) ?? [];
  const shown = new Set(columns.flatMap((c) => c.ranking.slice(0, limit)));
  const rows = Math.min(limit, columns[0]?.ranking.length ?? 0);
  const width = 260 + (columns.length - 1) * 200 + 220;
  const rowH = 26;
  const top = 34;
  const height = top + rows * rowH + 10;
  const x = (i: number) => 230 + i * 200;
  const y = (pos: number) => top + pos * rowH + rowH / 2;
  const truncate = (s: string, n = 30) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  return (
    <svg role="img" aria-labelledby="bump-title" viewBox={`0 0 ${width} ${height}`} className="w-full max-w-4xl" data-testid="bump-chart">
      <title id="bump-title">Each item&apos;s position in each ranking, top {rows}</title>
      {columns.map((c, i) => (
        <text key={c.title} x={x(i)} y={18} textAnchor="middle" fontSize="12" fontWeight="600" fill="#0f172a">
          {c.title}
        </text>
      ))}
      {[...shown].map((item, n) => {
        const color = PALETTE[n % PALETTE.length]!;
        const points = columns.map((c, i) => ({ i, pos: c.ranking.indexOf(item) })).filter((p) => p.pos >= 0 && p.pos < limit);
        return (
          <g key={item} data-item={item}>
            {points.slice(1).map((p, k) => (
              <line key={k} x1={x(points[k]!.i)} y1={y(points[k]!.pos)} x2={x(p.i)} y2={y(p.pos)} stroke={color} strokeWidth={2.5} strokeOpacity={0.8} />
            ))}
            {points.map((p) => (
              <circle key={p.i} cx={x(p.i)} cy={y(p.pos)} r={5} fill={color} />
            ))}
          </g>
        );
      })}
      {items.map((item, pos) => (
        <text key={item} x={x(0) - 12} y={y(pos) + 4} textAnchor="end" fontSize="11" fill="#0f172a">
          {pos + 1}. {truncate(item)}
        </text>
      ))}
      {(columns.at(-1)?.ranking.slice(0, limit) ?? []).map((item, pos) => (
        <text key={item} x={x(columns.length - 1) + 12} y={y(pos) + 4} fontSize="11" fill="#0f172a">
          {pos + 1}. {truncate(item)}
        </text>
      ))}
    </svg>
  );
}
