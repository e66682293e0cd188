import type { EdgeReviewEntry } from "@/lib/lineage/reviews";
import type { LineageEdge, Relation, Split } from "@/lib/lineage/types";
import type { RunView } from "@/lib/runs/types";

/**
 * The browser's side of the write API: every change is a JSON request to a route handler
 * (lib/http/write-route.ts), answered with a real status. Results keep one shape components
 * can switch on; a refusal carries the server's message (and its HTTP status).
 */
export type ApiError = { code: string; message: string; status: number };
export type ApiResult<R extends object> = ({ ok: true } & R) | { ok: false; error: ApiError };

async function send<R extends object>(method: "POST" | "DELETE", url: string, body?: unknown): Promise<ApiResult<R>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, error: { code: "network", message: "The server did not answer. Check the connection and try again.", status: 0 } };
  }
  const payload = (await response.json().catch(() => null)) as (R & { error?: { code: string; message: string } }) | null;
  if (response.ok && payload) return { ...payload, ok: true };
  const error = payload?.error;
  return { ok: false, error: { code: error?.code ?? "internal", message: error?.message ?? `The server answered ${response.status}.`, status: response.status } };
}

export type ReviewAction = "accept" | "reject" | "reopen" | "edit";

export const api = {
  freeze: (input: { key: string; query: string; positions?: Record<string, { x: number; y: number }> }) => send<{ id: string; url: string }>("POST", "/api/snapshots", input),
  trace: (input: { key: string; depth?: number }) => send<{ run: RunView; shared: boolean }>("POST", "/api/runs", input),
  review: (input: { upstream: string; downstream: string; action: ReviewAction; relation?: Relation; split?: Split; note?: string }) =>
    send<{ edge: LineageEdge; review: EdgeReviewEntry }>("POST", "/api/reviews", input),
  addEdge: (input: { upstream: string; downstream: string; relation: Relation; split?: Split; note?: string }) =>
    send<{ edge: LineageEdge; review: EdgeReviewEntry }>("POST", "/api/edges", input),
  deleteSnapshot: (id: string) => send<{ id: string; deleted: true }>("DELETE", `/api/snapshots/${encodeURIComponent(id)}`),
};
