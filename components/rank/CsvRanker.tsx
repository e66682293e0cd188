"use client";

import { useEffect, useState } from "react";
import type { RankingResult } from "@/lib/ranking";
import { RankResults } from "./RankResults";

const EXAMPLE = `system,accuracy,f1,latency_ms
alpha,0.81,0.78,120
beta,0.84,0.80,340
gamma,0.79,0.83,95
delta,0.86,0.77,410`;

/**
 * Rank any table: paste or upload a CSV (first column the item, one criterion per column),
 * name the columns where lower is better, and POST /api/rank does the rest. The table travels
 * in the URL's fragment, so "Copy link" shares exactly this ranking without a server round trip.
 */
export function CsvRanker() {
  const [csv, setCsv] = useState(EXAMPLE);
  const [lower, setLower] = useState("latency_ms");
  const [result, setResult] = useState<RankingResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function rank(text: string, lowerCols: string) {
    setBusy(true);
    setError(null);
    try {
      const query = lowerCols.trim() ? `?lower=${encodeURIComponent(lowerCols.trim())}` : "";
      const response = await fetch(`/api/rank${query}`, { method: "POST", headers: { "content-type": "text/csv" }, body: text });
      const body = (await response.json()) as RankingResult & { error?: { message: string } };
      if (!response.ok) throw new Error(body.error?.message ?? `The server answered ${response.status}.`);
      setResult(body);
      window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}#csv=${encodeURIComponent(text)}&lower=${encodeURIComponent(lowerCols)}`);
    } catch (e) {
      setResult(null);
      setError(e instanceof Error ? e.message : "Unknown error.");
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    const hash = new URLSearchParams(window.location.hash.slice(1));
    const shared = hash.get("csv");
    if (shared === null) return;
    const sharedLower = hash.get("lower") ?? "";
    // A shared link opens on its table: fill the form from it and rank (state set after the fetch).
    queueMicrotask(() => {
      setCsv(shared);
      setLower(sharedLower);
      void rank(shared, sharedLower);
    });
  }, []);

  return (
    <div className="space-y-3">
      <form
        className="max-w-3xl space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm"
        data-testid="csv-form"
        onSubmit={(e) => {
          e.preventDefault();
          void rank(csv, lower);
        }}
      >
        <label htmlFor="rank-csv" className="block font-medium">
          Table (CSV or tab-separated: header row, item name first, one criterion per column; empty, “-” or “n/a” cells are missing; 85.3%, 85.3 ± 0.4 and 85.3† read as 85.3)
        </label>
        <textarea id="rank-csv" value={csv} onChange={(e) => setCsv(e.target.value)} rows={8} className="field w-full font-mono text-xs" />
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1">
            Or upload a .csv file
            <input
              type="file"
              accept=".csv,text/csv"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (file) setCsv(await file.text());
              }}
            />
          </label>
          <label className="flex flex-col gap-1">
            Columns where lower is better (comma-separated)
            <input value={lower} onChange={(e) => setLower(e.target.value)} className="field" data-testid="csv-lower" />
          </label>
          <button type="submit" className="btn" disabled={busy}>
            {busy ? "Ranking…" : "Rank"}
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" data-testid="rank-error" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {error}
        </p>
      )}
      {result && <RankResults result={result} />}
    </div>
  );
}
