"use client";

import type { RunView } from "@/lib/runs/types";
import { RunProgress } from "./RunProgress";
import { useRun } from "./useRun";

export function LiveRun({ initial }: { initial: RunView }) {
  const { run, error } = useRun(initial);
  return <RunProgress run={run ?? initial} error={error} />;
}
