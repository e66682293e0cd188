"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { SEVERITIES, SEVERITY_LABELS, type ContaminationOverview, type Severity } from "@/lib/contamination/types";
import { keyToPath } from "@/lib/keys";
import { percent } from "./format";

type Row = ContaminationOverview["rows"][number];
type SortKey = "dataset" | "benchmark" | "severity" | "distance" | "overlap";

const PAGE = 100;

/** Every flag, to sort and filter: by benchmark, by severity, by dataset name. */
export function FlagTable({ rows, benchmarks }: { rows: Row[]; benchmarks: { key: string; label: string; family: string }[] }) {
  const labelOf = useMemo(() => new Map(benchmarks.map((b) => [b.key, b.label])), [benchmarks]);
  const [benchmark, setBenchmark] = useState("");
  const [severities, setSeverities] = useState<Severity[]>(["CONTAMINATED", "POSSIBLE", "MITIGATED"]);
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: "severity", asc: true });
  const [limit, setLimit] = useState(PAGE);

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const filtered = rows.filter(
      (r) => (!benchmark || r.benchmark === benchmark) && severities.includes(r.severity) && (!q || r.dataset.toLowerCase().includes(q) || r.datasetName.toLowerCase().includes(q)),
    );
    const rank = (s: Severity) => SEVERITIES.indexOf(s);
    const cmp: Record<SortKey, (a: Row, b: Row) => number> = {
      dataset: (a, b) => a.dataset.localeCompare(b.dataset),
      benchmark: (a, b) => a.family.localeCompare(b.family) || a.benchmark.localeCompare(b.benchmark),
      severity: (a, b) => rank(a.severity) - rank(b.severity) || a.distance - b.distance,
      distance: (a, b) => a.distance - b.distance,
      overlap: (a, b) => (b.overlap ?? -1) - (a.overlap ?? -1),
    };
    return filtered.sort((a, b) => (sort.asc ? 1 : -1) * (cmp[sort.key](a, b) || a.dataset.localeCompare(b.dataset)));
  }, [rows, benchmark, severities, query, sort]);

  const header = (key: SortKey, text: string) => (
    <th scope="col" className="py-2 pr-3" aria-sort={sort.key === key ? (sort.asc ? "ascending" : "descending") : "none"}>
      <button type="button" className="font-semibold underline-offset-2 hover:underline" onClick={() => setSort((s) => ({ key, asc: s.key === key ? !s.asc : true }))}>
        {text}
        {sort.key === key ? (sort.asc ? " ↑" : " ↓") : ""}
      </button>
    </th>
  );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-4 text-sm">
        <label className="flex flex-col gap-1">
          Evaluation set
          <select data-testid="flag-filter-benchmark" value={benchmark} onChange={(e) => setBenchmark(e.target.value)} className="rounded border border-slate-400 px-2 py-1">
            <option value="">All</option>
            {benchmarks.map((b) => (
              <option key={b.key} value={b.key}>
                {b.label}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="flex flex-wrap gap-3">
          <legend className="mb-1">Severity</legend>
          {SEVERITIES.map((s) => (
            <label key={s} className="flex items-center gap-1">
              <input type="checkbox" checked={severities.includes(s)} onChange={(e) => setSeverities((old) => (e.target.checked ? [...old, s] : old.filter((x) => x !== s)))} />
              {SEVERITY_LABELS[s]}
            </label>
          ))}
        </fieldset>
        <label className="flex flex-col gap-1">
          Dataset
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="name or key" className="rounded border border-slate-400 px-2 py-1" />
        </label>
      </div>
      <p className="text-sm text-slate-700" role="status">
        {shown.length} of {rows.length} flags
      </p>
      <div className="overflow-x-auto">
        <table data-testid="flag-table" className="w-full min-w-[640px] border-collapse text-left text-sm">
          <caption className="sr-only">Contamination flags</caption>
          <thead className="border-b border-slate-300 text-xs uppercase tracking-wide text-slate-700">
            <tr>
              {header("dataset", "Dataset")}
              {header("benchmark", "Evaluation set")}
              {header("severity", "Severity")}
              {header("distance", "Steps")}
              {header("overlap", "Measured")}
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, limit).map((r) => (
              <tr key={`${r.dataset}|${r.benchmark}`} data-testid="flag-row" data-severity={r.severity} className="border-b border-slate-100">
                <td className="py-1.5 pr-3 break-all">
                  <Link href={`/datasets/${keyToPath(r.dataset)}${r.measuredOnly ? "" : `?path=${encodeURIComponent(r.benchmark)}`}`} className="text-blue-700 underline">
                    {r.datasetName}
                  </Link>{" "}
                  <span className="font-mono text-xs text-slate-700">{r.dataset}</span>
                </td>
                <td className="py-1.5 pr-3">{labelOf.get(r.benchmark) ?? r.name}</td>
                <td className="py-1.5 pr-3">
                  {SEVERITY_LABELS[r.severity]}
                  {r.measuredOnly ? " (measured only)" : ""}
                </td>
                <td className="py-1.5 pr-3">{r.distance}</td>
                <td className="py-1.5 pr-3 tabular-nums">{r.overlap === null ? "" : percent(r.overlap)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length > limit && (
        <button type="button" className="btn" onClick={() => setLimit((n) => n + PAGE)}>
          Show {Math.min(PAGE, shown.length - limit)} more
        </button>
      )}
    </div>
  );
}
