"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { RunView } from "@/lib/runs/types";
import { TraceControl } from "./TraceControl";

type Props = {
  datasetKey: string;
  /** The run under way for it, or its last run when that failed (shown with why, to try again). */
  initialRun: RunView | null;
  canTrace: boolean;
};

/** A Hub dataset the store has never seen: offer to trace it, then show its lineage. */
export function UntracedDataset({ datasetKey, initialRun, canTrace }: Props) {
  const router = useRouter();
  return (
    <article className="max-w-3xl space-y-4" data-testid="untraced-dataset">
      <header className="space-y-1">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-600">Not in the graph yet</p>
        <h1 className="break-words text-2xl font-semibold">{datasetKey}</h1>
      </header>
      <p className="text-slate-700">
        Rootline has not traced this dataset. The agents can read its Hub card and the papers and repositories it links to, propose the datasets it was built from
        (each with a quote from the text), and follow them two levels up.
      </p>
      <TraceControl datasetKey={datasetKey} initialRun={initialRun} canTrace={canTrace} onDone={(run) => run.state === "SUCCEEDED" && router.refresh()} />
      <p>
        <Link href="/" className="text-blue-700 underline">
          Search the graph instead
        </Link>
      </p>
    </article>
  );
}
