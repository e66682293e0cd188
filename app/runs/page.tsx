import type { Metadata } from "next";
import { RunTable } from "@/components/runs/RunTable";
import { pageMetadata } from "@/lib/seo/metadata";
import { listRuns } from "@/lib/server/runs/runs";

export const dynamic = "force-dynamic";
export const metadata: Metadata = pageMetadata("Trace runs", "Every run of Rootline's lineage agents, newest first: the datasets they read, the sources they found, and their errors.", "/runs");

/** Every trace run, newest first (the agents' work log). */
export default async function RunsPage() {
  const runs = await listRuns({ limit: 100 });
  return (
    <article className="space-y-4">
      <h1 className="text-2xl font-semibold">Trace runs</h1>
      <p className="max-w-3xl text-slate-700">
        Each run reads Hub cards and the texts they link to, proposes the datasets they were built from with quotes, and merges them into the graph. Runs started
        for a dataset while one is under way join it.
      </p>
      <RunTable runs={runs} />
    </article>
  );
}
