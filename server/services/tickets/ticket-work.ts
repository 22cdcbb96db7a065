import { and, asc, desc, eq } from "drizzle-orm";
import { SLA_LEVELS } from "../../../shared/sla";
import type { Deps } from "../../deps";
import { attachments, staff, ticketEvents, tickets } from "../../db/schema";
import { isDone, WAITING_ON_CLIENT } from "../../../shared/ticket-status";
import type { TicketEventView } from "../../../shared/events";
import { recordEvents } from "./ticket-events";
import { explainDue } from "../../domain/sla/explain";
import { HOUR_MS } from "../../domain/sla/due";
import { parsePhpinfo } from "../../domain/phpinfo/parse";
import { ApiError } from "../../errors";
import { requestInformation } from "../../mail/templates/index";
import { ticketLink } from "../mail/acknowledgement";
import { enqueueMail } from "../mail/outbox";
import { pausesSince } from "../calendar/sla-clock";
import { readBlob } from "../../storage/blob-store";
import { lockTicket } from "./ticket-lookup";
import { applyStatusChange } from "./ticket-status";
import { recordMessage } from "./conversation-message";
import { requestInfoBody } from "../../../shared/messages";
import { localDate } from "../../domain/sla/local-date";
import { handOverEntitlement } from "./handover-entitlement";

/**
 * The audit trail of one ticket, oldest first. Typed by the event union without parsing each
 * row: rows are written only through ticket-events.ts, which checks them against the same schemas.
 */
export async function ticketHistory(deps: Deps, tid: string): Promise<TicketEventView[]> {
  const [t] = await deps.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.tid, tid));
  if (!t) throw new ApiError("NOT_FOUND", `There is no ticket TID#${tid}.`);
  const rows = await deps.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, t.id)).orderBy(asc(ticketEvents.id));
  return rows.map((e) => ({ id: e.id, type: e.type, actor: e.actor, data: e.data, at: e.createdAt.toISOString() }) as TicketEventView);
}

/** How the ticket's due time was reached, as lines a person can read (issue 3: the SLA trace). */
export async function slaExplanation(deps: Deps, tid: string) {
  const cal = await deps.calendar();
  return deps.db.transaction(async (tx) => {
    const t = await lockTicket(tx, tid);
    const def = SLA_LEVELS[t.slaLevel];
    const pauses = await pausesSince(tx, t.id, t.slaStartedAt);
    const duration = def.calendarDays ? { calendarDays: def.calendarDays } : (def.maxHours ?? 0) * HOUR_MS;
    const { due, trace } = explainDue(t.slaStartedAt, duration, cal, pauses);
    const developmentHandOver = await handOverEntitlement(tx, t, localDate(deps.now(), cal.timeZone));
    return {
      tid, level: t.slaLevel, levelLabel: def.labelEn, startedAt: t.slaStartedAt.toISOString(),
      targetAt: t.responseTargetAt?.toISOString() ?? null, dueAt: due?.toISOString() ?? null,
      paused: pauses.some((p) => p.to === null), firstResponseAt: t.firstResponseAt?.toISOString() ?? null, trace,
      developmentHandOver,
    };
  });
}

/** The server configuration the client sent (SLA 4.8), as a table; the newest one wins. */
export async function phpinfoTable(deps: Deps, tid: string) {
  const [row] = await deps.db
    .select({ sha: attachments.sha256 })
    .from(attachments)
    .innerJoin(tickets, eq(tickets.id, attachments.ticketId))
    .where(and(eq(tickets.tid, tid), eq(attachments.kind, "phpinfo")))
    .orderBy(desc(attachments.createdAt), desc(attachments.id))
    .limit(1);
  if (!row) throw new ApiError("NOT_FOUND", "This ticket came without server configuration (phpinfo).");
  const bytes = await readBlob(deps.blobs, row.sha);
  if (!bytes) throw new ApiError("NOT_FOUND", "The phpinfo of this ticket is no longer stored.");
  return { tid, sections: parsePhpinfo(bytes.toString("utf8")) };
}

/**
 * Staff ask the client for what is missing (SLA 4.11): the ticket waits on the client, its clock
 * stops, and the client gets a mail saying what we need, threaded under the TID.
 */
export async function requestInfo(deps: Deps, tid: string, by: string, body: string, missing: string[]) {
  const cal = await deps.calendar();
  return deps.db.transaction(async (tx) => {
    const t = await lockTicket(tx, tid);
    if (isDone(t.status)) throw new ApiError("NOT_ALLOWED_NOW", "Reopen the ticket before asking the client for information.");
    const now = deps.now();
    const r = await applyStatusChange(tx, cal, t, { status: WAITING_ON_CLIENT, actor: by, reason: missing.length ? `missing: ${missing.join(", ")}` : "information requested" }, now);
    // The client reads the request in the conversation too, not only in the mail (SLA 4.5).
    await recordMessage(tx, { ticketId: t.id, kind: "request-info", authorKind: "staff", authorEmail: by, channel: "portal", body: requestInfoBody(body, missing), at: now });
    const mail = requestInformation({ tid, subject: t.subject, body, missing, ticketUrl: ticketLink(deps, tid), locale: t.locale });
    await enqueueMail(tx, deps, { ticketId: t.id, tid, kind: "request-information", to: t.requesterEmail, ...mail, automatic: false });
    return { tid, status: r.status, responseTargetAt: r.responseTargetAt?.toISOString() ?? null, responseDueAt: r.responseDueAt?.toISOString() ?? null };
  });
}

/** Assigns a ticket to a staff member (or nobody); recorded as an event. */
export async function assignTicket(deps: Deps, tid: string, by: string, email: string | null) {
  return deps.db.transaction(async (tx) => {
    const t = await lockTicket(tx, tid);
    let assignee: { id: number; email: string } | null = null;
    if (email) {
      const [s] = await tx.select({ id: staff.id, email: staff.email }).from(staff).where(and(eq(staff.email, email.toLowerCase()), eq(staff.disabled, false)));
      if (!s) throw new ApiError("VALIDATION_FAILED", `There is no active staff member ${email}.`, { field: "email" });
      assignee = s;
    }
    await tx.update(tickets).set({ assigneeId: assignee?.id ?? null, updatedAt: deps.now() }).where(eq(tickets.id, t.id));
    await recordEvents(tx, { ticketId: t.id, type: "assigned", actor: by, data: { to: assignee?.email ?? null }, createdAt: deps.now() });
    return { tid, assignee: assignee?.email ?? null };
  });
}
