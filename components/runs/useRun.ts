"use client";

import { useEffect, useState } from "react";
import { isActiveRun, type RunView } from "@/lib/runs/types";

const POLL_MS = 700;

/**
 * Follow a run until it ends: poll GET /api/runs/{id}. Polling (not a socket) because it
 * works through every proxy and the steps are small; it stops the moment the run ends.
 */
export function useRun(initial: RunView | null, onDone?: (run: RunView) => void): { run: RunView | null; error: string | null } {
  const [run, setRun] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [tracked, setTracked] = useState(initial);
  // A new run handed in replaces the one followed (render-time state sync, no effect needed).
  if (initial !== tracked) {
    setTracked(initial);
    setRun(initial);
    setError(null);
  }
  const id = run?.id;
  const active = run ? isActiveRun(run) : false;

  useEffect(() => {
    if (!id || !active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const response = await fetch(`/api/runs/${id}`, { headers: { accept: "application/json" }, cache: "no-store" });
        const body = (await response.json().catch(() => null)) as (RunView & { error?: unknown }) | { error?: { message?: string } } | null;
        if (stopped) return;
        if (!response.ok || !body || !("state" in body)) {
          setError((body as { error?: { message?: string } } | null)?.error?.message ?? `The server answered ${response.status}.`);
        } else {
          setError(null);
          setRun(body);
          if (!isActiveRun(body)) {
            onDone?.(body);
            return;
          }
        }
      } catch {
        if (stopped) return;
        setError("Lost contact with the server; still trying.");
      }
      timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // onDone is read when the run ends; a new callback identity must not restart polling.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, active]);

  return { run, error };
}
