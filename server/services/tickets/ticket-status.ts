import { and, eq, isNull } from "drizzle-orm";
import type { Deps } from "../../deps";
import type { Tx } from "../../db/client";
import type { BusinessCalendar } from "../../domain/sla/calendar";
import { slaPauses, tickets } from "../../db/schema";
import { isDone, WAITING_ON_CLIENT, type TicketStatus } from "../../../shared/ticket-status";
import { recordEvents } from "./ticket-events";
import { ApiError } from "../../errors";
import { recomputeSla } from "../calendar/sla-clock";
import { purgeCredentials } from "./credentials";
import { resolved as resolvedTemplate } from "../../mail/templates/index";
import { ticketLink } from "../mail/acknowledgement";
import { enqueueMail } from "../mail/outbox";
import { lockTicket } from "./ticket-lookup";

/**
 * Moves a ticket to a new status and keeps the SLA clock true to it (CONTRACT §5): entering
 * `pending-client` opens a pause, leaving it closes the pause; reopening a resolved or closed ticket
 * starts a new clock from the reopening (firstResponseAt is kept; answeredAt waits for the new
 * answer). Every change is an event with who and why.
 */
export async function changeStatus(
  deps: Pick<Deps, "db" | "now" | "calendar" | "secret" | "config">,
  tid: string,
  change: { status: TicketStatus; actor: string; reason?: string },
) {
  if (change.status === "new") throw new ApiError("VALIDATION_FAILED", "A ticket cannot be set back to new.", { field: "status" });
  if (change.status === "in-development") {
    throw new ApiError("VALIDATION_FAILED", "Hand a ticket to development by changing its level to development.", { field: "status" });
  }
  const cal = await deps.calendar();
  return deps.db.transaction(async (tx) => {
    const t = await lockTicket(tx, tid);
    const r = await applyStatusChange(tx, cal, t, change, deps.now());
    if (r.changed && change.status === "resolved") {
      const mail = resolvedTemplate({
        tid, subject: t.subject, ratingUrl: `${ticketLink(deps, tid)}&rate=1`, ticketUrl: ticketLink(deps, tid),
        hadCredentials: r.purgedCredentials > 0, reopenDays: deps.config.mailReopenDays, locale: t.locale,
      });
      await enqueueMail(tx, deps, { ticketId: t.id, tid, kind: "resolved", to: t.requesterEmail, ...mail });
    }
    return r;
  });
}

/**
 * The status change itself, inside the caller's transaction on a locked ticket row; the mail and
 * portal reply flows call it when a client's answer resumes or reopens a ticket.
 */
export async function applyStatusChange(
  tx: Tx,
  cal: BusinessCalendar,
  t: Awaited<ReturnType<typeof lockTicket>>,
  change: { status: TicketStatus; actor: string; reason?: string },
  now: Date,
) {
  const tid = t.tid;
  const from = t.status;
  if (from === change.status) return { tid, status: from, responseTargetAt: t.responseTargetAt, responseDueAt: t.responseDueAt, changed: false, reopened: false, purgedCredentials: 0 };

  if (change.status === WAITING_ON_CLIENT) {
    await tx.insert(slaPauses).values({ ticketId: t.id, startedAt: now, reason: change.reason ?? "waiting for the client" });
  }
  if (from === WAITING_ON_CLIENT) {
    await tx.update(slaPauses).set({ endedAt: now }).where(and(eq(slaPauses.ticketId, t.id), isNull(slaPauses.endedAt)));
  }
  const reopening = isDone(from) && !isDone(change.status);
  const patch: Partial<typeof tickets.$inferInsert> = { status: change.status, updatedAt: now, closedAt: change.status === "closed" ? now : null };
  if (reopening) {
    // A reopened ticket is a new request for a response: its clock starts now (SLA 5) and waits
    // for an answer of its own. The first response stays: it happened, and reports count it.
    Object.assign(patch, { slaStartedAt: now, answeredAt: null, targetWarnedAt: null, breachedAt: null, breached: false });
  }
  await tx.update(tickets).set(patch).where(eq(tickets.id, t.id));
  const times = await recomputeSla(tx, { id: t.id, slaLevel: t.slaLevel, slaStartedAt: reopening ? now : t.slaStartedAt }, cal);
  // SLA 4.3: once the problem is resolved we hold no logins of the client's any more (the
  // resolved mail says so and asks the client to change them).
  const purged = isDone(change.status) ? await purgeCredentials(tx, t.id, change.actor, now) : 0;
  await recordEvents(tx, {
    ticketId: t.id,
    type: reopening ? "reopened" : "status-changed",
    actor: change.actor,
    data: {
      from, to: change.status, reason: change.reason ?? null,
      responseTargetAt: times.targetAt?.toISOString() ?? null, responseDueAt: times.dueAt?.toISOString() ?? null,
    },
    createdAt: now,
  });
  return { tid, status: change.status, responseTargetAt: times.targetAt, responseDueAt: times.dueAt, changed: true, reopened: reopening, purgedCredentials: purged };
}
