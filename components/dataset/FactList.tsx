/** Label/value facts as a definition list; `wide` lays two pairs per row on larger screens. */
export function FactList({ facts, wide = false }: { facts: readonly (readonly [string, React.ReactNode])[]; wide?: boolean }) {
  return (
    <dl className={`grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm ${wide ? "sm:grid-cols-[max-content_1fr_max-content_1fr]" : ""}`}>
      {facts.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-600">{label}</dt>
          <dd className="min-w-0 break-words text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
