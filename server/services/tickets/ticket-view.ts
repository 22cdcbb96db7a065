import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { attachments, messages, requesters, staff, tickets } from "../../db/schema";
import { kbArticlePath } from "../../../shared/api/kb";
import { ticketArticles } from "../kb/feedback";

/**
 * A ticket as its reader may see it: staff see internal notes, the requester does not. Attachment
 * URLs carry the requester's token so the links in the page keep working for them.
 */
export async function findTicketView(db: Db, tid: string, opts: { includeInternal: boolean; token?: string }) {
  const [t] = await db
    .select({ ticket: tickets, email: requesters.email, name: requesters.name, assignee: staff.email })
    .from(tickets)
    .innerJoin(requesters, eq(requesters.id, tickets.requesterId))
    .leftJoin(staff, eq(staff.id, tickets.assigneeId))
    .where(eq(tickets.tid, tid));
  if (!t) return null;
  const msgs = await db
    .select()
    .from(messages)
    .where(opts.includeInternal ? eq(messages.ticketId, t.ticket.id) : and(eq(messages.ticketId, t.ticket.id), eq(messages.visibility, "public")))
    // By time: messages migration 0010 took from older events have later ids than their neighbours.
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const files = await db.select().from(attachments).where(eq(attachments.ticketId, t.ticket.id)).orderBy(asc(attachments.createdAt), asc(attachments.id));
  const suffix = opts.token ? `?token=${encodeURIComponent(opts.token)}` : "";
  const visibleMessageIds = new Set(msgs.map((m) => m.id));
  const fileView = files
    .filter((f) => f.messageId === null || visibleMessageIds.has(f.messageId))
    .map((f) => ({
      id: f.id, messageId: f.messageId, kind: f.kind, fileName: f.fileName, contentType: f.contentType, size: f.size,
      createdAt: f.createdAt.toISOString(), url: `/api/v1/tickets/${tid}/attachments/${f.id}${suffix}`,
    }));
  const tk = t.ticket;
  return {
    ...(opts.includeInternal ? { kbArticles: seenArticles(await ticketArticles({ db }, tk.id)) } : {}),
    tid: tk.tid,
    status: tk.status,
    channel: tk.channel,
    subject: tk.subject,
    description: tk.description,
    steps: tk.steps,
    url: tk.url,
    docLink: tk.docLink,
    productVersion: tk.productVersion,
    edition: tk.edition,
    urgent: tk.urgent,
    locale: tk.locale,
    // Who works on it is the support side's business; the client sees only that someone does.
    ...(opts.includeInternal ? { assignee: t.assignee } : {}),
    // The client's browser details are for diagnosis by staff (CONTRACT §9): not shown back to the client.
    ...(opts.includeInternal ? { environment: tk.environment ?? null } : {}),
    slaLevel: tk.slaLevel,
    receivedAt: tk.receivedAt.toISOString(),
    responseTargetAt: tk.responseTargetAt?.toISOString() ?? null,
    responseDueAt: tk.responseDueAt?.toISOString() ?? null,
    firstResponseAt: tk.firstResponseAt?.toISOString() ?? null,
    // The answer to the clock that runs now: differs from firstResponseAt once a ticket was reopened.
    answeredAt: tk.answeredAt?.toISOString() ?? null,
    slaStartedAt: tk.slaStartedAt.toISOString(),
    requester: { email: t.email, name: t.name },
    messages: msgs.map((m) => ({
      id: m.id, kind: m.kind, authorKind: m.authorKind, authorEmail: m.authorEmail, visibility: m.visibility, channel: m.channel,
      body: m.body, createdAt: m.createdAt.toISOString(),
      attachmentIds: fileView.filter((f) => f.messageId === m.id).map((f) => f.id),
    })),
    attachments: fileView,
  };
}

/** The articles the widget showed the client before they wrote, one row each, opened ones marked. */
function seenArticles(refs: Awaited<ReturnType<typeof ticketArticles>>) {
  const byId = new Map<number, { slug: string; locale: string; title: string; url: string; shown: boolean; opened: boolean; linked: boolean }>();
  for (const r of refs) {
    const a = byId.get(r.articleId) ?? { slug: r.slug, locale: r.locale, title: r.title, url: kbArticlePath(r.locale, r.slug), shown: false, opened: false, linked: false };
    if (r.kind === "shown") a.shown = true;
    if (r.kind === "opened") a.opened = true;
    if (r.kind === "linked") a.linked = true;
    byId.set(r.articleId, a);
  }
  return [...byId.values()];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An attachment of the ticket; files on internal notes only for staff. */
export async function findAttachment(db: Db, tid: string, id: string, includeInternal: boolean) {
  if (!UUID.test(id)) return null;
  const [row] = await db
    .select({ sha256: attachments.sha256, fileName: attachments.fileName, contentType: attachments.contentType, visibility: messages.visibility })
    .from(attachments)
    .innerJoin(tickets, eq(tickets.id, attachments.ticketId))
    .leftJoin(messages, eq(messages.id, attachments.messageId))
    .where(and(eq(attachments.id, id), eq(tickets.tid, tid)));
  if (!row || (row.visibility === "internal" && !includeInternal)) return null;
  return row;
}
