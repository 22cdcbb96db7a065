import { eq } from "drizzle-orm";
import type { Deps } from "../../deps";
import { messages, ticketParticipants, tickets } from "../../db/schema";
import { recordEvents } from "./ticket-events";
import { staffReply as staffReplyTemplate } from "../../mail/templates/index";
import { ticketLink } from "../mail/acknowledgement";
import { enqueueMail } from "../mail/outbox";
import { lockTicket } from "./ticket-lookup";
import { applyStatusChange } from "./ticket-status";
import { recordLinkedArticles } from "../kb/linked-articles";

/**
 * A staff answer or internal note. A public answer is mailed to the requester and everyone copied
 * (threaded under the ticket's TID), records the first response for the SLA, and moves a new
 * ticket to open; an internal note is seen by staff only.
 */
export async function addStaffMessage(deps: Deps, tid: string, m: { body: string; visibility: "public" | "internal"; actor: string; agentName: string }) {
  const cal = await deps.calendar();
  return deps.db.transaction(async (tx) => {
    const t = await lockTicket(tx, tid);
    const now = deps.now();
    const [row] = await tx.insert(messages).values({
      ticketId: t.id, kind: m.visibility === "public" ? "message" : "note", authorKind: "staff", authorEmail: m.actor, visibility: m.visibility, channel: "portal", body: m.body, createdAt: now,
    }).returning({ id: messages.id });
    await recordEvents(tx, { ticketId: t.id, type: m.visibility === "public" ? "staff-replied" : "internal-note", actor: m.actor, data: { messageId: row!.id }, createdAt: now });
    if (m.visibility === "internal") return { messageId: row!.id, mailed: 0 };
    // The help center articles the answer links to count for the "most referenced" report (issue 16).
    await recordLinkedArticles(tx, t.id, m.body, now);
    if (!t.answeredAt) {
      // Answered after the maximum: the breach stays on record even if the watch had not run yet.
      const late = Boolean(t.responseDueAt && now > t.responseDueAt);
      // The first response is set once and kept; answeredAt answers the clock that runs now.
      await tx.update(tickets).set({ firstResponseAt: t.firstResponseAt ?? now, answeredAt: now, breached: t.breached || late, updatedAt: now }).where(eq(tickets.id, t.id));
    }
    if (t.status === "new") await applyStatusChange(tx, cal, t, { status: "open", actor: m.actor, reason: "first answer" }, now);
    const people = await tx.select({ email: ticketParticipants.email }).from(ticketParticipants).where(eq(ticketParticipants.ticketId, t.id));
    const mail = staffReplyTemplate({ tid, subject: t.subject, body: m.body, agentName: m.agentName, ticketUrl: ticketLink(deps, tid), locale: t.locale });
    for (const p of people) {
      await enqueueMail(tx, deps, { ticketId: t.id, tid, kind: "staff-reply", to: p.email, ...mail, automatic: false });
    }
    return { messageId: row!.id, mailed: people.length };
  });
}
