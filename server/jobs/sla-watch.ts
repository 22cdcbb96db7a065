import { and, asc, eq, inArray, isNull, lte } from "drizzle-orm";
import { SLA_LEVELS, type SlaLevelId } from "../../shared/sla";
import { formatTid, subjectTag } from "../../shared/tid";
import type { Deps } from "../deps";
import { tickets } from "../db/schema";
import { recordEvents } from "../services/tickets/ticket-events";
import { enqueueMail } from "../services/mail/outbox";
import { RUNNING_CLOCK_STATUSES } from "../../shared/ticket-status";
import type { Job } from "./runner";

const BATCH = 100;

type Kind = "warning" | "breach";

/**
 * Announces, once per ticket, that its response target passed (warning) or its maximum passed
 * (breach). Rows are claimed with SKIP LOCKED and marked in the same transaction, so any number of
 * processes can run this and each event is written exactly once.
 */
export async function watchSla(deps: Deps, kind: Kind): Promise<number> {
  const now = deps.now();
  const due = kind === "warning" ? tickets.responseTargetAt : tickets.responseDueAt;
  const mark = kind === "warning" ? tickets.targetWarnedAt : tickets.breachedAt;
  const announced = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: tickets.id, tid: tickets.tid, subject: tickets.subject, slaLevel: tickets.slaLevel, urgent: tickets.urgent, at: due })
      .from(tickets)
      .where(and(isNull(mark), isNull(tickets.answeredAt), inArray(tickets.status, [...RUNNING_CLOCK_STATUSES]), lte(due, now)))
      .orderBy(asc(due))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    for (const t of rows) {
      await tx.update(tickets).set(kind === "warning" ? { targetWarnedAt: now } : { breachedAt: now, breached: true }).where(eq(tickets.id, t.id));
      await recordEvents(tx, {
        ticketId: t.id, type: kind === "warning" ? "sla-warning" : "sla-breach", actor: "system:sla-watch",
        data: { slaLevel: t.slaLevel, passedAt: t.at?.toISOString() ?? null }, createdAt: now,
      });
      await enqueueMail(tx, deps, alertMail(deps, kind, t));
    }
    return rows.length;
  });
  if (announced) {
    deps.metrics.slaAlerts.inc({ kind }, announced);
    deps.changes.announce("queue");
  }
  return announced;
}

function alertMail(deps: Deps, kind: Kind, t: { id: number; tid: string; subject: string; slaLevel: string; urgent: boolean; at: Date | null }) {
  const level = SLA_LEVELS[t.slaLevel as SlaLevelId]?.labelEn ?? t.slaLevel;
  const what = kind === "warning" ? "passed its response target" : "BREACHED its maximum response time";
  return {
    ticketId: t.id,
    tid: t.tid,
    kind: `sla-${kind}`,
    internal: true,
    to: deps.config.slaAlertEmail,
    subject: `${subjectTag(t.tid)} SLA ${kind}: ${t.subject}`,
    text: `${formatTid(t.tid)}${t.urgent ? " (urgent)" : ""} has ${what} (${t.at?.toISOString() ?? "?"}, level ${level}) without a response.\n` +
      `${deps.config.publicUrl}/console/t/${t.tid}`,
  };
}

export const slaWatchJobs = (intervalMs: number): Job[] => [
  { name: "sla-warning", intervalMs, batchSize: BATCH, run: (deps) => watchSla(deps, "warning") },
  { name: "sla-breach", intervalMs, batchSize: BATCH, run: (deps) => watchSla(deps, "breach") },
];
