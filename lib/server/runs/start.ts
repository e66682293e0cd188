import "server-only";

import { enqueueRun } from "./queue";
import { requestTrace, type RequestTraceInput } from "./runs";
import type { RunView } from "@/lib/runs/types";

/** Request a run and hand it to the queue; a shared run is already queued. */
export async function startTrace(input: RequestTraceInput): Promise<{ run: RunView; shared: boolean }> {
  const result = await requestTrace(input);
  if (!result.shared) await enqueueRun(result.run.id);
  return result;
}
