import { eq } from "drizzle-orm";
import type { Deps } from "../../deps";
import { escalations, licenses, ratings } from "../../db/schema";
import type { EscalationTarget } from "../../../shared/roles";
import { isDone } from "../../../shared/ticket-status";
import { recordEvents } from "./ticket-events";
import { ApiError } from "../../errors";
import { escalationReceived } from "../../mail/templates/index";
import { ticketLink } from "../mail/acknowledgement";
import { enqueueMail } from "../mail/outbox";
import { lockTicket } from "./ticket-lookup";
import { applyStatusChange } from "./ticket-status";
import { reopened as reopenedTemplate } from "../../mail/templates/index";
import { recordMessage } from "./conversation-message";
import { RATING_VISIBILITY, ratingBody } from "../../../shared/messages";

/** The client reopens a ticket closed too early (SLA 5); its clock starts again from now. */
export async function reopenTicket(deps: Deps, tid: string, by: string, reason: string) {
  const cal = await deps.calendar();
  return deps.db.transaction(async (tx) => {
    const t = await lockTicket(tx, tid);
    if (!isDone(t.status)) throw new ApiError("NOT_ALLOWED_NOW", "Only a resolved or closed ticket can be reopened; this one is still being worked on.");
    const now = deps.now();
    const r = await applyStatusChange(tx, cal, t, { status: "open", actor: `requester:${by}`, reason }, now);
    await recordMessage(tx, { ticketId: t.id, kind: "reopen", authorKind: "requester", authorEmail: by, channel: "portal", body: reason, at: now });
    const mail = reopenedTemplate({ tid, subject: t.subject, dueAt: r.responseDueAt, timeZone: cal.timeZone, ticketUrl: ticketLink(deps, tid), locale: t.locale });
    await enqueueMail(tx, deps, { ticketId: t.id, tid, kind: "reopened", to: t.requesterEmail, ...mail });
    return { tid, status: r.status, responseDueAt: r.responseDueAt?.toISOString() ?? null };
  });
}

/**
 * A vote on a resolved ticket is stored unconfirmed; only the second step counts it. Mail link
 * scanners follow links but do not submit the confirmation, so they cannot vote.
 */
export async function rateTicket(deps: Deps, tid: string, by: string, score: number, comment: string | undefined) {
  return deps.db.transaction(async (tx) => {
    const t = await lockTicket(tx, tid);
    if (!isDone(t.status)) throw new ApiError("NOT_ALLOWED_NOW", "A ticket can be rated once it is resolved.");
    await tx.insert(ratings).values({ ticketId: t.id, score, comment: comment ?? null, byEmail: by, createdAt: deps.now() })
      .onConflictDoUpdate({ target: ratings.ticketId, set: { score, comment: comment ?? null, byEmail: by, confirmedAt: null } });
    return { tid, score, confirmed: false };
  });
}

export async function confirmRating(deps: Deps, tid: string, by: string) {
  return deps.db.transaction(async (tx) => {
    const t = await lockTicket(tx, tid);
    const [r] = await tx.select().from(ratings).where(eq(ratings.ticketId, t.id));
    if (!r) throw new ApiError("NOT_ALLOWED_NOW", "There is no vote to confirm: choose a rating first.");
    if (!r.confirmedAt) {
      const now = deps.now();
      await tx.update(ratings).set({ confirmedAt: now }).where(eq(ratings.ticketId, t.id));
      await recordEvents(tx, { ticketId: t.id, type: "rated", actor: `requester:${by}`, data: { score: r.score, comment: r.comment }, createdAt: now });
      await recordMessage(tx, {
        ticketId: t.id, kind: "rating", authorKind: "requester", authorEmail: by, channel: "portal",
        body: ratingBody(r.score, r.comment), visibility: RATING_VISIBILITY, at: now,
      });
    }
    return { tid, score: r.score, confirmed: true };
  });
}

/** The client asks the supervisor or their account manager to look at the ticket (SLA 5). */
export async function escalateTicket(deps: Deps, tid: string, by: string, target: EscalationTarget, reason: string) {
  return deps.db.transaction(async (tx) => {
    const t = await lockTicket(tx, tid);
    const now = deps.now();
    const [e] = await tx.insert(escalations).values({ ticketId: t.id, target, reason, byEmail: by, createdAt: now }).returning({ id: escalations.id });
    await recordEvents(tx, { ticketId: t.id, type: "escalated", actor: `requester:${by}`, data: { target, reason, escalationId: e!.id }, createdAt: now });
    await recordMessage(tx, { ticketId: t.id, kind: "escalation", authorKind: "requester", authorEmail: by, channel: "portal", body: reason, at: now });
    let to = deps.config.slaAlertEmail;
    if (target === "account-manager" && t.licenseId) {
      const [l] = await tx.select({ am: licenses.accountManagerEmail }).from(licenses).where(eq(licenses.id, t.licenseId));
      to = l?.am ?? to;
    }
    await enqueueMail(tx, deps, {
      ticketId: t.id, tid, kind: "escalation", to, internal: true,
      subject: `[TID#${tid}] Escalation (${target}): ${t.subject}`, text: `${by} escalated TID#${tid} to the ${target}:\n\n${reason}\n\n${deps.config.publicUrl}/console/t/${tid}`,
    });
    const ack = escalationReceived({ tid, subject: t.subject, to: target, ticketUrl: ticketLink(deps, tid), locale: t.locale });
    await enqueueMail(tx, deps, { ticketId: t.id, tid, kind: "escalation-received", to: by, ...ack });
    return { id: e!.id, tid, target };
  });
}
