import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { BreachedTicket, OpenEscalation } from "../../../shared/api/console";
import type { Deps } from "../../deps";
import { escalations, requesters, staff, tickets } from "../../db/schema";
import { recordEvents } from "./ticket-events";
import { ApiError } from "../../errors";
import { ACTIVE_STATUSES } from "../../../shared/ticket-status";
import { statusIn } from "../../db/status-sql";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Escalations nobody has handled yet, oldest first (the partial index escalations_open_idx). */
export async function openEscalations(deps: Pick<Deps, "db">, limit: number): Promise<OpenEscalation[]> {
  const rows = await deps.db
    .select({ e: escalations, tid: tickets.tid, subject: tickets.subject, slaLevel: tickets.slaLevel, status: tickets.status, urgent: tickets.urgent, requesterEmail: requesters.email })
    .from(escalations)
    .innerJoin(tickets, eq(tickets.id, escalations.ticketId))
    .innerJoin(requesters, eq(requesters.id, tickets.requesterId))
    .where(isNull(escalations.handledAt))
    .orderBy(asc(escalations.createdAt), asc(escalations.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.e.id, target: r.e.target, reason: r.e.reason, byEmail: r.e.byEmail, createdAt: r.e.createdAt.toISOString(),
    ticket: { tid: r.tid, subject: r.subject, slaLevel: r.slaLevel, status: r.status, urgent: r.urgent, requesterEmail: r.requesterEmail },
  }));
}

/**
 * Marks an escalation handled, with a ticket event naming who. Handling one that is already handled
 * changes nothing and says who did it, so two supervisors clicking at once do not fight.
 */
export async function handleEscalation(deps: Pick<Deps, "db" | "now">, id: number, by: { actor: string; staffId: number | null }, note: string | undefined) {
  return deps.db.transaction(async (tx) => {
    const [e] = await tx.select().from(escalations).where(eq(escalations.id, id)).for("update");
    if (!e) throw new ApiError("NOT_FOUND", "There is no such escalation.");
    const [t] = await tx.select({ tid: tickets.tid }).from(tickets).where(eq(tickets.id, e.ticketId));
    if (e.handledAt) return { id, tid: t!.tid, handledAt: e.handledAt.toISOString(), handledBy: e.handledBy, changed: false };
    const now = deps.now();
    await tx.update(escalations).set({ handledAt: now, handledBy: by.staffId }).where(eq(escalations.id, id));
    await recordEvents(tx, {
      ticketId: e.ticketId, type: "escalation-handled", actor: by.actor,
      data: { escalationId: id, target: e.target, note: note ?? null }, createdAt: now,
    });
    return { id, tid: t!.tid, handledAt: now.toISOString(), handledBy: by.staffId, changed: true };
  });
}

/**
 * Tickets still being worked that broke their maximum response time: marked breached, or past the
 * maximum without a first response (before the SLA watch got to them). Most overdue first.
 */
export async function breachedTickets(deps: Pick<Deps, "db" | "now">, limit: number): Promise<BreachedTicket[]> {
  const assignee = alias(staff, "assignee");
  const active = statusIn(ACTIVE_STATUSES, "tickets");
  const now = deps.now().toISOString();
  const rows = await deps.db
    .select({
      tid: tickets.tid, subject: tickets.subject, status: tickets.status, slaLevel: tickets.slaLevel, urgent: tickets.urgent,
      requesterEmail: requesters.email, receivedAt: tickets.receivedAt, responseTargetAt: tickets.responseTargetAt,
      responseDueAt: tickets.responseDueAt, firstResponseAt: tickets.firstResponseAt, answeredAt: tickets.answeredAt, breached: tickets.breached,
      assigneeId: assignee.id, assigneeEmail: assignee.email, assigneeName: assignee.name,
    })
    .from(tickets)
    .innerJoin(requesters, eq(requesters.id, tickets.requesterId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
    .where(and(active, sql`(${tickets.breached} or (${tickets.answeredAt} is null and ${tickets.responseDueAt} < ${now}::timestamptz))`))
    .orderBy(sql`${tickets.responseDueAt} asc nulls last`, asc(tickets.receivedAt), asc(tickets.id))
    .limit(limit);
  return rows.map((r) => ({
    tid: r.tid, subject: r.subject, status: r.status, slaLevel: r.slaLevel, urgent: r.urgent, requesterEmail: r.requesterEmail,
    receivedAt: r.receivedAt.toISOString(), responseTargetAt: iso(r.responseTargetAt), responseDueAt: iso(r.responseDueAt),
    firstResponseAt: iso(r.firstResponseAt), answeredAt: iso(r.answeredAt), breached: r.breached || r.answeredAt === null,
    assignee: r.assigneeId === null ? null : { id: r.assigneeId, email: r.assigneeEmail!, name: r.assigneeName },
  }));
}
