"use client";

import { downloadBlob } from "@/components/explorer/download";
import { planToCsv, type SamplingPlan } from "@/lib/analysis/sampling";

/** Download the plan shown on the page, as JSON (the API's answer) or CSV (one row per root). */
export function PlanExport({ plan }: { plan: SamplingPlan }) {
  return (
    <div className="flex items-center gap-2 text-sm">
      <span className="text-slate-700">Export</span>
      <button type="button" className="btn btn-small" data-testid="plan-export-json" onClick={() => downloadBlob(new Blob([`${JSON.stringify(plan, null, 2)}\n`], { type: "application/json" }), "rootline-sampling-plan.json")}>
        JSON
      </button>
      <button type="button" className="btn btn-small" data-testid="plan-export-csv" onClick={() => downloadBlob(new Blob([planToCsv(plan)], { type: "text/csv;charset=utf-8" }), "rootline-sampling-plan.csv")}>
        CSV
      </button>
    </div>
  );
}
