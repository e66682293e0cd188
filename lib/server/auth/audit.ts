import "server-only";
import { getDb } from "@/lib/server/db/client";
import type { Actor } from "@/lib/server/auth/actor";

export type AuditOutcome = "ok" | "refused" | "failed";

export type AuditRecord = {
  action: string;
  actor: Pick<Actor, "userId" | "name" | "client">;
  target?: string | null;
  outcome: AuditOutcome;
  status: number;
  detail?: Record<string, unknown>;
};

const MAX_TARGET = 500;

/**
 * One row in the audit trail. Never throws: a write that succeeded must not turn into an error
 * because its audit row could not be stored (that failure is logged instead).
 */
export async function recordAudit(record: AuditRecord): Promise<void> {
  try {
    await getDb().auditEvent.create({
      data: {
        action: record.action,
        userId: record.actor.userId,
        actor: record.actor.name,
        client: record.actor.client,
        target: record.target ? record.target.slice(0, MAX_TARGET) : null,
        outcome: record.outcome,
        status: record.status,
        detail: (record.detail ?? undefined) as never,
      },
    });
  } catch (error) {
    console.error("[audit] could not record", record.action, error);
  }
}

export type AuditRow = { id: number; action: string; actor: string; client: string | null; target: string | null; outcome: string; status: number; createdAt: Date };

/** The newest audit rows first. */
export async function listAudit({ limit = 100, action }: { limit?: number; action?: string } = {}): Promise<AuditRow[]> {
  return getDb().auditEvent.findMany({
    where: action ? { action } : undefined,
    orderBy: { id: "desc" },
    take: Math.min(Math.max(1, limit), 1000),
    select: { id: true, action: true, actor: true, client: true, target: true, outcome: true, status: true, createdAt: true },
  });
}
